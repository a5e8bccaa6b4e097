"""`perfci load --capacity`: the step verdict and the knee search on fixed data, the CLI's usage
errors, and the search against a service whose capacity is known (tests/data/capacity_app:
one uvicorn worker, a handler holding a lock for 20 ms, so at most 50 requests/s).

No absolute time is asserted: the live test checks the knee against the capacity the service
is built to have, within the 15 % that issue 18 allows.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from perf.load.capacity import (
    FAIL,
    LATE,
    OK,
    Record,
    Settings,
    achieved_rate,
    search,
    spread,
    summarize_step,
)
from perf.stack import free_port

REPO = Path(__file__).resolve().parents[1]
APP = REPO / "tests" / "data" / "capacity_app"
CAPACITY = 50.0  # 1 / 20 ms


# --------------------------------------------------------------------------- fixed data


def queue(rate: float, service: float, seconds: float) -> list[Record]:
    """Evenly spaced arrivals at `rate` served one at a time in `service` s each (D/D/1)."""
    out, free = [], 0.0
    for i in range(int(rate * seconds)):
        due = i / rate
        start = max(due, free)
        free = start + service
        out.append(Record(due, free, OK))
    return out


def test_a_server_below_its_capacity_passes_and_above_it_fails():
    below = summarize_step(40, queue(40, 0.02, 12), (2, 12), sla_p95=0.2)
    assert below["passed"] and below["reason"] == ""
    assert below["p95"] == pytest.approx(0.02)
    assert below["achieved"] == pytest.approx(40, rel=0.01)
    assert below["requests"] == 400 and below["errors"] == below["late"] == 0
    above = summarize_step(60, queue(60, 0.02, 12), (2, 12), sla_p95=0.2)
    assert not above["passed"]
    assert "P95" in above["reason"] and "achieved" in above["reason"]
    assert above["achieved"] == pytest.approx(50, rel=0.01)  # the server's own capacity


def test_latency_is_counted_from_the_scheduled_time_and_the_window_is_by_schedule():
    records = [Record(0.5, 0.6, OK), Record(1.0, 1.5, OK), Record(2.0, 9.0, OK)]
    s = summarize_step(2, records, (1.0, 2.0), sla_p95=1.0)
    assert s["requests"] == 1 and s["p95"] == pytest.approx(0.5)


def test_errors_and_late_arrivals_fail_a_step_over_one_percent():
    records = queue(20, 0.01, 10)
    late = [Record(r.scheduled, None, LATE) if i % 50 == 0 else r for i, r in enumerate(records)]
    s = summarize_step(20, late, (0, 10), sla_p95=1.0)
    assert s["late"] == 4 and not s["passed"] and "errors 2.0 %" in s["reason"]
    failed = [Record(r.scheduled, r.end, FAIL) if i == 7 else r for i, r in enumerate(records)]
    s = summarize_step(20, failed, (0, 10), sla_p95=1.0)
    assert s["errors"] == 1 and s["error_rate"] == pytest.approx(0.005) and s["passed"]
    assert not summarize_step(20, [], (0, 10), sla_p95=1.0)["passed"]


def test_achieved_rate_ignores_a_constant_latency():
    ends = [3.0 + i / 10 for i in range(80)]  # 10/s, each 3 s late: still 10/s
    assert achieved_rate(ends, 8) == pytest.approx(10)
    assert achieved_rate([1.0], 8) == pytest.approx(1 / 8)


def fake(knee: float, calls: list[float]):
    def measure(rate: float) -> dict:
        calls.append(rate)
        return {"offered": rate, "passed": rate <= knee}

    return measure


def test_search_raises_then_bisects_between_the_last_pass_and_the_first_fail():
    calls: list[float] = []
    steps, knee = search(fake(50, calls), Settings())
    raised = [2 * 1.5**k for k in range(9)]  # 2 … 51.3
    assert calls[:9] == pytest.approx(raised)
    assert calls[9] == pytest.approx(math.sqrt(raised[7] * raised[8]))  # 41.9: passes
    assert calls[10] == pytest.approx(math.sqrt(calls[9] * raised[8]))  # 46.4: passes
    assert len(steps) == 11 and knee == pytest.approx(calls[10])
    assert 0.85 * 50 <= knee <= 50


@pytest.mark.parametrize("true_knee", [3.3, 7.0, 11.9, 20.0, 49.0, 77.7, 140.0])
def test_the_knee_is_within_the_search_resolution(true_knee):
    _, knee = search(fake(true_knee, []), Settings())
    assert true_knee / 1.5**0.25 <= knee <= true_knee


def test_search_stops_at_the_max_rate_and_goes_down_when_the_first_step_fails():
    calls: list[float] = []
    _, knee = search(fake(1e9, calls), Settings(max_rate=10))
    assert knee == 10 and calls[-1] == 10 and len(calls) == 5  # 2, 3, 4.5, 6.75, 10.1→10
    calls = []
    _, knee = search(fake(0.7, calls), Settings())  # 2 fails, 1 fails, 0.5 passes, bisect
    assert calls[:3] == [2, 1, 0.5] and 0.5 <= knee <= 0.7
    _, knee = search(fake(0.1, []), Settings())
    assert knee is None


def test_spread_over_repeats():
    assert spread([40.0, 46.3, 41.9]) == {"median": 41.9, "min": 40.0, "max": 46.3, "n": 3}
    assert spread([None, 10.0, 12.0])["min"] == 0.0


def test_mutating_endpoints_are_measured_only_when_named(tmp_path):
    from perf.config import load_config
    from perf.errors import UsageError
    from perf.load.capacity import chosen_endpoints

    path = tmp_path / "perfci.toml"
    path.write_text((APP / "perfci.toml").read_text().replace('root = "."', f'root = "{APP}"')
                    + '\n[[endpoints]]\nname = "run"\nmethod = "POST"\npath = "/run"\n'
                    'restore = ["jobs"]\nsla = { p95 = 1.0 }\n'
                    '\n[[endpoints]]\nname = "free"\nmethod = "GET"\npath = "/free"\n')  # fmt: skip
    config = load_config(path)
    assert [e.name for e in chosen_endpoints(config, None)] == ["work"]
    assert [e.name for e in chosen_endpoints(config, ["run"])] == ["run"]
    with pytest.raises(UsageError, match="no sla.p95"):
        chosen_endpoints(config, ["free"])


# --------------------------------------------------------------------------- the CLI


def perfci(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "perf.cli", "load", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


@pytest.mark.parametrize(
    "args, message",
    [
        (["--scenario", "smoke", "--repeats", "3"], "--repeats goes with --capacity"),
        (["--capacity", "--only", "nope"], "no endpoint named 'nope'"),
        (["--capacity", "--only", "health"], "has no sla.p95"),
        (["--capacity", "--duration-scale", "0.5"], "--duration-scale is a Locust"),
        (["--capacity", "--max-rate", "1", "--start-rate", "2"], "below the start rate"),
        (["--capacity", "--scenario", "smoke"], "not allowed with argument"),
    ],
)
def test_usage_errors_exit_2(tmp_path, args, message):
    r = perfci(*args, "--out", str(tmp_path / "run"))
    assert r.returncode == 2, r.stderr
    assert message in r.stderr


# --------------------------------------------------------------------------- live


@pytest.fixture
def capacity_app(tmp_path):
    """The known-capacity service under one uvicorn worker, on a port of its own."""
    port = free_port()
    log = (tmp_path / "app.log").open("w")  # noqa: SIM115 (closed after the server)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "app:app",
            "--port",
            str(port),
            "--workers",
            "1",
            "--log-level",
            "warning",
            "--no-access-log",
        ],  # fmt: skip
        cwd=APP,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert proc.poll() is None and time.monotonic() < deadline, (
                tmp_path / "app.log"
            ).read_text()
            time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.mark.integration
def test_capacity_finds_the_known_capacity_within_15_percent(tmp_path, capacity_app):
    out = tmp_path / "run"
    r = perfci(
        "--capacity",
        "--config", str(APP / "perfci.toml"),
        "--target", capacity_app,
        "--step-seconds", "3",
        "--start-rate", "10",
        "--out", str(out),
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    stage = json.loads((out / "run.json").read_text())["stages"]["capacity"]
    [work] = stage["endpoints"]
    assert work["name"] == "work" and work["sla_p95"] == 0.2
    assert 0.85 * CAPACITY <= work["knee"] <= 1.15 * CAPACITY, work["steps"]
    assert work["spread"]["n"] == 1
    offered = [s["offered"] for s in work["steps"]]
    assert offered[:2] == [10, 15] and any(not s["passed"] for s in work["steps"])
    for s in work["steps"]:
        assert {"offered", "achieved", "p50", "p95", "p99", "errors", "late", "passed"} <= set(s)
    assert "work" in r.stdout and "knee" in r.stdout
    # the report: a capacity section with the latency curve
    rep = subprocess.run(
        [sys.executable, "-m", "perf.cli", "report", str(out)],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert rep.returncode == 0, rep.stderr
    html = (out / "report.html").read_text()
    assert "<h2>Capacity</h2>" in html and 'id="capacity-work' in html
