"""`perfci sql` end to end on the small profile: catalog, advice and a before/after, written to
the run directory; a wrong migration name is a usage error (exit 2). dtrag names its catalog;
the Bookshelf example names none, so its catalog is recorded from its endpoints, and its
Alembic revisions are the before/after's targets."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

PERFCI = [sys.executable, "-m", "perf.cli"]
BOOKSHELF = Path(__file__).resolve().parents[1] / "examples" / "bookshelf"


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
    # the catalog's EXPLAINs are not ranked as "top statements": perfci measuring itself
    assert all(s["stage"] != "catalog" for s in stage["statements"])
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


def test_bookshelf_catalog_is_recorded_from_its_endpoints(perfci_env, tmp_path):
    out = tmp_path / "bookshelf"
    config = BOOKSHELF / "perfci.toml"
    r = _sql(["--catalog", "--advise", "--config", str(config), "--out", str(out)], perfci_env)
    assert r.returncode == 0, r.stderr[-3000:]
    stage = json.loads((out / "run.json").read_text())["stages"]["sql"]
    assert stage["catalog_source"] == "recorded"
    recorded = {q["name"]: q for q in stage["recorded"]}
    assert [q["name"] for q in stage["catalog"]] == list(recorded)
    assert 0 < len(recorded) <= 10
    for q in recorded.values():
        sql = q["sql"].upper()
        assert not sql.startswith(("EXPLAIN", "BEGIN", "SET")), q
        assert "PG_STAT_STATEMENTS" not in sql and "PERFCI_SNAPSHOT" not in sql, q
        assert q["endpoints"] and q["logged_executions"] >= 1
    # GET /books: the page of books with authors and review counts, replayed with the values
    # the service sent (limit 20, skip 0)
    books = next(q for q in recorded.values() if "list_books" in q["endpoints"])
    timed = next(t for t in stage["catalog"] if t["name"] == books["name"])
    assert sorted(timed["params"]) == [0, 20]
    assert any("Scan on books" in n for n in timed["plan_nodes"])
    # a path parameter: the UUID of a book that exists (the plan found its row)
    by_id = [t for t in stage["catalog"] if "get_book" in recorded[t["name"]]["endpoints"]]
    assert by_id and all(len(t["params"][0]) == 36 for t in by_id if t["params"])
    assert any(t["rows"] >= 1 for t in by_id)
    for t in stage["catalog"]:
        assert json.loads((out / t["plan_file"]).read_text())[0]["Plan"]["Node Type"]
    assert "recommendations" in stage and (out / "recommendations.sql").exists()
    assert stage["statements"][0]["stage"] == "recorded"


def _bookshelf_config(tmp_path: Path, migrate: str) -> Path:
    """The example's config, from anywhere, with the migrate step `migrate`."""
    text = (BOOKSHELF / "perfci.toml").read_text()
    assert 'root = "."' in text
    text = text.replace('root = "."', f"root = {str(BOOKSHELF)!r}", 1)
    text, n = re.subn(r"(?m)^migrate = .*$", f"migrate = {json.dumps(migrate)}", text, count=1)
    assert n == 1
    path = tmp_path / "perfci.toml"
    path.write_text(text)
    return path


def test_bookshelf_before_after_migrates_to_an_alembic_revision(perfci_env, tmp_path):
    # the target reaches the command as $PERFCI_MIGRATION_TARGET ({{ }}: a literal brace)
    config = _bookshelf_config(tmp_path, "alembic upgrade ${{PERFCI_MIGRATION_TARGET:-head}}")
    out = tmp_path / "ba"
    r = _sql(["--before-after", "0002", "--config", str(config), "--out", str(out)], perfci_env)
    assert r.returncode == 0, r.stderr[-3000:]
    ba = json.loads((out / "run.json").read_text())["stages"]["sql"]["before_after"]
    assert (ba["migration"], ba["target"]) == ("0002_indexes.py", "0002_indexes")
    assert ba["catalog_source"] == "recorded" and ba["queries"]
    # 0002 adds the foreign-key and ordering indexes: some recorded statement changes its plan
    changed = [q for q in ba["queries"] if q["plan_changed"]]
    assert changed, [q["plan_before"] for q in ba["queries"]]
    assert any("ix_" in " ".join(q["plan_after"]) for q in changed)
    assert {e["name"] for e in ba["endpoints"]} >= {"list_books", "get_book"}


def test_a_migrate_step_that_ignores_its_target_is_named(perfci_env, tmp_path):
    config = _bookshelf_config(tmp_path, "alembic upgrade head")  # always everything
    r = _sql(["--before-after", "0002_indexes", "--config", str(config)], perfci_env)
    assert r.returncode == 2, r.stderr[-3000:]
    assert "left the schema unchanged" in r.stderr and "PERFCI_MIGRATION_TARGET" in r.stderr
    assert "Traceback" not in r.stderr
