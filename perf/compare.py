"""The stored baseline (`reports/performance_baseline.json`) and `perfci compare`.

Decision rule, applied in `compare`: a benchmark fails when current/baseline of the chosen
statistic exceeds 1 + threshold, or when its statements per request grew (exact counts, no
noise). New and removed benchmarks are reported, never failed. A baseline measured on another
machine fingerprint is reported, never failed: timings from different machines are not
comparable. A missing baseline passes with a notice (the first run has nothing to compare to).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from perf.errors import UsageError
from perf.fingerprint import comparable_key
from perf.results import RUN_SCHEMA, Run

BASELINE_SCHEMA = "perfci.baseline/1"
BASELINE_FIELDS = ("p50", "p95", "p99", "mean", "stddev", "rounds")
DEFAULT_BASELINE = Path("reports/performance_baseline.json")


def baseline_from_run(run: Run) -> dict:
    """The baseline document for a run: per benchmark the summary numbers and query counts."""
    return {
        "schema": BASELINE_SCHEMA,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "profile": run.config.get("profile"),
        "environment": run.environment,
        "benchmarks": {
            b.name: {
                **{k: b.summary.as_dict()[k] for k in BASELINE_FIELDS},
                "median": b.summary.median,
                "statements_per_request": b.statements_per_request,
                "rows_per_request": b.rows_per_request,
            }
            for b in run.benchmarks
        },
    }


def write_baseline(run: Run, path: Path = DEFAULT_BASELINE) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(baseline_from_run(run), indent=2, sort_keys=True) + "\n")
    return path


@dataclass
class Measurements:
    """Either file kind (baseline or run.json), reduced to what compare needs."""

    source: Path
    environment: dict
    benchmarks: dict[str, dict]


def load_measurements(path: Path) -> Measurements:
    """Read a baseline file, a run.json or a run directory; UsageError naming the problem."""
    if path.is_dir():
        path = path / "run.json"
    if path.exists() and not path.is_file():  # a FIFO would block the read forever
        raise UsageError(f"{path}: not a regular file (pass a run directory, run.json or baseline)")
    try:
        data = json.loads(path.read_text())
    except FileNotFoundError:
        raise
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot be read: {exc}") from None
    except json.JSONDecodeError as exc:
        raise UsageError(f"{path}: not valid JSON ({exc})") from None
    if not isinstance(data, dict) or "schema" not in data:
        raise UsageError(f"{path}: no 'schema' field; not a perfci baseline or run.json")
    schema = data["schema"]
    if schema == BASELINE_SCHEMA:
        benchmarks = data.get("benchmarks")
        if not isinstance(benchmarks, dict):
            raise UsageError(f"{path}: 'benchmarks' must be an object of name → numbers")
    elif schema == RUN_SCHEMA:
        items = data.get("benchmarks")
        if not isinstance(items, list):
            raise UsageError(f"{path}: 'benchmarks' must be a list")
        benchmarks = {}
        for b in items:
            if not isinstance(b, dict) or "name" not in b or "summary" not in b:
                raise UsageError(f"{path}: a benchmark entry lacks 'name' or 'summary'")
            if not isinstance(b["summary"], dict):
                raise UsageError(f"{path}: benchmark {b['name']!r}: 'summary' is not an object")
            benchmarks[b["name"]] = {
                **b["summary"],
                "statements_per_request": b.get("statements_per_request"),
                "rows_per_request": b.get("rows_per_request"),
            }
    else:
        raise UsageError(
            f"{path}: schema {schema!r} is not supported (expected {BASELINE_SCHEMA} or "
            f"{RUN_SCHEMA}); re-create it with `perfci bench --save-baseline`"
        )
    for name, numbers in benchmarks.items():
        if not isinstance(numbers, dict):
            raise UsageError(f"{path}: benchmark {name!r} is not an object")
        check_timings(numbers, f"{path}: benchmark {name!r}")
    env = data.get("environment")
    if not isinstance(env, dict):
        raise UsageError(f"{path}: 'environment' (the machine fingerprint) is missing")
    return Measurements(path, env, benchmarks)


# A time statistic of zero or below cannot come from a measurement, and NaN compares false
# with everything: either would turn a ratio into a silent pass (or an infinite regression).
TIME_STATS = ("p50", "median", "p95", "p99", "mean")


def check_timings(numbers: dict, where: str) -> None:
    """UsageError naming `where` and the field unless every time statistic present is a
    finite number above 0 and the statement count, when present, a finite number >= 0."""
    for key in (*TIME_STATS, "statements_per_request"):
        value = numbers.get(key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise UsageError(f"{where} has no numeric {key!r} ({type(value).__name__})")
        floor_ok = value >= 0 if key == "statements_per_request" else value > 0
        if not math.isfinite(value) or not floor_ok:
            need = "finite and >= 0" if key == "statements_per_request" else "finite and above 0"
            raise UsageError(f"{where} has {key!r} {value!r}; it must be {need}")


@dataclass
class Row:
    name: str
    status: str  # regression | improvement | unchanged | new | removed | queries
    baseline: float | None = None
    current: float | None = None
    ratio: float | None = None
    statements_baseline: float | None = None
    statements_current: float | None = None
    reasons: list[str] = field(default_factory=list)


@dataclass
class Comparison:
    stat: str
    threshold: float
    rows: list[Row]
    notices: list[str]
    comparable: bool

    @property
    def failed(self) -> list[Row]:
        if not self.comparable:
            return []
        return [r for r in self.rows if r.reasons]


def _number(m: Measurements, name: str, key: str) -> float:
    value = m.benchmarks[name].get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise UsageError(f"{m.source}: benchmark {name!r} has no numeric {key!r}")
    return float(value)


def compare(
    baseline: Measurements, current: Measurements, threshold: float, stat: str
) -> Comparison:
    notices: list[str] = []
    comparable = comparable_key(baseline.environment) == comparable_key(current.environment)
    if not comparable:
        a, b = comparable_key(baseline.environment), comparable_key(current.environment)
        diff = ", ".join(f"{k}: {a.get(k)} → {b.get(k)}" for k in a if a.get(k) != b.get(k))
        notices.append(
            f"the baseline was measured on another machine fingerprint ({diff}): "
            "reported only, not gated"
        )
    rows: list[Row] = []
    for name in sorted(set(baseline.benchmarks) | set(current.benchmarks)):
        if name not in baseline.benchmarks:
            rows.append(Row(name, "new", current=_number(current, name, stat)))
            continue
        if name not in current.benchmarks:
            rows.append(Row(name, "removed", baseline=_number(baseline, name, stat)))
            continue
        base, cur = _number(baseline, name, stat), _number(current, name, stat)
        ratio = cur / base if base > 0 else float("inf")
        row = Row(name, "unchanged", base, cur, ratio)
        if ratio > 1 + threshold:
            row.status = "regression"
            row.reasons.append(f"{stat} {ratio - 1:+.1%} (over +{threshold:.1%})")
        elif ratio < 1 - threshold:
            row.status = "improvement"
        sb = baseline.benchmarks[name].get("statements_per_request")
        sc = current.benchmarks[name].get("statements_per_request")
        row.statements_baseline, row.statements_current = sb, sc
        if isinstance(sb, int | float) and isinstance(sc, int | float) and sc > sb + 1e-9:
            row.reasons.append(f"statements per request {sb:g} → {sc:g}")
            if row.status != "regression":
                row.status = "queries"
        rows.append(row)
    return Comparison(stat, threshold, rows, notices, comparable)
