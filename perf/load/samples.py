"""Exact statistics of a load test from its recorded requests (pure functions, no I/O but
`read_samples`).

Locust keeps response times in a histogram rounded to whole milliseconds under 100 ms (and to
two significant digits above), so its percentiles are approximations; the request hook records
each latency with microsecond resolution and the percentiles here are computed from all of
them (`perf.stats.percentile`: linear interpolation, Hyndman & Fan definition 7).

Conventions, written down where they are applied:
- `requests` counts every request, `failures` the failed ones (HTTP errors, timeouts,
  connection errors), `expected_409` the consolidation runs refused because another run held
  the lock: not an error, and a different operation from a run, so 409s are left out of the
  latency percentiles (they answer at once and would make a run look fast);
  `error_rate = failures / requests`.
- P50/P95/P99 are over every request except expected 409s, failures included (like Locust: a
  timed-out request is a slow one).
- `rps` = requests / the scenario's duration (the shape's length, not the wall time).
- `unfinished` requests (still waiting when the test ended and their users were stopped, so
  Locust never counted them) are reported as a count only: their latency is unknown (at least
  the time they waited), so they are in no percentile and not in `requests`.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import stats as sps

from perf.stats import percentile

OK, FAIL, EXPECTED_409, UNFINISHED = "ok", "fail", "expected_409", "unfinished"


@dataclass(frozen=True)
class Sample:
    start: float  # epoch seconds
    end: float
    seconds: float  # latency
    name: str
    outcome: str  # ok | fail | expected_409


def read_samples(directory: Path) -> list[Sample]:
    """Every `samples-*.tsv` a Locust process (local, or each worker) wrote, by end time."""
    out: list[Sample] = []
    for path in sorted(directory.glob("samples-*.tsv")):
        for line in path.read_text().splitlines():
            parts = line.split("\t")
            if len(parts) != 5:
                continue  # a line cut by a killed process
            out.append(
                Sample(float(parts[0]), float(parts[1]), float(parts[2]), parts[3], parts[4])
            )
    out.sort(key=lambda s: s.end)
    return out


def split_unfinished(samples: list[Sample]) -> tuple[list[Sample], list[Sample]]:
    """(finished requests, requests cut off at the end of the test)."""
    done = [s for s in samples if s.outcome != UNFINISHED]
    return done, [s for s in samples if s.outcome == UNFINISHED]


def read_users(path: Path) -> list[tuple[float, int]]:
    if not path.exists():
        return []
    rows = []
    for line in path.read_text().splitlines():
        parts = line.split("\t")
        if len(parts) == 2:
            rows.append((float(parts[0]), int(parts[1])))
    return rows


def _pcts(latencies: list[float]) -> tuple[float | None, float | None, float | None]:
    if not latencies:
        return None, None, None
    return percentile(latencies, 50), percentile(latencies, 95), percentile(latencies, 99)


def summarize_group(samples: Iterable[Sample], duration: float) -> dict:
    """requests, failures, expected_409, error_rate, rps, p50, p95, p99 of some samples."""
    samples = list(samples)
    requests = len(samples)
    failures = sum(1 for s in samples if s.outcome == FAIL)
    expected = sum(1 for s in samples if s.outcome == EXPECTED_409)
    p50, p95, p99 = _pcts([s.seconds for s in samples if s.outcome != EXPECTED_409])
    return {
        "requests": requests,
        "failures": failures,
        "expected_409": expected,
        "error_rate": failures / requests if requests else None,
        "rps": requests / duration if duration > 0 else None,
        "p50": p50,
        "p95": p95,
        "p99": p99,
    }


def per_endpoint(samples: list[Sample], duration: float) -> list[dict]:
    groups: dict[str, list[Sample]] = defaultdict(list)
    for s in samples:
        groups[s.name].append(s)
    return [{"name": name, **summarize_group(g, duration)} for name, g in sorted(groups.items())]


def timeseries(
    samples: list[Sample], t0: float, users: list[tuple[float, int]], duration: float
) -> list[dict]:
    """One point per second since t0 (by request end): users running (the last count the
    master recorded at or before that second), requests per second, the exact P95 of that
    second's requests (none without any) and its failures."""
    n = max(int(math.ceil(duration)), 1)
    if samples:
        n = max(n, int(math.floor(samples[-1].end - t0)) + 1)
    buckets: list[list[Sample]] = [[] for _ in range(n)]
    for s in samples:
        i = int(math.floor(s.end - t0))
        if 0 <= i < n:
            buckets[i].append(s)
    out = []
    j = 0
    current = 0
    for i, bucket in enumerate(buckets):
        while j < len(users) and users[j][0] <= t0 + i + 1:
            current = users[j][1]
            j += 1
        lat = [s.seconds for s in bucket if s.outcome != EXPECTED_409]
        out.append(
            {
                "t": i,
                "users": current,
                "rps": len(bucket),
                "p95": percentile(lat, 95) if lat else None,
                "errors": sum(1 for s in bucket if s.outcome == FAIL),
            }
        )
    return out


def spike_analysis(
    samples: list[Sample],
    t0: float,
    phases: dict[str, float],
    factor: float = 1.2,
    window: float = 5.0,
    warmup: float = 5.0,
    min_count: int = 5,
) -> dict:
    """The spike's criteria from its phases (seconds from t0: rise, hold, drop, end).

    - pre_p99: P99 of the requests started in the pre-spike phase after `warmup` seconds.
    - error_rate_during: failures / requests among requests started from the rise to the drop.
    - recovery_seconds: the smallest k (whole seconds after the drop) such that the requests
      started in [drop + k, drop + k + window) — at least `min_count` of them — have a P99
      within `factor` × pre_p99; None when that never happens before the end. Requests are
      placed by start time so that spike requests still queued after the drop count against
      the spike, not against the recovery; the first window within the bound counts (a later
      noisy window on a shared machine does not undo a recovery).
    """
    rel = [(s.start - t0, s) for s in samples]
    lat = lambda group: [s.seconds for _, s in group if s.outcome != EXPECTED_409]  # noqa: E731
    pre = [x for x in rel if warmup <= x[0] < phases["rise"]]
    pre_p99 = percentile(lat(pre), 99) if lat(pre) else None
    during = [s for t, s in rel if phases["rise"] <= t < phases["drop"]]
    fails = sum(1 for s in during if s.outcome == FAIL)
    recovery = None
    if pre_p99 is not None:
        limit = factor * pre_p99
        k = 0
        while phases["drop"] + k + window <= phases["end"] + 1e-9:
            w = [x for x in rel if phases["drop"] + k <= x[0] < phases["drop"] + k + window]
            values = lat(w)
            if len(values) >= min_count and percentile(values, 99) <= limit:
                recovery = float(k)
                break
            k += 1
    peak = [x for x in rel if phases["hold"] <= x[0] < phases["drop"]]
    return {
        "pre_p99": pre_p99,
        "peak_p99": percentile(lat(peak), 99) if lat(peak) else None,
        "recovery_seconds": recovery,
        "error_rate_during": fails / len(during) if during else None,
        "requests_during": len(during),
        "failures_during": fails,
        "factor": factor,
        "window_seconds": window,
    }


def p95_trend(samples: list[Sample], t0: float, duration: float, windows: int = 10) -> dict | None:
    """Is P95 rising over the run (a soak's leak or drift)? P95 per window (duration /
    `windows`), Theil–Sen slope with its 95 % interval (scipy.stats.theilslopes): upward when
    the interval's lower bound is above 0 and the fitted rise over the run exceeds 10 % of the
    median window P95. None with fewer than 4 windows holding requests."""
    width = duration / windows
    xs, ys = [], []
    for i in range(windows):
        lat = [
            s.seconds
            for s in samples
            if s.outcome != EXPECTED_409 and i * width <= s.end - t0 < (i + 1) * width
        ]
        if lat:
            xs.append((i + 0.5) * width)
            ys.append(percentile(lat, 95))
    if len(xs) < 4:
        return None
    slope, _intercept, low, high = sps.theilslopes(ys, xs, 0.95)
    rise = slope * duration
    median = float(np.median(ys))
    upward = bool(low > 0 and rise > 0.10 * median)
    return {
        "window_p95": [round(y, 6) for y in ys],
        "slope_per_hour": slope * 3600,
        "slope_low_per_hour": low * 3600,
        "slope_high_per_hour": high * 3600,
        "rise_fraction": rise / median if median > 0 else None,
        "upward": upward,
    }
