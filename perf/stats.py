"""Summary statistics of raw timings: percentiles, spread and the numbers the reports print.

Pure functions on arrays of seconds; no I/O. pytest-benchmark keeps raw per-round timings
(`stats.data` in its JSON) but reports no percentiles, so they are computed here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np


def percentile(samples: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100) by linear interpolation between order statistics.

    This is Hyndman & Fan's definition 7 (NumPy's default, also R's and Excel's PERCENTILE):
    for n sorted values x_0..x_{n-1}, position h = (n-1)·q/100, result
    x_floor(h) + (h - floor(h))·(x_floor(h)+1 - x_floor(h)).
    """
    if len(samples) == 0:
        raise ValueError("percentile of no samples")
    if not 0 <= q <= 100:
        raise ValueError(f"percentile {q} is outside 0..100")
    return float(np.percentile(np.asarray(samples, dtype=float), q, method="linear"))


@dataclass(frozen=True)
class Summary:
    """What every report shows for one benchmark, in seconds."""

    rounds: int
    min: float
    max: float
    mean: float
    stddev: float
    median: float
    p50: float
    p95: float
    p99: float
    iqr: float

    def as_dict(self) -> dict[str, float | int]:
        return asdict(self)

    def stat(self, name: str) -> float:
        """A statistic by the name the gate uses: p50, median, p95, p99, mean."""
        if name not in {"p50", "median", "p95", "p99", "mean", "min", "max"}:
            raise ValueError(f"unknown statistic {name!r}")
        return float(getattr(self, name))


def summarize(samples: Sequence[float]) -> Summary:
    """Summary of raw timings; stddev is the sample standard deviation (n-1), 0 for one round."""
    x = np.asarray(samples, dtype=float)
    if x.size == 0:
        raise ValueError("no samples to summarize")
    q25, q50, q75, q95, q99 = np.percentile(x, [25, 50, 75, 95, 99], method="linear")
    return Summary(
        rounds=int(x.size),
        min=float(x.min()),
        max=float(x.max()),
        mean=float(x.mean()),
        stddev=float(x.std(ddof=1)) if x.size > 1 else 0.0,
        median=float(q50),
        p50=float(q50),
        p95=float(q95),
        p99=float(q99),
        iqr=float(q75 - q25),
    )
