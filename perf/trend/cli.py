"""`perfci trend --history FILE`: the change points of the stored weekly trend, and whether the
newest week brought one (exit 1, as a failed gate) or not (exit 0)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

TREND_SCHEMA = "perfci.trend/1"


def _when(point) -> str:
    if point.date_ms is None:
        return point.commit
    day = dt.datetime.fromtimestamp(point.date_ms / 1000, tz=dt.UTC).strftime("%Y-%m-%d")
    return f"{day}, {point.commit[:8]}"


def _pct(change: float) -> str:
    return f"{change * 100:+.1f} %"


def _num(value: float, unit: str) -> str:
    return f"{value:,.2f} {unit}" if value >= 1 else f"{value:.4g} {unit}"


def describe(series, shift) -> str:
    """One shift in words: where (week number, date, commit), before → after, change."""
    at = series.points[shift.index]
    return (
        f"week {shift.index + 1} of {len(series.points)} ({_when(at)}): "
        f"median {_num(shift.before_median, series.unit)} → "
        f"{_num(shift.after_median, series.unit)} ({_pct(shift.change)}; "
        f"{shift.n_before} weeks before, {shift.n_after} since; p {shift.p_value:.1g})"
    )


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def cmd_trend(args: argparse.Namespace) -> int:
    from perf.report.render import capped
    from perf.trend.detect import Settings, analyse
    from perf.trend.history import read_history, series_of

    data = read_history(args.history)
    all_series = series_of(data, args.history, args.bench_name)
    suites = {s.suite for s in all_series}
    settings = Settings()
    rows, lines, annotations, new_slower = [], [], [], []
    for series in all_series:
        name = series.name if len(suites) == 1 else f"{series.suite}: {series.name}"
        result = analyse(series.values, settings)
        row = {"name": name, "suite": series.suite, "bench": series.name, "unit": series.unit}
        row |= result.as_dict()
        row["dropped"] = series.dropped
        for shift, out in zip(result.shifts, row["shifts"], strict=True):
            at = series.points[shift.index]
            out |= {"week": shift.index + 1, "commit": at.commit, "date_ms": at.date_ms}
        rows.append(row)
        if result.status == "too short":
            lines.append(
                f"{name}: too short: {result.n} weeks (a shift needs {settings.min_points}); "
                "no decision"
            )
        elif not result.shifts:
            lines.append(
                f"{name}: no shift in {result.n} weeks (week-to-week noise ±"
                f"{(result.sigma or 0) * 100:.1f} %)"
            )
        for shift in result.shifts:
            kind = "slower" if shift.slower else "faster"
            tag = f"NEW shift, {kind}" if shift.new else f"shift, {kind} (history)"
            lines.append(f"{name}: {tag}: {describe(series, shift)}")
            if shift.new:
                level = "error" if shift.slower else "notice"
                annotations.append(
                    f"::{level} title={_escape_property(f'perfci trend: {name} {kind}')}::"
                    + _escape_data(f"{name} {kind} since {describe(series, shift)}")
                )
                if shift.slower:
                    since = _when(series.points[shift.index])
                    new_slower.append(f"{name} ({_pct(shift.change)} since {since})")
        if series.dropped:
            lines.append(
                f"{name}: {len(series.dropped)} stored points not used, e.g. {series.dropped[0]}"
            )
    verdict = (
        f"FAIL: new shift in {', '.join(new_slower)}"
        if new_slower
        else "PASS: no new slower shift in the newest week"
    )
    header = f"perfci trend: {len(all_series)} series of {args.history}" + (
        f" (suite {next(iter(suites))!r})" if len(suites) == 1 else ""
    )
    print(header)
    for line in lines:
        print(line)
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        doc = {
            "schema": TREND_SCHEMA,
            "history": str(args.history),
            "suite": args.bench_name,
            "settings": settings.__dict__,
            "verdict": verdict,
            "new_slower": new_slower,
            "series": rows,
        }
        path = args.out / "trend.json"
        path.write_text(json.dumps(doc, indent=2) + "\n")
        print(f"trend: {path}")
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for line in capped(annotations):
            print(line)
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:
            with open(summary, "a", encoding="utf-8") as fh:
                fh.write(f"### perfci trend: {verdict}\n\n")
                fh.writelines(f"- {line}\n" for line in lines if "shift" in line.split(":")[1])
                fh.write("\n")
    print(f"perfci trend: {verdict}", file=sys.stderr if new_slower else sys.stdout)
    return 1 if new_slower else 0


def register(sub) -> None:
    p = sub.add_parser(
        "trend",
        help="change points of the stored weekly trend; exit 1 on a new slower shift",
        description="Read the trend history github-action-benchmark stores on gh-pages "
        "(data.js, or the same object as JSON), make one series per benchmark name "
        "(endpoint and percentile), and find the weeks where a series shifted (change "
        "points confirmed by a t-test, see perf/trend). Prints each shift (week, median "
        "before → after, change) and writes trend.json to --out. Exit 1 when the newest week "
        "brought a slower shift (a failed gate), 0 otherwise (older shifts are listed as "
        "history), 2 for a missing or garbled history.",
    )
    p.add_argument(
        "--history",
        type=Path,
        required=True,
        metavar="FILE",
        help="data.js of github-action-benchmark (gh-pages <benchmark-data-dir-path>/data.js) "
        "or the same object as JSON",
    )
    p.add_argument("--out", type=Path, help="directory for trend.json (default: none written)")
    p.add_argument(
        "--bench-name",
        metavar="NAME",
        help='the suite: github-action-benchmark\'s `name` input ("perfci weekly"); '
        "default every suite in the file",
    )
    p.set_defaults(func=cmd_trend)
