"""What a report says, read from a run directory: the verdict, counts, endpoint rows, stages.

Pure functions of `run.json` and the files beside it. Every stage is optional: a bench run has
no comparisons, an A/B run has no benchmarks, and `stages.load`, `stages.sql` and
`stages.profile` are present only when those stages ran. Presentation (HTML, Markdown, JSON)
lives in `perf.report.render`; nothing here formats for a particular output.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from perf.errors import UsageError
from perf.report import vocabulary as words
from perf.results import RUN_SCHEMA

COUNT_ORDER = words.ORDER


@dataclass(frozen=True)
class EndpointRow:
    """One endpoint of an A/B comparison (times in seconds, ratios head/base)."""

    name: str
    status: str  # one of perf.report.vocabulary.ORDER
    verdict: str  # the comparison's own verdict word (perf.abstats)
    timing_verdict: str  # the verdict of the timing alone (a statement count can add one)
    reason: str  # starts with the status's label (vocabulary), then the numbers behind it
    base_p50: float | None
    head_p50: float | None
    base_p95: float | None
    head_p95: float | None
    estimate: float | None
    ci_low: float | None
    ci_high: float | None
    pairs: int | None
    statements_base: float | None
    statements_head: float | None
    rerun: bool = False
    noise_floor: float | None = None
    # the statements whose calls or rows per request differ between the arms (ab.py)
    statement_deltas: tuple[dict, ...] = ()

    @property
    def change(self) -> float | None:
        return None if self.estimate is None else self.estimate - 1

    @property
    def label(self) -> str:
        return words.label(self.status)

    @property
    def statements_changed(self) -> bool:
        return (
            self.statements_base is not None
            and self.statements_head is not None
            and abs(self.statements_head - self.statements_base) > 1e-9
        )


@dataclass(frozen=True)
class BenchRow:
    """One benchmark of a single-arm run (times in seconds)."""

    name: str
    kind: str
    path: str | None
    rounds: int
    p50: float | None
    p95: float | None
    p99: float | None
    mean: float | None
    stddev: float | None
    statements: float | None
    rows: float | None
    sla_violations: list[str]


@dataclass(frozen=True)
class DiffProfile:
    """The differential profile of a regressed endpoint (perf.ab): the frames whose share of
    the server's samples grew most from base to head, and the flame graph's file; or why
    there is none."""

    name: str
    top_grown: tuple[dict, ...] = ()  # {"frame", "base_share", "head_share", ...}
    svg: str | None = None  # relative to the run directory, only when the file is there
    samples_base: int | None = None
    samples_head: int | None = None
    missing: str = ""  # why there is no profile ("" when there is one)
    note: str = ""  # what else is amiss (the SVG named but not in the directory)

    def grown_text(self, limit: int = 2) -> str:
        """`_slowdown (app/x.py:12)` 0 % → 41 % of samples: the largest growth first, and the
        next ones only when they grew by a quarter as much (not the noise around it)."""
        parts = []
        first = _num(self.top_grown[0].get("grown_by")) if self.top_grown else None
        for f in self.top_grown[:limit]:
            grown = _num(f.get("grown_by"))
            if parts and first and grown is not None and grown < first / 4:
                break
            frame = str(f.get("frame", "?")).replace("`", "'")
            shares = f"{_share(f.get('base_share'))} → {_share(f.get('head_share'))}"
            parts.append(f"`{frame}` {shares}")
        return (", ".join(parts) + " of samples") if parts else ""


def _share(value) -> str:
    v = _num(value)
    return "–" if v is None else f"{v * 100:.0f} %"


@dataclass(frozen=True)
class LoadAbRow:
    """One endpoint of the load A/B (perf/loadab): its ratios under concurrent load beside the
    sequential A/B's verdict for the same endpoint."""

    name: str
    verdict: str
    reason: str
    pairs: int
    errors_base: int
    errors_head: int
    sequential: str  # the sequential A/B's verdict word for the endpoint ("" if not compared)
    changes: dict  # q -> (estimate - 1, ci_low - 1, ci_high - 1) for p50, p95, p99
    shift: bool = False  # the row of the shift of all endpoints (perf.loadab.stats.SHIFT)
    # event-loop time blocked per request, seconds, base and head (perf/loopwatch); None: unwatched
    loop: tuple[float, float] | None = None
    blocks: bool = False  # head holds the loop longer: "blocks the event loop"
    # time waiting for asyncio/anyio locks and semaphores per request, seconds, base and head
    lock: tuple[float, float] | None = None
    waits: bool = False  # head waits on locks longer: "waits on a lock"


def _arms(d: dict) -> tuple[float, float] | None:
    """(base, head) of a watch measure, None unless both are numbers."""
    base, head = _num(d.get("base")), _num(d.get("head"))
    return None if base is None or head is None else (base, head)


def load_ab_rows(stage: dict, rows: list[EndpointRow]) -> list[LoadAbRow]:
    sequential = {r.name: r.label for r in rows}
    out = []
    shift = stage.get("shift")
    for e in [*(stage.get("endpoints") or []), *([shift] if isinstance(shift, dict) else [])]:
        if not isinstance(e, dict) or "name" not in e:
            continue
        changes = {}
        for q, r in (e.get("ratios") or {}).items():
            if isinstance(r, dict) and all(_num(r.get(k)) is not None for k in
                                           ("estimate", "ci_low", "ci_high")):  # fmt: skip
                changes[q] = tuple(_num(r[k]) - 1 for k in ("estimate", "ci_low", "ci_high"))
        errors = e.get("errors") or {}
        held = e.get("loop") if isinstance(e.get("loop"), dict) else {}
        lock_wait = held.get("lock") if isinstance(held.get("lock"), dict) else {}
        loop, lock = _arms(held), _arms(lock_wait)
        out.append(
            LoadAbRow(
                name=str(e["name"]),
                verdict=str(e.get("verdict", "")),
                reason=str(e.get("reason", "")),
                pairs=int(e.get("pairs") or 0),
                errors_base=int(errors.get("base") or 0),
                errors_head=int(errors.get("head") or 0),
                sequential=sequential.get(str(e["name"]), ""),
                changes=changes,
                shift=e is shift,
                loop=loop,
                blocks=bool(held.get("blocks")),
                lock=lock,
                waits=bool(lock_wait.get("waits")),
            )
        )
    return out


@dataclass
class Report:
    """Everything the templates show; built once per run directory by `load_report`."""

    run_dir: Path
    kind: str
    created_at: str
    wall_seconds: float | None
    environment: dict
    config: dict
    verdict_line: str
    gate_failed: bool
    endpoints: list[EndpointRow] = field(default_factory=list)
    benchmarks: list[BenchRow] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    failed_gates: list[dict] = field(default_factory=list)
    notices: list[dict] = field(default_factory=list)
    env_banner: list[str] = field(default_factory=list)
    # settings of the gate that this change edits; the base's values decided (perfci pr)
    gate_changes: list[str] = field(default_factory=list)
    sql_changes: list[str] = field(default_factory=list)
    load: dict = field(default_factory=dict)
    capacity: dict = field(default_factory=dict)  # stages.capacity (perfci load --capacity)
    sql: dict = field(default_factory=dict)
    profile: dict = field(default_factory=dict)
    links: dict[str, str] = field(default_factory=dict)
    samples: dict[str, dict[str, list[float]]] = field(default_factory=dict)
    threshold: float = 0.10
    headline_detail: str = ""  # the line under the title (changes under the gate)
    diff_profiles: list[DiffProfile] = field(default_factory=list)
    load_ab: list[LoadAbRow] = field(default_factory=list)  # stages.load_ab, per endpoint
    load_ab_settings: dict = field(default_factory=dict)
    # per arm: event-loop lag quantiles and the share of time the loop was held (perf/loopwatch)
    load_ab_loop: dict = field(default_factory=dict)
    # per arm: API CPU and the DB pool (in use, exhausted share) during the load A/B
    load_ab_resources: dict = field(default_factory=dict)
    load_ab_limits: dict = field(default_factory=dict)  # thresholds per percentile
    load_ab_shift_limits: dict = field(default_factory=dict)  # the shift's thresholds

    @property
    def title(self) -> str:
        """The first line of the comment and of the job summary."""
        return f"perfci: {self.verdict_line}"

    @property
    def glossary(self) -> dict[str, str]:
        """Every verdict word and term the report uses, with its definition."""
        return words.definitions(self.threshold, floors_text(self.endpoints))

    @property
    def is_ab(self) -> bool:
        return bool(self.endpoints)

    @property
    def other_failures(self) -> list[dict]:
        """Failed gates not already shown as a regressed endpoint (load SLOs, SLAs, ...)."""
        regressed = {r.name for r in self.regressions}
        return [
            v
            for v in self.failed_gates
            if not (v.get("gate") == "ab" and v.get("name") in regressed)
        ]

    @property
    def regressions(self) -> list[EndpointRow]:
        return [r for r in self.endpoints if r.status == words.REGRESSED]

    @property
    def arms(self) -> dict[str, str]:
        """Short SHAs of both arms (A/B runs), else the run's own SHA."""
        out = {}
        for arm in ("base", "head"):
            side = self.config.get(arm) or {}
            if side.get("sha"):
                out[arm] = str(side["sha"])[:12]
                if side.get("ref") == "working tree":
                    out[arm] += " (working tree)"
        if not out and self.environment.get("git_sha"):
            out["sha"] = str(self.environment["git_sha"])[:12]
        return out


def read_run(run_dir: Path) -> dict:
    """run.json of a run directory, checked for its schema (exit 2 naming the file otherwise)."""
    path = run_dir / "run.json"
    if path.exists() and not path.is_file():  # a FIFO would block the read forever
        raise UsageError(f"{path}: not a regular file (not a perfci run.json)")
    try:
        data = json.loads(path.read_text())
    except FileNotFoundError:
        raise UsageError(f"{path}: no run.json in this directory (not a perfci run?)") from None
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"{path}: not UTF-8 text (byte {exc.start}); not a perfci run.json"
        ) from None
    except json.JSONDecodeError as exc:
        raise UsageError(f"{path}: not valid JSON ({exc}); a run cut short?") from None
    except (OSError, ValueError) as exc:
        raise UsageError(f"{path}: cannot be read: {exc}") from None
    if not isinstance(data, dict) or data.get("schema") != RUN_SCHEMA:
        found = data.get("schema") if isinstance(data, dict) else type(data).__name__
        raise UsageError(f"{path}: field 'schema' is {found!r}, expected {RUN_SCHEMA!r}")
    check_run_fields(data, path)
    return data


# Where the report reads a number, per object kind; each must be a finite number or null.
_SUMMARY_NUMBERS = ("p50", "p95", "p99", "mean", "stddev", "rounds")
_ARM_NUMBERS = ("p50", "p95", "p99", "stddev")


_STEP_NUMBERS = ("offered", "achieved", "p50", "p95", "p99", "errors", "late")


def check_run_fields(data: dict, path: Path) -> None:
    """UsageError naming the file and field when a field the report reads has the wrong type,
    or a number it reads is NaN or infinite (json reads `NaN` and `Infinity` without
    complaint, and they would reach the report as text or a crash)."""

    def fail(field: str, problem: str) -> None:
        raise UsageError(f"{path}: field {field!r} {problem}")

    def obj(value, field: str) -> dict:
        if value is None:
            return {}
        if not isinstance(value, dict):
            fail(field, f"must be an object, not {type(value).__name__}")
        return value

    def array(value, field: str) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            fail(field, f"must be a list, not {type(value).__name__}")
        return value

    def numbers(d: dict, keys: tuple[str, ...], field: str, positive: bool = False) -> None:
        for key in keys:
            value = d.get(key)
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, int | float):
                fail(f"{field}.{key}", f"must be a number, not {type(value).__name__}")
            if not math.isfinite(value):
                fail(f"{field}.{key}", f"is {value}; numbers must be finite")
            if positive and value <= 0:
                fail(f"{field}.{key}", f"is {value}; it must be above 0")

    numbers(data, ("wall_seconds",), "run")
    config = obj(data.get("config"), "config")
    # the gate's threshold (a fraction): 0 or below would make every change a regression
    numbers(config, ("threshold",), "config", positive=True)
    gate = obj(config.get("gate"), "config.gate")
    numbers(gate, ("threshold",), "config.gate", positive=True)
    for name in ("environment", "artifacts"):
        obj(data.get(name), name)
    array(data.get("verdicts"), "verdicts")
    for i, b in enumerate(array(data.get("benchmarks"), "benchmarks")):
        field = f"benchmarks[{i}]"
        b = obj(b, field)
        numbers(b, ("statements_per_request", "rows_per_request"), field)
        numbers(obj(b.get("summary"), f"{field}.summary"), _SUMMARY_NUMBERS, f"{field}.summary")
        array(b.get("sla_violations"), f"{field}.sla_violations")
    for i, c in enumerate(array(data.get("comparisons"), "comparisons")):
        field = f"comparisons[{i}]"
        c = obj(c, field)
        numbers(c, ("estimate", "ci_low", "ci_high", "noise_floor"), field)
        for arm in ("base", "head"):
            numbers(obj(c.get(arm), f"{field}.{arm}"), _ARM_NUMBERS, f"{field}.{arm}")
        stmts = obj(c.get("statements_per_request"), f"{field}.statements_per_request")
        numbers(stmts, ("base", "head"), f"{field}.statements_per_request")
        for j, d in enumerate(array(c.get("statement_deltas"), f"{field}.statement_deltas")):
            where = f"{field}.statement_deltas[{j}]"
            d = obj(d, where)
            if not isinstance(d.get("query"), str):
                fail(f"{where}.query", "must be a string")
            for what in ("calls", "rows"):
                numbers(obj(d.get(what), f"{where}.{what}"), ("base", "head"), f"{where}.{what}")
        dp = obj(c.get("diff_profile"), f"{field}.diff_profile")
        for key in ("svg", "missing"):
            if dp.get(key) is not None and not isinstance(dp.get(key), str):
                fail(f"{field}.diff_profile.{key}", "must be a string")
        where = f"{field}.diff_profile.samples"
        numbers(obj(dp.get("samples"), where), ("base", "head"), where)
        for j, f in enumerate(array(dp.get("top_grown"), f"{field}.diff_profile.top_grown")):
            where = f"{field}.diff_profile.top_grown[{j}]"
            f = obj(f, where)
            if not isinstance(f.get("frame"), str):
                fail(f"{where}.frame", "must be a string")
            numbers(f, ("base_share", "head_share", "base_own_share", "head_own_share"), where)
    stages = obj(data.get("stages"), "stages")
    for name in ("load", "sql", "profile"):
        obj(stages.get(name), f"stages.{name}")
    load = obj(stages.get("load"), "stages.load")
    for i, sc in enumerate(array(load.get("scenarios"), "stages.load.scenarios")):
        field = f"stages.load.scenarios[{i}]"
        sc = obj(sc, field)
        numbers(sc, ("p50", "p95", "p99"), field)
        for j, g in enumerate(array(sc.get("gates"), f"{field}.gates")):
            numbers(obj(g, f"{field}.gates[{j}]"), ("value",), f"{field}.gates[{j}]")
    capacity = obj(stages.get("capacity"), "stages.capacity")
    for i, e in enumerate(array(capacity.get("endpoints"), "stages.capacity.endpoints")):
        field = f"stages.capacity.endpoints[{i}]"
        e = obj(e, field)
        numbers(e, ("knee", "sla_p95"), field)
        numbers(
            obj(e.get("spread"), f"{field}.spread"), ("median", "min", "max"), f"{field}.spread"
        )
        for j, st in enumerate(array(e.get("steps"), f"{field}.steps")):
            numbers(obj(st, f"{field}.steps[{j}]"), _STEP_NUMBERS, f"{field}.steps[{j}]")


def _num(value) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _arm(c: dict, arm: str, stat: str) -> float | None:
    summary = c.get(arm)
    return _num(summary.get(stat)) if isinstance(summary, dict) else None


def _significant(c: dict) -> bool:
    """Holm-significant rank test and a CI clear of the endpoint's noise floor (the
    conditions of a regression or improvement, less the size)."""
    low, high = _num(c.get("ci_low")), _num(c.get("ci_high"))
    floor = _num(c.get("noise_floor")) or 0.0
    if c.get("significant_holm") is not True or low is None or high is None:
        return False
    return low > 1 + floor or high < 1 - floor


def classify(c: dict, threshold: float) -> str:
    """The verdict word (perf.report.vocabulary) of an A/B comparison.

    `noisy` is an unchanged or borderline endpoint whose 95 % CI still reaches beyond the gate's
    threshold on either side (the data cannot rule out a change the gate cares about), or one that
    was borderline and not measured again for lack of time. `slower`/`faster`: not flagged, the
    CI within the threshold, but significant and clear of the noise floor.
    """
    # imported here, not with the module: abstats imports scipy, and every perfci command
    # imports this package to build its parser
    from perf.abstats import IMPROVEMENT, REGRESSION, SUSPECT

    verdict = str(c.get("verdict", ""))
    if verdict == REGRESSION:
        return words.REGRESSED
    if verdict == IMPROVEMENT:
        return words.IMPROVED
    if verdict == words.NEW or (c.get("base") is None and c.get("head") is not None):
        return words.NEW
    if verdict == words.REMOVED or (c.get("head") is None and c.get("base") is not None):
        return words.REMOVED
    if verdict in (SUSPECT, words.NOISY) or c.get("rerun_skipped"):
        return words.NOISY
    low, high = _num(c.get("ci_low")), _num(c.get("ci_high"))
    if low is not None and high is not None and (low < 1 - threshold or high > 1 + threshold):
        return words.NOISY
    if _significant(c):
        return words.SLOWER if (_num(c.get("estimate")) or 1.0) > 1 else words.FASTER
    return words.UNCHANGED


def _signed(ratio: float) -> str:
    return f"{(ratio - 1) * 100:+.1f} %"


def _figures(c: dict) -> str:
    est, low, high = _num(c.get("estimate")), _num(c.get("ci_low")), _num(c.get("ci_high"))
    if est is None:
        return ""
    if low is None or high is None:
        return _signed(est)
    return f"{_signed(est)} (95 % CI {_signed(low)} … {_signed(high)})"


def reason(c: dict, status: str, threshold: float) -> str:
    """Why the row has its verdict, in the vocabulary's words: the label first, then the
    figures and the rule they met. Built from the numbers, not from run.json's `reason`, whose
    first word is the decision's (a noisy row's decision is "unchanged")."""
    from perf.abstats import REGRESSION

    gate = words.percent(threshold)
    figures = _figures(c)
    stmts = c.get("statements_per_request") or {}
    sb, sh = _num(stmts.get("base")), _num(stmts.get("head"))
    more_sql = sb is not None and sh is not None and sh > sb + 1e-9
    if status == words.REGRESSED:
        parts = []
        if str(c.get("timing_verdict", c.get("verdict"))) == REGRESSION:
            parts.append(f"{figures}, over the {gate} gate")
        if more_sql:
            parts.append(f"statements per request {sb:g} → {sh:g}")
        if not parts:
            parts.append(figures or "flagged by the A/B stage")
        elif len(parts) == 1 and more_sql and figures:
            parts.append(f"time {figures}")
        why = "; ".join(parts)
    elif status == words.IMPROVED:
        why = f"{figures}, beyond the {gate} gate"
    elif status in (words.SLOWER, words.FASTER):
        why = f"{figures}, significant (Holm) and clear of the noise floor, under the {gate} gate"
    elif status == words.NOISY:
        low, high = _num(c.get("ci_low")), _num(c.get("ci_high"))
        wide = (
            low is not None and high is not None and (low < 1 - threshold or high > 1 + threshold)
        )
        lead = f"{figures}, " if figures else ""
        why = f"{lead}the CI reaches past ±{gate}" if wide else f"{lead}inconclusive"
        if c.get("rerun_skipped"):
            # perf.ab appends the time limit to its reason: keep that clause, not its verdict
            skipped = [p for p in str(c.get("reason", "")).split("; ") if "not measured" in p]
            why += "; " + (skipped[0] if skipped else "borderline, not measured again")
    elif status == words.NEW:
        why = "measured in head only"
    elif status == words.REMOVED:
        why = "measured in base only"
    else:
        why = f"{figures}, no significant change" if figures else "no significant change"
    return f"{words.label(status)}: {why}"


def endpoint_rows(comparisons: list, threshold: float) -> list[EndpointRow]:
    rows = []
    for c in comparisons:
        if not isinstance(c, dict) or "name" not in c:
            continue
        stmts = c.get("statements_per_request") or {}
        status = classify(c, threshold)
        rows.append(
            EndpointRow(
                name=str(c["name"]),
                status=status,
                verdict=str(c.get("verdict", "")),
                timing_verdict=str(c.get("timing_verdict", c.get("verdict", ""))),
                reason=reason(c, status, threshold),
                base_p50=_arm(c, "base", "p50"),
                head_p50=_arm(c, "head", "p50"),
                base_p95=_arm(c, "base", "p95"),
                head_p95=_arm(c, "head", "p95"),
                estimate=_num(c.get("estimate")),
                ci_low=_num(c.get("ci_low")),
                ci_high=_num(c.get("ci_high")),
                pairs=c.get("pairs") if isinstance(c.get("pairs"), int) else None,
                statements_base=_num(stmts.get("base")),
                statements_head=_num(stmts.get("head")),
                rerun=bool(c.get("rerun")),
                noise_floor=_num(c.get("noise_floor")),
                statement_deltas=tuple(
                    d for d in c.get("statement_deltas") or [] if isinstance(d, dict)
                ),
            )
        )
    return rows


def bench_rows(benchmarks: list) -> list[BenchRow]:
    rows = []
    for b in benchmarks:
        if not isinstance(b, dict) or "name" not in b:
            continue
        s = b.get("summary") or {}
        rows.append(
            BenchRow(
                name=str(b["name"]),
                kind=str(b.get("kind", "")),
                path=b.get("path"),
                rounds=int(s.get("rounds") or 0),
                p50=_num(s.get("p50")),
                p95=_num(s.get("p95")),
                p99=_num(s.get("p99")),
                mean=_num(s.get("mean")),
                stddev=_num(s.get("stddev")),
                statements=_num(b.get("statements_per_request")),
                rows=_num(b.get("rows_per_request")),
                sla_violations=[str(v) for v in b.get("sla_violations") or []],
            )
        )
    return sorted(rows, key=lambda r: (r.kind, r.name))


def _pct(ratio_minus_one: float) -> str:
    return f"{abs(ratio_minus_one) * 100:.0f} %"


def verdict_line(
    rows: list[EndpointRow], failed: list[dict], paths: dict[str, str], threshold: float = 0.10
) -> str:
    """The comment's title: the worst regression, else failed gates, else the best
    improvement, else a pass with changes under the gate, else "no significant change"."""
    from perf.abstats import REGRESSION

    def where(row: EndpointRow) -> str:
        return paths.get(row.name) or row.name

    regressions = [r for r in rows if r.status == words.REGRESSED]
    if regressions:
        timed = [
            r
            for r in regressions
            if r.timing_verdict == REGRESSION and r.estimate is not None and r.estimate > 1
        ]
        more = len(regressions) - 1
        tail = f" (and {more} more endpoint{'s' if more > 1 else ''})" if more else ""
        if timed:
            worst = max(timed, key=lambda r: r.estimate or 0)
            by = _pct(worst.change or 0)
            return f"will degrade performance by {by} on {where(worst)}{tail}"
        first = regressions[0]
        if first.statements_changed:
            return (
                f"will degrade performance: statements per request "
                f"{first.statements_base:g} → {first.statements_head:g} on {where(first)}{tail}"
            )
        return f"will degrade performance on {where(first)}{tail}"
    under_load = [v for v in failed if v.get("gate") == "load_ab"]
    if under_load:
        first = under_load[0]
        why = str(first.get("reason", ""))
        for prefix in ("slower under load than the shift of all endpoints: ",
                       "slower under load: ", "every endpoint slower under load: "):  # fmt: skip
            why = why.removeprefix(prefix)
        if why.startswith(("blocks the event loop", "holds the event loop", "waits on a lock")):
            why = why.split(" (")[0]
        more = len(failed) - 1
        tail = f" (and {more} more failed gate{'s' if more > 1 else ''})" if more else ""
        name = str(first.get("name"))
        on = "every endpoint" if name == "(all endpoints)" else paths.get(name) or name
        return f"will degrade performance under concurrent load on {on}: {why}{tail}"
    if failed:
        shown = "; ".join(f"{v.get('name')} {v.get('reason')}" for v in failed[:2])
        more = f" (and {len(failed) - 2} more)" if len(failed) > 2 else ""
        plural = "s" if len(failed) > 1 else ""
        return f"fails {len(failed)} performance gate{plural}: {shown}{more}"
    improvements = [r for r in rows if r.status == words.IMPROVED and r.estimate is not None]
    if improvements:
        best = min(improvements, key=lambda r: r.estimate or 1)
        more = len(improvements) - 1
        tail = f" (and {more} more endpoint{'s' if more > 1 else ''})" if more else ""
        return f"will improve performance by {_pct(best.change or 0)} on {where(best)}{tail}"
    if not rows:
        return "no A/B comparison in this run; every gate passed"
    noisy = sum(r.status == words.NOISY for r in rows)
    inconclusive = (
        f" ({noisy} of {len(rows)} endpoints inconclusive: "
        "the 95 % CI still reaches past the threshold)"
        if noisy
        else ""
    )
    under = [r for r in rows if r.status in (words.SLOWER, words.FASTER)]
    if under:
        n = len(under)
        changes = f"{n} significant change{'s' if n > 1 else ''}"
        return f"passes the {words.percent(threshold)} gate, with {changes} under it{inconclusive}"
    return f"no significant change{inconclusive}"


def headline_detail(rows: list[EndpointRow], paths: dict[str, str], threshold: float) -> str:
    """The line under the title: every significant change under the gate, largest first
    ("+8 % on reflection_analyze, under the 10 % gate"), or "" when there is none."""
    under = [r for r in rows if r.status in (words.SLOWER, words.FASTER) and r.estimate is not None]
    if not under:
        return ""
    under.sort(key=lambda r: -abs(r.change or 0))
    shown = [f"{(r.change or 0) * 100:+.0f} % on {paths.get(r.name) or r.name}" for r in under]
    listed = ", ".join(shown[:3]) + (f" and {len(shown) - 3} more" if len(shown) > 3 else "")
    return f"{listed}, under the {words.percent(threshold)} gate"


def floors_text(rows: list[EndpointRow]) -> str:
    """The run's per-endpoint noise floors as text: "1.0 %" or "1.0 … 1.4 %"."""
    floors = sorted({r.noise_floor for r in rows if r.noise_floor is not None})
    if not floors:
        return "none recorded"
    if len(floors) == 1:
        return words.percent(floors[0], 1)
    return f"{floors[0] * 100:.1f} … {words.percent(floors[-1], 1)}"


def environment_banner(data: dict) -> list[str]:
    """Why the two arms' numbers may not be comparable: different data, or a per-arm
    environment fingerprint that differs (when the run recorded one per arm)."""
    config = data.get("config") or {}
    out = []
    note = str(config.get("data") or "")
    if "differ" in note:
        out.append(note)
    base_env = (config.get("base") or {}).get("environment")
    head_env = (config.get("head") or {}).get("environment")
    if isinstance(base_env, dict) and isinstance(head_env, dict):
        keys = sorted(set(base_env) | set(head_env))
        diff = [
            f"{k}: {base_env.get(k)!s} → {head_env.get(k)!s}"
            for k in keys
            if k not in ("git_sha",) and base_env.get(k) != head_env.get(k)
        ]
        if diff:
            out.append("the arms ran in different environments: " + "; ".join(diff))
    return out


def _short_sql(query: str, width: int = 110) -> str:
    query = " ".join(query.split()).replace("`", "'")
    return query if len(query) <= width else query[: width - 1] + "…"


def statement_lines(deltas: tuple[dict, ...], limit: int = 3) -> str:
    """The statements that changed between the arms, in words: which statement multiplied
    (calls per request base → head), or which now reads more rows."""
    parts = []
    for d in deltas[:limit]:
        calls, rows = d.get("calls") or {}, d.get("rows") or {}
        cb, ch = _num(calls.get("base")), _num(calls.get("head"))
        rb, rh = _num(rows.get("base")), _num(rows.get("head"))
        query = f"`{_short_sql(str(d.get('query', '?')))}`"
        if cb is not None and ch is not None and cb != ch:
            parts.append(f"{query} {cb:g} → {ch:g} calls per request")
        elif rb is not None and rh is not None:
            parts.append(f"{query} {rb:g} → {rh:g} rows per request")
    more = len(deltas) - limit
    if parts and more > 0:
        parts.append(f"{more} more in run.json")
    return ", ".join(parts)


def sql_changes(rows: list[EndpointRow], sql: dict) -> list[str]:
    """Deterministic signals: statements per request that changed between the arms, and plan
    changes of a before/after migration comparison."""
    out = []
    for r in rows:
        deltas = statement_lines(r.statement_deltas)
        if r.statements_changed:
            line = f"{r.name}: statements per request {r.statements_base:g} → {r.statements_head:g}"
            out.append(line + (f"; {deltas}" if deltas else ""))
        elif deltas:
            out.append(f"{r.name}: {deltas}")
    ba = sql.get("before_after") if isinstance(sql, dict) else None
    if isinstance(ba, dict):
        for q in ba.get("queries") or []:
            if isinstance(q, dict) and q.get("plan_changed"):
                p95b, p95a = _num(q.get("p95_ms_before")), _num(q.get("p95_ms_after"))
                timing = f" (P95 {p95b:.2f} → {p95a:.2f} ms)" if p95b and p95a else ""
                out.append(
                    f"{q.get('name')}: plan {q.get('plan_change') or 'changed'}{timing} "
                    f"with {ba.get('migration', 'the migration')}"
                )
    return out


def diff_profiles(run_dir: Path, comparisons: list) -> list[DiffProfile]:
    """The regressed endpoints' differential profiles, in the comparisons' order; the SVG
    named only when it is a file in the run directory."""
    out = []
    for c in comparisons:
        if not isinstance(c, dict) or not isinstance(c.get("diff_profile"), dict):
            continue
        dp = c["diff_profile"]
        svg = dp.get("svg")
        if not (isinstance(svg, str) and ".." not in Path(svg).parts and (run_dir / svg).is_file()):
            svg = None
        samples = dp.get("samples") if isinstance(dp.get("samples"), dict) else {}
        missing = str(dp.get("missing") or "")
        note = ""
        if svg is None and dp.get("svg"):
            note = f"its flame graph {dp['svg']} is not in the run directory"
        out.append(
            DiffProfile(
                name=str(c.get("name", "?")),
                top_grown=tuple(f for f in dp.get("top_grown") or [] if isinstance(f, dict)),
                svg=svg,
                samples_base=_int(samples.get("base")),
                samples_head=_int(samples.get("head")),
                missing=missing,
                note=note,
            )
        )
    return out


def _int(value) -> int | None:
    v = _num(value)
    return None if v is None else int(v)


def _paths(data: dict) -> dict[str, str]:
    """Endpoint name → HTTP path where the run recorded it."""
    out = {}
    for b in data.get("benchmarks") or []:
        if isinstance(b, dict) and b.get("path") and b.get("name"):
            out[str(b["name"])] = str(b["path"])
    for c in data.get("comparisons") or []:
        if isinstance(c, dict) and c.get("path") and c.get("name"):
            out[str(c["name"])] = str(c["path"])
    return out


def _links(run_dir: Path, data: dict) -> dict[str, str]:
    """Artifacts worth a link, relative to the run directory, only when the file exists."""
    candidates: dict[str, str] = {"report": "report.html"}
    for key, value in (data.get("artifacts") or {}).items():
        if isinstance(value, str):
            candidates[str(key)] = value
    profile = (data.get("stages") or {}).get("profile") or {}
    for key, value in (profile.get("files") or {}).items():
        if isinstance(value, str):
            candidates.setdefault(str(key), value)
    load = (data.get("stages") or {}).get("load") or {}
    for s in load.get("scenarios") or []:
        if isinstance(s, dict) and isinstance(s.get("locust_html"), str):
            candidates[f"locust {s.get('name')}"] = s["locust_html"]
    out: dict[str, str] = {}
    for k, v in candidates.items():
        if v in out.values():
            continue  # one link per file
        if k == "report" or ((run_dir / v).is_file() and ".." not in Path(v).parts):
            out[k] = v
    return out


def _samples(run_dir: Path, data: dict) -> dict[str, dict[str, list[float]]]:
    """Raw timings per endpoint and arm: ab-samples.json, else pytest-benchmark's saved data."""
    artifacts = data.get("artifacts") or {}
    name = artifacts.get("ab_samples")
    if isinstance(name, str) and (run_dir / name).is_file():
        try:
            raw = json.loads((run_dir / name).read_text())
        except ValueError:
            return {}
        return {
            str(k): {a: [float(x) for x in v.get(a) or []] for a in ("base", "head")}
            for k, v in raw.items()
            if isinstance(v, dict)
        }
    name = artifacts.get("pytest_benchmark_json")
    if isinstance(name, str) and (run_dir / name).is_file():
        try:
            raw = json.loads((run_dir / name).read_text())
        except ValueError:
            return {}
        by_fullname = {b.get("fullname"): b for b in raw.get("benchmarks") or []}
        out = {}
        for b in data.get("benchmarks") or []:
            ref = str(b.get("raw") or "")
            entry = by_fullname.get(ref.partition("#")[2])
            timings = (entry or {}).get("stats", {}).get("data")
            if timings:
                out[str(b["name"])] = {"run": [float(x) for x in timings]}
        return out
    return {}


def _gate_changes(config: dict) -> list[str]:
    gate = config.get("gate")
    changes = gate.get("changes") if isinstance(gate, dict) else None
    return [str(c) for c in changes] if isinstance(changes, list) else []


def load_report(run_dir: Path) -> Report:
    data = read_run(run_dir)
    config = data.get("config") or {}
    threshold = _num(config.get("threshold")) or _num((config.get("gate") or {}).get("threshold"))
    threshold = threshold or 0.10
    rows = endpoint_rows(data.get("comparisons") or [], threshold)
    verdicts = [v for v in data.get("verdicts") or [] if isinstance(v, dict)]
    failed = [v for v in verdicts if v.get("status") == "fail"]
    stages = data.get("stages") or {}
    load = stages.get("load") if isinstance(stages.get("load"), dict) else {}
    sql = stages.get("sql") if isinstance(stages.get("sql"), dict) else {}
    profile = stages.get("profile") if isinstance(stages.get("profile"), dict) else {}
    load_ab = stages.get("load_ab") if isinstance(stages.get("load_ab"), dict) else {}
    # a failed load gate is a failure also when the load stage recorded no verdict for it
    reported = {str(v.get("name")) for v in failed if v.get("gate") == "load"}
    for s in load.get("scenarios") or []:
        if not isinstance(s, dict) or str(s.get("name")) in reported:
            continue
        for g in s.get("gates") or []:
            if isinstance(g, dict) and g.get("passed") is False:
                value = "no data" if g.get("value") is None else f"{g.get('value'):.4g}"
                failed.append(
                    {
                        "name": str(s.get("name")),
                        "gate": "load",
                        "status": "fail",
                        "reason": f"{g.get('text') or g.get('name')}: {value}",
                    }
                )
    counts = {k: 0 for k in COUNT_ORDER}
    for r in rows:
        counts[r.status] += 1
    paths = _paths(data)
    return Report(
        run_dir=run_dir,
        kind=str(data.get("kind", "")),
        created_at=str(data.get("created_at", "")),
        wall_seconds=_num(data.get("wall_seconds")),
        environment=data.get("environment") or {},
        config=config,
        verdict_line=verdict_line(rows, failed, paths, threshold),
        gate_failed=bool(failed) or any(r.status == words.REGRESSED for r in rows),
        endpoints=rows,
        benchmarks=bench_rows(data.get("benchmarks") or []),
        counts=counts,
        failed_gates=failed,
        notices=[v for v in verdicts if v.get("status") == "notice"],
        env_banner=environment_banner(data),
        gate_changes=_gate_changes(config),
        sql_changes=sql_changes(rows, sql),
        load=load,
        capacity=stages.get("capacity") if isinstance(stages.get("capacity"), dict) else {},
        sql=sql,
        profile=profile,
        links=_links(run_dir, data),
        samples=_samples(run_dir, data),
        threshold=threshold,
        headline_detail=headline_detail(rows, paths, threshold),
        diff_profiles=diff_profiles(run_dir, data.get("comparisons") or []),
        load_ab=load_ab_rows(load_ab, rows),
        load_ab_settings=_dict(load_ab.get("settings")),
        load_ab_loop=_dict(_dict(load_ab.get("loop")).get("arms")),
        load_ab_resources=_dict(load_ab.get("resources")),
        load_ab_limits=_dict(_dict(load_ab.get("limits")).get("threshold")),
        load_ab_shift_limits=_dict(_dict(load_ab.get("limits")).get("shift")),
    )


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}
