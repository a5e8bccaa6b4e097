"""Statistics, thresholds and the compare rules on fixed synthetic inputs (no database)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import numpy as np
import pytest

from perf.compare import BASELINE_SCHEMA, compare, load_measurements
from perf.config import load_config, parse_threshold
from perf.errors import UsageError
from perf.stats import percentile, summarize
from tests.conftest import PERFCI


def test_percentiles_from_raw_data():
    x = list(range(1, 101))  # 1..100
    assert percentile(x, 50) == 50.5
    assert percentile(x, 95) == pytest.approx(95.05)
    assert percentile(x, 99) == pytest.approx(99.01)
    assert percentile([3.0, 1.0, 2.0], 50) == 2.0
    assert percentile([5.0], 99) == 5.0
    s = summarize([0.010, 0.020, 0.030, 0.040, 1.000])
    assert (s.rounds, s.min, s.max, s.median) == (5, 0.010, 1.000, 0.030)
    assert s.p95 == pytest.approx(0.040 + 0.8 * 0.960)
    assert s.iqr == pytest.approx(0.040 - 0.020)
    assert s.stddev == pytest.approx(np.std([0.01, 0.02, 0.03, 0.04, 1.0], ddof=1))
    with pytest.raises(ValueError):
        summarize([])


@pytest.mark.parametrize(
    ("text", "fraction"),
    [("10%", 0.10), ("7.5%", 0.075), (10, 0.10), (0.1, 0.1), ("0.075", 0.075), ("12.5", 0.125)],
)
def test_thresholds(text, fraction):
    assert parse_threshold(text) == pytest.approx(fraction)


@pytest.mark.parametrize("bad", ["ten", "%", True, "-5%", [10]])
def test_bad_thresholds(bad):
    with pytest.raises(UsageError):
        parse_threshold(bad)


ENV = {
    "cpu_model": "X",
    "cpu_count": 2,
    "machine": "x86_64",
    "python": "3.11.7",
    "postgres": "15.1",
}


def doc(p95: dict[str, float], statements: dict[str, float] | None = None, env=None) -> dict:
    statements = statements or {}
    return {
        "schema": BASELINE_SCHEMA,
        "environment": env or ENV,
        "benchmarks": {
            n: {
                "p50": v / 2,
                "p95": v,
                "p99": v * 1.2,
                "mean": v / 2,
                "stddev": 0.0,
                "rounds": 30,
                "statements_per_request": statements.get(n, 3),
            }
            for n, v in p95.items()
        },
    }


def write(tmp: Path, name: str, data) -> Path:
    path = tmp / name
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    return path


def run_compare(tmp: Path, base, cur, *extra: str) -> subprocess.CompletedProcess:
    b = base if isinstance(base, Path) else write(tmp, "base.json", base)
    c = cur if isinstance(cur, Path) else write(tmp, "cur.json", cur)
    return subprocess.run(
        [*PERFCI, "compare", str(b), str(c), *extra], capture_output=True, text=True
    )


def test_compare_fails_on_20_percent_slower(tmp_path):
    r = run_compare(
        tmp_path, doc({"search": 0.5, "classify": 0.01}), doc({"search": 0.6, "classify": 0.01})
    )
    assert r.returncode == 1, r.stdout + r.stderr
    assert "FAIL: search" in r.stderr and "classify" not in r.stderr


def test_compare_passes_identical(tmp_path):
    r = run_compare(tmp_path, doc({"search": 0.5}), doc({"search": 0.5}))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "PASS" in r.stdout


def test_fractional_threshold(tmp_path):
    base, cur = doc({"search": 1.0}), doc({"search": 1.08})
    assert run_compare(tmp_path, base, cur, "--threshold", "7.5%").returncode == 1
    assert run_compare(tmp_path, base, cur, "--threshold", "10%").returncode == 0


def test_compare_flags_one_extra_query_per_request(tmp_path):
    r = run_compare(
        tmp_path, doc({"analyze": 0.01}, {"analyze": 6}), doc({"analyze": 0.01}, {"analyze": 7})
    )
    assert r.returncode == 1
    assert "statements per request 6 → 7" in r.stdout


def test_new_and_removed_benchmarks_are_reported_not_failed(tmp_path):
    r = run_compare(tmp_path, doc({"a": 0.1, "gone": 0.1}), doc({"a": 0.1, "added": 5.0}))
    assert r.returncode == 0, r.stdout
    assert "gone: removed" in r.stdout and "added: new" in r.stdout


def test_missing_baseline_passes_with_notice(tmp_path):
    r = run_compare(tmp_path, tmp_path / "nope.json", doc({"a": 0.1}))
    assert r.returncode == 0
    assert "no baseline" in r.stdout and "first run" in r.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"benchmarks": {}}', "no 'schema' field"),
        ('{"schema": "perfci.baseline/0", "benchmarks": {}}', "is not supported"),
        (
            '{"schema": "perfci.baseline/1", "benchmarks": {"a": {"p95": "x"}}, "environment": {}}',
            "no numeric 'p95'",
        ),
    ],
)
def test_bad_baselines_exit_2_naming_the_file(tmp_path, content, message):
    bad = write(tmp_path, "bad-baseline.json", content)
    r = run_compare(tmp_path, bad, doc({"a": 0.1}))
    assert r.returncode == 2, r.stdout + r.stderr
    assert "bad-baseline.json" in r.stderr and message in r.stderr
    assert "Traceback" not in r.stderr


def test_unreadable_baseline_exit_2(tmp_path):
    unreadable = tmp_path / "dir-not-file.json"
    unreadable.mkdir()  # a directory without run.json inside
    r = run_compare(tmp_path, unreadable, doc({"a": 0.1}))
    assert r.returncode == 0 and "no baseline" in r.stdout  # a run directory without run.json
    binary = write(tmp_path, "binary.json", "")
    binary.write_bytes(b"\xff\xfe\x00")
    r = run_compare(tmp_path, binary, doc({"a": 0.1}))
    assert r.returncode == 2 and "binary.json" in r.stderr


def test_other_fingerprint_is_reported_never_failed(tmp_path):
    other = dict(ENV, cpu_model="Other CPU")
    result = compare(
        load_measurements(write(tmp_path, "b.json", doc({"s": 0.1}, env=other))),
        load_measurements(write(tmp_path, "c.json", doc({"s": 0.5}))),
        0.10,
        "p95",
    )
    assert result.failed == [] and not result.comparable
    assert "another machine fingerprint" in result.notices[0]
    r = run_compare(tmp_path, doc({"s": 0.1}, env=other), doc({"s": 0.5}))
    assert r.returncode == 0 and "another machine fingerprint" in r.stdout


def test_config_errors_name_file_and_field(tmp_path):
    service = '[service]\napp = "main:app"\n'
    bad = write(
        tmp_path,
        "perfci.toml",
        service + '[gate]\nstat = "p42"\n[[endpoints]]\nname="a"\npath="/a"\n',
    )
    with pytest.raises(UsageError, match=r"perfci.toml: gate.stat 'p42'"):
        load_config(bad)
    bad = write(tmp_path, "p2.toml", service + '[[endpoints]]\nname="a"\npath="a"\n')
    with pytest.raises(UsageError, match=r"p2.toml: endpoint 'a'.path"):
        load_config(bad)
    bad = write(tmp_path, "p3.toml", '[[endpoints]]\nname="a"\npath="/a"\n')
    with pytest.raises(UsageError, match=r"p3.toml: \[service\]: app = 'module:attribute'"):
        load_config(bad)
    assert len(load_config("perfci.toml").endpoints) == 8
