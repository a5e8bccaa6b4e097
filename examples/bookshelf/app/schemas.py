"""Request and response bodies (Pydantic v2)."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class ORMModel(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"


class UserOut(ORMModel):
    id: uuid.UUID
    email: str
    full_name: str
    created_at: datetime


class UserRef(ORMModel):
    id: uuid.UUID
    full_name: str


class AuthorRef(ORMModel):
    id: uuid.UUID
    name: str


class AuthorOut(AuthorRef):
    bio: str | None


class BookSummary(ORMModel):
    """A book in a list: its author's name and how many reviews it has."""

    id: uuid.UUID
    title: str
    published_year: int | None
    author: AuthorRef
    review_count: int


class AuthorBooks(BaseModel):
    author: AuthorOut
    books: list[BookSummary]


class ReviewCreate(BaseModel):
    rating: int = Field(ge=1, le=5)
    body: str = Field(default="", max_length=5000)


class ReviewOut(ORMModel):
    id: uuid.UUID
    book_id: uuid.UUID
    rating: int
    body: str
    created_at: datetime
    user: UserRef


class BookDetail(ORMModel):
    """One book with its tags, review statistics and its most recent reviews."""

    id: uuid.UUID
    title: str
    isbn: str | None
    published_year: int | None
    author: AuthorRef
    tags: list[str]
    review_count: int
    average_rating: float | None
    reviews: list[ReviewOut]


class Health(BaseModel):
    status: str
    database: str
