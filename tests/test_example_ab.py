"""perfci on a service it knows only through configuration: the Bookshelf example
(`examples/bookshelf/perfci.toml`, no Python written for perfci). A scratch commit turns
`GET /books` into an N+1 (one review count query per listed book); `perfci ab` flags that
endpoint, by its statements per request, and no other."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import PERFCI

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[1]
CONFIG = "examples/bookshelf/perfci.toml"
CRUD = "examples/bookshelf/app/crud.py"
EAGER = "    return [_summary(book, review_count) for book, review_count in rows]\n"
N_PLUS_1 = (
    "    return [_summary(book, await count_reviews(session, book.id)) for book, _ in rows]\n"
)


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@localhost", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def test_ab_flags_the_n_plus_1_of_the_example_service_and_only_it(perfci_env, tmp_path):
    clone = tmp_path / "repo"
    git("clone", "-q", str(ROOT), str(clone), cwd=ROOT)
    base = git("rev-parse", "HEAD", cwd=clone)
    crud = clone / CRUD
    text = crud.read_text()
    at = text.rindex(EAGER)  # the code's line (the module docstring quotes it too)
    assert "def list_books(" in text[:at], "list_books() changed: update this test"
    head_text = text[:at] + N_PLUS_1 + text[at + len(EAGER) :]
    crud.write_text(head_text)
    git("commit", "-qam", "list_books: a review count per book", cwd=clone)
    head = git("rev-parse", "HEAD", cwd=clone)
    out = tmp_path / "run"
    r = subprocess.run(
        [
            *PERFCI,
            "ab",
            "--config",
            CONFIG,
            "--base",
            base,
            "--head",
            head,
            "--budget",
            "1",
            "--warmup",
            "0.2",
            "--out",
            str(out),
        ],
        cwd=clone,
        env=perfci_env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert r.returncode == 1, r.stdout[-3000:] + r.stderr[-3000:]
    run = json.loads((out / "run.json").read_text())
    by = {c["name"]: c for c in run["comparisons"]}
    assert set(by) == {"health", "list_books", "get_book", "author_books", "add_review", "me"}
    flagged = sorted(n for n, c in by.items() if c["verdict"] == "regression")
    assert flagged == ["list_books"], {n: c["reason"] for n, c in by.items()}
    stmts = by["list_books"]["statements_per_request"]
    assert stmts["head"] >= stmts["base"] + 10  # a query per listed book (limit 20)
    assert "statements per request" in by["list_books"]["reason"]
    top = by["list_books"]["statement_deltas"][0]  # the statement that multiplied
    assert "reviews" in top["query"] and top["calls"]["head"] >= top["calls"]["base"] + 10
