"""`perfci profile` end to end on the small profile: py-spy records a real uvicorn under Locust.

The service here is dtrag plus one deliberately slow endpoint added by the test (a CPU spin in
a function of a package of its own); the report must rank that function first, and every
output must exist and parse: the flame graph SVG, the speedscope file (against speedscope's
own JSON schema), the collapsed stacks and the cProfile files of dtrag's engine targets. The
example service examples/bookshelf/ (OAuth2 login, UUID path parameters, SQLAlchemy) is
profiled through its config alone. Unit tests: the ranking on fixed stacks, the [profile]
table's errors, what counts as the service's own code.
"""

from __future__ import annotations

import json
import os
import pstats
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from perf.config import load_config
from perf.errors import UsageError
from perf.profile import stacks
from perf.profile.engines import profile_engines
from perf.profile.runner import default_package, load_settings, rank_bottlenecks
from tests.conftest import dtrag_service_toml

REPO = Path(__file__).resolve().parents[1]
SCHEMA = Path(__file__).with_name("data") / "speedscope-file-format-schema.json"

SLOW_APP = '''
import time

from dtrag.main import create_app as dtrag_app


def deliberately_slow() -> int:
    """About 30 ms of pure-Python CPU per call."""
    end = time.perf_counter() + 0.03
    n = 0
    while time.perf_counter() < end:
        n += 1
    return n


def create_app():
    app = dtrag_app()

    @app.get("/slow")
    async def slow() -> dict:
        return {"n": deliberately_slow()}

    return app
'''

CONFIG = """
[[endpoints]]
name = "health"
method = "GET"
path = "/health"

[[endpoints]]
name = "classify"
method = "POST"
path = "/classify"
payloads = "classify_texts"

[[endpoints]]
name = "slow"
method = "GET"
path = "/slow"

[profile]
package = "slowapp"
users = 3
engines = "dtrag.perfci.engines:targets"
"""


def slow_service_toml() -> str:
    """dtrag's [service] tables (root: this repository), serving the slow app instead."""
    service = dtrag_service_toml("small")
    assert 'app = "dtrag.main:create_app"' in service
    return service.replace('app = "dtrag.main:create_app"', 'app = "slowapp:create_app"', 1)


@pytest.mark.integration
def test_profile_ranks_the_slow_endpoint_first(tmp_path):
    pkg = tmp_path / "src" / "slowapp"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text(textwrap.dedent(SLOW_APP))
    config = tmp_path / "perfci.toml"
    config.write_text(slow_service_toml() + CONFIG)
    out = tmp_path / "run"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path / "src"), str(REPO)])}
    r = subprocess.run(
        [sys.executable, "-m", "perf.cli", "-q", "profile", "--config", str(config),
         "--duration", "5", "--no-overhead", "--out", str(out)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=400,
    )  # fmt: skip
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]

    stage = json.loads((out / "run.json").read_text())["stages"]["profile"]
    assert stage["samples"] > 50, stage["samples"]
    first = stage["bottlenecks"][0]
    assert first["kind"] == "cpu" and "deliberately_slow" in first["where"], stage["bottlenecks"]
    # the busiest handler is the slow one; "(framework)" is the samples under no handler, whose
    # share on a 5 s run on a busy machine can come close to the slow handler's
    handlers = [name for name in stage["entry_points"] if name != "(framework)"]
    assert "slow (slowapp/__init__.py" in handlers[0], stage["entry_points"]

    data = json.loads((out / "profile.speedscope.json").read_text())
    jsonschema.validate(data, json.loads(SCHEMA.read_text()))

    svg = ET.parse(out / "flamegraph.svg").getroot()
    titles = [t.text or "" for t in svg.iter("{http://www.w3.org/2000/svg}title")]
    assert any("deliberately_slow" in t for t in titles)
    assert any("dtrag/" in t for t in titles), "no frame of dtrag's own code in the flame graph"

    collapsed = (out / "profile.collapsed.txt").read_text().splitlines()
    assert sum(int(line.rsplit(" ", 1)[1]) for line in collapsed) == stage["samples"]

    assert {e["name"] for e in stage["engines"]} == {
        "reflection_batch",
        "consolidation_dry_run",
        "search",
    }
    for e in stage["engines"]:
        stats = pstats.Stats(str(out / e["prof"]))
        assert stats.total_calls > 0
        assert e["top"]["cumulative"], e["name"]


def _samples(stacks_by_name: dict[tuple[str, ...], int], files: dict[str, str]) -> stacks.Samples:
    names = sorted({n for s in stacks_by_name for n in s})
    frames = [stacks.Frame(n, files[n], 1) for n in names]
    index = {n: i for i, n in enumerate(names)}
    s = stacks.Samples(frames=frames)
    for stack, count in stacks_by_name.items():
        s.stacks[tuple(index[n] for n in stack)] = count
    return s


def test_hot_functions_and_ranking_on_fixed_stacks():
    files = {
        "main": "/x/uvicorn/main.py",
        "handler": "/repo/app/routes.py",
        "engine": "/repo/app/engine.py",
        "dot": "/x/site-packages/numpy/core.py",
        "helper": "/repo/app/util.py",
    }
    s = _samples(
        {
            ("main", "handler", "engine", "dot"): 60,
            ("main", "handler", "engine"): 20,
            ("main", "handler", "helper"): 10,
            ("main",): 10,
        },
        files,
    )
    hot = {h.function.split(" ")[0]: h for h in stacks.hot_functions(s, "app")}
    assert hot["engine"].attributed_samples == 80 and hot["engine"].self_samples == 20
    assert hot["handler"].total_samples == 90 and hot["handler"].attributed_samples == 0
    assert hot["dot"].own_code is False and hot["dot"].self_samples == 60

    statements = [
        {"query": "SELECT 1", "calls": 1000, "rows": 1000, "total_ms": 300.0, "mean_ms": 0.3,
         "max_ms": 1.0, "shared_blks_hit": 0, "shared_blks_read": 0},
    ]  # fmt: skip
    ranked = rank_bottlenecks(s, list(hot.values()), statements, 300.0, 100, "app")
    # 80 samples x 10 ms = 0.8 s of engine, 0.1 s of helper, 0.3 s of SQL; busy = 1.0 + 0.3
    assert [r["where"].split(" ")[0] for r in ranked] == ["engine", "SELECT", "helper"]
    assert ranked[0]["share"] == pytest.approx(0.8 / 1.3, abs=1e-3)
    assert "numpy" in ranked[0]["evidence"] and ranked[0]["rank"] == 1
    assert "N+1" in ranked[1]["recommendation"]  # 10 calls per request


def test_statement_advice_names_bulk_transfers_and_n_plus_one():
    from perf.profile.runner import statement_advice

    bulk = {
        "calls": 10,
        "rows": 100_000,
        "mean_ms": 300.0,
        "shared_blks_hit": 2000,
        "shared_blks_read": 0,
        "query": "SELECT id, embedding FROM chunks",
    }
    assert "10,000 rows per call" in statement_advice(bulk, 10, [])
    n1 = {
        "calls": 500,
        "rows": 500,
        "mean_ms": 0.2,
        "shared_blks_hit": 1500,
        "shared_blks_read": 0,
        "query": "SELECT 1 FROM logs WHERE id = $1",
    }
    assert "N+1" in statement_advice(n1, 10, [])
    slow = {
        "calls": 10,
        "rows": 10,
        "mean_ms": 50.0,
        "shared_blks_hit": 900,
        "shared_blks_read": 0,
        "query": "SELECT count(*) FROM t",
    }
    assert "slow per call" in statement_advice(slow, 10, [])


BOOKSHELF = REPO / "examples" / "bookshelf" / "perfci.toml"


@pytest.mark.integration
def test_profile_of_the_example_service_through_its_config(tmp_path):
    """Bookshelf logs in (OAuth2 password flow) once per pass, samples UUIDs for its paths, and
    its handlers in `app/` are ranked; no engine targets are named, so none run."""
    out = tmp_path / "run"
    r = subprocess.run(
        [sys.executable, "-m", "perf.cli", "-q", "profile", "--config", str(BOOKSHELF),
         "--duration", "3", "--users", "2", "--no-overhead", "--out", str(out)],
        cwd=REPO, capture_output=True, text=True, timeout=400,
    )  # fmt: skip
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    assert "handlers by share" in r.stdout

    stage = json.loads((out / "run.json").read_text())["stages"]["profile"]
    assert stage["settings"]["package"] == "app" and stage["engines"] == []
    passed = stage["passes"]["with_profiler"]
    assert passed["requests"] > 0 and passed["failures"] == 0, passed
    handlers = [name for name in stage["entry_points"] if name != "(framework)"]
    assert any(h.startswith("get_book (app/routers/books.py") for h in handlers), handlers
    assert any(b["kind"] == "cpu" and "app/" in b["where"] for b in stage["bottlenecks"])

    plan = json.loads((out / "profile-plan.json").read_text())
    assert plan["headers"]["Authorization"].startswith("Bearer ")
    assert "add_review" not in {e["name"] for e in plan["endpoints"]}  # restores a table
    get_book = next(e for e in plan["endpoints"] if e["name"] == "get_book")
    assert all("{" not in q["url"] for q in get_book["requests"])  # {book_id} filled

    svg = ET.parse(out / "flamegraph.svg").getroot()
    titles = [t.text or "" for t in svg.iter("{http://www.w3.org/2000/svg}title")]
    assert any("app/routers/" in t for t in titles)
    assert not list(out.glob("cprofile-*.prof"))


# --------------------------------------------------------------------------- [profile], own code

SERVICE = """
[service]
{serve}

[[endpoints]]
name = "health"
method = "GET"
path = "/health"
"""


def _config(tmp_path: Path, profile: str = "", serve: str = 'app = "shop.main:app"'):
    path = tmp_path / "perfci.toml"
    path.write_text(SERVICE.format(serve=serve) + profile)
    return load_config(path)


def test_profile_settings_come_from_the_one_config_loader(tmp_path):
    config = _config(tmp_path, "[profile]\nusers = 2\nduration = 5\nnonblocking = true\n")
    settings = load_settings(config, duration=1.5, overhead_seconds=120)
    assert (settings.users, settings.duration, settings.nonblocking) == (2, 1.5, True)
    assert settings.overhead_seconds == 120  # the paired measurement can run longer
    assert settings.engines == ""  # no engine targets unless the service names them
    assert settings.package == "shop"  # the app's top package


def test_profile_settings_errors_name_the_file_and_key(tmp_path):
    with pytest.raises(UsageError, match=r"perfci.toml: \[profile\]: unknown key 'user'"):
        load_settings(_config(tmp_path, "[profile]\nuser = 2\n"))
    with pytest.raises(UsageError, match=r"\[profile\].users: '2' is not an integer"):
        load_settings(_config(tmp_path, '[profile]\nusers = "2"\n'))
    with pytest.raises(UsageError, match=r"\[profile\].overhead: 1 is not true or false"):
        load_settings(_config(tmp_path, "[profile]\noverhead = 1\n"))
    with pytest.raises(UsageError, match="must be positive"):
        load_settings(_config(tmp_path, "[profile]\nduration = 0\n"))
    with pytest.raises(UsageError, match=r"overhead_seconds must be 0 \(= duration\) or positive"):
        load_settings(_config(tmp_path, "[profile]\noverhead_seconds = -1\n"))


def test_a_command_started_service_owns_the_files_under_its_root(tmp_path):
    config = _config(tmp_path, serve='command = "python -m shop --port {port}"')
    root = str(tmp_path.resolve())
    assert default_package(config.service) == root
    assert stacks.is_own(stacks.Frame("handler", f"{root}/shop/api.py", 3), root)
    assert stacks.is_own(stacks.Frame("main", f"{root}/serve.py", 3), root)
    venv = f"{root}/.venv/lib/python3.11/site-packages/starlette/routing.py"
    assert not stacks.is_own(stacks.Frame("app", venv, 1), root)
    assert not stacks.is_own(stacks.Frame("run", "/usr/lib/python3.11/asyncio/runners.py", 1), root)
    assert stacks.own_code_name(root) == tmp_path.name
    (tmp_path / "src").mkdir()
    settings = load_settings(_config(tmp_path, '[profile]\npackage = "src"\n'))
    assert settings.package == "src"  # a package name
    settings = load_settings(_config(tmp_path, '[profile]\npackage = "./src"\n'))
    assert settings.package == str(tmp_path.resolve() / "src")  # a directory under the root


def test_unusable_engine_targets_are_a_usage_error(tmp_path):
    """The targets are checked in the service's tree before any database connection."""
    (tmp_path / "targets.py").write_text("def bad():\n    return [('search', 0, print)]\n")
    config = _config(tmp_path)
    env = {**os.environ, "PYTHONPATH": ""}
    with pytest.raises(UsageError, match=r"target 'search': calls 0 must be a positive integer"):
        profile_engines(config.service, "targets:bad", "postgresql:///x", env, tmp_path / "o")
    with pytest.raises(UsageError, match=r"cannot import 'targets:missing'"):
        profile_engines(config.service, "targets:missing", "postgresql:///x", env, tmp_path / "o")
