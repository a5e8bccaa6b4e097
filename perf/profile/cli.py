"""`perfci profile`: py-spy flame graph under Locust, cProfile of the engines, bottlenecks."""

from __future__ import annotations

import argparse

from perf.common_args import (
    add_common,
    add_profile,
    dsn_from,
    positive_float,
    positive_int,
    run_dir_from,
)
from perf.progress import Progress


def cmd_profile(args: argparse.Namespace) -> int:
    from perf.config import load_config
    from perf.profile.runner import load_settings, run_profile
    from perf.profile.table import print_profile

    config = load_config(args.config).with_profile(args.profile)
    settings = load_settings(
        config,
        duration=args.duration,
        users=args.users,
        scenario=args.scenario,
        overhead=False if args.no_overhead else None,
        engines="" if args.no_engines else None,
        rate=args.rate,
        nonblocking=False if args.blocking else True if args.nonblocking else None,
        overhead_seconds=args.overhead_seconds,
    )
    out = run_dir_from(args)
    run = run_profile(
        config, settings, out, dsn=dsn_from(args), progress=Progress(quiet=args.quiet)
    )
    print_profile(run.stages["profile"], out)
    return 0


def register(sub) -> None:
    p = sub.add_parser(
        "profile",
        help="py-spy flame graph under Locust load, cProfile of the engines, bottleneck report",
        description="A separate profiling pass: the API runs as a child of py-spy record while "
        "Locust drives a scenario (before it, py-spy's overhead is measured paired: a plain API "
        "and one under py-spy side by side, each request sent to both); the engines run "
        "under cProfile; the findings are ranked by estimated share of the server's time. "
        "Writes flamegraph.svg, profile.speedscope.json, profile.collapsed.txt, cprofile-*.prof "
        "and run.json to the run directory.",
    )
    p.add_argument("--duration", type=positive_float, help="seconds of load per pass (default 30)")
    p.add_argument("--users", type=positive_int, help="closed-loop Locust users (default 4)")
    p.add_argument(
        "--scenario",
        help="'mixed' (every non-mutating endpoint, default) or comma-separated endpoint names",
    )
    add_common(p)
    add_profile(p)
    p.add_argument(
        "--rate", type=positive_int, help="py-spy samples per second (default [profile] rate)"
    )
    mode = p.add_mutually_exclusive_group()
    mode.add_argument(
        "--nonblocking",
        action="store_true",
        help="py-spy --nonblocking: do not pause the API to sample (default [profile] nonblocking, "
        "true)",
    )
    mode.add_argument(
        "--blocking",
        action="store_true",
        help="pause the API at each sample: consistent stacks, at a cost to the API "
        "(+8.6 %% P95 at 100 Hz, measured paired)",
    )
    p.add_argument(
        "--no-overhead", action="store_true", help="skip the paired overhead measurement"
    )
    p.add_argument(
        "--overhead-seconds",
        type=positive_float,
        help="seconds of the paired overhead measurement (default: --duration); "
        "its CI narrows with the square root of the time",
    )
    p.add_argument("--no-engines", action="store_true", help="skip the cProfile of the engines")
    p.set_defaults(func=cmd_profile)
