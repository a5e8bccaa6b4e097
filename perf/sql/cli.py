"""`perfci sql`: the EXPLAIN catalog, the index advisor and a migration's before/after."""

from __future__ import annotations

import argparse
import sys


def cmd_sql(args: argparse.Namespace) -> int:
    from perf.common_args import dsn_from, run_dir_from
    from perf.config import load_config
    from perf.progress import Progress
    from perf.sql.runner import SqlSettings, run_sql
    from perf.sql.settings import sql_config
    from perf.sql.table import print_sql

    config = load_config(args.config).with_profile(args.profile)
    chosen = args.catalog or args.advise or args.before_after or args.endpoints or args.transactions
    settings = SqlSettings(
        catalog=args.catalog or not chosen,
        advise=args.advise or not chosen,
        before_after=args.before_after,
        repeats=args.repeats,
        only=args.only,
        profile=config.profile,
        seed=args.seed,
        top=args.top,
        endpoints=args.endpoints,
        transactions=args.transactions,
        config=config.path,
    )
    sql = sql_config(config)  # a wrong name or an unreadable file: before any work
    if settings.before_after:
        sql.find_migration(settings.before_after)
    if settings.catalog or settings.advise or settings.before_after:
        sql.check_catalog(settings.only)
    out = run_dir_from(args)
    run = run_sql(settings, out, dsn_from(args), Progress(quiet=args.quiet), config)
    print_sql(run.stages["sql"])
    print(f"run: {out / 'run.json'}  (wall {run.wall_seconds:.0f} s)")
    for v in run.failed:
        print(f"perfci: FAIL: {v.name}: {v.reason}", file=sys.stderr)
    return 1 if run.failed else 0


def register(sub) -> None:
    from perf.common_args import add_common, add_profile, positive_int

    p = sub.add_parser(
        "sql",
        help="EXPLAIN catalog (P50/P95 per query), index advisor, before/after of a migration",
        description="Time the service's SQL catalog with EXPLAIN (ANALYZE, BUFFERS, FORMAT "
        "JSON) repeatedly on a fresh copy of the seeded template, advise indexes from the plans "
        "of that workload (hypopg what-if costs when present), and compare a migration's effect "
        "on identical data. The catalog is the directory of .sql files that [sql] catalog names "
        "in the config, or else the top statements pg_stat_statements recorded while the "
        "config's endpoints ran, replayed with the parameter values the server logged. Plans "
        "(JSON), recommendations.sql and run.json go to the run directory. --endpoints and "
        "--transactions look at the statements under the service's own requests. With none "
        "of these options: --catalog --advise.",
    )
    p.add_argument("--catalog", action="store_true", help="time every catalog query")
    p.add_argument("--advise", action="store_true", help="recommend indexes for the catalog")
    p.add_argument(
        "--before-after",
        metavar="MIGRATION",
        help="a migration of [sql] migrations (version, file name or path, e.g. 003): the "
        "catalog without and with it",
    )
    p.add_argument(
        "--endpoints",
        action="store_true",
        help="pg_stat_statements of a smoke load (top statements) and per endpoint",
    )
    p.add_argument(
        "--transactions",
        action="store_true",
        help="the endpoints of [sql] transactions alone and at once: statements and commits "
        "per run, longest lock wait (exit 1 over 1 s)",
    )
    p.add_argument("--only", nargs="+", metavar="NAME", help="only these catalog queries")
    p.add_argument(
        "--repeats", type=positive_int, default=20, help="timed executions per query (20)"
    )
    p.add_argument(
        "--top",
        type=positive_int,
        default=10,
        help="statements per stage, and in a recorded catalog (10)",
    )
    add_profile(p, "the config's [service] profile")
    p.add_argument("--seed", type=int, default=42, help="generator seed (default 42)")
    add_common(p)
    p.set_defaults(func=cmd_sql)
