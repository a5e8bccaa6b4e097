from __future__ import annotations

import uuid

from fastapi import APIRouter, HTTPException, status

from app import crud
from app.deps import CurrentUser, SessionDep
from app.schemas import AuthorBooks, AuthorOut

router = APIRouter(prefix="/authors", tags=["authors"])


@router.get("/{author_id}/books", response_model=AuthorBooks)
async def author_books(
    author_id: uuid.UUID, session: SessionDep, _user: CurrentUser
) -> AuthorBooks:
    author = await crud.get_author(session, author_id)
    if author is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="Author not found")
    books = await crud.list_author_books(session, author)
    return AuthorBooks(author=AuthorOut.model_validate(author), books=books)
