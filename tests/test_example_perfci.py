"""perfci on the Bookshelf example with nothing but `--config examples/bookshelf/perfci.toml`:
`perfci up` (login auth, DSN parts, Alembic and seed.py run by perfci), `perfci bench` (every
endpoint valid and timed in-process) and the whole PR job `perfci pr --quick`. (`perfci ab`,
`load`, `sql` and `profile` on the example have tests of their own: test_example_ab.py,
test_load_cli.py, test_sql_cli.py, test_profile.py.)"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import httpx
import pytest

from tests.conftest import PERFCI, start_up

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[1]
CONFIG = str(ROOT / "examples/bookshelf/perfci.toml")
ENDPOINTS = {"health", "list_books", "get_book", "author_books", "add_review", "me"}


def test_up_serves_the_example_with_its_own_login(perfci_env, tmp_path):
    up = start_up(["--config", CONFIG], perfci_env, tmp_path)
    try:
        info = up.wait_ready()
        with httpx.Client(base_url=info["base_url"], timeout=30) as client:
            token = client.post(
                "/auth/token", data={"username": "reader@example.com", "password": "bookshelf"}
            ).json()["access_token"]
            r = client.get(
                "/books", params={"limit": 5}, headers={"Authorization": f"Bearer {token}"}
            )
            assert r.status_code == 200 and len(r.json()) == 5
        assert info["profile"] == "small" and info["template"].startswith("perfci_tpl_small_")
    finally:
        assert up.stop() == 130


def test_bench_times_every_endpoint_of_the_example(perfci_env, tmp_path):
    out = tmp_path / "bench"
    r = subprocess.run(
        [*PERFCI, "bench", "--config", CONFIG, "--out", str(out)],
        env=perfci_env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    run = json.loads((out / "run.json").read_text())
    by = {b["name"]: b for b in run["benchmarks"]}
    assert set(by) == ENDPOINTS
    for name, b in by.items():
        assert b["summary"]["rounds"] >= 5 and b["summary"]["p50"] > 0, name
        assert b["statements_per_request"] >= 1, name  # every endpoint reaches the database
    # the mutating endpoint was restored before every round: it timed the same work each time
    assert by["add_review"]["summary"]["rounds"] == 20


def test_pr_quick_runs_the_whole_job_on_the_example(perfci_env, tmp_path):
    out = tmp_path / "pr"
    r = subprocess.run(
        [*PERFCI, "pr", "--quick", "--base", "HEAD", "--config", CONFIG, "--out", str(out)],
        cwd=ROOT,
        env=perfci_env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert r.returncode in (0, 1), r.stdout[-3000:] + r.stderr[-3000:]
    run = json.loads((out / "run.json").read_text())
    assert {c["name"] for c in run["comparisons"]} == ENDPOINTS
    assert {"load", "sql", "profile"} <= set(run["stages"]), r.stderr[-3000:]
    for name in ("report.html", "comment.md", "summary.md"):
        assert (out / name).stat().st_size > 0, name
    # an A/A comparison: no endpoint may be called a regression, one at a time or under load
    assert not [c["name"] for c in run["comparisons"] if c["verdict"] == "regression"]
    loaded = run["stages"]["load_ab"]["endpoints"]
    assert loaded and not [e["name"] for e in loaded if e["verdict"] == "regression"], loaded
    if r.returncode == 1:  # only an absolute SLO of the short smoke may fail on a busy machine
        failed = [v for v in run["verdicts"] if v["status"] == "fail"]
        assert failed and all(v["gate"] == "load" for v in failed), failed
