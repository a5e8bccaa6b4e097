"""`perfci load`: Locust scenarios (or the whole matrix) against the stack, with gates."""

from __future__ import annotations

import argparse
import sys

from perf.common_args import (
    add_common,
    add_profile,
    dsn_from,
    port_number,
    positive_float,
    positive_int,
    run_dir_from,
)
from perf.errors import UsageError


def cmd_load(args: argparse.Namespace) -> int:
    from perf.config import load_config
    from perf.errors import EnvironmentFailure
    from perf.load.runner import Distribution, run_load
    from perf.load.table import print_load
    from perf.progress import Progress

    config = load_config(args.config)
    capacity_only = [
        flag
        for flag, value in (
            ("--only", args.only),
            ("--step-seconds", args.step_seconds),
            ("--repeats", args.repeats),
            ("--max-rate", args.max_rate),
            ("--start-rate", args.start_rate),
        )
        if value is not None
    ]
    if capacity_only and not args.capacity:
        raise UsageError(f"{capacity_only[0]} goes with --capacity")
    if args.capacity:
        bad = [
            flag
            for flag, value in (
                ("--exclude", args.exclude),
                ("--processes", args.processes != 1),
                ("--expect-workers", args.expect_workers),
                ("--duration-scale", args.duration_scale != 1.0),
            )
            if value
        ]
        if bad:
            raise UsageError(f"{bad[0]} is a Locust scenario option, not one of --capacity")
        return cmd_capacity(args, config)
    out = run_dir_from(args)
    distribution = Distribution(
        processes=args.processes,
        expect_workers=args.expect_workers or 0,
        bind_host=args.master_bind_host,
        bind_port=args.master_bind_port,
    )
    try:
        run = run_load(
            config,
            args.scenario,
            matrix=args.matrix,
            exclude=args.exclude,
            duration_scale=args.duration_scale,
            processes=args.processes,
            out=out,
            dsn=dsn_from(args),
            profile=args.profile,
            progress=Progress(quiet=args.quiet),
            target=args.target,
            distribution=distribution,
        )
    except EnvironmentFailure:
        import json

        path = out / "run.json"
        if path.exists():  # the CPU warning: the table is still worth seeing
            stage = json.loads(path.read_text()).get("stages", {}).get("load")
            if stage:
                print_load(stage)
        raise
    print_load(run.stages["load"])
    print(f"run: {out / 'run.json'}  (wall {run.wall_seconds:.0f} s)")
    for v in run.failed:
        print(f"perfci: FAIL: {v.name}: {v.reason}", file=sys.stderr)
    return 1 if run.failed else 0


def cmd_capacity(args: argparse.Namespace, config) -> int:
    from dataclasses import replace

    from perf.load.capacity import Settings, print_capacity, run_capacity
    from perf.progress import Progress

    settings = Settings()
    changes = {
        "step_seconds": args.step_seconds,
        "repeats": args.repeats,
        "max_rate": args.max_rate,
        "start_rate": args.start_rate,
    }
    settings = replace(settings, **{k: v for k, v in changes.items() if v is not None})
    if args.step_seconds is not None:  # a short step gets a proportionally short warm-up
        settings = replace(settings, warmup_seconds=min(2.0, args.step_seconds / 4))
    out = run_dir_from(args)
    run = run_capacity(
        config,
        out=out,
        only=args.only,
        settings=settings,
        dsn=dsn_from(args),
        profile=args.profile,
        target=args.target,
        progress=Progress(quiet=args.quiet),
    )
    print_capacity(run.stages["capacity"])
    print(f"run: {out / 'run.json'}  (wall {run.wall_seconds:.0f} s)")
    return 0


def register(sub) -> None:
    p = sub.add_parser(
        "load",
        help="Locust load scenarios / the 10-50-100 user matrix with SLO gates (exit 1 on a "
        "failed gate, 3 on Locust's CPU warning)",
        description="Start the stack (embedded PostgreSQL or --dsn, seeded template, the "
        "service's API), run the [load] scenarios of the config file with Locust headless, "
        "record every request's latency exactly, evaluate the gates and write run.json, "
        "Locust's HTML and CSVs (the latest HTML also as reports/load_test_results.html). "
        "Exit 0 all gates pass, 1 a gate failed, 2 usage, 3 environment failure or Locust's "
        "CPU warning (the measurement is invalid). --capacity instead searches each "
        "endpoint's knee with an open-loop arrival rate (exit 0, 2 usage, 3 environment).",
    )
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--scenario", nargs="+", metavar="NAME", help="scenarios to run, in order")
    what.add_argument("--matrix", action="store_true", help="every scenario marked for the matrix")
    what.add_argument(
        "--capacity",
        action="store_true",
        help="each endpoint's knee: an open-loop arrival rate raised step by step until P95 "
        "crosses the SLA, errors pass 1 %% or the achieved rate falls 10 %% short (exit 0; "
        "see perf/load/capacity.py)",
    )
    cap = p.add_argument_group("--capacity")
    cap.add_argument(
        "--only",
        nargs="+",
        metavar="NAME",
        help="these endpoints (default: every one with an sla.p95)",
    )
    cap.add_argument(
        "--step-seconds", type=positive_float, metavar="S", help="measured seconds per step (10)"
    )
    cap.add_argument("--repeats", type=positive_int, metavar="N", help="searches per endpoint "
                     "(1; 3 for a spread)")  # fmt: skip
    cap.add_argument("--start-rate", type=positive_float, metavar="R", help="first step, "
                     "requests/s (2)")  # fmt: skip
    cap.add_argument("--max-rate", type=positive_float, metavar="R", help="highest rate "
                     "tried, requests/s (1000)")  # fmt: skip
    p.add_argument("--exclude", nargs="+", metavar="NAME", help="leave these out (e.g. soak)")
    p.add_argument(
        "--duration-scale",
        type=positive_float,
        default=1.0,
        help="multiply every phase's duration (0.05 for a quick pass; floors apply)",
    )
    p.add_argument(
        "--processes",
        type=positive_int,
        default=1,
        help="Locust processes on this machine (>1: a master and N workers)",
    )
    p.add_argument(
        "--expect-workers",
        type=positive_int,
        metavar="N",
        help="run Locust's master only and wait for N workers from other machines "
        "(see docs/load-testing.md)",
    )
    p.add_argument("--master-bind-host", default="*", help="master's bind address (default *)")
    p.add_argument(
        "--master-bind-port", type=port_number, default=5557, help="master's port (5557)"
    )
    p.add_argument(
        "--target",
        metavar="URL",
        help="drive an API that is already running (with --dsn of its database, read for "
        "request data); nothing is started or reset",
    )
    add_common(p)
    add_profile(p, "[load] profile, else the service's")
    p.set_defaults(func=cmd_load)
