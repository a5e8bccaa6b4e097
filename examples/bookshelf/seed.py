"""Load deterministic sample data into an empty, migrated Bookshelf database.

Run from examples/bookshelf/ with the same BOOKSHELF_DB_* variables as the app:

    alembic upgrade head
    python seed.py                  # default: 200 authors, 5,000 books, 50,000 reviews, 500 users
    python seed.py --size small     # 20 authors, 300 books, 3,000 reviews, 50 users
    python seed.py --scale 2        # every count of the chosen size times 2
    python seed.py --reset          # empty the tables first

The same --seed (default 42) gives the same rows (ids, names, ratings, timestamps); only the
bcrypt salt of the password hash differs between runs. Every user's password is `bookshelf`;
the first user is reader@example.com (the others are user0001@example.com, ...). The hash is
computed once (cost BOOKSHELF_BCRYPT_ROUNDS) and shared, so seeding does not pay bcrypt per user.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncConnection, create_async_engine

from app.config import get_settings
from app.models import Author, Book, Review, Tag, User, book_tags
from app.security import hash_password

KNOWN_EMAIL = "reader@example.com"
KNOWN_PASSWORD = "bookshelf"


@dataclass(frozen=True)
class Sizes:
    authors: int
    books: int
    reviews: int
    users: int
    tags: int

    def scaled(self, factor: float) -> Sizes:
        def s(n: int) -> int:
            return max(1, round(n * factor))

        return Sizes(s(self.authors), s(self.books), s(self.reviews), s(self.users), self.tags)


SIZES = {
    "small": Sizes(authors=20, books=300, reviews=3_000, users=50, tags=20),
    "default": Sizes(authors=200, books=5_000, reviews=50_000, users=500, tags=30),
}


def _words(text: str) -> list[str]:
    return text.split()


FIRST = _words(
    """
    Ada Alan Alice Amara Ana Ben Carla Chen Dara David Elena Emil Farah Felix Grace Hana Ines
    Ivan Jonas Julia Kai Kenji Lara Leo Lina Marco Maya Nadia Noah Olga Omar Priya Rafael Rosa
    Sam Sara Tomas Uma Victor Wen Yara Zoe
    """
)
LAST = _words(
    """
    Abbott Baker Castillo Dubois Eriksen Fischer Garcia Haddad Ito Jensen Kowalski Lindqvist
    Moreau Nakamura Okafor Petrov Quinn Rossi Schmidt Tanaka Uddin Varga Watanabe Xu Yilmaz
    Zielinski
    """
)
ADJECTIVES = _words(
    """
    Silent Hidden Last Broken Golden Distant Forgotten Burning Quiet Crimson Northern Endless
    Hollow Secret Wandering Lost Bright Winter Salt Paper Iron Glass
    """
)
NOUNS = _words(
    """
    Garden River City Archive Orchard Harbor Mountain Library Signal Lighthouse Kingdom Forest
    Island Engine Map Letter Season Machine Bridge Tide Compass Theory
    """
)
GENRES = _words(
    """
    fiction mystery thriller romance fantasy science-fiction horror history biography poetry
    philosophy economics travel cooking memoir essays classics young-adult children graphic
    science politics religion art music sports nature psychology technology humor
    """
)
SENTENCES = (
    "Could not put it down.",
    "The middle drags a little.",
    "Beautifully written.",
    "The ending surprised me.",
    "Not my kind of book, but well made.",
    "I would read it again.",
    "The characters stayed with me for weeks.",
    "Too long by a hundred pages.",
    "A quiet, careful book.",
    "Recommended to everyone in my book club.",
    "The translation is excellent.",
    "Some chapters are brilliant, others forgettable.",
)
EPOCH = datetime(2023, 1, 1, tzinfo=UTC)


def make_rows(sizes: Sizes, seed: int, password_hash: str) -> dict[str, list[dict]]:
    rng = random.Random(seed)

    def new_id() -> uuid.UUID:
        return uuid.UUID(int=rng.getrandbits(128), version=4)

    def moment(days: int = 730) -> datetime:
        return EPOCH + timedelta(seconds=rng.randrange(days * 86_400))

    def person() -> str:
        return f"{rng.choice(FIRST)} {rng.choice(LAST)}"

    users = [
        {
            "id": new_id(),
            "email": KNOWN_EMAIL if i == 0 else f"user{i:04d}@example.com",
            "full_name": "Robin Reader" if i == 0 else person(),
            "hashed_password": password_hash,
            "is_active": True,
            "created_at": moment(),
        }
        for i in range(sizes.users)
    ]
    authors = [
        {
            "id": new_id(),
            "name": person(),
            "bio": None if rng.random() < 0.3 else f"Writes about {rng.choice(GENRES)}.",
            "created_at": moment(),
        }
        for _ in range(sizes.authors)
    ]
    tags = [{"id": new_id(), "name": name} for name in GENRES[: sizes.tags]]

    # A few prolific authors and a few popular books, as in any real catalogue.
    author_weights = [1 / (rank + 1) ** 0.8 for rank in range(len(authors))]
    books = []
    for i in range(sizes.books):
        author = rng.choices(authors, weights=author_weights)[0]
        isbn12 = f"9781{i:08d}"
        check = (10 - sum(int(d) * (3 if k % 2 else 1) for k, d in enumerate(isbn12)) % 10) % 10
        books.append(
            {
                "id": new_id(),
                "title": f"The {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}"
                + (f" {rng.randint(2, 9)}" if rng.random() < 0.4 else ""),
                "isbn": f"{isbn12}{check}",
                "published_year": None if rng.random() < 0.05 else rng.randint(1950, 2024),
                "author_id": author["id"],
                "created_at": moment(),
            }
        )
    book_tag_rows = [
        {"book_id": book["id"], "tag_id": tag["id"]}
        for book in books
        for tag in rng.sample(tags, k=min(len(tags), rng.randint(0, 3)))
    ]
    n = sizes.reviews
    review_books = rng.choices(books, weights=[rng.paretovariate(2.0) for _ in books], k=n)
    review_users = rng.choices(users, k=n)
    ratings = rng.choices((1, 2, 3, 4, 5), weights=(5, 10, 20, 35, 30), k=n)
    reviews = [
        {
            "id": new_id(),
            "book_id": book["id"],
            "user_id": user["id"],
            "rating": rating,
            "body": " ".join(rng.sample(SENTENCES, k=rng.randint(1, 3))),
            "created_at": moment(),
        }
        for book, user, rating in zip(review_books, review_users, ratings, strict=True)
    ]
    return {
        "users": users,
        "authors": authors,
        "tags": tags,
        "books": books,
        "book_tags": book_tag_rows,
        "reviews": reviews,
    }


TABLES = {
    "users": User.__table__,
    "authors": Author.__table__,
    "tags": Tag.__table__,
    "books": Book.__table__,
    "book_tags": book_tags,
    "reviews": Review.__table__,
}


async def _copy(conn: AsyncConnection, name: str, rows: list[dict]) -> None:
    """COPY the rows in with asyncpg (inside the connection's transaction): 50,000 reviews take
    a fraction of a second, where a multi-row INSERT takes seconds."""
    if not rows:
        return
    columns = list(rows[0])
    records = [tuple(row[c] for c in columns) for row in rows]
    raw = await conn.get_raw_connection()
    await raw.driver_connection.copy_records_to_table(
        TABLES[name].name, records=records, columns=columns
    )


async def seed(sizes: Sizes, seed_value: int, reset: bool) -> dict[str, int]:
    settings = get_settings()
    engine = create_async_engine(settings.database_url)
    try:
        async with engine.begin() as conn:
            if reset:
                await conn.execute(text("TRUNCATE users, authors, tags CASCADE"))
            elif await conn.scalar(select(func.count()).select_from(User.__table__)):
                raise SystemExit(
                    "the database already holds users: seed an empty database or pass --reset"
                )
            rows = make_rows(
                sizes, seed_value, hash_password(KNOWN_PASSWORD, settings.bcrypt_rounds)
            )
            for name, table_rows in rows.items():
                await _copy(conn, name, table_rows)
        async with engine.connect() as conn:
            # Statistics for the planner and the visibility map for index-only scans. Sent as
            # a simple query: over asyncpg's prepared-statement path a database-wide VACUUM
            # leaves the visibility map unset.
            await conn.execution_options(isolation_level="AUTOCOMMIT")
            raw = await conn.get_raw_connection()
            await raw.driver_connection.execute("VACUUM ANALYZE")
        return {name: len(table_rows) for name, table_rows in rows.items()}
    finally:
        await engine.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="default")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every count")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--reset", action="store_true", help="empty the tables first")
    args = parser.parse_args(argv)
    if args.scale <= 0:
        parser.error("--scale must be positive")
    sizes = SIZES[args.size].scaled(args.scale)
    started = time.perf_counter()
    counts = asyncio.run(seed(sizes, args.seed, args.reset))
    elapsed = time.perf_counter() - started
    summary = ", ".join(f"{n:,} {name}" for name, n in counts.items())
    print(f"seeded {summary} in {elapsed:.1f} s; log in as {KNOWN_EMAIL} / {KNOWN_PASSWORD}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
