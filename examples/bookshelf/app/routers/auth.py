from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, status
from fastapi.concurrency import run_in_threadpool
from fastapi.security import OAuth2PasswordRequestForm

from app import crud
from app.config import get_settings
from app.deps import SessionDep, SettingsDep
from app.schemas import Token
from app.security import create_access_token, hash_password, verify_password

router = APIRouter(prefix="/auth", tags=["auth"])

# Checked when the e-mail is unknown, so that both failures take about the same time.
_DUMMY_HASH = hash_password("not a password", rounds=get_settings().bcrypt_rounds)


@router.post("/token", response_model=Token)
async def login(
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
    session: SessionDep,
    settings: SettingsDep,
) -> Token:
    """OAuth2 password flow: `username` is the user's e-mail."""
    user = await crud.get_user_by_email(session, form.username.strip().lower())
    # bcrypt is CPU-bound: keep it off the event loop
    ok = await run_in_threadpool(
        verify_password, form.password, user.hashed_password if user else _DUMMY_HASH
    )
    if user is None or not ok or not user.is_active:
        raise HTTPException(
            status_code=status.HTTP_401_UNAUTHORIZED,
            detail="Incorrect email or password",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return Token(access_token=create_access_token(user.id, settings))
