"""The load A/B's statistics and verdicts (perf/loadab/stats.py) on fixed, generated pairs."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from perf.loadab import stats


def _pairs(endpoints: dict[str, float], n: int, seed: int = 1, tail=None, slow=None, fail=None):
    """n pairs per endpoint over 60 s. Both arms share each pair's base latency and machine
    noise bursts; `tail` = {endpoint: factor} multiplies the head's slowest 5 %,
    `slow` = {endpoint: factor} all of the head's latencies, `fail` = {endpoint: share} fails
    that share of the head's requests."""
    rng = np.random.default_rng(seed)
    out = []
    for name, median in endpoints.items():
        t = np.sort(rng.uniform(0, 60, n))
        lat = median * rng.lognormal(0, 0.4, n) * np.where((t // 5) % 3 == 0, 1.6, 1.0)
        base = lat * rng.lognormal(0, 0.05, n)
        head = lat * rng.lognormal(0, 0.05, n)
        if tail and name in tail:
            cut = np.percentile(head, 95)
            head = np.where(head > cut, head * tail[name], head)
        if slow and name in slow:
            head = head * slow[name]
        failed = rng.random(n) < (fail or {}).get(name, 0.0)
        for i in range(n):
            out.append(
                {
                    "t": float(t[i]),
                    "e": name,
                    "first": "base" if i % 2 else "head",
                    "base": float(base[i]),
                    "head": None if failed[i] else float(head[i]),
                }
            )
    return out


ENDPOINTS = {"classify": 0.02, "search": 0.2, "analyze": 0.005}


def test_a_a_pairs_give_no_verdict_but_unchanged():
    for seed in range(5):
        res = stats.compare(_pairs(ENDPOINTS, 600, seed=seed), warmup=0)
        assert {r["verdict"] for r in res.values()} == {"unchanged"}, (seed, res)


def test_a_tail_only_regression_is_named_for_its_endpoint_only():
    res = stats.compare(_pairs(ENDPOINTS, 800, tail={"analyze": 3.0}), warmup=0)
    assert res["analyze"]["verdict"] == "regression", res["analyze"]
    assert "P99" in res["analyze"]["reason"] and "P50" not in res["analyze"]["reason"]
    r = res["analyze"]["ratios"]
    assert abs(r["p50"]["estimate"] - 1) < 0.03 and r["p99"]["ci_low"] > 1.5
    assert res["classify"]["verdict"] == res["search"]["verdict"] == "unchanged"


def test_a_uniform_slowdown_and_an_improvement():
    res = stats.compare(_pairs(ENDPOINTS, 600, slow={"search": 1.5, "classify": 0.6}), warmup=0)
    assert res["search"]["verdict"] == "regression" and "P50 +5" in res["search"]["reason"]
    assert res["classify"]["verdict"] == "improvement"
    assert res["analyze"]["verdict"] == "unchanged"


def test_head_errors_under_load_are_a_regression():
    res = stats.compare(_pairs(ENDPOINTS, 600, fail={"classify": 0.05}), warmup=0)
    assert res["classify"]["verdict"] == "regression"
    assert res["classify"]["reason"].startswith("errors under load")
    assert res["classify"]["errors"]["base"] == 0 and res["classify"]["errors"]["head"] > 10
    # a rare failure is not a verdict: 1 of 600
    few = _pairs(ENDPOINTS, 600)
    next(p for p in few if p["e"] == "search")["head"] = None
    assert stats.compare(few, warmup=0)["search"]["verdict"] == "unchanged"


def test_too_few_pairs_and_the_warmup():
    pairs = _pairs({"batch": 0.1}, 30)
    res = stats.compare(pairs, warmup=0)
    assert res["batch"]["verdict"] == "unchanged" and "too few" in res["batch"]["reason"]
    assert "ratios" not in res["batch"]
    # pairs before the warm-up are not counted
    res = stats.compare(_pairs({"x": 0.01}, 600), warmup=30)
    assert 250 < res["x"]["pairs"] < 350


def test_holm_over_every_endpoint_and_percentile():
    """A borderline tail effect that one test alone would call significant is not a verdict
    when many hypotheses share the family-wise error."""
    many = {f"e{i}": 0.01 for i in range(12)}
    res = stats.compare(_pairs(many, 300, seed=9), warmup=0)
    assert all(r["verdict"] == "unchanged" for r in res.values())
    ratios = [r["ratios"][q] for n, r in res.items() if n != stats.SHIFT for q in stats.QUANTILES]
    assert all(not x["significant"] or x["estimate"] < 1.1 for x in ratios)


def test_comment_and_report_show_the_load_ab_beside_the_sequential_verdict(tmp_path):
    """A run whose sequential A/B says unchanged for reflection_analyze and whose load A/B
    (computed here by stats.compare) says regression: the title names the endpoint under
    load, the comment's table has the sequential verdict and the tail ratios in one row."""
    import json
    import shutil
    from pathlib import Path

    from perf.report.model import load_report
    from perf.report.render import comment_text, html_text

    src = Path(__file__).parent / "data" / "report-run"
    run_dir = tmp_path / "run"
    shutil.copytree(src, run_dir)
    data = json.loads((run_dir / "run.json").read_text())
    for c in data["comparisons"]:  # sequentially, nothing regressed
        c["verdict"] = c["timing_verdict"] = "unchanged"
    data["verdicts"] = [{**v, "status": "pass"} for v in data["verdicts"]]
    pairs = _pairs({"reflection_analyze": 0.005, "search": 0.2}, 800,
                   tail={"reflection_analyze": 4.0})  # fmt: skip
    results = stats.compare(pairs, warmup=0)
    assert stats.SHIFT not in results  # two endpoints: no shift, ratios are the endpoints' own
    data["stages"]["load_ab"] = {
        "settings": {"seconds": 60, "warmup": 5, "users": 10, "seed": 11},
        "limits": {
            "threshold": stats.DEFAULTS.threshold,
            "floor": stats.DEFAULTS.floor,
            "shift": stats.DEFAULTS.shift,
        },  # fmt: skip
        "endpoints": list(results.values()),
        "shift": {
            "name": stats.SHIFT,
            "verdict": "unchanged",
            "reason": "within",
            "ratios": {
                q: {"estimate": 1.05, "ci_low": 1.0, "ci_high": 1.1} for q in stats.QUANTILES
            },
        },  # fmt: skip
        "responsiveness": {},
    }
    for r in results.values():
        status = "fail" if r["verdict"] == "regression" else "pass"
        data["verdicts"].append(
            {"name": r["name"], "gate": "load_ab", "status": status, "reason": r["reason"]}
        )
    (run_dir / "run.json").write_text(json.dumps(data))
    report = load_report(run_dir)
    assert report.gate_failed
    assert report.title.startswith(
        "perfci: will degrade performance under concurrent load on reflection_analyze: P99 +"
    ), report.title
    comment = comment_text(report)
    assert "**Under concurrent load** (10 users" in comment
    section = comment.split("**Under concurrent load**", 1)[1]
    (row,) = [line for line in section.splitlines() if line.startswith("| `reflection_analyze`")]
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[1] == "unchanged" and cells[-1] == "**regression**", cells
    assert cells[4].startswith("+") and "…" in cells[4], cells  # P99 with its CI
    (shift,) = [line for line in section.splitlines() if line.startswith("| *all endpoints")]
    assert "+5.0 % (+0.0 % … +10.0 %)" in shift, shift
    html = html_text(report)
    assert "Under concurrent load: head vs base" in html and "slower under load" in html
    assert "all endpoints (shift)" in html


def test_limits_from_a_a_runs_and_their_file(tmp_path):
    import json

    import pytest

    from perf.ab import load_ab_limits, load_ab_limits_from
    from perf.errors import UsageError
    from perf.results import Run

    def run(est95: float, lo95: float, hi95: float) -> Run:
        r = Run(kind="ab", environment={}, config={})
        ratios = {
            "p50": {"estimate": 1.01, "ci_low": 0.99, "ci_high": 1.03},
            "p95": {"estimate": est95, "ci_low": lo95, "ci_high": hi95},
            "p99": {"estimate": 0.9, "ci_low": 0.8, "ci_high": 1.05},
        }
        r.stages["load_ab"] = {"endpoints": [{"name": "x", "ratios": ratios}]}
        return r

    limits = load_ab_limits_from([run(1.04, 0.97, 1.12), run(1.13, 1.07, 1.2)])
    # P95: the second run's CI excluded 1 by 7 %: the floor; the threshold stays the default
    # 20 % (over twice the floor); P99's CI covered 1: the default floor 10 %
    assert limits.threshold == {"p50": 0.10, "p95": 0.20, "p99": 0.30}
    assert limits.floor == {"p50": 0.02, "p95": 0.07, "p99": 0.10}
    # a wide A/A estimate whose CI covers 1 moves nothing; a CI clear of 1 by 14 % does
    noisy = load_ab_limits_from([run(1.55, 0.8, 2.18)])
    assert noisy.threshold == stats.DEFAULTS.threshold and noisy.floor == stats.DEFAULTS.floor
    assert load_ab_limits_from([run(1.3, 1.14, 1.5)]).threshold["p95"] == 0.30
    assert limits.shift == stats.SHIFT_DEFAULT  # no shift in these runs
    shifted = run(1.0, 0.95, 1.05)
    shifted.stages["load_ab"]["shift"] = {
        "ratios": {
            q: {"estimate": e} for q, e in zip(stats.QUANTILES, (0.75, 1.1, 1.0), strict=True)
        }
    }
    # P50: an A/A shift of 25 % → 1.5 × 25 % rounded up to 40 %; the others keep the default
    assert load_ab_limits_from([shifted]).shift == {"p50": 0.40, "p95": 0.30, "p99": 0.40}
    assert load_ab_limits(tmp_path / "none.json") == stats.DEFAULTS
    path = tmp_path / "floors.json"
    path.write_text(json.dumps({"load_ab": {"threshold": limits.threshold, "floor": limits.floor}}))
    assert load_ab_limits(path) == limits
    path.write_text(json.dumps({"load_ab": {"threshold": {"p50": 0.1}}}))
    with pytest.raises(UsageError, match="load_ab needs threshold and floor"):
        load_ab_limits(path)


def test_a_shift_of_the_whole_arm_is_not_an_endpoint_regression():
    """One arm's process slower as a whole (A/A under load on 2 cores: up to 21 %): every
    endpoint's ratio moves, none relative to the others, and the shift stays under its own
    threshold; the same arm shift plus a lock-like tail on one endpoint names that one."""
    shifted = _pairs(
        ENDPOINTS | {"tree": 0.004}, 600, slow=dict.fromkeys([*ENDPOINTS, "tree"], 1.2)
    )
    res = stats.compare(shifted, warmup=0)
    assert {r["verdict"] for r in res.values()} == {"unchanged"}, res
    assert 1.15 < res[stats.SHIFT]["ratios"]["p50"]["estimate"] < 1.25
    assert abs(res["search"]["ratios"]["p50"]["estimate"] - 1) < 0.05
    assert 1.15 < res["search"]["ratios"]["p50"]["raw"] < 1.25

    factors = dict.fromkeys([*ENDPOINTS, "tree"], 0.85) | {"search": 1.6}
    res = stats.compare(_pairs(ENDPOINTS | {"tree": 0.004}, 600, slow=factors), warmup=0)
    flagged = sorted(n for n, r in res.items() if r["verdict"] == "regression")
    assert flagged == ["search"], res
    assert res["search"]["ratios"]["p50"]["estimate"] > 1.8  # 1.6 / 0.85
    assert "than the shift of all endpoints" in res["search"]["reason"]


def test_an_uneven_shift_does_not_make_a_faster_endpoint_a_regression():
    """The head arm faster as a whole, short requests more than a long one (A/A run
    aa-load-05: shift P50 -34 %, reflection_batch own P50 -7.4 %, +41 % against the shift):
    not slower on head than on base, so no regression; it says why. The mirror: an arm slower
    as a whole, one endpoint slower by less, is no improvement."""
    five = ENDPOINTS | {"tree": 0.004, "batch": 0.4}
    factors = dict.fromkeys(five, 0.66) | {"batch": 0.93}
    res = stats.compare(_pairs(five, 600, slow=factors), warmup=0)
    batch = res["batch"]
    assert batch["ratios"]["p50"]["estimate"] > 1.3 and batch["ratios"]["p50"]["significant"]
    assert batch["ratios"]["p50"]["raw"] < 1
    assert batch["verdict"] == "unchanged", batch
    assert "against the shift of all endpoints, but its own P50 -" in batch["reason"]
    assert "slower only relative to an arm that moved as a whole" in batch["reason"]
    assert {r["verdict"] for n, r in res.items() if n != stats.SHIFT} == {"unchanged"}

    factors = dict.fromkeys(five, 1.5) | {"batch": 1.07}
    res = stats.compare(_pairs(five, 600, slow=factors), warmup=0)
    assert res["batch"]["ratios"]["p50"]["estimate"] < 0.8
    assert res["batch"]["verdict"] == "unchanged", res["batch"]
    assert "faster only relative" in res["batch"]["reason"]

    # a real regression on top of a favourable shift still counts once it is slower on head
    factors = dict.fromkeys(five, 0.8) | {"batch": 1.3}
    res = stats.compare(_pairs(five, 600, slow=factors), warmup=0)
    assert res["batch"]["verdict"] == "regression", res["batch"]


def test_the_a_a_run_with_an_uneven_shift_is_judged_again_without_a_regression():
    """The recorded pairs of that A/A run (tests/data/README.md), its run's limits."""
    import gzip
    import json

    path = Path(__file__).parent / "data" / "loadab-aa-uneven-shift.jsonl.gz"
    with gzip.open(path, "rt") as f:
        pairs = [json.loads(line) for line in f if line.strip()]
    limits = stats.Limits(
        threshold={"p50": 0.1, "p95": 0.2, "p99": 0.3},
        floor={"p50": 0.02, "p95": 0.05, "p99": 0.1157},
    )
    res = stats.compare(pairs, 5.0, limits)
    assert res[stats.SHIFT]["ratios"]["p50"]["estimate"] < 0.7
    batch = res["reflection_batch"]
    assert batch["ratios"]["p50"]["estimate"] > 1.3 and batch["ratios"]["p50"]["raw"] < 0.95
    assert "slower only relative to an arm that moved as a whole" in batch["reason"]
    assert all(r["verdict"] != "regression" for r in res.values()), res


def test_every_endpoint_slower_is_a_shift_regression():
    res = stats.compare(_pairs(ENDPOINTS, 600, slow=dict.fromkeys(ENDPOINTS, 1.6)), warmup=0)
    assert res[stats.SHIFT]["verdict"] == "regression", res[stats.SHIFT]
    assert res[stats.SHIFT]["reason"].startswith("every endpoint slower under load: P50 +6")
    assert all(res[n]["verdict"] == "unchanged" for n in ENDPOINTS)


def test_calibrate_from_runs_sets_only_the_load_thresholds(tmp_path):
    """`perfci calibrate --from-runs`: A/A run directories → the file's `load_ab`; the
    sequential floors stay; a run that is not A/A, or has no load A/B, is refused."""
    import json
    import subprocess

    from tests.conftest import PERFCI

    def run_dir(name: str, seed: int, head_sha: str = "a" * 40, load: bool = True):
        d = tmp_path / name
        d.mkdir()
        res = stats.compare(_pairs(ENDPOINTS, 400, seed=seed), warmup=0)
        shift = res.pop(stats.SHIFT)
        stage = {"settings": {"seconds": 60.0}, "endpoints": list(res.values()), "shift": shift}
        doc = {
            "config": {"base": {"sha": "a" * 40}, "head": {"sha": head_sha}},
            "stages": {"load_ab": stage} if load else {},
        }
        (d / "run.json").write_text(json.dumps(doc))
        return d

    floors = tmp_path / "noise_floors.json"
    floors.write_text(json.dumps({"schema": "perfci.noise_floors/1", "floors": {"search": 0.03}}))
    dirs = [run_dir(f"aa-{i}", i) for i in range(3)]
    root = Path(__file__).resolve().parents[1]
    cmd = [*PERFCI, "calibrate", "--output", str(floors), "--from-runs"]
    r = subprocess.run([*cmd, *map(str, dirs)], cwd=root, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "from 3 A/A runs" in r.stdout and "runs with a load regression verdict: 0" in r.stdout
    doc = json.loads(floors.read_text())
    assert doc["floors"] == {"search": 0.03}
    section = doc["load_ab"]
    assert set(section["threshold"]) == set(stats.QUANTILES) and len(section["aa_runs"]) == 3
    assert section["provenance"]["from"] == ["aa-0", "aa-1", "aa-2"]
    for bad, why in (
        (run_dir("ab", 5, head_sha="b" * 40), "not an A/A run"),
        (run_dir("seq", 6, load=False), "has no load A/B"),
    ):
        r = subprocess.run([*cmd, str(bad)], cwd=root, capture_output=True, text=True)
        assert r.returncode == 2 and why in r.stderr, r.stderr


def test_a_short_load_ab_reports_the_shift_without_gating_on_it():
    res = stats.compare(_pairs(ENDPOINTS, 600, slow=dict.fromkeys(ENDPOINTS, 1.6)), warmup=0)
    shift = res[stats.SHIFT]
    assert shift["verdict"] == "regression"
    stats.ungate_short_shift(shift, 60.0)
    assert shift["verdict"] == "regression"
    stats.ungate_short_shift(shift, 8.0)
    assert shift["verdict"] == "suspect" and "not gated: 8 s of load" in shift["reason"]
