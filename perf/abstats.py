"""Statistics and verdict rules of the same-job A/B comparison (head against base).

Design, from the measurements in the project's research notes: the two arms are called strictly
alternately (A, B, A, B, ...) so that machine drift hits both alike; pairs are grouped in blocks,
each block gives the ratio of the arms' medians, and the estimate is the median of the block
ratios. Raw per-pair ratios are avoided: they carried an order bias; block medians remove it.

Decision rule (applied in `verdict`, documented in README "The A/B gate"):
- suspect:     borderline on the first measurement: the CI straddles 1 + threshold while the
  estimate is above the floor (whichever side of the threshold the estimate is on), or the
  estimate is over the threshold but the CI or the test is not conclusive. Measured again
  once, and decided on the combined data with the rules below, where suspect → unchanged;
- regression:  estimate > 1 + threshold, CI low > 1 + noise floor, and the rank test is
  significant after Holm's correction over all benchmarks of the run (family-wise error);
- improvement: the mirror image (estimate < 1/(1 + threshold), CI high < 1 - floor, significant);
- unchanged:   everything else.
Statements per request are exact counts: any growth is a regression by itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import stats

BOOTSTRAP_SEED = 20261128
BOOTSTRAP_RESAMPLES = 2000
ALPHA = 0.05


def block_ratios(base: Sequence[float], head: Sequence[float], block: int) -> np.ndarray:
    """Per block of `block` consecutive pairs: median(head) / median(base). Trailing pairs that
    do not fill a block are dropped."""
    a = np.asarray(base, dtype=float)
    b = np.asarray(head, dtype=float)
    if a.shape != b.shape:
        raise ValueError(f"arms have {a.size} and {b.size} samples; pairs need equal counts")
    if block < 1:
        raise ValueError("block size must be at least 1")
    n = (a.size // block) * block
    if n == 0:
        return np.zeros(0)
    a_blocks = np.median(a[:n].reshape(-1, block), axis=1)
    b_blocks = np.median(b[:n].reshape(-1, block), axis=1)
    return b_blocks / a_blocks


def choose_block(pairs: int, preferred: int = 20, min_blocks: int = 10) -> int:
    """Blocks of `preferred` pairs, smaller when fewer pairs would leave under `min_blocks`."""
    return int(max(1, min(preferred, pairs // min_blocks)))


@dataclass(frozen=True)
class RatioEstimate:
    estimate: float  # median of block ratios, head/base
    ci_low: float
    ci_high: float
    p_value: float  # two-sided Wilcoxon signed-rank test of log block ratios against 0
    blocks: int
    block_size: int
    pairs: int


def estimate_ratio(base: Sequence[float], head: Sequence[float], block: int) -> RatioEstimate:
    """Median of block ratios with a percentile-bootstrap 95 % CI (scipy.stats.bootstrap,
    fixed seed) and a Wilcoxon signed-rank test (scipy.stats.wilcoxon) on the log ratios."""
    ratios = block_ratios(base, head, block)
    if ratios.size < 2:
        raise ValueError(f"{ratios.size} block(s): at least 2 are needed for an interval")
    est = float(np.median(ratios))
    if np.all(ratios == ratios[0]):
        low = high = est
    else:
        ci = stats.bootstrap(
            (ratios,),
            np.median,
            confidence_level=0.95,
            n_resamples=BOOTSTRAP_RESAMPLES,
            method="percentile",
            random_state=np.random.default_rng(BOOTSTRAP_SEED),
        ).confidence_interval
        low, high = float(ci.low), float(ci.high)
    logs = np.log(ratios)
    p = 1.0 if np.all(logs == 0) else float(stats.wilcoxon(logs).pvalue)
    return RatioEstimate(est, low, high, p, int(ratios.size), block, len(base))


def holm_significant(p_values: dict[str, float], alpha: float = ALPHA) -> dict[str, bool]:
    """Holm's step-down procedure: which hypotheses are rejected with family-wise error alpha."""
    order = sorted(p_values, key=lambda k: p_values[k])
    m = len(order)
    result = {k: False for k in p_values}
    for rank, key in enumerate(order):
        if p_values[key] <= alpha / (m - rank):
            result[key] = True
        else:
            break
    return result


REGRESSION, IMPROVEMENT, SUSPECT, UNCHANGED = "regression", "improvement", "suspect", "unchanged"


def verdict(
    r: RatioEstimate, significant: bool, threshold: float, floor: float, final: bool = False
) -> str:
    """The timing verdict of one benchmark (see the module docstring). `final`: no more reruns,
    so a borderline result is unchanged."""
    up, down = 1 + threshold, 1 / (1 + threshold)
    borderline_up = r.estimate > 1 + floor and r.ci_low <= up <= r.ci_high
    borderline_down = r.estimate < 1 - floor and r.ci_low <= down <= r.ci_high
    if not final and (borderline_up or borderline_down):
        # The CI reaches the threshold from both sides: one measurement is not enough to
        # decide either way (an A/A pass on a busy machine gave +10.4 %, CI +6.2 % … +18.2 %).
        return SUSPECT
    if r.estimate > up and r.ci_low > 1 + floor and significant:
        return REGRESSION
    if r.estimate < down and r.ci_high < 1 - floor and significant:
        return IMPROVEMENT
    if not final and (r.estimate > up or r.estimate < down):
        return SUSPECT
    return UNCHANGED


def _p95(x: np.ndarray) -> float:
    return float(np.percentile(x, 95))


TAIL_STATS = {
    "mean": lambda x: float(np.mean(x)),
    "p50": lambda x: float(np.median(x)),
    "p95": _p95,
    "p99": lambda x: float(np.percentile(x, 99)),
}


@dataclass(frozen=True)
class BlockRatio:
    """stat(head) / stat(base) over all pairs, with a block-bootstrap 95 % CI."""

    estimate: float
    ci_low: float
    ci_high: float
    blocks: int
    block_size: int
    pairs: int
    # two-sided bootstrap p-value of "ratio = 1": twice the smaller share of resampled ratios
    # on either side of 1 (at least 1/resamples)
    p_value: float = 1.0


def block_bootstrap_ratio(
    base: Sequence[float],
    head: Sequence[float],
    stat: str,
    block: int,
    resamples: int = BOOTSTRAP_RESAMPLES,
) -> BlockRatio:
    """The ratio of a statistic of the arms (mean, P50, P95, P99) over all paired samples, with
    a percentile CI from a moving-block bootstrap: the pairs, in time order, are cut into
    blocks of `block` consecutive pairs; a resample draws as many blocks with replacement and
    computes the ratio on their union. Blocks keep the time structure (a burst of machine
    noise hits a run of pairs, both arms together), and a tail percentile is computed on many
    samples at once, not per block (a P95 of 20 samples is its 2nd-largest). Pairs that do not
    fill a block are dropped from the resamples, not from the estimate."""
    fn = TAIL_STATS[stat]
    a = np.asarray(base, dtype=float)
    b = np.asarray(head, dtype=float)
    if a.shape != b.shape:
        raise ValueError(f"arms have {a.size} and {b.size} samples; pairs need equal counts")
    if block < 1:
        raise ValueError("block size must be at least 1")
    n_blocks = a.size // block
    if n_blocks < 2:
        raise ValueError(f"{n_blocks} block(s): at least 2 are needed for an interval")
    estimate = fn(b) / fn(a)
    a_blocks = a[: n_blocks * block].reshape(n_blocks, block)
    b_blocks = b[: n_blocks * block].reshape(n_blocks, block)
    rng = np.random.default_rng(BOOTSTRAP_SEED)
    ratios = np.empty(resamples)
    for i in range(resamples):
        pick = rng.integers(0, n_blocks, n_blocks)
        ratios[i] = fn(b_blocks[pick].ravel()) / fn(a_blocks[pick].ravel())
    low, high = np.percentile(ratios, [2.5, 97.5])
    side = min(np.mean(ratios <= 1.0), np.mean(ratios >= 1.0))
    p = float(min(1.0, max(2 * side, 1 / resamples)))
    return BlockRatio(
        float(estimate), float(low), float(high), int(n_blocks), int(block), int(a.size), p
    )
