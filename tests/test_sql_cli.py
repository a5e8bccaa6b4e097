"""`perfci sql` end to end on the small profile: catalog, advice and a before/after, written to
the run directory; a wrong migration name is a usage error (exit 2)."""

from __future__ import annotations

import json
import subprocess
import sys

PERFCI = [sys.executable, "-m", "perf.cli"]


def _sql(args: list[str], env: dict, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*PERFCI, "sql", "--profile", "small", "--repeats", "3", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
    )


def test_catalog_and_advice_write_plans_and_run_json(perfci_env, tmp_path):
    out = tmp_path / "run"
    r = _sql(["--catalog", "--advise", "--out", str(out)], perfci_env)
    assert r.returncode == 0, r.stderr[-3000:]
    stage = json.loads((out / "run.json").read_text())["stages"]["sql"]
    names = [q["name"] for q in stage["catalog"]]
    assert "search_fulltext" in names and "acceptance_low_active_top_usage" in names
    for q in stage["catalog"]:
        assert len(q["samples_ms"]) == 3 and q["p50_ms"] <= q["p95_ms"]
        plan = json.loads((out / q["plan_file"]).read_text())
        assert plan[0]["Plan"]["Node Type"]
    assert stage["extensions"]["pg_stat_statements"] is True
    assert stage["statements"][0]["stage"] == "catalog" and stage["statements"][0]["top"]
    assert "recommendations" in stage and (out / "recommendations.sql").exists()
    assert "SQL catalog" in r.stdout


def test_before_after_compares_identical_data(perfci_env, tmp_path):
    out = tmp_path / "ba"
    only = ["--only", "seed_case_bank_top_usage", "seed_execution_log_by_case"]
    r = _sql(["--before-after", "002", "--out", str(out), *only], perfci_env)
    assert r.returncode == 0, r.stderr[-3000:]
    ba = json.loads((out / "run.json").read_text())["stages"]["sql"]["before_after"]
    assert ba["migration"] == "002_original_indexes.sql" and ba["applied"] == [ba["migration"]]
    by_name = {q["name"]: q for q in ba["queries"]}
    # 002 adds idx_execution_log_case_id: the by-case lookup stops scanning the whole table
    change = by_name["seed_execution_log_by_case"]
    assert change["plan_changed"] and "Seq Scan on execution_log" in change["plan_before"]
    assert change["p95_ratio"] > 0
    assert (out / change["plan_file_before"]).exists() and (
        out / change["plan_file_after"]
    ).exists()


def test_unknown_migration_is_a_usage_error(perfci_env, tmp_path):
    r = _sql(["--before-after", "999", "--out", str(tmp_path / "x")], perfci_env, timeout=60)
    assert r.returncode == 2
    assert "no such migration" in r.stderr and "Traceback" not in r.stderr


def test_statements_per_endpoint_and_transactions(perfci_env, tmp_path):
    out = tmp_path / "w"
    r = _sql(["--endpoints", "--transactions", "--out", str(out)], perfci_env)
    assert r.returncode == 0, r.stderr[-3000:]
    stage = json.loads((out / "run.json").read_text())["stages"]["sql"]
    smoke = next(s for s in stage["statements"] if s["stage"] == "smoke")
    assert smoke["top"] and smoke["calls"] >= smoke["requests"]
    per = {e["name"]: e for e in stage["endpoints"]}
    assert per["reflection_analyze"]["statements_per_request"] >= 1
    assert any("execution_log" in s["query"] for s in per["reflection_analyze"]["top"])
    tx = {a["name"]: a for a in stage["transactions"]["alone"]}
    # both engines write in one transaction per run
    assert tx["consolidation_run"]["commits_per_run"] == 1.0
    assert tx["reflection_batch"]["commits_per_run"] == 1.0
    concurrent = stage["transactions"]["concurrent"]
    assert concurrent["samples"] > 0 and concurrent["longest_lock_wait_s"] >= 0
