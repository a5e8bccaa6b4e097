"""Change points in one weekly series, and which of them the newest points brought.

The procedure (see the package docstring for why ruptures and these settings):

1. Work on log(value): the noise of a latency is multiplicative (±5-10 % a week whatever the
   endpoint's size), and on the log scale a +15 % step is the same step on a 2 ms and a 400 ms
   endpoint.
2. Estimate the noise robustly: sigma = 1.4826 * MAD(first differences) / sqrt(2). Differences
   cancel the level, so a step is one outlier among the differences and barely moves the MAD;
   a floor of 1 % keeps a constant series from making every wiggle a change.
3. Segment with ruptures' PELT on the L2 (mean-shift) cost, every index allowed (jump=1; the
   library's default 5 would only place changes at every fifth week), segments of at least
   MIN_SEGMENT points, penalty PENALTY * sigma^2 * log(n) per change (a BIC-like penalty in
   units of the series' own noise, so a noisier endpoint needs a bigger step).
4. Confirm, as Otava (Hunter) does, but with E-divisive's permutation test: each change point
   is tested on the log values of the segments either side of it (up to the neighbouring
   change points) by a permutation test of the largest Student t over every split of the two
   (so the p-value accounts for the split having been chosen as the best); the
   weakest point (largest p, else smallest change) is dropped while p > MAX_PVALUE or
   |change| < MIN_CHANGE, and its neighbours are tested again on the merged segments.
5. "New" = a change point that the newest point brought: it is found in the whole series but
   no shift in the same direction within NEAR weeks of it is found in the series without its
   last 1..MEMORY points. A shift
   is thus reported as new once, in the week it becomes significant (which is a few weeks
   after the step itself with this noise), and as history afterwards; the memory of MEMORY
   earlier weeks keeps one that flickers at the edge of significance from firing twice.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

import numpy as np
import ruptures as rpt

MIN_POINTS = 6  # fewer: no test (3 points are at best 2 + 1: a single week is not a shift)
MIN_SEGMENT = 2  # a change needs two weeks on each side: one week apart is an outlier
PENALTY = 3.0  # PELT penalty per change, in sigma^2 * log(n)
SIGMA_FLOOR = 0.01  # log units: 1 %
MAX_PVALUE = 0.001  # Otava's default; the series are many (every endpoint × percentile)
MIN_CHANGE = 0.05  # a confirmed shift moves the median by 5 % at least
MEMORY = 4  # earlier weeks whose series must not have shown the shift for it to be new
# the same shift, found a few weeks off in an earlier series: where a step lies is uncertain by
# a few weeks at this noise, and a shift whose p hovers at MAX_PVALUE would otherwise fire
# again each time it comes back
NEAR = 3
PERMUTATIONS = 4999  # p resolution 0.0002, five times finer than MAX_PVALUE
PERMUTATION_SEED = 16


@dataclass(frozen=True)
class Settings:
    min_points: int = MIN_POINTS
    min_segment: int = MIN_SEGMENT
    penalty: float = PENALTY
    max_pvalue: float = MAX_PVALUE
    min_change: float = MIN_CHANGE
    memory: int = MEMORY


@dataclass
class Shift:
    """A confirmed change point: the first point of the new level is `index`."""

    index: int
    before_median: float
    after_median: float
    change: float  # after/before - 1 of the medians of the segments either side
    p_value: float
    n_before: int
    n_after: int
    new: bool = False

    @property
    def slower(self) -> bool:
        return self.change > 0  # the trend is smaller-is-better (latencies)


@dataclass
class Analysis:
    status: str  # "too short", "no shift", "shift", "new shift"
    n: int
    sigma: float | None = None  # robust noise of the log series (≈ relative week-to-week spread)
    shifts: list[Shift] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "status": self.status,
            "points": self.n,
            "noise": None if self.sigma is None else round(self.sigma, 5),
            "shifts": [asdict(s) for s in self.shifts],
        }


def robust_sigma(y: np.ndarray) -> float:
    """The week-to-week noise of a log series, unmoved by a step (see step 2 above)."""
    d = np.diff(y)
    if len(d) == 0:
        return SIGMA_FLOOR
    mad = float(np.median(np.abs(d - np.median(d))))
    return max(1.4826 * mad / math.sqrt(2), SIGMA_FLOOR)


def _segments(cps: list[int], n: int) -> list[tuple[int, int]]:
    bounds = [0, *cps, n]
    return list(zip(bounds[:-1], bounds[1:], strict=True))


def _max_t(x: np.ndarray, min_segment: int) -> np.ndarray:
    """Per row of x: the largest |Student t| of the two-sample test over every split of the
    row into a left and right part of at least min_segment values (cumulative sums)."""
    m = x.shape[1]
    k = np.arange(min_segment, m - min_segment + 1)
    cs, cs2 = np.cumsum(x, axis=1), np.cumsum(x * x, axis=1)
    sl, sl2 = cs[:, k - 1], cs2[:, k - 1]
    ml, mr = sl / k, (cs[:, -1:] - sl) / (m - k)
    ss = (sl2 - k * ml**2) + ((cs2[:, -1:] - sl2) - (m - k) * mr**2)
    se = np.sqrt(np.maximum(ss / (m - 2), 1e-300) * (1 / k + 1 / (m - k)))
    return (np.abs(ml - mr) / se).max(axis=1)


def _permutation_p(z: np.ndarray, min_segment: int) -> float:
    """P of a change somewhere in z as large as the best split's: the best split's t against
    the best split's t of PERMUTATIONS shuffles of z (Matteson and James' permutation test,
    with Student's t as the statistic). The t-test's own p at the chosen split would ignore
    that the split was chosen as the best of all: on flat noise that gave a "significant"
    shift in about one series in 25. Seeded, so a history always gives the same answer."""
    if np.ptp(z) == 0:
        return 1.0
    rng = np.random.default_rng(PERMUTATION_SEED)
    x = np.vstack([z, rng.permuted(np.tile(z, (PERMUTATIONS, 1)), axis=1)])
    t = _max_t(x, min_segment)
    return float((np.sum(t[1:] >= t[0] * (1 - 1e-12)) + 1) / (PERMUTATIONS + 1))


def _test(
    y: np.ndarray, values: np.ndarray, left: tuple[int, int], right: tuple[int, int], s: Settings
) -> Shift:
    a, b = y[left[0] : left[1]], y[right[0] : right[1]]
    p = _permutation_p(y[left[0] : right[1]], s.min_segment)
    before = float(np.median(values[left[0] : left[1]]))
    after = float(np.median(values[right[0] : right[1]]))
    return Shift(right[0], before, after, after / before - 1, p, len(a), len(b))


def _confirm(y: np.ndarray, values: np.ndarray, cps: list[int], s: Settings) -> list[Shift]:
    """Otava's merge step (otava/analysis.py `merge`) on ruptures' candidates."""
    cps = sorted(cps)
    while cps:
        segs = _segments(cps, len(y))
        shifts = [_test(y, values, segs[i], segs[i + 1], s) for i in range(len(cps))]
        weakest = max(range(len(shifts)), key=lambda i: shifts[i].p_value)
        if shifts[weakest].p_value <= s.max_pvalue:
            weakest = min(range(len(shifts)), key=lambda i: abs(shifts[i].change))
            if abs(shifts[weakest].change) >= s.min_change:
                return shifts
        del cps[weakest]
    return []


def change_points(
    values: list[float] | np.ndarray, settings: Settings | None = None
) -> list[Shift]:
    """Confirmed shifts of a series of positive values, oldest first (no "new" marking)."""
    s = settings or Settings()
    v = np.asarray(values, dtype=float)
    n = len(v)
    if n < max(s.min_points, 2 * s.min_segment):
        return []
    y = np.log(v)
    sigma = robust_sigma(y)
    algo = rpt.Pelt(model="l2", min_size=s.min_segment, jump=1).fit(y.reshape(-1, 1))
    bkps = algo.predict(pen=s.penalty * sigma**2 * math.log(n))
    return _confirm(y, v, [b for b in bkps if b < n], s)


def analyse(values: list[float] | np.ndarray, settings: Settings | None = None) -> Analysis:
    """The series' shifts, each marked new when the newest point brought it (step 5)."""
    s = settings or Settings()
    v = np.asarray(values, dtype=float)
    n = len(v)
    if n < max(s.min_points, 2 * s.min_segment):
        return Analysis("too short", n)
    shifts = change_points(v, s)
    seen: set[tuple[int, bool]] = set()
    for k in range(1, s.memory + 1):
        if n - k < s.min_points:
            break
        seen.update((sh.index, sh.slower) for sh in change_points(v[: n - k], s))
    for sh in shifts:
        sh.new = not any(abs(sh.index - i) <= NEAR and up == sh.slower for i, up in seen)
    status = "no shift"
    if shifts:
        status = "new shift" if any(sh.new for sh in shifts) else "shift"
    return Analysis(status, n, robust_sigma(np.log(v)), shifts)
