"""The `perfci` command line: parses arguments, runs one command, maps errors to exit codes."""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import os
import signal
import socket
import sys
import tempfile
import time
import traceback
from dataclasses import asdict
from pathlib import Path
from urllib.parse import urlsplit

from perf import leftovers, procs
from perf.common_args import (
    Parser,
    add_common,
    add_config,
    add_dsn,
    add_out,
    add_profile,
    check_out,
    check_output_file,
    dsn_from,
    non_negative_float,
    port_number,
    positive_float,
    positive_int,
    run_dir_from,
)
from perf.errors import (
    EXIT_ENVIRONMENT,
    EXIT_GATE_FAILED,
    EXIT_PASS,
    EXIT_USAGE,
    EnvironmentFailure,
    PerfciError,
    UsageError,
)
from perf.progress import Progress
from perf.stack import DataSpec, Stack, load_database, mask_dsn


class Terminated(BaseException):
    """Raised in the main thread on SIGTERM so that every clean-up block runs."""


def _on_sigterm(signum, frame) -> None:
    raise Terminated()


# the stage command modules still import these names from here
_dsn_arg = dsn_from
_positive_int = positive_int


def _data_spec(args: argparse.Namespace) -> DataSpec:
    from perf.config import load_config

    config = load_config(args.config).with_profile(args.profile)  # --profile checked here
    return DataSpec(config.service, config.profile, args.seed)


def _env_pairs(items: list[str] | None) -> dict[str, str]:
    out = {}
    for item in items or []:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise UsageError(f"--env {item!r}: expected NAME=VALUE")
        out[name] = value
    return out


def cmd_up(args: argparse.Namespace) -> int:
    progress = Progress(quiet=args.quiet)
    spec = _data_spec(args)
    stack = Stack(
        spec,
        dsn=_dsn_arg(args),
        port=args.port,
        api_keys=args.api_key or [k for k in [os.environ.get("PERFCI_API_KEY")] if k],
        extra_env=_env_pairs(args.env),
        progress=progress,
    )
    with stack as info:
        print(f"API:       {info.base_url}   (docs: {info.base_url}/docs)")
        auth = spec.service.auth
        how = f"header {auth.header}" if auth.kind == "header" else f"auth: {auth.kind}"
        print(f"API key:   {info.api_key}   ({how})")
        # masked on the terminal; the ready file (for scripts) has the real DSN
        print(f"DSN:       {mask_dsn(info.dsn)}")
        if info.tcp_dsn != info.dsn:
            print(f"TCP DSN:   {mask_dsn(info.tcp_dsn)}")
        print(
            f"Data:      profile {info.profile}, template {info.template} "
            f"({'cached' if info.template_cached else 'built now'})"
        )
        print(f"Ready in {info.ready_seconds:.1f} s. Press Ctrl-C to stop.", flush=True)
        if args.ready_file:
            # struck off when perfci up ends; a killed perfci up's file is removed by the next
            leftovers.record(
                "ready-file", {"kind": "file", "path": str(Path(args.ready_file).resolve())}
            )
            tmp = Path(str(args.ready_file) + ".tmp")
            tmp.write_text(json.dumps(asdict(info), indent=2))
            tmp.replace(args.ready_file)
        try:
            while True:
                time.sleep(0.5)
                if procs.deaths():  # said by main(), with the log's tail (kept in memory:
                    return EXIT_ENVIRONMENT  # the clean-up removes the log)
        finally:
            if args.ready_file:
                Path(args.ready_file).unlink(missing_ok=True)
                leftovers.forget("ready-file")


def cmd_seed(args: argparse.Namespace) -> int:
    dsn = _dsn_arg(args)
    if not dsn:
        raise UsageError(
            "perfci seed needs --dsn DSN (or DATABASE_URL) naming the database to fill"
        )
    spec = _data_spec(args)
    progress = Progress(quiet=args.quiet)
    from perf.service import StepFailed

    try:
        asyncio.run(load_database(dsn, spec, progress))
    except OSError as exc:
        raise EnvironmentFailure(f"cannot connect to PostgreSQL: {exc}") from exc
    except StepFailed as exc:  # e.g. a seed that refuses a database that is not empty
        raise UsageError(f"the database at --dsn was not prepared: {exc}") from None
    return 0


def default_run_dir() -> Path:
    return run_dir_from(argparse.Namespace())


def cmd_bench(args: argparse.Namespace) -> int:
    from perf.benchmarks import run_bench
    from perf.compare import write_baseline
    from perf.config import load_config
    from perf.table import bench_table, print_table

    config = load_config(args.config)
    config = config.with_profile(args.profile)
    if args.save_baseline:
        check_output_file(args.baseline, "--baseline")
    out = args.out or default_run_dir()
    run = run_bench(
        config, out, only=args.only, dsn=_dsn_arg(args), progress=Progress(quiet=args.quiet)
    )
    path = run.write(out)
    print_table(bench_table(run))
    print(f"run: {path}  (wall {run.wall_seconds:.0f} s)")
    if args.save_baseline:
        print(f"baseline saved: {write_baseline(run, args.baseline)}")
    for v in run.failed:
        print(f"SLA failed: {v.name}: {v.reason}", file=sys.stderr)
    return 1 if run.failed else 0


def cmd_compare(args: argparse.Namespace) -> int:
    from perf.compare import compare, load_measurements
    from perf.config import parse_threshold
    from perf.table import compare_table, print_table

    threshold = parse_threshold(args.threshold, "--threshold")
    try:
        current = load_measurements(args.current)
    except FileNotFoundError:
        raise UsageError(f"{args.current}: current result not found") from None
    try:
        baseline = load_measurements(args.baseline)
    except FileNotFoundError:
        print(f"perfci: no baseline at {args.baseline}: nothing to compare (first run), pass")
        return 0
    result = compare(baseline, current, threshold, args.stat)
    print_table(compare_table(result))
    for notice in result.notices:
        print(f"perfci: notice: {notice}")
    for row in result.rows:
        if row.status in ("new", "removed"):
            print(f"perfci: {row.name}: {row.status} benchmark (reported, not gated)")
    if result.failed:
        names = ", ".join(r.name for r in result.failed)
        print(f"perfci: FAIL: {names}", file=sys.stderr)
        return 1
    print("perfci: PASS")
    return 0


def cmd_ab(args: argparse.Namespace) -> int:
    from perf.ab import AbSettings, run_ab
    from perf.config import load_config
    from perf.table import ab_table, print_table

    config = load_config(args.config)
    settings = AbSettings(
        budget=args.budget,
        warmup=args.warmup,
        time_limit=args.time_limit,
        gate_from=args.gate_from,
        load_seconds=args.load_seconds,
    )
    out = args.out or default_run_dir()
    run = run_ab(
        config,
        args.base,
        args.head,
        settings,
        only=args.only,
        dsn=_dsn_arg(args),
        seed=args.seed,
        progress=Progress(quiet=args.quiet),
    )
    path = run.write(out)
    print_table(ab_table(run))
    print(f"run: {path}  (wall {run.wall_seconds:.0f} s); {run.config['data']}")
    for v in run.failed:
        print(f"REGRESSION: {v.name}: {v.reason}", file=sys.stderr)
    return 1 if run.failed else 0


def cmd_pr(args: argparse.Namespace) -> int:
    """The pull-request job (perf/pipeline.py)."""
    from perf.config import load_config
    from perf.pipeline import PrRequest, run_pr

    return run_pr(
        PrRequest(
            config=load_config(args.config),
            out=run_dir_from(args),
            dsn=dsn_from(args),
            base_ref=args.base,
            quick=args.quick,
            seed=args.seed,
            budget=args.budget,
            warmup=args.warmup,
            time_limit=args.time_limit,
            load_seconds=args.load_seconds,
            quiet=args.quiet,
        )
    )


def cmd_weekly(args: argparse.Namespace) -> int:
    """The weekly job (perf/pipeline.py)."""
    import math

    from perf.config import load_config
    from perf.pipeline import WeeklyRequest, run_weekly, weekly_scenarios

    if not math.isfinite(args.duration_scale) or args.duration_scale <= 0:
        raise UsageError(f"--duration-scale {args.duration_scale}: must be a number above 0")
    config = load_config(args.config)
    capacity = None
    if not args.no_capacity:
        from perf.load.capacity import WEEKLY, chosen_endpoints

        capacity = dataclasses.replace(
            WEEKLY,
            **{
                k: v
                for k, v in (
                    ("step_seconds", args.capacity_step_seconds),
                    ("repeats", args.capacity_repeats),
                    ("start_rate", args.capacity_start_rate),
                )
                if v is not None
            },
        )
        capacity.check()
        chosen_endpoints(config, args.capacity_only)
    elif args.capacity_only:
        raise UsageError("--capacity-only goes with the capacity stage, not --no-capacity")
    return run_weekly(
        WeeklyRequest(
            config=config,
            out=run_dir_from(args),
            dsn=dsn_from(args),
            scenarios=weekly_scenarios(args.scenario),
            duration_scale=args.duration_scale,
            processes=args.processes,
            profile_seconds=args.profile_seconds,
            capacity=capacity,
            capacity_only=args.capacity_only,
            quiet=args.quiet,
        )
    )


def cmd_calibrate(args: argparse.Namespace) -> int:
    from perf.ab import NOISE_FLOORS, AbSettings, run_ab, write_noise_floors
    from perf.config import load_config

    config = load_config(args.config)
    output = check_output_file(Path(args.output or NOISE_FLOORS), "--output")
    if args.from_runs:
        return _calibrate_load_from_runs(args.from_runs, output)
    settings = AbSettings(budget=args.budget, load_seconds=args.load_seconds)
    progress = Progress(quiet=args.quiet)
    runs = []
    for i in range(args.runs):
        progress.line(f"A/A run {i + 1} of {args.runs} (HEAD against HEAD)")
        run = run_ab(config, "HEAD", "HEAD", settings, dsn=_dsn_arg(args), progress=progress)
        for c in run.comparisons:
            progress.line(
                f"  {c['name']}: {c['estimate']:.4f} [{c['ci_low']:.4f}, {c['ci_high']:.4f}] "
                f"{c['verdict']}"
            )
        runs.append(run)
    path = write_noise_floors(runs, output, settings)
    false_alarms = sum(any(c["verdict"] == "regression" for c in r.comparisons) for r in runs)
    print(f"noise floors written to {path}; A/A runs with a regression verdict: {false_alarms}")
    if args.load_seconds > 0:
        load_alarms = sum(
            any(
                e["verdict"] == "regression"
                for e in [
                    *r.stages["load_ab"].get("endpoints", []),
                    r.stages["load_ab"].get("shift"),
                ]
                if e
            )
            for r in runs
        )
        limits = json.loads(path.read_text())["load_ab"]
        print(
            f"load A/B thresholds {limits['threshold']}, floors {limits['floor']}, shift "
            f"{limits['shift']} (A/A shifts {limits['aa_shifts']}); A/A runs with a load "
            f"regression verdict (thresholds in force during the runs): {load_alarms}"
        )
    return 0


def _calibrate_load_from_runs(dirs: list[Path], output: Path) -> int:
    """`perfci calibrate --from-runs`: the load A/B's section of the floors file from A/A run
    directories already made; the file's sequential floors and their provenance stay."""
    from datetime import UTC, datetime
    from types import SimpleNamespace

    from perf.ab import load_ab_section

    runs, shas, settings = [], set(), []
    for d in dirs:
        try:
            data = json.loads((d / "run.json").read_text())
        except (OSError, ValueError) as exc:
            raise UsageError(f"--from-runs {d}: no readable run.json ({exc})") from None
        cfg = data.get("config") or {}
        base, head = (cfg.get("base") or {}).get("sha"), (cfg.get("head") or {}).get("sha")
        if not base or base != head:
            raise UsageError(f"--from-runs {d}: not an A/A run (base {base}, head {head})")
        stage = (data.get("stages") or {}).get("load_ab")
        if not isinstance(stage, dict) or not stage.get("endpoints"):
            raise UsageError(f"--from-runs {d}: the run has no load A/B (--load-seconds)")
        runs.append(SimpleNamespace(stages={"load_ab": stage}))
        shas.add(base)
        settings.append(stage.get("settings"))
    doc = json.loads(output.read_text()) if output.exists() else {
        "schema": "perfci.noise_floors/1", "floors": {}
    }  # fmt: skip
    doc["load_ab"] = load_ab_section(runs) | {
        "provenance": {
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "runs": len(runs),
            "from": [d.name for d in dirs],
            "git_shas": sorted(shas),
            "settings": settings[0] if all(x == settings[0] for x in settings) else settings,
        }
    }
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(doc, indent=2) + "\n")
    limits = doc["load_ab"]
    alarms = sum(
        any(v.get("verdict") == "regression" for v in run.values()) for run in limits["aa_runs"]
    )
    print(
        f"load A/B thresholds {limits['threshold']}, floors {limits['floor']}, shift "
        f"{limits['shift']} from {len(runs)} A/A runs (A/A shifts {limits['aa_shifts']}); "
        f"runs with a load regression verdict: {alarms}; written to {output}"
    )
    return 0


def ab_options(p: argparse.ArgumentParser, pipeline: bool = False) -> None:
    """The options `ab` and `pr` share; in the pipeline the defaults come from its settings."""

    def default(value: float) -> float | None:
        return None if pipeline else value

    add_config(p)
    add_out(p)
    p.add_argument(
        "--budget",
        type=positive_float,
        default=default(15.0),
        help="seconds per endpoint (15; --quick 2)",
    )
    p.add_argument(
        "--warmup",
        type=positive_float,
        default=default(1.0),
        help="discarded seconds per endpoint (1)",
    )
    p.add_argument(
        "--time-limit",
        type=positive_float,
        default=default(235.0),
        help="seconds: borderline endpoints are measured again only within it "
        "(ab 235; pr 200, --quick 70)",
    )
    p.add_argument(
        "--load-seconds",
        type=non_negative_float,
        default=default(0.0),
        help="seconds of the load A/B after the sequential one: 10 users send each request to "
        "both arms (ab 0 = none; pr 60, --quick 8)",
    )
    p.add_argument("--seed", type=int, default=42, help="data generator seed (42)")
    add_dsn(p)


# Commands that live with their stage: each module has `register(sub)`, which adds its parser(s)
# with `set_defaults(func=...)`. The module is imported only to build the parser.
COMMAND_MODULES: list[str] = [
    "perf.profile.cli",
    "perf.sql.cli",
    "perf.report.cli",
    "perf.load.cli",
    "perf.trend.cli",
]


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="perfci",
        description="Performance pipeline for a FastAPI + PostgreSQL service.",
        epilog="Exit codes: 0 pass, 1 a performance gate failed, 2 bad usage or input, "
        "3 environment failure.",
    )
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress lines")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def data_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--config", type=Path, help="config file (default ./perfci.toml)")
        p.add_argument("--profile", help="data profile (default: the config's [service] profile)")
        p.add_argument("--seed", type=int, default=42, help="generator seed (default 42)")
        p.add_argument(
            "--dsn",
            help="PostgreSQL URL to use instead of the embedded throwaway cluster "
            "(default: $DATABASE_URL)",
        )

    up = sub.add_parser(
        "up",
        help="start PostgreSQL + seeded data + the API and stay up until Ctrl-C",
        description="Start the stack (embedded PostgreSQL unless --dsn/DATABASE_URL is given), "
        "print the API URL, an API key and the DSN, and stay up until Ctrl-C or SIGTERM.",
    )
    data_options(up)
    up.add_argument("--port", type=port_number, help="API port (default: a free port)")
    up.add_argument(
        "--api-key",
        action="append",
        help="API key to accept; repeat for several (default: $PERFCI_API_KEY or a random one)",
    )
    up.add_argument(
        "--env",
        action="append",
        metavar="NAME=VALUE",
        help="set (over [service] env) a variable of the service's environment; repeatable",
    )
    up.add_argument("--ready-file", type=Path, help="write the stack's details as JSON here")
    up.set_defaults(func=cmd_up)

    seed = sub.add_parser(
        "seed",
        help="migrate a database and load a data profile into it",
        description="Migrate the database at --dsn and load a data profile into it, as the "
        "config's [service.database] declares. The tables must be empty.",
    )
    data_options(seed)
    seed.set_defaults(func=cmd_seed)

    bench = sub.add_parser(
        "bench",
        help="run the endpoint and engine benchmarks (pytest-benchmark), gate on the SLAs",
        description="Run the benchmark suite on a fresh copy of the seeded template, write "
        "run.json and pytest-benchmark's JSON to the run directory, print P50/P95/P99 and "
        "statements per request, and exit 1 when a benchmark is over its SLA.",
    )
    add_common(bench)
    bench.add_argument("--only", nargs="+", metavar="NAME", help="run only these benchmarks")
    add_profile(bench)
    bench.add_argument(
        "--save-baseline", action="store_true", help="also write the baseline file from this run"
    )
    bench.add_argument(
        "--baseline",
        type=Path,
        default=Path("reports/performance_baseline.json"),
        help="baseline file written by --save-baseline",
    )
    bench.set_defaults(func=cmd_bench)

    cmp = sub.add_parser(
        "compare",
        help="compare a result against the stored baseline (exit 1 on a regression)",
        description="Compare CURRENT (a run directory, run.json or baseline file) with BASELINE. "
        "Fails when a benchmark's statistic is worse by more than the threshold or its "
        "statements per request grew. A missing baseline passes; a baseline from another "
        "machine fingerprint is reported, not gated.",
    )
    cmp.add_argument("baseline", type=Path, metavar="BASELINE")
    cmp.add_argument("current", type=Path, metavar="CURRENT")
    cmp.add_argument("--threshold", default="10%", help="e.g. 10%% or 7.5%% (default 10%%)")
    cmp.add_argument(
        "--stat", choices=("p50", "median", "p95", "p99", "mean"), default="p95", help="statistic"
    )
    cmp.set_defaults(func=cmd_compare)

    ab = sub.add_parser(
        "ab",
        help="same-job A/B of head against base, alternating requests (exit 1 on regression)",
        description="Check out BASE in a git worktree, build each arm's database with its own "
        "migrations and generator, run both arms' APIs and call them strictly alternately with "
        "the head's endpoint definitions; per endpoint the ratio head/base with a bootstrap CI "
        "and a rank test, and exact statements per request.",
    )
    ab.add_argument("--base", required=True, help="git ref of the base (e.g. the merge-base)")
    ab.add_argument("--head", help="git ref of the head (default: the working tree)")
    ab.add_argument("--only", nargs="+", metavar="NAME", help="compare only these endpoints")
    ab.add_argument(
        "--gate-from",
        choices=("head", "base"),
        default="head",
        help="take the threshold ([gate]) and noise floors from this arm's tree (head; "
        "perfci pr always uses base, so that a change cannot loosen its own gate)",
    )
    ab_options(ab)
    ab.set_defaults(func=cmd_ab)

    pr = sub.add_parser(
        "pr",
        help="the pull-request job: A/B against the merge-base, then the other stages, one run "
        "directory (exit = verdict)",
        description="Find the merge-base of --base (default origin/$GITHUB_BASE_REF, else main) "
        "and HEAD; run the A/B of the working tree against it (the gate), then the smoke load "
        "(SLO gates), a SQL snapshot (catalog and index advice) and the profile pass into the "
        "same run directory, and render the report (report.html, comment.md, summary.md, "
        "benchmark-action.json). Exit 1 when a gate failed, 3 when a stage could not measure, "
        "else 0.",
    )
    pr.add_argument("--base", help="branch or ref the PR targets (default: see above)")
    pr.add_argument(
        "--quick", action="store_true", help="trimmed rounds and durations (this repo's own CI)"
    )
    ab_options(pr, pipeline=True)
    pr.set_defaults(func=cmd_pr)

    wk = sub.add_parser(
        "weekly",
        help="the weekly job: benchmarks, load matrix, capacity, SQL catalog and advice, profile, "
        "report and trend data",
        description="Run the endpoint benchmarks, the load matrix of the config's [load] section "
        "(or the named scenarios), each endpoint's capacity (knee), the SQL catalog with index "
        "advice, statements per endpoint and the transaction check, the profile pass with its "
        "overhead and the engines under cProfile, "
        "then render the report and benchmark-action.json (trend data) into one run directory. "
        "Exit 1 when a gate failed, 3 when a stage could not measure, else 0.",
    )
    wk.add_argument(
        "--scenario",
        default="all",
        help="'all' (the matrix, default) or load scenarios, comma-separated",
    )
    wk.add_argument(
        "--duration-scale",
        type=positive_float,
        default=1.0,
        help="multiply every load phase's duration (1 = the full matrix, about 2.5 h)",
    )
    wk.add_argument("--processes", type=positive_int, default=1, help="Locust processes (1)")
    wk.add_argument(
        "--profile-seconds", type=positive_float, default=30.0, help="seconds per profile pass (30)"
    )
    cap = wk.add_argument_group(
        "capacity stage", "each endpoint's knee after the load (perfci load --capacity)"
    )
    cap.add_argument("--no-capacity", action="store_true", help="skip the capacity stage")
    cap.add_argument("--capacity-only", nargs="+", metavar="NAME",
                     help="these endpoints (default: every one with an sla.p95 that does not "
                     "mutate what it reads)")  # fmt: skip
    cap.add_argument("--capacity-step-seconds", type=positive_float, metavar="S",
                     help="measured seconds per step (8)")  # fmt: skip
    cap.add_argument("--capacity-repeats", type=positive_int, metavar="N",
                     help="searches per endpoint, for the spread (3)")  # fmt: skip
    cap.add_argument("--capacity-start-rate", type=positive_float, metavar="R",
                     help="first step, requests/s (2)")  # fmt: skip
    add_common(wk)
    wk.set_defaults(func=cmd_weekly)

    cal = sub.add_parser(
        "calibrate",
        help="A/A runs (HEAD against HEAD) → per-benchmark noise floors for perfci ab",
        description="Run perfci ab with both arms at HEAD several times and write each "
        "benchmark's noise floor (the largest amount by which an A/A confidence interval "
        "excluded 1, at least 1 %%) with its provenance to reports/noise_floors.json.",
    )
    cal.add_argument("--runs", type=positive_int, default=5, help="A/A runs (5)")
    cal.add_argument(
        "--budget", type=positive_float, default=15.0, help="seconds per endpoint (15)"
    )
    cal.add_argument(
        "--load-seconds",
        type=non_negative_float,
        default=0.0,
        help="also run the load A/B this long in each A/A run and write its thresholds and "
        "floors per percentile (60 as in perfci pr; 0 = not)",
    )
    cal.add_argument(
        "--from-runs",
        nargs="+",
        type=Path,
        metavar="DIR",
        help="run nothing: set only the load A/B's thresholds, from A/A run directories "
        "already made with --load-seconds (e.g. the detection's aa-load runs); the "
        "sequential floors in the file stay",
    )
    add_common(cal, out=False)
    cal.add_argument("--output", type=Path, help="floors file (default reports/noise_floors.json)")
    cal.set_defaults(func=cmd_calibrate)

    import importlib

    for module in COMMAND_MODULES:
        importlib.import_module(module).register(sub)
    return parser


def _one_line(text: object) -> str:
    return " ".join(str(text).split())


def _given_dsn(args: argparse.Namespace) -> str | None:
    return getattr(args, "dsn", None) or os.environ.get("DATABASE_URL") or None


def _known_failure(exc: Exception, args: argparse.Namespace) -> PerfciError | None:
    """The exit code and message for a library's exception whose cause is known: the user's
    input (2) or the machine (3). None for anything else, which is an internal error."""
    import asyncpg

    dsn = _given_dsn(args)
    where = f" at {mask_dsn(dsn)}" if dsn else ""
    if isinstance(exc, asyncpg.InsufficientPrivilegeError):
        role = (urlsplit(dsn).username if dsn else None) or "the PostgreSQL role"
        return EnvironmentFailure(
            f"PostgreSQL{where} refused: {_one_line(exc)}; the role {role} needs CREATEDB "
            f"(ALTER ROLE {role} CREATEDB), or pass --dsn with a role that has it"
        )
    if isinstance(exc, asyncpg.exceptions.ClientConfigurationError):
        return UsageError(f"DSN {mask_dsn(dsn) if dsn else '(none)'}: {_one_line(exc)}")
    if isinstance(exc, asyncpg.PostgresError | asyncpg.InterfaceError):
        return EnvironmentFailure(f"PostgreSQL{where}: {type(exc).__name__}: {_one_line(exc)}")
    if isinstance(exc, ConnectionError | TimeoutError | socket.gaierror):
        return EnvironmentFailure(f"cannot connect{where}: {type(exc).__name__}: {_one_line(exc)}")
    if isinstance(exc, OSError):
        return EnvironmentFailure(f"{type(exc).__name__}: {_one_line(exc)}")
    return None


def _write_traceback(exc: BaseException) -> Path:
    """The traceback of an internal error, in a file of the system temp dir (stderr gets one
    line that points at it)."""
    fd, name = tempfile.mkstemp(prefix="perfci-traceback-", suffix=".txt")
    with os.fdopen(fd, "w") as fh:
        fh.write(f"perfci {' '.join(sys.argv[1:])}\n\n")
        fh.writelines(traceback.format_exception(exc))
    return Path(name)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    # Ctrl-C stops every command, also when perfci was started with SIGINT ignored (a
    # background job of a non-interactive shell inherits SIG_IGN, and Python then never raises
    # KeyboardInterrupt): `perfci up` would otherwise run until killed.
    previous_int = signal.signal(signal.SIGINT, signal.default_int_handler)
    # The one error boundary: exit 1 is reserved for a failed gate, so every exception
    # ends as 2 (input), 3 (environment or internal error) with one line on stderr.
    try:
        leftovers.sweep()  # what a killed perfci left behind: its clusters, worktrees, ...
        if getattr(args, "out", None):
            check_out(args.out)  # before any measuring, for every command that writes a run
        _check_service_app(args)
        return _unless_a_component_died(args.func(args))
    except PerfciError as exc:
        code = _unless_a_component_died(exc.exit_code, exc)
        if code == exc.exit_code and not procs.deaths():
            print(f"perfci: error: {exc}", file=sys.stderr)
        return code
    except KeyboardInterrupt:
        print("perfci: interrupted, stopped cleanly", file=sys.stderr)
        return 130
    except Terminated:
        print("perfci: terminated, stopped cleanly", file=sys.stderr)
        return 143
    except Exception as exc:
        known = _known_failure(exc, args)
        if procs.deaths():
            return _unless_a_component_died(EXIT_ENVIRONMENT, known or exc)
        if known is not None:
            print(f"perfci: error: {known}", file=sys.stderr)
            return known.exit_code
        path = _write_traceback(exc)
        print(
            f"perfci: internal error: {type(exc).__name__}: {_one_line(exc)} (traceback in {path})",
            file=sys.stderr,
        )
        return EXIT_ENVIRONMENT
    finally:
        signal.signal(signal.SIGTERM, previous)
        signal.signal(signal.SIGINT, previous_int)


# the commands that start the service (load: unless it is given a running one, --target)
STARTS_THE_SERVICE = {"up", "bench", "ab", "pr", "weekly", "calibrate", "profile", "sql", "load"}


def _check_service_app(args: argparse.Namespace) -> None:
    """`[service] app` names a module and attribute that exist, before PostgreSQL and the
    templates are started (a misspelt app used to surface as a dead API minutes later)."""
    if args.command not in STARTS_THE_SERVICE or getattr(args, "target", None):
        return
    from perf.config import check_app, load_config

    check_app(load_config(getattr(args, "config", None)))


def _unless_a_component_died(code: int, exc: BaseException | None = None) -> int:
    """A component (PostgreSQL, the API) that died on its own during the command makes the
    run an environment failure (3), whatever the gates said: a pass, a failed gate, or an
    error the death caused (a benchmark failing its checks, a lost connection). The death is
    said first, with its log's tail; then what the command made of it."""
    dead = procs.deaths()
    if not dead or code == EXIT_USAGE:
        return code
    for death in dead:
        print(f"perfci: error: {death.message()}", file=sys.stderr)
    if exc is not None:
        print(f"perfci: (the command then failed: {_one_line(exc)[:300]})", file=sys.stderr)
    elif code == EXIT_GATE_FAILED:
        print("perfci: (its gates failed, on results that do not count)", file=sys.stderr)
    elif code == EXIT_PASS:
        print("perfci: (the results measured with it do not count)", file=sys.stderr)
    return EXIT_ENVIRONMENT


if __name__ == "__main__":
    sys.exit(main())
