from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, status

from app import crud
from app.deps import CurrentUser, SessionDep
from app.schemas import BookDetail, BookSummary, ReviewCreate, ReviewOut

router = APIRouter(prefix="/books", tags=["books"])


def _not_found() -> HTTPException:
    return HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="Book not found")


@router.get("", response_model=list[BookSummary])
async def list_books(
    session: SessionDep,
    _user: CurrentUser,
    skip: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> list[BookSummary]:
    return await crud.list_books(session, skip=skip, limit=limit)


@router.get("/{book_id}", response_model=BookDetail)
async def get_book(book_id: uuid.UUID, session: SessionDep, _user: CurrentUser) -> BookDetail:
    book = await crud.get_book_detail(session, book_id)
    if book is None:
        raise _not_found()
    return book


@router.post("/{book_id}/reviews", response_model=ReviewOut, status_code=status.HTTP_201_CREATED)
async def create_review(
    book_id: uuid.UUID, body: ReviewCreate, session: SessionDep, user: CurrentUser
) -> ReviewOut:
    if not await crud.book_exists(session, book_id):
        raise _not_found()
    return await crud.create_review(session, book_id=book_id, user=user, data=body)
