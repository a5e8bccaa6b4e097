"""`perfci weekly` end to end on the small profile with one short scenario: benchmarks, load,
the capacity of one endpoint, SQL (catalog, advice, statements per endpoint, transactions), the
profile pass with its overhead passes and cProfile, and the report, in one run directory."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import PERFCI, dtrag_service_toml

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[1]


def test_weekly_runs_every_stage_into_one_directory(perfci_env, tmp_path):
    rest = (ROOT / "perfci.toml").read_text().split("[bench]", 1)[1]
    rest = rest.replace("suites = [", "# suites = [").replace(
        'profile = "default"', 'profile = "small"'
    )
    (tmp_path / "perfci-small.toml").write_text(dtrag_service_toml("small") + "[bench]" + rest)
    out = tmp_path / "weekly"
    r = subprocess.run(
        [
            *PERFCI,
            "weekly",
            "--scenario",
            "smoke",
            "--duration-scale",
            "0.1",
            "--profile-seconds",
            "3",
            "--capacity-only",
            "reflection_analyze",
            "--capacity-step-seconds",
            "1",
            "--capacity-repeats",
            "1",
            "--capacity-start-rate",
            "40",
            "--config",
            str(tmp_path / "perfci-small.toml"),
            "--out",
            str(out),
        ],
        cwd=ROOT,
        env=perfci_env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert r.returncode in (0, 1), r.stdout[-3000:] + r.stderr[-3000:]
    run = json.loads((out / "run.json").read_text())
    assert run["kind"] == "weekly"
    assert run["config"]["pipeline"] == {"scenarios": ["smoke"], "duration_scale": 0.1}
    assert {"load", "capacity", "sql", "profile"} <= set(run["stages"]), r.stderr[-3000:]
    (cap,) = run["stages"]["capacity"]["endpoints"]
    assert cap["name"] == "reflection_analyze" and cap["knee"] > 0, cap
    assert "### Capacity (open-loop knee)" in (out / "summary.md").read_text()
    assert [s["name"] for s in run["stages"]["load"]["scenarios"]] == ["smoke"]
    sql = run["stages"]["sql"]
    assert sql["catalog"] and "transactions" in sql
    profile = run["stages"]["profile"]
    assert profile["overhead"] is not None and profile["engines"]
    for name in ("report.html", "comment.md", "summary.md", "benchmark-action.json"):
        assert (out / name).stat().st_size > 0, name
    series = json.loads((out / "benchmark-action.json").read_text())
    assert series and all(s["unit"] for s in series)
    # one trend series per endpoint and percentile (the benchmark suite), beside the load's
    names = {s["name"] for s in series}
    endpoints = {b["name"] for b in run["benchmarks"]}
    assert "classify" in endpoints and "search" in endpoints
    assert {f"{e} {p}" for e in endpoints for p in ("p50", "p95", "p99")} <= names
    assert {"load smoke p50", "load smoke p95", "load smoke p99"} <= names
    if r.returncode == 1:  # a gate failed: it is named
        assert "FAILED:" in r.stderr


def test_weekly_scenario_list_parsing():
    from perf.pipeline import weekly_scenarios

    assert weekly_scenarios("all") is None and weekly_scenarios("") is None
    assert weekly_scenarios("smoke, spike") == ["smoke", "spike"]
    assert weekly_scenarios("analyze-10 batch-10") == ["analyze-10", "batch-10"]
