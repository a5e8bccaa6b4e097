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


def cmd_load(args: argparse.Namespace) -> int:
    from perf.config import load_config
    from perf.errors import EnvironmentFailure
    from perf.load.runner import Distribution, run_load
    from perf.load.table import print_load
    from perf.progress import Progress

    config = load_config(args.config)
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
        "CPU warning (the measurement is invalid).",
    )
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--scenario", nargs="+", metavar="NAME", help="scenarios to run, in order")
    what.add_argument("--matrix", action="store_true", help="every scenario marked for the matrix")
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
