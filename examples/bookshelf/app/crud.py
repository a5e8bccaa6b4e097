"""Database access for the routes.

Where an N+1 would go
---------------------
`list_books()` (behind `GET /books`) returns each book with its author's name and its number of
reviews in ONE statement: the author by `joinedload(Book.author, innerjoin=True)`, the review
count as a correlated scalar subquery in the select list (an index-only count per book of the
page, on `ix_reviews_book_id_created_at`), the page itself by a subquery of ids. The last line
of `list_books()` is

    return [_summary(book, review_count) for book, review_count in rows]

Changing that one line to count each book's reviews on its own,

    return [_summary(book, await count_reviews(session, book.id)) for book, _ in rows]

is the classic N+1: one query for the page plus one `SELECT count(reviews.id) FROM reviews
WHERE reviews.book_id = $1` per book (20 by default, up to 100 with `?limit=100`).

A second one, on the author: delete the `.options(joinedload(...))` line of `list_books()` and
load each book's author lazily (a plain `book.author` raises MissingGreenlet under asyncio):

    return [_summary(book, n, await book.awaitable_attrs.author) for book, n in rows]

Every author not yet in the session's identity map then costs a `SELECT ... FROM authors WHERE
authors.id = $1` (19 of them for the 20 books of a typical page of the default data).
"""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, selectinload

from app.models import Author, Book, Review, User
from app.schemas import AuthorRef, BookDetail, BookSummary, ReviewCreate, ReviewOut, UserRef

RECENT_REVIEWS = 20


def _review_count_column():
    """`(SELECT count(*) FROM reviews WHERE reviews.book_id = books.id)`, per selected book."""
    return (
        select(func.count(Review.id))
        .where(Review.book_id == Book.id)
        .correlate(Book)
        .scalar_subquery()
        .label("review_count")
    )


def _summary(book: Book, review_count: int, author: Author | None = None) -> BookSummary:
    """`book.author` must be loaded already (or `author` given): under asyncio a lazy load
    raises MissingGreenlet instead of querying."""
    return BookSummary(
        id=book.id,
        title=book.title,
        published_year=book.published_year,
        author=AuthorRef.model_validate(author or book.author),
        review_count=review_count,
    )


async def get_user_by_email(session: AsyncSession, email: str) -> User | None:
    return await session.scalar(select(User).where(User.email == email))


async def count_reviews(session: AsyncSession, book_id: uuid.UUID) -> int:
    """One book's number of reviews: what the N+1 variant of `list_books()` calls per book."""
    return await session.scalar(select(func.count(Review.id)).where(Review.book_id == book_id))


async def list_books(session: AsyncSession, *, skip: int, limit: int) -> list[BookSummary]:
    """A page of books by title, each with its author and review count (see the module doc)."""
    # The page's ids first, so the review counts are computed for `limit` rows only (a subquery
    # in the select list of an OFFSET query runs for the skipped rows as well).
    page = select(Book.id).order_by(Book.title, Book.id).offset(skip).limit(limit).subquery()
    stmt = (
        select(Book, _review_count_column())
        .join(page, page.c.id == Book.id)
        .options(joinedload(Book.author, innerjoin=True))
        .order_by(Book.title, Book.id)
    )
    rows = (await session.execute(stmt)).all()
    return [_summary(book, review_count) for book, review_count in rows]


async def get_author(session: AsyncSession, author_id: uuid.UUID) -> Author | None:
    return await session.get(Author, author_id)


async def list_author_books(session: AsyncSession, author: Author) -> list[BookSummary]:
    """All books of one author, newest first, with their review counts."""
    stmt = (
        select(Book, _review_count_column())
        .where(Book.author_id == author.id)
        .order_by(Book.published_year.desc().nulls_last(), Book.title, Book.id)
    )
    rows = (await session.execute(stmt)).all()
    return [_summary(book, review_count, author) for book, review_count in rows]


async def get_book_detail(session: AsyncSession, book_id: uuid.UUID) -> BookDetail | None:
    book = await session.get(
        Book, book_id, options=[joinedload(Book.author), selectinload(Book.tags)]
    )
    if book is None:
        return None
    review_count, average = (
        await session.execute(
            select(func.count(Review.id), func.avg(Review.rating)).where(Review.book_id == book_id)
        )
    ).one()
    recent = await session.scalars(
        select(Review)
        .options(joinedload(Review.user))
        .where(Review.book_id == book_id)
        .order_by(Review.created_at.desc(), Review.id.desc())
        .limit(RECENT_REVIEWS)
    )
    return BookDetail(
        id=book.id,
        title=book.title,
        isbn=book.isbn,
        published_year=book.published_year,
        author=AuthorRef.model_validate(book.author),
        tags=sorted(tag.name for tag in book.tags),
        review_count=review_count,
        average_rating=round(float(average), 2) if average is not None else None,
        reviews=[ReviewOut.model_validate(review) for review in recent],
    )


async def book_exists(session: AsyncSession, book_id: uuid.UUID) -> bool:
    return await session.scalar(select(Book.id).where(Book.id == book_id)) is not None


async def create_review(
    session: AsyncSession, *, book_id: uuid.UUID, user: User, data: ReviewCreate
) -> ReviewOut:
    review = Review(book_id=book_id, user_id=user.id, rating=data.rating, body=data.body)
    session.add(review)
    await session.commit()  # INSERT ... RETURNING created_at (eager_defaults on Review)
    return ReviewOut(
        id=review.id,
        book_id=review.book_id,
        rating=review.rating,
        body=review.body,
        created_at=review.created_at,
        user=UserRef.model_validate(user),
    )
