"""The load A/B end to end (`perfci ab --load-seconds`) against scratch clones whose head
- holds a lock across the awaits of one handler: a lone request does not wait for it,
  concurrent ones queue;
- makes one handler's awaited 20 ms call blocking (time.sleep instead of asyncio.sleep): a lone
  request takes as long, concurrent ones on every endpoint wait for the event loop.
The sequential A/B cannot see either; the load A/B names that endpoint and no other."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import PERFCI

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[1]
TARGET = "dtrag/engines/search.py"
DEF = "async def hybrid_search("
LOCKED = '''

_SEARCH_LOCK = asyncio.Lock()


async def hybrid_search(db, request, dim):
    """One search at a time: the lock is held across every await of the search."""
    async with _SEARCH_LOCK:
        return await _hybrid_search_unlocked(db, request, dim)
'''


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout.strip()


@pytest.fixture(scope="module")
def locked(tmp_path_factory) -> tuple[Path, str, str]:
    """A clone whose HEAD serialises searches; returns (clone, base, head)."""
    clone = tmp_path_factory.mktemp("loadab") / "repo"
    git("clone", "-q", str(ROOT), str(clone), cwd=ROOT)
    config = (clone / "perfci.toml").read_text().replace('profile = "default"', 'profile = "small"')
    (clone / "perfci-small.toml").write_text(config)
    who = ("-c", "user.name=t", "-c", "user.email=t@localhost")
    git(*who, "add", "perfci-small.toml", cwd=clone)
    git(*who, "commit", "-qm", "cfg", cwd=clone)
    base = git("rev-parse", "HEAD", cwd=clone)
    target = clone / TARGET
    text = target.read_text()
    assert text.count(DEF) == 1
    text = text.replace(DEF, "async def _hybrid_search_unlocked(", 1) + LOCKED
    future = "from __future__ import annotations\n"
    target.write_text(text.replace(future, future + "\nimport asyncio\n", 1))
    git(*who, "commit", "-qam", "lock across await", cwd=clone)
    return clone, base, git("rev-parse", "HEAD", cwd=clone)


def _load_ab(clone: Path, base: str, head: str, out: Path, env: dict):
    """`perfci ab` with a short load A/B; it must fail on search under load and not one at a
    time. Returns the process, run.json and the load A/B's endpoints by name."""
    r = subprocess.run(
        [*PERFCI, "ab", "--config", "perfci-small.toml", "--out", str(out),
         "--base", base, "--head", head,
         "--only", "search", "classify", "reflection_analyze", "taxonomy_tree",
         "--budget", "2", "--warmup", "0.3", "--load-seconds", "20"],
        cwd=clone, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert r.returncode == 1, r.stdout[-3000:] + r.stderr[-3000:]
    run = json.loads((out / "run.json").read_text())
    sequential = {c["name"]: c for c in run["comparisons"]}
    assert sequential["search"]["verdict"] != "regression", sequential["search"]
    load = {e["name"]: e for e in run["stages"]["load_ab"]["endpoints"]}
    assert load["search"]["verdict"] == "regression", load["search"]
    return r, run, load


def test_load_ab_names_the_locked_endpoint_only(locked, perfci_env, tmp_path):
    clone, base, head = locked
    out = tmp_path / "run"
    r, run, load = _load_ab(clone, base, head, out, perfci_env)
    # measured where it happens: searches queue on the lock in head, never in base
    lock = load["search"]["loop"]["lock"]
    assert lock["waits"] and lock["base"] == 0.0 and lock["ci_low"] > 0.005, lock
    assert load["search"]["reason"].startswith("waits on a lock +"), load["search"]["reason"]
    others = {n: e["verdict"] for n, e in load.items() if n != "search"}
    assert "regression" not in others.values(), others
    failed = [(v["name"], v["gate"]) for v in run["verdicts"] if v["status"] == "fail"]
    assert failed == [("search", "load_ab")], failed
    probe = run["stages"]["load_ab"]["responsiveness"]
    assert probe["base"]["probes"] > 50 and probe["head"]["probes"] > 50
    assert "search under load: regression" in r.stderr
    # a lock across an await does not hold the event loop: the watch says so
    loop = run["stages"]["load_ab"]["loop"]
    assert loop["arms"]["base"]["requests"] > 50 and loop["arms"]["head"]["requests"] > 50
    assert not any(e["blocks"] for e in loop["endpoints"].values()), loop["endpoints"]
    assert not any(e["lock"]["waits"] for n, e in loop["endpoints"].items() if n != "search")


ANCHOR = "        ids, matrix = await repo.fetch_chunk_vectors(conn, filters, dim)\n"


@pytest.fixture(scope="module")
def blocking(tmp_path_factory) -> tuple[Path, str, str]:
    """A clone whose base awaits a 20 ms call in the search and whose head makes it blocking."""
    clone = tmp_path_factory.mktemp("loadab-blocking") / "repo"
    git("clone", "-q", str(ROOT), str(clone), cwd=ROOT)
    config = (clone / "perfci.toml").read_text().replace('profile = "default"', 'profile = "small"')
    (clone / "perfci-small.toml").write_text(config)
    who = ("-c", "user.name=t", "-c", "user.email=t@localhost")
    target = clone / TARGET
    text = target.read_text()
    assert text.count(ANCHOR) == 1
    awaited = "        await __import__('asyncio').sleep(0.02)\n"
    target.write_text(text.replace(ANCHOR, ANCHOR + awaited, 1))
    git(*who, "add", "perfci-small.toml", cwd=clone)
    git(*who, "commit", "-qam", "search awaits a 20 ms call", cwd=clone)
    base = git("rev-parse", "HEAD", cwd=clone)
    target.write_text(text.replace(ANCHOR, ANCHOR + "        time.sleep(0.02)\n", 1))
    git(*who, "commit", "-qam", "the call blocks", cwd=clone)
    return clone, base, git("rev-parse", "HEAD", cwd=clone)


def test_load_ab_names_the_endpoint_that_blocks_the_event_loop(blocking, perfci_env, tmp_path):
    clone, base, head = blocking
    out = tmp_path / "run"
    r, run, load = _load_ab(clone, base, head, out, perfci_env)
    assert load["search"]["loop"]["blocks"], load["search"]["loop"]
    # time.sleep(0.02) blocks the loop for 20 ms per search (less a sampling step)
    assert load["search"]["loop"]["metric"] == "blocked", load["search"]["loop"]
    assert load["search"]["loop"]["delta"] > 0.015, load["search"]["loop"]
    others = {n: e["verdict"] for n, e in load.items() if n != "search"}
    assert "regression" not in others.values(), others
    failed = [(v["name"], v["gate"]) for v in run["verdicts"] if v["status"] == "fail"]
    assert failed == [("search", "load_ab")], failed
    subprocess.run([*PERFCI, "report", str(out)], cwd=clone, env=perfci_env, check=True,
                   capture_output=True)  # fmt: skip
    comment = (out / "comment.md").read_text()
    assert "`search`: blocks the event loop +" in comment, comment
    assert "event loop blocked, ms/request" in comment
