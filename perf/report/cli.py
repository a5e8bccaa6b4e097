"""`perfci report DIR`: render a run directory's reports again (or for the first time)."""

from __future__ import annotations

import argparse
from pathlib import Path


def cmd_report(args: argparse.Namespace) -> int:
    from perf.errors import UsageError
    from perf.report.model import load_report
    from perf.report.render import emit_annotations, render

    if not args.run_dir.is_dir():
        raise UsageError(f"{args.run_dir}: not a directory (pass a run directory)")
    paths = render(args.run_dir)
    report = load_report(args.run_dir)
    emit_annotations(report)
    if not args.quiet:
        for name, path in paths.items():
            print(f"{name}: {path}")
    print(report.verdict_line)
    if args.fail_on_verdict and report.gate_failed:
        return 1
    return 0


def register(sub) -> None:
    p = sub.add_parser(
        "report",
        help="render report.html, comment.md, summary.md and benchmark-action.json of a run",
        description="Render a run directory's reports from its run.json and the files beside it: "
        "a self-contained report.html, the PR comment (comment.md), the job summary "
        "(summary.md) and github-action-benchmark's customSmallerIsBetter JSON. Prints "
        "::error/::warning annotations when GITHUB_ACTIONS=true.",
    )
    p.add_argument("run_dir", type=Path, metavar="DIR", help="run directory (holds run.json)")
    p.add_argument(
        "--fail-on-verdict",
        action="store_true",
        help="exit 1 when the run has a regression or a failed gate",
    )
    p.set_defaults(func=cmd_report)
