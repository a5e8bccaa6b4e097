"""The pipelines: `perfci pr`, the pull-request job, in one command and one run directory.

stack → A/B of the working tree against the merge-base (the gate) → smoke load → SQL snapshot
→ profile pass → report. Every stage after the A/B adds its results to the same run.json
(`stages`), so that the report is a pure function of the directory. Exit code = verdict: 1 when
a gate failed (a regression, a load SLO), else 3 when a stage could not measure (environment),
else 0.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from perf.errors import EnvironmentFailure
from perf.progress import Progress


@dataclass(frozen=True)
class PrSettings:
    """Durations of the PR job's stages; `quick` trims them for this repository's own CI."""

    ab_budget: float = 15.0
    ab_warmup: float = 1.0
    ab_min_pairs: int = 20
    ab_time_limit: float = 200.0  # the A/B's share of the job's 6 minutes
    profile_seconds: float = 10.0

    @classmethod
    def quick(cls) -> PrSettings:
        return cls(
            ab_budget=2.0,
            ab_warmup=0.5,
            ab_min_pairs=6,
            ab_time_limit=70.0,
            profile_seconds=4.0,
        )


def merge_base(base_ref: str | None) -> tuple[str, str]:
    from perf.ab import git

    ref = base_ref or (
        f"origin/{os.environ['GITHUB_BASE_REF']}" if os.environ.get("GITHUB_BASE_REF") else "main"
    )
    return ref, git("merge-base", ref, "HEAD", cwd=Path.cwd())


def run_pr(args: argparse.Namespace) -> int:
    from perf.ab import AbSettings, run_ab
    from perf.cli import _dsn_arg, default_run_dir
    from perf.config import load_config
    from perf.table import ab_table, print_table

    started = time.perf_counter()
    progress = Progress(quiet=args.quiet)
    config = load_config(args.config)
    s = PrSettings.quick() if args.quick else PrSettings()
    ab = AbSettings(
        budget=args.budget if args.budget is not None else s.ab_budget,
        warmup=args.warmup if args.warmup is not None else s.ab_warmup,
        min_pairs=s.ab_min_pairs,
        time_limit=args.time_limit if args.time_limit is not None else s.ab_time_limit,
    )
    ref, base = merge_base(args.base)
    progress.line(f"merge-base of {ref} and HEAD: {base[:12]}")
    out = args.out or default_run_dir()
    dsn = _dsn_arg(args)

    with progress.section("A/B against the merge-base"):
        run = run_ab(config, base, None, ab, dsn=dsn, seed=args.seed, progress=progress)
    run.kind = "pr"
    run.config["pipeline"] = {"quick": bool(args.quick), "base_ref": ref}
    run.write(out)
    print_table(ab_table(run))

    stages: list[tuple[str, Callable[[], None]]] = [
        ("profile", lambda: _profile_stage(config, s, out, dsn, progress)),
    ]
    problems: list[str] = []
    for name, stage in stages:
        with progress.section(name):
            try:
                stage()
            except EnvironmentFailure as exc:
                problems.append(f"{name}: {exc}")
                progress.line(f"{name} could not measure: {exc}")

    failed = _failed_verdicts(out)
    wall = time.perf_counter() - started
    print(f"run: {out / 'run.json'}  (wall {wall:.0f} s)")
    for v in failed:
        print(f"FAILED: {v['name']} ({v['gate']}): {v['reason']}", file=sys.stderr)
    for p in problems:
        print(f"NOT MEASURED: {p}", file=sys.stderr)
    if failed:
        return 1
    return 3 if problems else 0


def _profile_stage(config, s: PrSettings, out: Path, dsn: str | None, progress) -> None:
    from perf.profile.runner import load_settings, run_profile

    settings = load_settings(config, duration=s.profile_seconds, overhead=False, engines="")
    run_profile(config, settings, out, dsn=dsn, progress=progress)


def _failed_verdicts(out: Path) -> list[dict]:
    import json

    data = json.loads((out / "run.json").read_text())
    return [v for v in data.get("verdicts", []) if v.get("status") == "fail"]
