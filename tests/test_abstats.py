"""The A/B statistics and verdict rules on fixed data (perf.abstats)."""

from __future__ import annotations

import numpy as np
import pytest

from perf.abstats import (
    IMPROVEMENT,
    REGRESSION,
    SUSPECT,
    UNCHANGED,
    RatioEstimate,
    block_ratios,
    choose_block,
    estimate_ratio,
    holm_significant,
    verdict,
)


def test_block_ratios_are_ratios_of_block_medians():
    base = [1.0, 2.0, 3.0, 10.0, 10.0, 10.0, 7.0]  # the 7th pair does not fill a block
    head = [2.0, 4.0, 6.0, 10.0, 50.0, 11.0, 1.0]
    assert block_ratios(base, head, 3).tolist() == [2.0, 1.1]
    assert block_ratios(base, head, 1)[:2].tolist() == [2.0, 2.0]
    with pytest.raises(ValueError, match="equal counts"):
        block_ratios([1.0], [1.0, 2.0], 1)


def test_choose_block_keeps_ten_blocks():
    assert choose_block(3000) == 20
    assert choose_block(100) == 10
    assert choose_block(25) == 2
    assert choose_block(5) == 1


def test_estimate_on_fixed_data_is_reproducible():
    rng = np.random.default_rng(7)
    base = rng.lognormal(0.0, 0.2, 2000)
    head = base * 1.25 * rng.lognormal(0.0, 0.05, 2000)
    r1 = estimate_ratio(base, head, 20)
    r2 = estimate_ratio(base, head, 20)
    assert r1 == r2  # fixed bootstrap seed
    assert r1.blocks == 100 and r1.pairs == 2000
    assert r1.ci_low < r1.estimate < r1.ci_high
    assert 1.20 < r1.estimate < 1.30 and r1.ci_low > 1.15
    assert r1.p_value < 1e-6


def test_identical_arms_give_one_and_no_significance():
    x = np.linspace(1.0, 2.0, 200)
    r = estimate_ratio(x, x, 20)
    assert (r.estimate, r.ci_low, r.ci_high, r.p_value) == (1.0, 1.0, 1.0, 1.0)


def test_holm_controls_the_family():
    # Holm: sorted p 0.01 ≤ 0.05/3, 0.02 ≤ 0.05/2, 0.04 ≤ 0.05/1 → all three rejected
    assert holm_significant({"a": 0.01, "b": 0.04, "c": 0.02}) == dict(a=True, b=True, c=True)
    # 0.03 > 0.05/2 stops the procedure: only the smallest survives
    assert holm_significant({"a": 0.01, "b": 0.03, "c": 0.04}) == dict(a=True, b=False, c=False)
    # a p of 0.04 alone passes, among 10 tests it does not (uncorrected it would)
    family = {f"e{i}": 0.5 for i in range(9)} | {"x": 0.04}
    assert holm_significant({"x": 0.04})["x"] is True
    assert holm_significant(family)["x"] is False


def est(e: float, lo: float, hi: float, p: float = 1e-6) -> RatioEstimate:
    return RatioEstimate(e, lo, hi, p, 50, 20, 1000)


@pytest.mark.parametrize(
    ("r", "significant", "final", "expected"),
    [
        (est(1.25, 1.22, 1.28), True, False, REGRESSION),
        (est(1.25, 1.22, 1.28), False, False, SUSPECT),  # not significant after Holm
        (est(1.25, 1.22, 1.28), False, True, UNCHANGED),  # ... and still not after the rerun
        (est(1.12, 1.01, 1.20), True, False, SUSPECT),  # CI low under the noise floor
        (est(1.13, 1.06, 1.20), True, False, SUSPECT),  # over 1.10, but the CI straddles it
        (est(1.13, 1.06, 1.20), True, True, REGRESSION),  # decided on the combined data
        (est(1.08, 1.05, 1.12), True, False, SUSPECT),  # CI straddles 1.10
        (est(1.08, 1.05, 1.12), True, True, UNCHANGED),
        (est(1.04, 1.02, 1.06), True, False, UNCHANGED),  # a real but small change
        (est(1.00, 0.99, 1.01), False, False, UNCHANGED),
        (est(0.80, 0.78, 0.82), True, False, IMPROVEMENT),
        (est(0.93, 0.88, 0.95), True, False, SUSPECT),  # straddles 1/1.10
    ],
)
def test_verdict_rules(r, significant, final, expected):
    assert verdict(r, significant, threshold=0.10, floor=0.02, final=final) == expected


def test_floor_is_per_benchmark():
    r = est(1.15, 1.04, 1.30)
    assert verdict(r, True, 0.10, floor=0.02, final=True) == REGRESSION
    assert verdict(r, True, 0.10, floor=0.05, final=True) == UNCHANGED


def test_a_ci_straddling_the_threshold_is_measured_again_even_above_it():
    # An A/A pass on a busy machine: +10.4 %, CI +6.2 % ... +18.2 %, significant
    r = est(1.104, 1.062, 1.182)
    assert verdict(r, True, 0.10, floor=0.0174) == SUSPECT
    # decided on the combined data: over the threshold with the CI above the floor
    assert verdict(r, True, 0.10, floor=0.0174, final=True) == REGRESSION
    # a CI entirely above the threshold needs no second look
    assert verdict(est(1.25, 1.15, 1.35), True, 0.10, floor=0.02) == REGRESSION


def test_noise_floors_from_aa_runs():
    from perf.ab import noise_floors_from
    from perf.results import Run

    def run(*comparisons):
        r = Run(kind="ab", environment={}, config={})
        r.comparisons = [
            {"name": n, "estimate": e, "ci_low": lo, "ci_high": hi} for n, e, lo, hi in comparisons
        ]
        return r

    floors = noise_floors_from(
        [
            run(("a", 1.001, 0.995, 1.006), ("b", 1.02, 1.013, 1.03)),
            run(("a", 0.99, 0.97, 0.995), ("b", 1.0, 0.99, 1.01)),
        ]
    )
    assert floors == {"a": 0.01, "b": 0.013}  # a: under the 1 % minimum; b: CI low 1.013


def test_reruns_fit_the_time_limit_quickest_first():
    from perf.ab import RERUN_MARGIN, plan_reruns

    took = {"search": 25.0, "consolidation_run": 40.0, "classify": 16.0}
    # 180 s used of 235: 50 s left -> classify (16) and search (25) fit, consolidation_run not
    assert plan_reruns(["consolidation_run", "search", "classify"], took, 180.0, 235.0) == (
        ["search", "classify"],
        ["consolidation_run"],
    )
    assert plan_reruns(["search"], took, 235.0 - RERUN_MARGIN - 25.0, 235.0) == (["search"], [])
    assert plan_reruns(["search"], took, 235.0 - RERUN_MARGIN - 24.9, 235.0) == ([], ["search"])
    assert plan_reruns([], took, 0.0, 235.0) == ([], [])
