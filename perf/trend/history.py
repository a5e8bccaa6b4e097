"""The stored trend history: github-action-benchmark's `data.js` on gh-pages (or the same object
as plain JSON), read into one series per benchmark name (endpoint + percentile).

The format is the action's own (github-action-benchmark v1.20.4, `src/write.ts`; the pinned
release's `dist/src/write.js` lines 32-55 and `src/extract.ts` for `Benchmark` and
`BenchmarkResult`): the file is `window.BENCHMARK_DATA = ` followed by
`JSON.stringify({lastUpdate, repoUrl, entries}, null, 2)`, where `entries` maps the action's
`name` input (the suite, here "perfci weekly") to a list of runs in the order they were pushed,
each `{commit: {id, message, timestamp, url, ...}, date: <ms since epoch>, tool,
benches: [{name, value, unit, range?, extra?}]}`. The action only ever appends (and, with
`max-items-in-chart`, drops the oldest), so the stored order is the chronological order.

Everything that is not that shape is refused with the file and the place named: a garbled
history must not read as "no shift".
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from perf.errors import UsageError

SCRIPT_PREFIX = "window.BENCHMARK_DATA = "  # github-action-benchmark src/write.ts SCRIPT_PREFIX

# what the action's own normalizeValueByUnit knows for time; a series is compared in ms
_TO_MS = {"ns": 1e-6, "us": 1e-3, "µs": 1e-3, "ms": 1.0, "s": 1000.0, "sec": 1000.0}


@dataclass(frozen=True)
class Point:
    """One week's value of one series, with where it came from (the commit the action stored)."""

    commit: str
    date_ms: int | None
    value: float  # in the series' unit (ms for time units)
    range: str | None = None
    extra: str | None = None


@dataclass
class Series:
    """One benchmark name of one suite over time, oldest first."""

    suite: str
    name: str
    unit: str
    points: list[Point] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # why a stored point was not used

    @property
    def values(self) -> list[float]:
        return [p.value for p in self.points]


def read_history(path: Path) -> dict:
    """The `{lastUpdate, repoUrl, entries}` object of a data.js or a plain JSON file.

    Raises UsageError (exit 2) naming the file for a missing, unreadable or garbled one."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"--history {path}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"--history {path}: is a directory, not data.js or a JSON file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"--history {path}: cannot read it: {exc}") from None
    body = text.strip()
    if body.startswith("window.BENCHMARK_DATA"):
        _, sep, body = body.partition("=")
        body = body.strip().removesuffix(";")
    try:
        data = json.loads(body)
    except ValueError as exc:
        raise UsageError(
            f"--history {path}: neither github-action-benchmark's data.js "
            f"({SCRIPT_PREFIX!r} + JSON) nor JSON: {exc}"
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("entries"), dict):
        raise UsageError(
            f"--history {path}: not a github-action-benchmark history "
            "(expected an object with an 'entries' object of suites)"
        )
    return data


def _unit_factor(unit: str) -> float | None:
    return _TO_MS.get(unit.strip())


def series_of(data: dict, path: Path, suite: str | None = None) -> list[Series]:
    """One Series per (suite, bench name), points in stored order.

    `suite` picks one of `entries` (the action's `name` input); None takes every suite.
    A run without a given bench leaves a gap (the series just has fewer points). Points
    that cannot be compared (not a finite number above 0, a unit that is not a time unit
    when the series is in time units) are dropped and said in `dropped`."""
    entries = data["entries"]
    if suite is not None and suite not in entries:
        known = ", ".join(repr(k) for k in entries) or "none"
        raise UsageError(f"--bench-name {suite!r}: not in {path} (its suites: {known})")
    out: dict[tuple[str, str], Series] = {}
    for suite_name, runs in entries.items():
        if suite is not None and suite_name != suite:
            continue
        where = f"--history {path}: entries[{suite_name!r}]"
        if not isinstance(runs, list):
            raise UsageError(f"{where} is not a list of runs")
        for i, run in enumerate(runs):
            if not isinstance(run, dict) or not isinstance(run.get("benches"), list):
                raise UsageError(f"{where}[{i}] has no 'benches' list")
            commit = run.get("commit") if isinstance(run.get("commit"), dict) else {}
            sha = str(commit.get("id") or "")[:12] or f"run {i + 1}"
            date = run.get("date")
            date_ms = int(date) if isinstance(date, int | float) and math.isfinite(date) else None
            for j, bench in enumerate(run["benches"]):
                if not isinstance(bench, dict) or not isinstance(bench.get("name"), str):
                    raise UsageError(f"{where}[{i}].benches[{j}] has no string 'name'")
                name, unit = bench["name"], str(bench.get("unit") or "")
                key = (suite_name, name)
                series = out.get(key)
                if series is None:
                    in_ms = _unit_factor(unit) is not None
                    series = out[key] = Series(suite_name, name, "ms" if in_ms else unit)
                value = bench.get("value")
                if isinstance(value, str):  # the action's zod schema coerces strings
                    try:
                        value = float(value)
                    except ValueError:
                        value = None
                if isinstance(value, bool) or not isinstance(value, int | float):
                    raise UsageError(f"{where}[{i}].benches[{j}] ({name}): 'value' is not a number")
                factor = _unit_factor(unit) if series.unit == "ms" else 1.0
                if factor is None or (series.unit != "ms" and unit != series.unit):
                    series.dropped.append(f"{sha}: unit {unit!r}, series in {series.unit!r}")
                    continue
                value = float(value) * factor
                if not math.isfinite(value) or value <= 0:
                    series.dropped.append(f"{sha}: value {bench.get('value')!r}")
                    continue
                rng, extra = bench.get("range"), bench.get("extra")
                series.points.append(
                    Point(
                        sha,
                        date_ms,
                        value,
                        str(rng) if rng is not None else None,
                        str(extra) if extra is not None else None,
                    )
                )
    return list(out.values())
