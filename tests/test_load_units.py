"""Pure parts of `perfci load`: gates, the [load] matrix, user classes by name, shapes,
exact statistics, pool gauges."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from perf.config import load_config
from perf.errors import UsageError
from perf.load import samples as S
from perf.load.gates import evaluate, failure_reason, parse_gate
from perf.load.matrix import GENERIC_USER, load_matrix
from perf.load.resources import parse_pool, pool_gauges
from perf.load.shapes import ConstantShape, RampShape, SpikeShape, make_shape

REPO = Path(__file__).resolve().parents[1]
DTRAG = REPO / "perfci.toml"
BOOKSHELF = REPO / "examples" / "bookshelf" / "perfci.toml"
# The least config a [load] section can stand in: a service and two endpoints.
SERVICE = """
[service]
app = "app:app"

[[endpoints]]
name = "items"
path = "/items"
weight = 3

[[endpoints]]
name = "health"
path = "/health"
weight = 0
expect = { status = 204 }
"""


def config_with(tmp_path: Path, load: str):
    path = tmp_path / "perfci.toml"
    path.write_text(SERVICE + "\n[load]\n" + load + "\n")
    return load_config(path)


# --------------------------------------------------------------------------- gates


def test_gates_parse_and_evaluate_like_k6_thresholds():
    g = parse_gate("p95[reflection_batch] < 15")
    assert (g.metric, g.endpoint, g.op, g.threshold) == ("p95", "reflection_batch", "<", 15.0)
    assert parse_gate("error_rate < 0.1%").threshold == pytest.approx(0.001)
    assert parse_gate("rps >= 100").op == ">="
    result = {
        "p95": 1.2,
        "error_rate": 0.002,
        "rps": 120.0,
        "endpoints": [{"name": "reflection_batch", "p95": 16.0}],
        "spike": {"recovery_seconds": None, "error_rate_during": 0.05},
    }
    gates = [
        parse_gate(t)
        for t in (
            "p95 < 1.5",
            "p95[reflection_batch] < 15",
            "error_rate < 0.1%",
            "rps >= 100",
            "recovery_seconds <= 30",
            "spike_error_rate < 10%",
            "p95[missing] < 1",
        )
    ]
    passed = {r["text"]: r["passed"] for r in evaluate(gates, result)}
    assert passed == {
        "p95 < 1.5": True,
        "p95[reflection_batch] < 15": False,
        "error_rate < 0.1%": False,
        "rps >= 100": True,
        "recovery_seconds <= 30": False,  # never recovered: no value fails
        "spike_error_rate < 10%": True,
        "p95[missing] < 1": None,  # never called: not measured (a notice)
    }
    reasons = [failure_reason(r) for r in evaluate(gates, result) if not r["passed"]]
    assert "p95[reflection_batch] = 16 s, gate < 15 s" in reasons
    assert "error_rate = 0.2 %, gate < 0.1 %" in reasons
    assert any("never recovered" in r for r in reasons)


@pytest.mark.parametrize("text", ["p95 <", "latency < 1", "requests[x] > 1", "p95 ~ 2", 3])
def test_malformed_gates_are_usage_errors(text):
    with pytest.raises(UsageError):
        parse_gate(text, "perfci.toml: load.scenarios 'x'.gates")


# --------------------------------------------------------------------------- matrix


def test_the_matrix_of_the_repository_config_holds_the_acceptance_criteria():
    lc = load_matrix(load_config(DTRAG))
    gates = {s.name: {g.text for g in s.gates} for s in lc.scenarios}
    assert gates["analyze-10"] == {"p95[reflection_analyze] < 1.0", "error_rate < 0.1%"}
    assert gates["batch-100"] == {"p95[reflection_batch] < 20.0", "error_rate < 5%"}
    assert gates["run-50"] == {"p95[consolidation_run] < 4.5", "error_rate < 1%"}
    assert gates["dry-run-100"] == {"p95[consolidation_dry_run] < 4.0", "error_rate < 5%"}
    assert "recovery_seconds <= 30" in gates["spike"]
    assert "p95_trend_upward == 0" in gates["soak"]
    matrix = [s.name for s in lc.matrix]
    assert len(matrix) == 13 and "smoke" not in matrix and matrix[-2:] == ["spike", "soak"]
    assert lc.get("batch-50").duration_s == 600 and lc.get("run-10").users == 10
    assert lc.get("smoke").duration_s == 60
    # scaled: phases shrink with floors; the spike's rise stays 10 s
    spike = lc.get("spike").scaled(0.05)
    assert spike.params["rise_seconds"] == 10
    assert spike.params["pre_seconds"] == 20 and spike.params["recover_seconds"] == 40
    assert lc.get("analyze-10").scaled(0.05).duration_s == 15
    # dtrag's users are its own, named; the limiter of 100 requests per key per minute is on
    assert lc.settings.users == ("dtrag.perfci.users",)
    assert lc.settings.data == "dtrag.perfci.users_data:request_data"
    assert lc.settings.env == {"DTRAG_RATE_LIMIT": "100"}
    assert lc.get("smoke").user_classes == {"Phase12User": 3, "ReflectionUser": 3,
                                            "ConsolidationUser": 1}  # fmt: skip
    assert all(not s.endpoints for s in lc.scenarios)  # no generic user anywhere


def test_without_user_classes_the_generic_user_sends_the_endpoints_by_weight(tmp_path):
    config = config_with(
        tmp_path,
        'error_rate = { 5 = "1%" }\n'
        '[[load.matrix]]\narea = "items"\nendpoint = "items"\nusers = [5]\np95 = [1]\n'
        "duration = 10\n"
        '[[load.scenarios]]\nname = "all"\nusers = 2\nduration = 5\n'
        '[[load.scenarios]]\nname = "probe"\nendpoints = ["health"]\nusers = 1\nduration = 5',
    )
    lc = load_matrix(config)
    # a scenario: every endpoint of weight above 0; a matrix row: its endpoint
    assert lc.get("all").user_classes == {GENERIC_USER: 1}
    assert lc.get("all").endpoints == ("items",)
    assert lc.get("items-5").endpoints == ("items",)
    from perf.load.runner import endpoint_plan

    # named explicitly, a weight-0 endpoint still runs; its valid status is its own
    assert endpoint_plan(config, lc.get("probe")) == [
        {"name": "health", "weight": 1, "expect_status": 204}
    ]
    assert endpoint_plan(config, lc.get("all")) == [
        {"name": "items", "weight": 3, "expect_status": 200}
    ]


def test_the_example_service_needs_no_users_of_its_own():
    config = load_config(BOOKSHELF)
    lc = load_matrix(config)
    smoke = lc.get("smoke")
    assert smoke.user_classes == {GENERIC_USER: 1} and lc.settings.users == ()
    assert set(smoke.endpoints) == {e.name for e in config.endpoints if e.weight > 0}
    assert lc.get("list-books-10").endpoints == ("list_books",)
    assert {g.text for g in smoke.gates} >= {"error_rate < 1%", "p95[list_books] < 1"}


def test_load_env_fills_the_service_placeholders(tmp_path):
    from perf.load.runner import load_env

    config = config_with(tmp_path, 'env = { KEYS = "{api_keys}", LIMIT = "100", AT = "{port}" }')
    lc = load_matrix(config)
    env = load_env(config, lc, "postgresql://u@h:5/db", 8123, ["k1", "k2"])
    assert env == {"KEYS": "k1,k2", "LIMIT": "100", "AT": "8123"}


@pytest.mark.parametrize(
    ("snippet", "message"),
    [
        ('[[load.scenarios]]\nname = "x"\nshape = "wave"\nuser_classes = "AnalyzeUser"',
         "is not one of"),
        ('[[load.scenarios]]\nname = "x"\nuser_classes = "AnalyzeUser"\nusers = 1\n'
         'duration = 5\ngates = ["p95 < soon"]', "is not a gate"),
        ('[[load.matrix]]\narea = "a"\nuser_classes = "AnalyzeUser"\nendpoint = "e"\n'
         "users = [10, 20]\np95 = [1]\nduration = 5", "one P95 bound"),
        ('[[load.matrix]]\narea = "a"\nuser_classes = "AnalyzeUser"\nendpoint = "e"\n'
         "users = [7]\np95 = [1]\nduration = 5", "no load.error_rate for 7 users"),
        ('[[load.matrix]]\narea = "a"\nendpoint = "nope"\nusers = [10]\np95 = [1]\n'
         "duration = 5", "'a'.endpoint: the generic user sends it"),
        ('[[load.scenarios]]\nname = "x"\nendpoints = ["nope"]\nusers = 1\nduration = 5',
         "no endpoint named 'nope'"),
        ('[[load.scenarios]]\nname = "x"\nuser_classes = { "a-b" = 1 }\nusers = 1\n'
         "duration = 5", "is not a class name"),
        ("users = 'not a module!'", "load.users"),
        ('data = "nocolon"', "load.data"),
        ("env = { LIMIT = 100 }", "load.env"),
        ("rate_limit = 100", "load.rate_limit: no longer a setting.*env"),
        ("batch_min_logs = 10", "load.batch_min_logs: no longer a setting"),
    ],
)  # fmt: skip
def test_config_mistakes_name_the_file_and_field(tmp_path, snippet, message):
    config = config_with(tmp_path, 'error_rate = { 10 = "1%" }\n' + snippet)
    with pytest.raises(UsageError, match=message) as exc:
        load_matrix(config)
    assert str(config.path) in str(exc.value)


def test_user_classes_are_looked_up_by_name_in_the_service_modules():
    """In a subprocess that imports Locust (as the Locust processes do): dtrag's classes and
    perf's generic user exist, a misspelt one is a usage error naming the scenario."""
    from dataclasses import replace

    from perf.load.catalog import check_user_classes, list_user_classes

    known = list_user_classes(("dtrag.perfci.users",), REPO)
    assert known["AnalyzeUser"] == "dtrag.perfci.users"
    assert known[GENERIC_USER] == "perf.load.endpoint_user"
    assert "PerfciUser" not in known  # abstract: not a user a scenario can run
    lc = load_matrix(load_config(DTRAG))
    check_user_classes(lc, list(lc.scenarios), REPO)  # every name of perfci.toml exists
    typo = replace(lc.get("smoke"), user_classes={"RefectionUser": 1})
    with pytest.raises(UsageError, match="'smoke'.user_classes: unknown user class 'Refection"):
        check_user_classes(lc, [typo], REPO)
    without = replace(lc, settings=replace(lc.settings, users=()))
    with pytest.raises(UsageError, match="load.users \\(empty"):
        check_user_classes(without, [lc.get("smoke")], REPO)
    missing = replace(lc, settings=replace(lc.settings, users=("dtrag.perfci.nothing",)))
    with pytest.raises(UsageError, match="load.users: cannot import dtrag.perfci.nothing"):
        check_user_classes(missing, [lc.get("smoke")], REPO)


# --------------------------------------------------------------------------- shapes


def test_spike_users_rise_from_0_to_100_in_10_seconds():
    shape = SpikeShape(
        base_users=10, peak_users=100, pre_seconds=30, rise_seconds=10, hold_seconds=20,
        recover_seconds=40,
    )  # fmt: skip
    assert shape.users_at(0)[0] == 10 and shape.users_at(29.9)[0] == 10
    rise = [shape.users_at(30 + k)[0] for k in range(11)]
    # the line 0 → 100 in 10 s (10 users per second), the 10 base users being its first ones
    assert rise == [10, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]
    assert all(shape.users_at(30 + k)[1] == 10 for k in range(10))  # spawn rate 10/s
    assert shape.users_at(49.9)[0] == 100
    assert shape.users_at(60)[0] == 10  # back down at once
    assert shape.users_at(99.9)[0] == 10 and shape.users_at(100) is None
    assert shape.total_seconds == 100 and shape.peak == 100


def test_spike_as_a_locust_load_test_shape_object():
    """The LoadTestShape Locust runs (in a subprocess: importing Locust monkey-patches)."""
    code = textwrap.dedent(
        """
        import json, time
        from locust import LoadTestShape
        from perf.load.shapes import locust_shape_class
        cls = locust_shape_class("spike", {"base_users": 10, "peak_users": 100,
            "pre_seconds": 5, "rise_seconds": 10, "hold_seconds": 5, "recover_seconds": 40})
        shape = cls()  # Locust instantiates shapes without arguments
        out = {"is_shape": isinstance(shape, LoadTestShape), "abstract": cls.abstract}
        curve = []
        for t in [0, 4.5, 5.5, 6.5, 10.5, 14.5, 15.5, 20.5, 59.5, 60.5]:
            shape.start_time = time.perf_counter() - t
            curve.append(shape.tick())
        out["curve"] = curve
        print(json.dumps(out))
        """
    )
    r = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout.strip().splitlines()[-1])
    assert out["is_shape"] and out["abstract"] is False
    users = [c[0] if c else None for c in out["curve"]]
    assert users == [10, 10, 10, 15, 55, 95, 100, 10, 10, None]


def test_constant_and_ramp_shapes_end_the_test():
    c = ConstantShape(users=50, duration=30)
    assert c.users_at(0) == (50, 50.0) and c.users_at(29.99) == (50, 50.0)
    assert c.users_at(30) is None
    r = RampShape(users=100, ramp_seconds=50, hold_seconds=10)
    assert [r.users_at(t)[0] for t in (0, 25, 49.9, 55)] == [1, 50, 99, 100]
    assert r.users_at(60) is None
    assert make_shape("soak", {"users": 5, "duration": 7}).total_seconds == 7


# --------------------------------------------------------------------------- statistics


def _samples(rng, n=2000, t0=1000.0):
    out = []
    for i in range(n):
        lat = float(rng.lognormal(-4, 0.8))  # ~18 ms median, microsecond resolution
        end = t0 + i * 0.01 + lat
        outcome = "fail" if i % 97 == 0 else ("expected_409" if i % 50 == 0 else "ok")
        name = "a" if i % 3 else "b"
        out.append(S.Sample(end - lat, end, round(lat, 6), name, outcome))
    return out


def test_exact_percentiles_agree_with_a_direct_computation(tmp_path):
    rng = np.random.default_rng(1)
    samples = _samples(rng)
    d = tmp_path / "samples"
    d.mkdir()
    half = len(samples) // 2  # two processes' files
    for i, part in enumerate((samples[:half], samples[half:])):
        (d / f"samples-{i}.tsv").write_text(
            "".join(f"{s.start}\t{s.end}\t{s.seconds:.6f}\t{s.name}\t{s.outcome}\n" for s in part)
        )
    read = S.read_samples(d)
    assert len(read) == len(samples)
    summary = S.summarize_group(read, duration=20.0)
    lat = np.array([s.seconds for s in samples if s.outcome != "expected_409"])
    for q in (50, 95, 99):
        assert summary[f"p{q}"] == pytest.approx(float(np.percentile(lat, q)), abs=1e-12)
    assert summary["requests"] == 2000
    assert summary["failures"] == sum(1 for s in samples if s.outcome == "fail")
    assert summary["expected_409"] == sum(1 for s in samples if s.outcome == "expected_409")
    assert summary["rps"] == pytest.approx(100.0)
    b = next(e for e in S.per_endpoint(read, 20.0) if e["name"] == "b")
    lat_b = [s.seconds for s in samples if s.name == "b" and s.outcome != "expected_409"]
    assert b["p95"] == pytest.approx(float(np.percentile(lat_b, 95)), abs=1e-12)


def test_timeseries_one_point_per_second():
    samples = [S.Sample(0, 100.2, 0.1, "a", "ok"), S.Sample(0, 100.7, 0.3, "a", "fail"),
               S.Sample(0, 102.5, 0.2, "a", "ok")]  # fmt: skip
    ts = S.timeseries(samples, 100.0, [(100.5, 3), (101.5, 7)], duration=3)
    assert [p["rps"] for p in ts] == [2, 0, 1]
    assert [p["errors"] for p in ts] == [1, 0, 0]
    assert [p["users"] for p in ts] == [3, 7, 7]
    assert ts[0]["p95"] == pytest.approx(np.percentile([0.1, 0.3], 95)) and ts[1]["p95"] is None


def test_spike_analysis_recovery_time_and_error_rate():
    phases = {"pre": 0, "rise": 30, "hold": 40, "drop": 60, "end": 120}
    samples = []
    for i in range(1200):  # 10 requests a second, by start time
        t = i / 10
        if t < 30:
            lat = 0.010 + (i % 10) * 0.001  # pre-spike: P99 ≈ 19 ms
        elif t < 60:
            lat = 0.5
        elif t < 72:
            lat = 0.2  # still slow 12 s after the drop
        else:
            lat = 0.011
        outcome = "fail" if 30 <= t < 60 and i % 20 == 0 else "ok"
        samples.append(S.Sample(1000 + t, 1000 + t + lat, lat, "a", outcome))
    a = S.spike_analysis(samples, 1000.0, phases)
    assert a["pre_p99"] == pytest.approx(0.019, abs=1e-3)
    assert a["recovery_seconds"] == 12.0
    assert a["error_rate_during"] == pytest.approx(0.05)
    never = S.spike_analysis(
        [s if s.start < 1060 else S.Sample(s.start, s.end, 1.0, "a", "ok") for s in samples],
        1000.0,
        phases,
    )
    assert never["recovery_seconds"] is None


def test_p95_trend_flags_a_rising_latency_only():
    flat = [S.Sample(0, 1000 + i, 0.1 + 0.001 * (i % 7), "a", "ok") for i in range(600)]
    rising = [S.Sample(0, 1000 + i, 0.1 + i / 1000, "a", "ok") for i in range(600)]
    assert S.p95_trend(flat, 1000.0, 600)["upward"] is False
    assert S.p95_trend(rising, 1000.0, 600)["upward"] is True


def test_pool_gauges_from_prometheus_text():
    text = (
        '# HELP x\nsvc_db_pool_size 10.0\nsvc_db_pool_in_use{worker="1"} 3.0\n'
        "svc_db_pool_max_size 30\nother_pool_in_use 9\n"
    )
    names = {"in_use": "svc_db_pool_in_use", "size": "svc_db_pool_size",
             "max_size": "svc_db_pool_max_size"}  # fmt: skip
    assert parse_pool(text, names) == {"in_use": 3.0, "size": 10.0, "max_size": 30.0}
    assert parse_pool(text, {}) == {}  # none named (the default): nothing is read
    assert pool_gauges({**names, "path": "/internal/metrics"}) == names
    with pytest.raises(UsageError, match="pool_metrics.inuse: not one of"):
        pool_gauges({"inuse": "x"})


def test_scenario_selection_and_distribution_arguments():
    from perf.load.runner import Distribution, select_scenarios

    lc = load_matrix(load_config(DTRAG))
    assert [s.name for s in select_scenarios(lc, ["smoke"], False)] == ["smoke"]
    assert "soak" not in [s.name for s in select_scenarios(lc, None, True, ["soak"])]
    for names, matrix, exclude in ((["smoke"], True, None), (None, False, None),
                                   (["nope"], False, None), (None, True, ["nope"])):  # fmt: skip
        with pytest.raises(UsageError):
            select_scenarios(lc, names, matrix, exclude)
    assert Distribution(processes=1).locust_args() == []
    assert Distribution(processes=3).locust_args() == ["--processes", "3"]
    remote = Distribution(expect_workers=2, bind_port=6000).locust_args()
    assert remote[:3] == ["--master", "--expect-workers", "2"] and "6000" in remote
    assert Distribution(expect_workers=2).workers == 2


def test_unfinished_requests_are_counted_apart():
    rows = [S.Sample(0, 1, 0.5, "a", "ok"), S.Sample(0, 40, 40.0, "a", "unfinished")]
    done, cut = S.split_unfinished(rows)
    assert [s.outcome for s in done] == ["ok"] and len(cut) == 1
    assert S.summarize_group(done, 10)["requests"] == 1


def test_a_gate_on_an_endpoint_the_scenario_never_called_is_not_measured():
    from perf.load import gates

    parsed = [gates.parse_gate("p95[consolidation_run] < 3"), gates.parse_gate("error_rate < 1%")]
    result = {"error_rate": 0.0, "endpoints": [{"name": "search", "p95": 0.2}]}
    out = gates.evaluate(parsed, result)
    assert out[0]["passed"] is None and out[1]["passed"] is True
    assert "not measured" in gates.failure_reason(out[0])
    # called, but without a value (e.g. no successful request): a failure, not a notice
    result["endpoints"].append({"name": "consolidation_run", "p95": None})
    assert gates.evaluate(parsed, result)[0]["passed"] is False
