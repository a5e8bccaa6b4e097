"""The one renderer: a run directory → report.html, comment.md, summary.md, benchmark-action.json.

`render(run_dir)` is a pure function of the directory (run.json and the files beside it): the
same directory renders the same files. Every text output is a jinja2 template in
`perf/report/templates/`; this module only prepares numbers, applies the size caps and writes.
"""

from __future__ import annotations

import json
import math
import os
import sys
from pathlib import Path
from typing import TextIO

import jinja2

from perf.report import vocabulary as words
from perf.report.model import Report, load_report

COMMENT_MARKER = "<!-- perfci-comment -->"
COMMENT_LIMIT = 60_000  # characters; GitHub refuses comments over 65,536
# Per step GitHub displays 10 annotations of each level, and the runner adds an error of its own
# when the step fails ("Process completed with exit code 1."): perfci prints 9 errors at most.
MAX_ANNOTATIONS = {"error": 9, "warning": 10, "notice": 10}
SUMMARY_LIMIT = 1024 * 1024 - 1  # bytes; $GITHUB_STEP_SUMMARY takes at most 1 MiB per step
PERCENTILES = ("p50", "p95", "p99")
CHART_ROWS = 40  # endpoints drawn per chart; the tables list every one


def _ms(seconds: float | None, digits: int = 2) -> str:
    if seconds is None or not math.isfinite(seconds):
        return "–"
    return f"{seconds * 1000:,.{digits}f}"


def _signed_pct(ratio_minus_one: float | None, digits: int = 1) -> str:
    if ratio_minus_one is None or not math.isfinite(ratio_minus_one):
        return "–"
    return f"{ratio_minus_one * 100:+.{digits}f} %"


def _share(value) -> str:
    """A share of samples (0…1) as "70.2 %"; "–" when not a finite number."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return "–"
    return f"{value * 100:.1f} %"


def _count(value: float | None) -> str:
    return "–" if value is None else f"{value:g}"


def _ci(low: float | None, high: float | None) -> str:
    if low is None or high is None:
        return "–"
    return f"{_signed_pct(low - 1)} … {_signed_pct(high - 1)}"


def _md_cell(text) -> str:
    """Text safe inside a Markdown table cell: no pipes or newlines breaking the row."""
    return str(text).replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("perf.report", "templates"),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html",), default=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        ms=_ms,
        pct=_signed_pct,
        count=_count,
        ci=_ci,
        cell=_md_cell,
        tojson_compact=_compact,
        share=_share,
    )
    env.globals.update(MARKER=COMMENT_MARKER, counts=counts_line, legend=legend, vocabulary=words)
    return env


def counts_line(report: Report) -> str:
    """ "1 regressed, 0 improved, 3 unchanged, 4 noisy": the counts every run has, and the
    others (under the gate, new, removed) when an endpoint has them."""
    return ", ".join(
        f"{report.counts.get(w, 0)} {words.label(w)}"
        for w in words.ORDER
        if w in words.ALWAYS_COUNTED or report.counts.get(w)
    )


def legend(report: Report) -> str:
    """The comment table's legend: the verdict words its rows use."""
    return words.legend([e.status for e in report.endpoints], report.threshold)


def _compact(value) -> str:
    return json.dumps(value, sort_keys=True, default=str)


# ------------------------------------------------------------------------------------ caps


def cut_text(text: str, limit: int, note: str, measure=len) -> str:
    """`text` if it fits in `limit` (as measured), else its longest prefix of whole lines that
    fits together with `note` (which says what was left out). Deterministic: it depends only
    on the text and the limit."""
    if measure(text) <= limit:
        return text
    lines = text.splitlines(keepends=True)
    kept: list[str] = []
    size = measure(note)
    for line in lines:
        if size + measure(line) > limit:
            break
        kept.append(line)
        size += measure(line)
    return "".join(kept) + note


def cap_comment(body: str, limit: int = COMMENT_LIMIT) -> str:
    """The comment under `limit` characters, the hidden marker always last."""
    tail = f"\n{COMMENT_MARKER}\n"
    body = body.replace(COMMENT_MARKER, "").rstrip("\n") + "\n"
    if len(body) + len(tail) <= limit:
        return body + tail
    total = len(body)
    note_template = (
        "\n> **Cut to fit GitHub's comment size:** {kept:,} of {total:,} characters shown. "
        "The full report is report.html in the run's artifact.\n"
    )
    # the note's own length depends on the numbers in it: reserve room for the widest ones
    reserve = len(note_template.format(kept=total, total=total)) + len(tail)
    cut = cut_text(body, limit - reserve, "")
    return cut + note_template.format(kept=len(cut), total=total) + tail


def cap_summary(body: str, limit: int = SUMMARY_LIMIT) -> str:
    def size(s: str) -> int:
        return len(s.encode())

    note = (
        f"\n> Cut to the job summary's limit ({limit:,} bytes); "
        "the full report is report.html in the run's artifact.\n"
    )
    return cut_text(body, limit, note, measure=size)


# --------------------------------------------------------------------- benchmark-action


def benchmark_action(report: Report) -> list[dict]:
    """github-action-benchmark's `customSmallerIsBetter` entries: one per endpoint and
    percentile (the head arm of an A/B run, or the benchmark of a single run), plus the load
    scenarios' percentiles. Values in ms.

    The action's parser (v1.20.4 dist/src/extract.js `extractCustomBenchmarkResult`; since
    v1.20.5 the zod schema `BenchmarkResult` in src/extract.ts) takes an array of
    {name: string, value: number, unit: string, range?: string, extra?: string}; `range` is
    shown beside the value in the chart's tooltip and parsed by src/extractRangeInfo.ts as
    "±" (or "+-") then a number, so it is written "± <half-width>"; `extra` is the tooltip's
    last line. Each entry's `range` is its own percentile's spread: the half-width (the larger
    side) of the distribution-free 95 % confidence interval of that percentile from the raw
    timings (order statistics), none when the run kept no timings (never the arm's stddev,
    which belongs to no percentile). Each `extra` says that percentile's own change, base →
    head; the endpoint's A/B estimate and verdict, which are the endpoint's and not p95's or
    p99's, are said once, on its p50 entry."""
    data = json.loads((report.run_dir / "run.json").read_text())
    sha = (report.arms.get("head") or report.arms.get("sha") or "").split(" ")[0]
    out: list[dict] = []
    labels = {e.name: e.label for e in report.endpoints}  # the report's words, not the decision's

    def entry(name: str, value, spread: tuple[float, float] | None, extra: str) -> None:
        if isinstance(value, int | float) and math.isfinite(value):
            item = {"name": name, "unit": "ms", "value": round(float(value) * 1000, 4)}
            if spread is not None:
                half = max(value - spread[0], spread[1] - value, 0.0)
                item["range"] = f"± {half * 1000:.4f}"
            item["extra"] = extra
            out.append(item)

    def own(p: str, base: dict, head: dict) -> str:
        b, h = base.get(p), head.get(p)
        if not (isinstance(b, int | float) and isinstance(h, int | float) and b > 0):
            return f"{p} {_ms(h)} ms (no base)"
        return f"{p} base {_ms(b)} ms → head {_ms(h)} ms ({_signed_pct(h / b - 1)})"

    def ci_text(spread: tuple[float, float] | None, n: int) -> str:
        if spread is None:
            return f"{n} samples, too few for a 95% CI of it" if n else "no raw timings kept"
        return f"95% CI of the percentile {_ms(spread[0])} … {_ms(spread[1])} ms; {n} samples"

    for c in data.get("comparisons") or []:
        head = c.get("head") if isinstance(c, dict) else None
        if not isinstance(head, dict):
            continue
        base = c.get("base") or {}
        timings = sorted((report.samples.get(str(c["name"])) or {}).get("head") or [])
        for p in PERCENTILES:
            spread = _percentile_ci(timings, p)
            extra = f"head {sha}; {own(p, base, head)}"
            if p == "p50":
                extra += (
                    f"; A/B change of the endpoint {_signed_pct(_minus1(c))} "
                    f"(95% CI {_ci(c.get('ci_low'), c.get('ci_high'))}, median of block "
                    f"ratios); {labels.get(str(c['name']), c.get('verdict'))}"
                )
            extra += f"; {ci_text(spread, len(timings) or head.get('rounds') or 0)}"
            entry(f"{c['name']} {p}", head.get(p), spread, extra)
    if not out:
        for b in data.get("benchmarks") or []:
            s = b.get("summary") or {}
            timings = sorted((report.samples.get(str(b["name"])) or {}).get("run") or [])
            for p in PERCENTILES:
                spread = _percentile_ci(timings, p)
                extra = f"{sha}; {p} of {s.get('rounds')} rounds; {b.get('kind')}"
                if spread is not None:
                    extra += f"; {ci_text(spread, len(timings))}"
                entry(f"{b['name']} {p}", s.get(p), spread, extra)
    for s in report.load.get("scenarios") or []:
        if not isinstance(s, dict):
            continue
        for p in PERCENTILES:
            extra = (
                f"{sha}; load {p}; {s.get('users')} users, {s.get('shape')}, "
                f"{s.get('duration_s')} s; {s.get('rps')} req/s; error rate {s.get('error_rate')}"
            )
            entry(f"load {s.get('name')} {p}", s.get(p), None, extra)
    return out


def _percentile_ci(ordered: list[float], p: str) -> tuple[float, float] | None:
    """Distribution-free 95 % confidence interval of percentile `p` ("p95") of sorted timings:
    the order statistics whose ranks bound the binomial(n, q) count below the percentile at
    2.5 % and 97.5 %. None with too few timings for a two-sided interval at that percentile
    (e.g. p99 needs about 400)."""
    from scipy.stats import binom

    n = len(ordered)
    if n < 2:
        return None
    q = int(p[1:]) / 100
    lo, hi = int(binom.ppf(0.025, n, q)), int(binom.ppf(0.975, n, q)) + 1
    if lo < 1 or hi > n:
        return None
    return ordered[lo - 1], ordered[hi - 1]


def _minus1(c: dict) -> float | None:
    est = c.get("estimate")
    return est - 1 if isinstance(est, int | float) else None


# -------------------------------------------------------------------------- annotations


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotations(report: Report) -> list[str]:
    """GitHub workflow commands: `::error` per regression and failed gate, `::warning` per
    noisy endpoint and when the arms' environments differ."""
    lines = []

    def add(level: str, title: str, message: str) -> None:
        lines.append(f"::{level} title={_escape_property(title)}::{_escape_data(message)}")

    for r in report.regressions:
        add("error", f"perfci: {r.name} regressed", r.reason or report.verdict_line)
    for v in report.failed_gates:
        if v.get("gate") == "ab" and any(r.name == v.get("name") for r in report.regressions):
            continue  # already annotated above
        add("error", f"perfci: {v.get('name')} ({v.get('gate')})", str(v.get("reason", "")))
    noisy = [r for r in report.endpoints if r.status == words.NOISY]
    if noisy:
        add(
            "warning",
            f"perfci: {len(noisy)} endpoint{'s' if len(noisy) > 1 else ''} inconclusive",
            "the 95 % CI still reaches past the threshold: "
            + "; ".join(f"{r.name} {_ci(r.ci_low, r.ci_high)}" for r in noisy),
        )
    for line in report.env_banner:
        add("warning", "perfci: arms not comparable", line)
    return lines


def capped(lines: list[str], limits: dict[str, int] | None = None) -> list[str]:
    """At most MAX_ANNOTATIONS per level; the last shown one says how many were folded."""
    limits = limits or MAX_ANNOTATIONS
    out: list[str] = []
    by_level: dict[str, list[str]] = {}
    for line in lines:
        level = line[2:].split(" ", 1)[0].split("::", 1)[0]
        by_level.setdefault(level, []).append(line)
    for level, items in by_level.items():
        limit = limits.get(level, 10)
        if len(items) <= limit:
            out.extend(items)
            continue
        out.extend(items[: limit - 1])
        more = len(items) - (limit - 1)
        out.append(
            f"::{level} title=perfci%3A {more} more::{more} more {level} annotations; "
            "see the job summary and report.html"
        )
    return out


def emit_annotations(report: Report, stream: TextIO | None = None) -> int:
    """Print the annotations when running on GitHub Actions; returns how many were printed."""
    if os.environ.get("GITHUB_ACTIONS") != "true":
        return 0
    stream = stream or sys.stdout
    lines = capped(annotations(report))
    for line in lines:
        print(line, file=stream)
    stream.flush()
    return len(lines)


# ------------------------------------------------------------------------------- render


def _charts(report: Report) -> dict[str, str]:
    # matplotlib is imported here, not with the module: every perfci command imports this
    # package to build its parser, and only report.html draws
    from perf.report import charts

    out = {}
    forest = [
        (r.name, r.estimate, r.ci_low, r.ci_high, r.status)
        for r in report.endpoints
        if None not in (r.estimate, r.ci_low, r.ci_high)
    ][:CHART_ROWS]
    out["forest"] = charts.ratio_forest(forest, report.threshold)
    order = ([r.name for r in report.endpoints] or [b.name for b in report.benchmarks])[:CHART_ROWS]
    out["distributions"] = charts.distributions(report.samples, order)
    if not out["distributions"] and report.benchmarks:
        out["percentiles"] = charts.percentile_bars(
            [(b.name, b.p50, b.p95, b.p99) for b in report.benchmarks][:CHART_ROWS]
        )
    for s in report.load.get("scenarios") or []:
        if isinstance(s, dict):
            out[f"load:{s.get('name')}"] = charts.load_timeseries(
                str(s.get("name")), s.get("timeseries") or [], s.get("spike")
            )
    for e in report.capacity.get("endpoints") or []:
        if isinstance(e, dict):
            out[f"capacity:{e.get('name')}"] = charts.capacity_curve(
                str(e.get("name")), e.get("steps") or [], e.get("sla_p95"), e.get("spread")
            )
    return out


def comment_text(report: Report) -> str:
    """comment.md: the verdict line first, the sticky-comment marker last, under the cap."""
    return cap_comment(environment().get_template("comment.md.j2").render(r=report))


def summary_text(report: Report) -> str:
    """summary.md for $GITHUB_STEP_SUMMARY, under its 1 MiB limit."""
    return cap_summary(environment().get_template("summary.md.j2").render(r=report))


def html_text(report: Report) -> str:
    """report.html: self-contained, charts inline as SVG."""
    return environment().get_template("report.html.j2").render(r=report, charts=_charts(report))


def render_texts(report: Report) -> dict[str, str]:
    """The text outputs of one report, keyed by file name (nothing written)."""
    comment = comment_text(report)
    summary = summary_text(report)
    html = html_text(report)
    bench = json.dumps(benchmark_action(report), indent=2) + "\n"
    return {
        "report.html": html,
        "comment.md": comment,
        "summary.md": summary,
        "benchmark-action.json": bench,
    }


def render(run_dir: Path) -> dict[str, Path]:
    """Render every output of the run directory into it; returns output name → path.
    benchmark-action.json is written only when the run has trend points: an empty file would
    make github-action-benchmark fail ("No benchmark result was found") after a run that
    measured nothing, a second red job hiding the first."""
    run_dir = Path(run_dir)
    report = load_report(run_dir)
    out = {}
    for name, text in render_texts(report).items():
        path = run_dir / name
        if name == "benchmark-action.json" and not json.loads(text):
            path.unlink(missing_ok=True)
            continue
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
        out[name] = path
    return out
