"""The pipelines: `perfci pr`, the pull-request job, in one command and one run directory.

stack → A/B of the working tree against the merge-base (the gate) → smoke load → SQL snapshot
→ profile pass → report. Every stage after the A/B adds its results to the same run.json
(`stages`), so that the report is a pure function of the directory. Exit code = verdict: 1 when
a gate failed (a regression, a load SLO), else 3 when a stage could not measure (environment),
else 0.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from perf.config import Config
from perf.errors import EnvironmentFailure
from perf.progress import Progress
from perf.results import read_verdicts, update_run
from perf.stack import external_server, run_async


@dataclass(frozen=True)
class PrSettings:
    """Durations of the PR job's stages; `quick` trims them for this repository's own CI."""

    ab_budget: float = 15.0
    ab_warmup: float = 1.0
    ab_min_pairs: int = 20
    ab_time_limit: float = 200.0  # the A/B's share of the job's 6 minutes
    ab_diff_profile_seconds: float = 8.0  # per regressed endpoint (at most 2), after the A/B
    # the load A/B (perf/loadab/runner.py): 10 users, each request to both arms
    load_ab_seconds: float = 60.0
    load_ab_warmup: float = 5.0
    load_scale: float = 1.0  # the smoke scenario: 60 s of the mixed workload
    sql_repeats: int = 5
    profile_seconds: float = 10.0

    @classmethod
    def quick(cls) -> PrSettings:
        return cls(
            ab_budget=2.0,
            ab_warmup=0.5,
            ab_min_pairs=6,
            ab_time_limit=70.0,
            ab_diff_profile_seconds=3.0,
            load_ab_seconds=8.0,
            load_ab_warmup=2.0,
            load_scale=0.25,
            sql_repeats=3,
            profile_seconds=4.0,
        )


@dataclass(frozen=True)
class PrRequest:
    """What `perfci pr` was asked to do (built by perf.cli from its options)."""

    config: Config
    out: Path
    dsn: str | None = None
    base_ref: str | None = None
    quick: bool = False
    seed: int = 42
    budget: float | None = None  # None: the PrSettings default
    warmup: float | None = None
    time_limit: float | None = None
    load_seconds: float | None = None
    quiet: bool = False


@dataclass(frozen=True)
class WeeklyRequest:
    """What `perfci weekly` was asked to do."""

    config: Config
    out: Path
    dsn: str | None = None
    scenarios: list[str] | None = None  # None: the whole matrix
    duration_scale: float = 1.0
    processes: int = 1
    profile_seconds: float = 30.0
    # The capacity stage (perf/load/capacity.py): its settings (None: skipped) and endpoints
    # (None: every one with an SLA P95 that does not mutate what it reads).
    capacity: object | None = None
    capacity_only: list[str] | None = None
    quiet: bool = False


def merge_base(base_ref: str | None) -> tuple[str, str | None]:
    """(ref, base SHA). Without --base: on a GitHub pull-request event checked out at the
    merge commit, its first parent (the exact base of the PR's diff, perf.github); else the
    merge-base of origin/$GITHUB_BASE_REF (or main) and HEAD. When that ref does not exist or
    shares no history with HEAD, the SHA is None (the stored baseline is used instead). A
    --base that cannot be resolved is a usage error."""
    from perf import github
    from perf.ab import git
    from perf.errors import UsageError

    if not base_ref:
        parent = github.pr_base_commit(Path.cwd())
        if parent:
            return "HEAD^1 (the base of GitHub's merge commit)", parent
    ref = base_ref or (
        f"origin/{os.environ['GITHUB_BASE_REF']}" if os.environ.get("GITHUB_BASE_REF") else "main"
    )
    try:
        return ref, git("merge-base", ref, "HEAD", cwd=Path.cwd())
    except UsageError:
        if base_ref:
            raise
        return ref, None


def check_stages(config: Config, scenarios: list[str] | None) -> None:
    """What the stages after the first read ([load] and its `scenarios`, or the matrix when
    None; [sql]; [profile]), checked before the first stage starts: a mistake there would
    otherwise surface only after the A/B or the load matrix had measured for minutes or
    hours. Usage errors; nothing is started."""
    from perf.load.catalog import check_user_classes
    from perf.load.matrix import load_matrix
    from perf.load.runner import select_scenarios
    from perf.profile.runner import load_settings
    from perf.sql.settings import sql_config

    lc = load_matrix(config)
    chosen = select_scenarios(lc, scenarios, matrix=scenarios is None)
    sql_config(config).check_catalog()
    load_settings(config)
    check_user_classes(lc, chosen, config.service.root)  # imports the service's user modules


def run_pr(req: PrRequest) -> int:
    from perf.ab import AbSettings

    started = time.perf_counter()
    progress = Progress(quiet=req.quiet)
    config, out = req.config, req.out
    check_stages(config, ["smoke"])
    s = PrSettings.quick() if req.quick else PrSettings()
    ab = AbSettings(
        budget=req.budget if req.budget is not None else s.ab_budget,
        warmup=req.warmup if req.warmup is not None else s.ab_warmup,
        min_pairs=s.ab_min_pairs,
        time_limit=req.time_limit if req.time_limit is not None else s.ab_time_limit,
        gate_from="base",  # a PR cannot loosen its own gate
        diff_profile_seconds=s.ab_diff_profile_seconds,
        load_seconds=req.load_seconds if req.load_seconds is not None else s.load_ab_seconds,
        load_warmup=s.load_ab_warmup,
    )
    ref, base = merge_base(req.base_ref)
    pipeline = {
        "quick": req.quick,
        "base_ref": ref,
        "base": "merge-base" if base else "stored baseline",
        "base_sha": base,
    }
    if recorded_run():
        return _replay_recorded(out, pipeline, base, config, started, progress)
    with one_server(req.dsn, progress) as dsn:
        return _pr_stages(req, config, out, dsn, ab, s, ref, base, pipeline, started, progress)


def _pr_stages(req, config, out, dsn, ab, s, ref, base, pipeline, started, progress) -> int:
    from perf.ab import run_ab
    from perf.table import ab_table, print_table

    if base is None:
        progress.line(f"no merge-base with {ref}: benchmarks against the stored baseline")
        with progress.section("benchmarks against the stored baseline"):
            run = _against_baseline(config, out, dsn, progress)
    else:
        progress.line(f"merge-base of {ref} and HEAD: {base[:12]}")
        with progress.section("A/B against the merge-base"):
            run = run_ab(config, base, None, ab, dsn=dsn, seed=req.seed, progress=progress)
    run.kind = "pr"
    run.config["pipeline"] = pipeline
    run.write(out)
    if base:
        print_table(ab_table(run))

    stages: list[tuple[str, Callable[[], None]]] = [
        ("smoke load", lambda: _load_stage(config, ["smoke"], s.load_scale, out, dsn, progress)),
        ("SQL snapshot", lambda: _sql_stage(config, s.sql_repeats, False, out, dsn, progress)),
        ("profile", lambda: _profile_stage(config, s.profile_seconds, False, out, dsn, progress)),
    ]
    return _finish(stages, out, started, progress)


def run_weekly(req: WeeklyRequest) -> int:
    """The weekly job: the load matrix (or the named scenarios), the SQL catalog, index advice,
    statements per endpoint and transactions, the full profile pass with its overhead, and
    the report with the trend data (benchmark-action.json), in one run directory."""
    from perf.fingerprint import environment
    from perf.results import Run

    started = time.perf_counter()
    progress = Progress(quiet=req.quiet)
    config, out, scenarios = req.config, req.out, req.scenarios
    check_stages(config, scenarios)
    pipeline = {"scenarios": scenarios or "matrix", "duration_scale": req.duration_scale}
    if recorded_run():
        return _replay_recorded(out, pipeline, None, config, started, progress)
    with one_server(req.dsn, progress) as dsn:
        version = external_server(dsn).version
        run = Run(
            kind="weekly",
            environment=environment(version),
            config={"profile": config.profile, "pipeline": pipeline},
        )
        run.write(out)
        return _weekly_stages(req, config, out, dsn, scenarios, started, progress)


def _weekly_stages(req, config, out, dsn, scenarios, started, progress) -> int:
    def load() -> None:
        from perf.load.runner import run_load

        run_load(
            config,
            scenarios,
            matrix=scenarios is None,
            duration_scale=req.duration_scale,
            processes=req.processes,
            out=out,
            dsn=dsn,
            progress=progress,
        )

    stages: list[tuple[str, Callable[[], None]]] = [
        ("benchmarks", lambda: _bench_stage(config, out, dsn, progress)),
        ("load", load),
    ]
    if req.capacity is not None:
        stages.append(("capacity", lambda: _capacity_stage(config, req, out, dsn, progress)))
    stages += [
        ("SQL", lambda: _sql_stage(config, 20, True, out, dsn, progress)),
        ("profile", lambda: _profile_stage(config, req.profile_seconds, True, out, dsn, progress)),
    ]
    return _finish(stages, out, started, progress)


@contextlib.contextmanager
def one_server(dsn: str | None, progress: Progress) -> Iterator[str]:
    """The PostgreSQL server every stage of a pipeline uses: the one given by DSN, or one
    embedded cluster started here for all of them (instead of one per stage). Templates built
    in it are kept in the cluster cache afterwards, as a stage's own cluster would."""
    if dsn:
        yield dsn
        return
    from perf.stack import EmbeddedCluster

    cluster = EmbeddedCluster(progress=progress)
    try:
        with progress.step("starting the embedded PostgreSQL cluster (shared by the stages)"):
            server = cluster.start()
        before = run_async(_templates(server.admin_dsn))
        yield server.admin_dsn
        if run_async(_templates(server.admin_dsn)) != before:
            with progress.step("caching the seeded cluster"):
                cluster.persist_to_cache()
    finally:
        cluster.close()


async def _templates(dsn: str) -> set[str]:
    import asyncpg

    from perf.stack import TEMPLATE_PREFIX

    conn = await asyncpg.connect(dsn)
    try:
        rows = await conn.fetch(
            "SELECT datname FROM pg_database WHERE datistemplate AND datname LIKE $1",
            TEMPLATE_PREFIX + "%",
        )
        return {r[0] for r in rows}
    finally:
        await conn.close()


def weekly_scenarios(text: str | None) -> list[str] | None:
    """`--scenario all` (or nothing) is the whole matrix (None); else comma- or space-separated
    names."""
    names = [n for n in (text or "").replace(",", " ").split() if n]
    return None if not names or names == ["all"] else names


def _finish(stages, out: Path, started: float, progress: Progress) -> int:
    problems: list[str] = []
    for name, stage in stages:
        with progress.section(name):
            try:
                stage()
            except EnvironmentFailure as exc:
                problems.append(f"{name}: {exc}")
                progress.line(f"{name} could not measure: {exc}")
    _record_wall(out, time.perf_counter() - started)
    with progress.section("report"):
        from perf.report import render

        files = render(out)
    from perf import github

    for line in github.publish(out):
        progress.line(f"GitHub: {line}")
    failed = _failed_verdicts(out)
    wall = time.perf_counter() - started
    print(f"run: {out / 'run.json'}  (wall {wall:.0f} s)")
    print(f"report: {files['report.html']}")
    print((out / "comment.md").read_text().splitlines()[0])
    for v in failed:
        print(f"FAILED: {v['name']} ({v['gate']}): {v['reason']}", file=sys.stderr)
    for p in problems:
        print(f"NOT MEASURED: {p}", file=sys.stderr)
    if failed:
        return 1
    return 3 if problems else 0


RECORDED_RUN_ENV = "PERFCI_RECORDED_RUN"


def recorded_run() -> Path | None:
    """The recorded run directory that replaces the measuring stages, or None.

    `PERFCI_RECORDED_RUN=DIR` makes `perfci pr` and `perfci weekly` skip PostgreSQL and every
    measurement: DIR's files are copied into the run directory and everything else runs for
    real (the base resolution, the gate source, the report, the GitHub outputs, the exit
    code). It exists for the workflow replay test (tests/test_workflow_replay.py), which runs
    the workflows' steps as GitHub's runner does in seconds instead of minutes."""
    value = os.environ.get(RECORDED_RUN_ENV)
    if not value:
        return None
    path = Path(value)
    if not (path / "run.json").is_file():
        from perf.errors import UsageError

        raise UsageError(f"{RECORDED_RUN_ENV}={value}: no run.json there")
    return path


def _replay_recorded(out: Path, pipeline: dict, base: str | None, config, started, progress):
    import shutil

    from perf.ab import resolve_gate

    source = recorded_run()
    progress.line(f"{RECORDED_RUN_ENV}: the recorded run {source} replaces the measuring stages")
    out.mkdir(parents=True, exist_ok=True)
    shutil.copytree(source, out, dirs_exist_ok=True)
    config_updates: dict = {"pipeline": {**pipeline, "recorded_from": str(source)}}
    if base is not None:
        from perf.ab import git, worktree

        repo = Path(git("rev-parse", "--show-toplevel", cwd=Path.cwd()))
        with (
            tempfile.TemporaryDirectory(prefix="perfci-gate-") as tmp,
            worktree(repo, base, Path(tmp) / "base"),
        ):
            gate = resolve_gate(config, repo, Path(tmp) / "base")
        config_updates["gate"] = {"source": gate.source, "changes": list(gate.changes)}
    update_run(out, config=config_updates)
    return _finish([], out, started, progress)


def _against_baseline(config, out: Path, dsn, progress):
    """No base to A/B against (a first commit, a shallow clone without the base branch): the
    benchmark suite with its SLA gate, compared with the stored baseline. That comparison is
    across runs, so it is reported (notices), never gated; SLA failures still fail."""
    from perf.benchmarks import run_bench
    from perf.compare import DEFAULT_BASELINE, compare, load_measurements
    from perf.results import Verdict
    from perf.table import bench_table, print_table

    run = run_bench(config, out, dsn=dsn, progress=progress)
    run.write(out)
    print_table(bench_table(run))
    if not DEFAULT_BASELINE.exists():
        run.verdicts.append(
            Verdict("baseline", "baseline", "notice", f"no stored baseline at {DEFAULT_BASELINE}")
        )
        return run
    result = compare(
        load_measurements(DEFAULT_BASELINE),
        load_measurements(out / "run.json"),
        config.gate.threshold,
        config.gate.stat,
    )
    for row in result.rows:
        if row.status != "unchanged":
            why = "; ".join(row.reasons) or row.status
            run.verdicts.append(
                Verdict(
                    row.name,
                    "baseline",
                    "notice",
                    f"{row.status} against the stored baseline ({why}); across runs, reported only",
                )
            )
    for notice in result.notices:
        run.verdicts.append(Verdict("baseline", "baseline", "notice", notice))
    return run


def _record_wall(out: Path, seconds: float) -> None:
    update_run(out, wall_seconds=round(seconds, 2))


def _bench_stage(config, out: Path, dsn, progress) -> None:
    """The endpoint benchmarks (with their SLA gate), so that the weekly trend has a series per
    endpoint and percentile beside the load scenarios'."""
    from perf.benchmarks import run_bench
    from perf.results import merge_into

    merge_into(out, run_bench(config, out, dsn=dsn, progress=progress))


def _load_stage(config, scenarios, scale: float, out: Path, dsn, progress) -> None:
    from perf.load.runner import run_load

    # The PR's smoke runs on the benchmarks' data profile.
    run_load(
        config,
        scenarios,
        duration_scale=scale,
        out=out,
        dsn=dsn,
        profile=config.profile,
        progress=progress,
    )


def _capacity_stage(config, req: WeeklyRequest, out: Path, dsn, progress) -> None:
    from perf.load.capacity import run_capacity

    run_capacity(
        config, out=out, only=req.capacity_only, settings=req.capacity, dsn=dsn, progress=progress
    )


def _sql_stage(config, repeats: int, full: bool, out: Path, dsn, progress) -> None:
    from perf.sql.runner import SqlSettings, run_sql

    settings = SqlSettings(
        repeats=repeats,
        profile=config.profile,
        config=config.path,
        endpoints=full,
        transactions=full,
    )
    run_sql(settings, out, dsn, progress, config)


def _profile_stage(config, seconds, full: bool, out: Path, dsn: str | None, progress) -> None:
    from perf.profile.runner import load_settings, run_profile

    if full:  # the weekly pass: with the overhead passes and the engines under cProfile
        settings = load_settings(config, duration=seconds)
    else:
        settings = load_settings(config, duration=seconds, overhead=False, engines="")
    run_profile(config, settings, out, dsn=dsn, progress=progress)


def _failed_verdicts(out: Path) -> list[dict]:
    return [v for v in read_verdicts(out) if v.get("status") == "fail"]
