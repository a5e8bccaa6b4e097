"""The example service examples/bookshelf/ end to end, as a user would run it: a throwaway
PostgreSQL, `alembic upgrade head` and `python seed.py --size small` from the service's directory
with the BOOKSHELF_* variables, then `uvicorn app.main:app`, and every endpoint checked against
SQL run on the same database."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg
import httpx
import jwt
import pytest

from perf.progress import Progress
from perf.stack import EmbeddedCluster, free_port, log_tail, spawn, stop_process

pytestmark = pytest.mark.integration

SERVICE = Path(__file__).resolve().parent.parent / "examples" / "bookshelf"
JWT_SECRET = "bookshelf-test-secret-0123456789abcdef"
DB_NAME = "bookshelf"
LOGIN = {"username": "reader@example.com", "password": "bookshelf"}
UNKNOWN = "00000000-0000-4000-8000-000000000000"


@dataclass
class Bookshelf:
    base_url: str
    dsn: str
    log: Path

    def sql(self, query: str, *args) -> list[asyncpg.Record]:
        async def fetch() -> list[asyncpg.Record]:
            conn = await asyncpg.connect(self.dsn)
            try:
                return await conn.fetch(query, *args)
            finally:
                await conn.close()

        return asyncio.run(fetch())


async def _create_database(admin_dsn: str) -> None:
    conn = await asyncpg.connect(admin_dsn)
    try:
        await conn.execute(f'CREATE DATABASE "{DB_NAME}"')
    finally:
        await conn.close()


def _run_in_service(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, *args], cwd=SERVICE, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


def _wait_healthy(proc: subprocess.Popen, base_url: str, log: Path, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"uvicorn exited with {proc.returncode}:\n{log_tail(log)}"
        try:
            if httpx.get(f"{base_url}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"bookshelf not healthy in {timeout} s:\n{log_tail(log)}")


@pytest.fixture(scope="module")
def bookshelf(tmp_path_factory) -> Iterator[Bookshelf]:
    workdir = tmp_path_factory.mktemp("bookshelf")
    cluster = EmbeddedCluster(workdir / "cache", Progress(quiet=True))
    proc: subprocess.Popen | None = None
    try:
        cluster.start()
        # over TCP, as the example's settings connect: the cluster's generated password
        host_dsn = f"postgresql://postgres:{cluster.password}@127.0.0.1:{cluster.port}"
        asyncio.run(_create_database(f"{host_dsn}/postgres"))
        env = {k: v for k, v in os.environ.items() if not k.startswith("BOOKSHELF_")}
        env.update(
            {
                "BOOKSHELF_DB_HOST": "127.0.0.1",
                "BOOKSHELF_DB_PORT": str(cluster.port),
                "BOOKSHELF_DB_USER": "postgres",
                "BOOKSHELF_DB_PASSWORD": cluster.password,
                "BOOKSHELF_DB_NAME": DB_NAME,
                "BOOKSHELF_JWT_SECRET": JWT_SECRET,
                "PYTHONUNBUFFERED": "1",
            }
        )
        out = _run_in_service(["-m", "alembic", "upgrade", "head"], env)
        assert "0002_indexes" in out
        out = _run_in_service(["seed.py", "--size", "small"], env)
        assert "seeded 50 users, 20 authors" in out and "3,000 reviews" in out
        port = free_port()
        log = workdir / "uvicorn.log"
        cmd = ["-m", "uvicorn", "app.main:app", "--host", "127.0.0.1", "--port", str(port)]
        proc = spawn([sys.executable, *cmd], log, signal.SIGTERM, cwd=SERVICE, env=env)
        base_url = f"http://127.0.0.1:{port}"
        _wait_healthy(proc, base_url, log)
        yield Bookshelf(base_url=base_url, dsn=f"{host_dsn}/{DB_NAME}", log=log)
    finally:
        if proc is not None:
            stop_process(proc, signal.SIGTERM)
        cluster.close()


@pytest.fixture(scope="module")
def client(bookshelf) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=bookshelf.base_url, timeout=10) as c:
        r = c.post("/auth/token", data=LOGIN)
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["token_type"] == "bearer" and body["access_token"]
        c.headers["Authorization"] = f"Bearer {body['access_token']}"
        yield c


def test_schema_is_migrated_and_seeded(bookshelf):
    (row,) = bookshelf.sql("SELECT version_num FROM alembic_version")
    assert row["version_num"] == "0002_indexes"
    counts = {
        t: bookshelf.sql(f"SELECT count(*) AS n FROM {t}")[0]["n"]
        for t in ("users", "authors", "books", "reviews", "tags")
    }
    assert counts == {"users": 50, "authors": 20, "books": 300, "reviews": 3000, "tags": 20}
    indexes = {r["indexname"] for r in bookshelf.sql("SELECT indexname FROM pg_indexes")}
    assert {"ix_books_author_id", "ix_books_title_id", "ix_reviews_book_id_created_at"} <= indexes


def test_health(bookshelf):
    r = httpx.get(f"{bookshelf.base_url}/health")
    assert r.status_code == 200 and r.json() == {"status": "ok", "database": "ok"}


def test_login_rejects_bad_credentials(bookshelf):
    url = f"{bookshelf.base_url}/auth/token"
    wrong = httpx.post(url, data={**LOGIN, "password": "wrong"})
    assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"
    unknown = httpx.post(url, data={"username": "nobody@example.com", "password": "bookshelf"})
    assert unknown.status_code == 401
    assert httpx.post(url, data={"username": "reader@example.com"}).status_code == 422


def test_endpoints_need_a_valid_token(bookshelf, client):
    book_id = bookshelf.sql("SELECT id FROM books LIMIT 1")[0]["id"]
    user_id = bookshelf.sql("SELECT id FROM users WHERE email = $1", LOGIN["username"])[0]["id"]
    now = datetime.now(UTC)
    foreign = jwt.encode({"sub": str(user_id), "exp": now + timedelta(hours=1)}, "x" * 40)
    expired = jwt.encode({"sub": str(user_id), "exp": now - timedelta(minutes=1)}, JWT_SECRET)
    no_user = jwt.encode({"sub": UNKNOWN, "exp": now + timedelta(hours=1)}, JWT_SECRET)
    paths = ["/books", f"/books/{book_id}", "/users/me", f"/authors/{UNKNOWN}/books"]
    with httpx.Client(base_url=bookshelf.base_url) as anonymous:
        for path in paths:
            assert anonymous.get(path).status_code == 401, path
            for token in ("not-a-jwt", foreign, expired, no_user):
                r = anonymous.get(path, headers={"Authorization": f"Bearer {token}"})
                assert r.status_code == 401, (path, token)
        r = anonymous.post(f"/books/{book_id}/reviews", json={"rating": 5})
        assert r.status_code == 401
    assert client.get("/users/me").status_code == 200


def test_list_books_has_authors_and_review_counts(bookshelf, client):
    r = client.get("/books", params={"limit": 100})
    assert r.status_code == 200
    books = r.json()
    expected = bookshelf.sql(
        """
        SELECT b.id, b.title, a.id AS author_id, a.name AS author,
               (SELECT count(*) FROM reviews r WHERE r.book_id = b.id) AS review_count
        FROM books b JOIN authors a ON a.id = b.author_id
        ORDER BY b.title, b.id LIMIT 100
        """
    )
    assert [
        (b["id"], b["title"], b["author"]["id"], b["author"]["name"], b["review_count"])
        for b in books
    ] == [
        (str(e["id"]), e["title"], str(e["author_id"]), e["author"], e["review_count"])
        for e in expected
    ]
    assert sum(b["review_count"] for b in books) > 0
    assert client.get("/books").json() == books[:20]  # default limit 20
    page = client.get("/books", params={"skip": 10, "limit": 5}).json()
    assert page == books[10:15]
    for bad in ({"limit": 0}, {"limit": 101}, {"skip": -1}):
        assert client.get("/books", params=bad).status_code == 422, bad


def test_book_detail(bookshelf, client):
    (top,) = bookshelf.sql(
        """
        SELECT b.id, b.title, a.name AS author, count(r.id) AS n,
               avg(r.rating)::float AS average
        FROM books b JOIN authors a ON a.id = b.author_id JOIN reviews r ON r.book_id = b.id
        GROUP BY b.id, a.name ORDER BY count(r.id) DESC, b.id LIMIT 1
        """
    )
    tags = [
        r["name"]
        for r in bookshelf.sql(
            "SELECT t.name FROM tags t JOIN book_tags bt ON bt.tag_id = t.id "
            "WHERE bt.book_id = $1 ORDER BY t.name",
            top["id"],
        )
    ]
    r = client.get(f"/books/{top['id']}")
    assert r.status_code == 200
    book = r.json()
    assert book["id"] == str(top["id"]) and book["title"] == top["title"]
    assert book["author"]["name"] == top["author"]
    assert book["tags"] == tags
    assert book["review_count"] == top["n"] > 20
    assert book["average_rating"] == pytest.approx(top["average"], abs=0.006)
    reviews = book["reviews"]
    assert len(reviews) == 20
    assert all(rv["book_id"] == str(top["id"]) and 1 <= rv["rating"] <= 5 for rv in reviews)
    assert all(rv["user"]["full_name"] for rv in reviews)
    stamps = [datetime.fromisoformat(rv["created_at"]) for rv in reviews]
    assert stamps == sorted(stamps, reverse=True)

    missing = client.get(f"/books/{UNKNOWN}")
    assert missing.status_code == 404 and missing.json() == {"detail": "Book not found"}
    assert client.get("/books/not-a-uuid").status_code == 422


def test_author_books(bookshelf, client):
    (author,) = bookshelf.sql(
        "SELECT a.id, a.name, count(b.id) AS n FROM authors a JOIN books b ON b.author_id = a.id "
        "GROUP BY a.id ORDER BY count(b.id) DESC, a.id LIMIT 1"
    )
    expected = {
        str(r["id"]): r["n"]
        for r in bookshelf.sql(
            "SELECT b.id, count(r.id) AS n FROM books b LEFT JOIN reviews r ON r.book_id = b.id "
            "WHERE b.author_id = $1 GROUP BY b.id",
            author["id"],
        )
    }
    r = client.get(f"/authors/{author['id']}/books")
    assert r.status_code == 200
    body = r.json()
    assert body["author"]["id"] == str(author["id"]) and body["author"]["name"] == author["name"]
    assert len(body["books"]) == author["n"] > 1
    assert {b["id"]: b["review_count"] for b in body["books"]} == expected
    assert all(b["author"]["name"] == author["name"] for b in body["books"])

    missing = client.get(f"/authors/{UNKNOWN}/books")
    assert missing.status_code == 404 and missing.json() == {"detail": "Author not found"}
    assert client.get("/authors/42/books").status_code == 422


def test_users_me(bookshelf, client):
    r = client.get("/users/me")
    assert r.status_code == 200
    me = r.json()
    (row,) = bookshelf.sql("SELECT id, full_name FROM users WHERE email = $1", LOGIN["username"])
    assert me["email"] == LOGIN["username"]
    assert me["id"] == str(row["id"]) and me["full_name"] == row["full_name"]
    assert "hashed_password" not in me


def test_create_review(bookshelf, client):
    book_id = bookshelf.sql("SELECT id FROM books ORDER BY isbn LIMIT 1")[0]["id"]
    before = client.get(f"/books/{book_id}").json()["review_count"]
    r = client.post(f"/books/{book_id}/reviews", json={"rating": 4, "body": "Read it twice."})
    assert r.status_code == 201, r.text
    review = r.json()
    assert review["book_id"] == str(book_id) and review["rating"] == 4
    assert review["user"]["full_name"] == client.get("/users/me").json()["full_name"]
    (row,) = bookshelf.sql(
        "SELECT r.rating, r.body, u.email FROM reviews r JOIN users u ON u.id = r.user_id "
        "WHERE r.id = $1",
        uuid.UUID(review["id"]),
    )
    assert (row["rating"], row["body"], row["email"]) == (4, "Read it twice.", LOGIN["username"])
    detail = client.get(f"/books/{book_id}").json()
    assert detail["review_count"] == before + 1
    assert detail["reviews"][0]["id"] == review["id"]  # the newest comes first

    for bad in ({"rating": 6}, {"rating": 0}, {"body": "no rating"}, {"rating": 3, "body": 7}):
        assert client.post(f"/books/{book_id}/reviews", json=bad).status_code == 422, bad
    missing = client.post(f"/books/{UNKNOWN}/reviews", json={"rating": 3})
    assert missing.status_code == 404
    assert client.post("/books/nope/reviews", json={"rating": 3}).status_code == 422
