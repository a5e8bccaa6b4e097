"""`perfci bench` end to end on the small profile with a short config: real PostgreSQL, the app
in-process, pytest-benchmark's raw data, run.json, the SLA gate and the empty-result guard."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import PERFCI, dtrag_service_toml

pytestmark = pytest.mark.integration

CONFIG = """
[bench]
min_rounds = 5
max_time = 0.2
warmup_rounds = 1
query_count_calls = 3

[[endpoints]]
name = "reflection_analyze"
method = "POST"
path = "/reflection/analyze"
payloads = "hot_cases"
expect = "analyzed_logs"
sla = {{ p95 = {analyze_sla} }}

[[endpoints]]
name = "search"
method = "POST"
path = "/search"
json = {search_json}
expect = "search_hits"

[[endpoints]]
name = "consolidation_run"
method = "POST"
path = "/consolidation/run"
json = {{}}
restore = ["case_bank", "case_bank_archive"]
expect = "consolidated"
rounds = 3
"""


def bench(
    tmp: Path,
    env: dict,
    *,
    analyze_sla="1.0",
    search_json='{ q = "vector search" }',
    extra: tuple[str, ...] = (),
) -> tuple[subprocess.CompletedProcess, Path]:
    config = tmp / "perfci.toml"
    config.write_text(
        dtrag_service_toml("small", rate_limit="1000000")
        + CONFIG.format(analyze_sla=analyze_sla, search_json=search_json)
    )
    out = tmp / "run"
    r = subprocess.run(
        [*PERFCI, "bench", "--config", str(config), "--out", str(out), *extra],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    return r, out


def test_bench_writes_percentiles_counts_and_baseline(perfci_env, tmp_path):
    baseline = tmp_path / "baseline.json"
    r, out = bench(
        tmp_path,
        perfci_env,
        extra=(
            "--only",
            "reflection_analyze",
            "consolidation_run",
            "--save-baseline",
            "--baseline",
            str(baseline),
        ),
    )
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    run = json.loads((out / "run.json").read_text())
    assert run["schema"] == "perfci.run/1" and run["environment"]["cpu_count"]
    by_name = {b["name"]: b for b in run["benchmarks"]}
    assert set(by_name) == {"reflection_analyze", "consolidation_run"}
    analyze = by_name["reflection_analyze"]
    s = analyze["summary"]
    assert s["rounds"] >= 5 and s["p50"] <= s["p95"] <= s["p99"] <= s["max"]
    # exact statement counts: case lookup + latest logs (+ the pool's reset on release)
    assert analyze["statements_per_request"] == int(analyze["statements_per_request"]) >= 2
    assert analyze["rows_per_request"] >= 100
    assert by_name["consolidation_run"]["summary"]["rounds"] == 3
    raw = json.loads((out / "pytest-benchmark.json").read_text())
    assert all(len(b["stats"]["data"]) == b["stats"]["rounds"] for b in raw["benchmarks"])
    assert "P95" in r.stdout and "reflection_analyze" in r.stdout
    saved = json.loads(baseline.read_text())
    assert saved["schema"] == "perfci.baseline/1"
    assert saved["benchmarks"]["reflection_analyze"]["p95"] == s["p95"]
    # compare the run against its own baseline: identical → pass
    c = subprocess.run(
        [*PERFCI, "compare", str(baseline), str(out)], capture_output=True, text=True
    )
    assert c.returncode == 0, c.stdout + c.stderr


def test_bench_exits_1_when_a_p95_is_over_its_sla(perfci_env, tmp_path):
    r, out = bench(
        tmp_path, perfci_env, analyze_sla="0.000001", extra=("--only", "reflection_analyze")
    )
    assert r.returncode == 1, r.stdout[-2000:] + r.stderr[-2000:]
    assert "SLA failed: reflection_analyze: p95" in r.stderr
    verdicts = json.loads((out / "run.json").read_text())["verdicts"]
    assert verdicts[0]["status"] == "fail"


def test_benchmark_of_an_empty_result_fails(perfci_env, tmp_path):
    # a filter no chunk matches: search answers 200 with no hits, which must not be timed
    r, _ = bench(
        tmp_path,
        perfci_env,
        search_json='{ q = "vector search", filters = { doc_type = ["no/such-type"] } }',
        extra=("--only", "search"),
    )
    assert r.returncode == 3, r.stdout[-2000:] + r.stderr[-2000:]
    assert "search returned no hits" in r.stdout
    assert "failed its own checks" in r.stderr


def test_bench_unknown_name_exit_2(perfci_env, tmp_path):
    r, _ = bench(tmp_path, perfci_env, extra=("--only", "nonsense"))
    assert r.returncode == 2 and "unknown benchmark nonsense" in r.stderr
