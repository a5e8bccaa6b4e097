"""`perfci load` end to end on the small profile: real PostgreSQL, uvicorn and Locust, for
dtrag (its own users, named by `[load] users`) and for the example service Bookshelf (perf's
generic user, a login per user).

Scenarios are a few seconds long with a short think time (the repository's matrix keeps the
seed's between(1, 3)); what is asserted are exit codes, files and counts, never times.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from perf.load import samples as S

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[1]

# dtrag as perfci.toml describes it, on the small profile, with its own users
CONFIG = """
[service]
root = "@REPO@"
app = "dtrag.main:create_app"
factory = true
profile = "small"
env = { DTRAG_DATABASE_URL = "{dsn}", DTRAG_API_KEYS = "{api_keys}" }
pool_metrics = { in_use = "dtrag_db_pool_in_use", size = "dtrag_db_pool_size", \
max_size = "dtrag_db_pool_max_size" }

[service.auth]
header = "X-API-Key"

[service.database]
migrate = { call = "dtrag.db.migrate:apply_migrations" }
seed = { call = "dtrag.datagen:seed" }
inputs = ["dtrag/db/migrations/*.sql", "dtrag/datagen.py"]

[[endpoints]]
name = "health"
method = "GET"
path = "/health"

[load]
profile = "small"
wait = [0.05, 0.2]
stop_timeout = 5
users = ["dtrag.perfci.users"]
data = "dtrag.perfci.users_data:request_data"
error_rate = { 4 = "1%" }

[[load.scenarios]]
name = "impossible"
user_classes = { AnalyzeUser = 1, ConsolidationRunUser = 1 }
users = 6
duration = 6
gates = ["p95 < 0.000001", "error_rate < 1%"]

[[load.scenarios]]
name = "easy"
user_classes = { AnalyzeUser = 2, Phase12User = 1 }
users = 4
duration = 6
mutates = false
gates = ["error_rate < 100%"]
""".replace("@REPO@", str(REPO))


def perfci_load(tmp_path: Path, env: dict, *args: str, extra_env: dict | None = None):
    config = tmp_path / "perfci.toml"
    config.write_text(CONFIG)
    e = {**env, "PYTHONPATH": str(REPO), **(extra_env or {})}
    cmd = [sys.executable, "-m", "perf.cli", "-q", "load", "--config", str(config), *args]
    return subprocess.run(
        ["nice", "-n", "19", *cmd], cwd=tmp_path, env=e, capture_output=True, text=True,
        timeout=300,
    )  # fmt: skip


def stage_of(out: Path) -> dict:
    return json.loads((out / "run.json").read_text())["stages"]["load"]


def test_an_impossible_threshold_exits_1_with_html_csv_and_exact_percentiles(tmp_path, perfci_env):
    out = tmp_path / "run"
    r = perfci_load(tmp_path, perfci_env, "--scenario", "impossible", "--out", str(out))
    assert r.returncode == 1, r.stdout[-3000:] + r.stderr[-3000:]
    assert "FAIL: impossible: p95" in r.stderr

    stage = stage_of(out)
    s = stage["scenarios"][0]
    assert s["name"] == "impossible" and s["shape"] == "constant" and s["users"] == 6
    assert s["passed"] is False and s["cpu_warning"] is False
    failed = [g["name"] for g in s["gates"] if not g["passed"]]
    assert failed == ["p95"], s["gates"]
    verdicts = json.loads((out / "run.json").read_text())["verdicts"]
    assert any(v["name"] == "impossible" and v["gate"] == "load" and v["status"] == "fail"
               for v in verdicts)  # fmt: skip

    # Locust's own outputs beside run.json, the latest HTML also under reports/
    assert (out / s["locust_html"]).stat().st_size > 1000
    for suffix in ("_stats.csv", "_stats_history.csv", "_failures.csv"):
        assert (out / (s["locust_csv_prefix"] + suffix)).exists()
    assert (tmp_path / "reports" / "load_test_results.html").exists()

    # the exact percentiles are those of the recorded samples, computed directly
    recorded, cut = S.split_unfinished(S.read_samples(out / "load" / "impossible" / "samples"))
    assert len(recorded) == s["requests"] == s["locust"]["requests"] > 0
    assert len(cut) == s["unfinished"]  # still waiting at the end: not in Locust's counts
    lat = [x.seconds for x in recorded if x.outcome != "expected_409"]
    for q in (50, 95, 99):
        assert s[f"p{q}"] == pytest.approx(float(np.percentile(lat, q)), rel=1e-12)
    analyze = next(e for e in s["endpoints"] if e["name"] == "reflection_analyze")
    lat_a = [x.seconds for x in recorded if x.name == "reflection_analyze"]
    assert analyze["p95"] == pytest.approx(float(np.percentile(lat_a, 95)), rel=1e-12)
    # microsecond resolution, not Locust's whole milliseconds
    assert any(abs(v * 1000 - round(v * 1000)) > 1e-6 for v in lat)

    # concurrent consolidation runs: 409s are counted apart, not as failures
    run = next(e for e in s["endpoints"] if e["name"] == "consolidation_run")
    assert s["failures"] == 0 and s["locust"]["failures"] == 0
    assert run["expected_409"] == sum(1 for x in recorded if x.outcome == "expected_409")
    assert s["expected_409"] == run["expected_409"]
    assert s["timeseries"] and {"t", "users", "rps", "p95", "errors"} <= set(s["timeseries"][0])
    assert max(p["users"] for p in s["timeseries"]) == 6
    res = s["resources"]
    assert res["api_cpu_percent"]["max"] > 0 and res["db_rss_mb"]["max"] > 0
    assert res["db_pool"]["max_size"] is not None


def test_a_cpu_warning_of_locust_exits_3(tmp_path, perfci_env):
    """Locust's own CPU monitor, forced: the threshold below any usage, checked every second."""
    out = tmp_path / "run"
    r = perfci_load(
        tmp_path,
        perfci_env,
        "--scenario",
        "easy",
        "--out",
        str(out),
        extra_env={
            "PERFCI_LOAD_CPU_WARNING_THRESHOLD": "-1",
            "PERFCI_LOAD_CPU_MONITOR_INTERVAL": "1",
        },
    )
    assert r.returncode == 3, r.stdout[-3000:] + r.stderr[-3000:]
    assert "CPU warning" in r.stderr and "invalid" in r.stderr
    s = stage_of(out)["scenarios"][0]
    assert s["cpu_warning"] is True
    assert "CPU usage above" in (out / "load" / "easy" / "locust.log").read_text()


def test_two_local_workers_report_the_same_total_as_locust(tmp_path, perfci_env):
    out = tmp_path / "run"
    r = perfci_load(
        tmp_path, perfci_env, "--scenario", "easy", "--processes", "2", "--out", str(out)
    )
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    stage = stage_of(out)
    assert stage["processes"] == 2
    s = stage["scenarios"][0]
    files = sorted((out / "load" / "easy" / "samples").glob("samples-*.tsv"))
    assert len(files) == 2, files  # one per worker, sent to the master with Locust's messages
    recorded, cut = S.split_unfinished(S.read_samples(out / "load" / "easy" / "samples"))
    assert s["requests"] == len(recorded) == s["locust"]["requests"] > 0
    assert len(cut) == s["unfinished"]
    assert sum(e["requests"] for e in s["endpoints"]) == s["requests"]


def test_a_worker_started_by_hand_joins_the_master(tmp_path, perfci_env):
    """The multi-machine recipe of docs/load-testing.md, on one machine: perfci runs the
    master only; a worker started with a copy of the plan sends its samples over Locust's
    message channel."""
    import time

    from perf.stack import free_port

    config = tmp_path / "perfci.toml"
    config.write_text(CONFIG)
    out, port = tmp_path / "run", free_port()
    env = {**perfci_env, "PYTHONPATH": str(REPO)}
    master = subprocess.Popen(
        ["nice", "-n", "19", sys.executable, "-m", "perf.cli", "-q", "load", "--config",
         str(config), "--scenario", "easy", "--expect-workers", "1", "--master-bind-host",
         "127.0.0.1", "--master-bind-port", str(port), "--out", str(out)],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        plan = out / "load" / "easy" / "plan.json"
        deadline = time.monotonic() + 120
        while not plan.exists() and time.monotonic() < deadline and master.poll() is None:
            time.sleep(0.2)
        assert plan.exists(), master.communicate(timeout=30)[0][-3000:]
        copy = tmp_path / "plan-copy.json"
        copy.write_text(plan.read_text())
        worker = subprocess.run(
            ["nice", "-n", "19", sys.executable, "-m", "locust", "-f",
             str(REPO / "perf" / "load" / "locustfile.py"), "--worker", "--master-host",
             "127.0.0.1", "--master-port", str(port)],
            cwd=tmp_path, env={**env, "PERFCI_LOAD_PLAN": str(copy)}, capture_output=True,
            text=True, timeout=180,
        )  # fmt: skip
        assert worker.returncode == 0, worker.stderr[-3000:]
        output = master.communicate(timeout=120)[0]
        assert master.returncode == 0, output[-3000:]
    finally:
        if master.poll() is None:
            master.kill()
            master.wait()
    s = stage_of(out)["scenarios"][0]
    files = list((out / "load" / "easy" / "samples").glob("samples-*.tsv"))
    assert len(files) == 1 and str(files[0].name) != f"samples-{master.pid}.tsv"
    recorded, _ = S.split_unfinished(S.read_samples(out / "load" / "easy" / "samples"))
    assert s["requests"] == len(recorded) == s["locust"]["requests"] > 0


def test_the_example_service_runs_its_smoke_with_the_generic_user(tmp_path, perfci_env):
    """`perfci load --config examples/bookshelf/perfci.toml --scenario smoke`, shortened: no
    user class of its own, every endpoint by its weight, each user logged in once (OAuth2
    password flow) with the login of [service.auth]. Timing gates may fail on a busy machine;
    what may not: an error, an endpoint without requests, a request perfci did not record."""
    out = tmp_path / "run"
    config = REPO / "examples" / "bookshelf" / "perfci.toml"
    cmd = [sys.executable, "-m", "perf.cli", "-q", "load", "--config", str(config),
           "--scenario", "smoke", "--duration-scale", "0.1", "--out", str(out)]  # fmt: skip
    r = subprocess.run(
        ["nice", "-n", "19", *cmd], cwd=tmp_path, env={**perfci_env, "PYTHONPATH": str(REPO)},
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert r.returncode in (0, 1), r.stdout[-3000:] + r.stderr[-3000:]
    s = stage_of(out)["scenarios"][0]
    failed = [g["name"] for g in s["gates"] if g["passed"] is False]
    assert all(name.startswith("p95[") for name in failed), s["gates"]  # only timing, if any
    assert (r.returncode == 0) == (not failed)
    assert s["users"] == 10 and s["user_classes"] == {"EndpointUser": 1}
    assert s["failures"] == 0 and s["requests"] == s["locust"]["requests"] > 0
    names = {e["name"] for e in s["endpoints"]}
    assert "login" not in names  # every user logged in; the login is set-up, not measured
    assert names <= {"health", "list_books", "get_book", "author_books", "add_review", "me"}
    # by weight: list_books and get_book (4 each) are the most requested
    counts = {e["name"]: e["requests"] for e in s["endpoints"]}
    assert counts.get("list_books", 0) + counts.get("get_book", 0) > s["requests"] / 3
    # get_book's requests were drawn from the sampled rows: different books, all found
    plan = json.loads((out / "load" / "smoke" / "plan.json").read_text())
    assert len({req["path"] for req in plan["requests"]["get_book"]}) == 20
    assert plan["auth"]["kind"] == "login" and plan["user_modules"] == []
