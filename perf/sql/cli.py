"""`perfci sql`: the EXPLAIN catalog, the index advisor and a migration's before/after."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def cmd_sql(args: argparse.Namespace) -> int:
    from perf.cli import _dsn_arg, default_run_dir
    from perf.progress import Progress
    from perf.sql.runner import SqlSettings, run_sql
    from perf.sql.table import print_sql

    chosen = args.catalog or args.advise or args.before_after or args.endpoints or args.transactions
    settings = SqlSettings(
        catalog=args.catalog or not chosen,
        advise=args.advise or not chosen,
        before_after=args.before_after,
        repeats=args.repeats,
        only=args.only,
        profile=args.profile,
        seed=args.seed,
        top=args.top,
        endpoints=args.endpoints,
        transactions=args.transactions,
        config=args.config,
    )
    if settings.before_after:
        from perf.sql.beforeafter import find_migration

        find_migration(settings.before_after)  # a wrong name is a usage error before any work
    out = args.out or default_run_dir()
    run = run_sql(settings, out, _dsn_arg(args), Progress(quiet=args.quiet))
    print_sql(run.stages["sql"])
    print(f"run: {out / 'run.json'}  (wall {run.wall_seconds:.0f} s)")
    for v in run.failed:
        print(f"perfci: FAIL: {v.name}: {v.reason}", file=sys.stderr)
    return 1 if run.failed else 0


def register(sub) -> None:
    from perf.cli import _positive_int
    from perf.stack import PROFILES

    p = sub.add_parser(
        "sql",
        help="EXPLAIN catalog (P50/P95 per query), index advisor, before/after of a migration",
        description="Run the catalog of SQL files (perf/sql/queries) with EXPLAIN (ANALYZE, "
        "BUFFERS, FORMAT JSON) repeatedly on a fresh copy of the seeded template, advise indexes "
        "from the plans of that workload (hypopg what-if costs when present), and compare a "
        "migration's effect on identical data. Plans (JSON), recommendations.sql and run.json "
        "go to the run directory. --endpoints and --transactions look at the statements under "
        "the service's own requests. With none of these options: --catalog --advise.",
    )
    p.add_argument("--catalog", action="store_true", help="time every catalog query")
    p.add_argument("--advise", action="store_true", help="recommend indexes for the catalog")
    p.add_argument(
        "--before-after",
        metavar="MIGRATION",
        help="migration version or file (e.g. 003): the catalog without and with it",
    )
    p.add_argument(
        "--endpoints",
        action="store_true",
        help="pg_stat_statements of a smoke load (top statements) and per endpoint",
    )
    p.add_argument(
        "--transactions",
        action="store_true",
        help="consolidation and batch: statements and commits per run, longest lock wait "
        "(exit 1 over 1 s)",
    )
    p.add_argument("--config", type=Path, help="config file (default ./perfci.toml)")
    p.add_argument("--only", nargs="+", metavar="NAME", help="only these catalog queries")
    p.add_argument(
        "--repeats", type=_positive_int, default=20, help="timed executions per query (20)"
    )
    p.add_argument("--top", type=_positive_int, default=10, help="statements per stage (10)")
    p.add_argument("--profile", choices=PROFILES, default="default", help="data set size")
    p.add_argument("--seed", type=int, default=42, help="generator seed (default 42)")
    p.add_argument("--out", type=Path, help="run directory (default reports/runs/<time>-<sha>)")
    p.add_argument("--dsn", help="PostgreSQL URL instead of the embedded cluster")
    p.set_defaults(func=cmd_sql)
