"""`perfci ab`: the same-job A/B comparison of a change (head) against its merge-base (base).

Each arm runs its own code (base from a git worktree) under its own uvicorn, on its own database
built by that arm's own migrations and data generator from the same seed, in one PostgreSQL
cluster. One client drives both servers with the head's endpoint definitions, strictly
alternating A, B, A, B with keep-alive, so that the machine's drift hits both arms alike. The
statistics and the verdict rules are in `perf.abstats`. After the verdicts, each endpoint that
regressed by its timing is driven again with both arms under py-spy, and the differential
profile (head minus base, `perf.profile.diff`) says which frames grew; a profiler that fails
leaves the reason, never a different result.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import re
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import asyncpg
import httpx

from perf import abstats, driver, leftovers, pgtools
from perf.config import Config, Endpoint
from perf.driver import Request
from perf.errors import EnvironmentFailure, PerfciError, UsageError
from perf.fingerprint import environment
from perf.procs import expect_exit, log_tail
from perf.progress import Progress
from perf.results import Run, Verdict
from perf.stack import (
    ApiProcess,
    DataSpec,
    EmbeddedCluster,
    PgServer,
    check_dsn,
    create_from_template,
    drop_database,
    drop_stale_templates,
    ensure_template,
    external_server,
    free_port,
    new_run_database_name,
    run_async,
)
from perf.stats import summarize

AB_API_KEY = "perfci-ab-key"
NOISE_FLOORS = Path("reports/noise_floors.json")
DEFAULT_FLOOR = 0.02  # A/A CI bounds stayed within ±1.3 % in the research runs, busy included


@dataclass(frozen=True)
class AbSettings:
    budget: float = 15.0  # seconds of alternating calls per endpoint
    warmup: float = 1.0  # seconds of discarded calls per endpoint
    min_pairs: int = 20  # slow endpoints: at least this many pairs, whatever the budget
    block: int = 20  # pairs per block (smaller when there are few pairs)
    statement_calls: int = 3  # calls per arm for the statement counts (the fewest is kept)
    # Wall-clock limit of the whole comparison, in seconds: a borderline benchmark is measured
    # again only if its second measurement (as long as its first) still fits; otherwise it is
    # decided on the data it has (borderline = unchanged) and the reason says so.
    time_limit: float = 235.0
    # Where the verdict's threshold and noise floors come from: "base" (perfci pr) reads them
    # from the base arm's tree, so that a PR cannot loosen its own gate; "head" (perfci ab's
    # default) from the working tree.
    gate_from: str = "head"
    # After the verdicts, each timing regression (the largest `diff_profile_endpoints`) is
    # profiled: both arms' APIs restarted under py-spy, driven alternately with the endpoint's
    # request for this many seconds; 0 = no differential profile. It runs after the verdicts,
    # outside `time_limit` (about seconds + 5 s of restarts per profiled endpoint).
    diff_profile_seconds: float = 8.0
    diff_profile_endpoints: int = 2
    # The load A/B (perf/loadab/runner.py) after the sequential one, outside `time_limit`:
    # `load_users` closed-loop users sending each request to both arms for `load_seconds`
    # (after `load_warmup`); 0 = none.
    load_seconds: float = 0.0
    load_warmup: float = 5.0
    load_users: int = 10


# --------------------------------------------------------------------------- git


def git(*args: str, cwd: Path) -> str:
    try:
        out = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    except FileNotFoundError:
        raise EnvironmentFailure("git is not installed") from None
    except subprocess.CalledProcessError as exc:
        raise UsageError(f"git {' '.join(args)}: {exc.stderr.strip()}") from None
    return out.stdout.strip()


@contextlib.contextmanager
def worktree(repo: Path, ref: str, dest: Path) -> Iterator[str]:
    """A detached git worktree of `ref` at `dest`, removed afterwards; yields the commit SHA."""
    sha = git("rev-parse", "--verify", f"{ref}^{{commit}}", cwd=repo)
    key = f"worktree:{dest}"  # a killed perfci's worktree is removed by the next perfci
    leftovers.record(key, {"kind": "worktree", "repo": str(repo), "path": str(dest)})
    git("worktree", "add", "--detach", "--force", str(dest), sha, cwd=repo)
    try:
        yield sha
    finally:
        with contextlib.suppress(UsageError):
            git("worktree", "remove", "--force", str(dest), cwd=repo)
        shutil.rmtree(dest, ignore_errors=True)
        with contextlib.suppress(UsageError):
            git("worktree", "prune", cwd=repo)
        leftovers.forget(key)


# --------------------------------------------------------------------------- arms


@dataclass
class Arm:
    name: str  # "base" or "head"
    ref: str
    sha: str
    source: Path  # the arm's checkout
    service_root: Path  # the service's directory in that checkout
    template: str = ""
    template_built: bool = False
    dsn: str = ""
    database: str = ""
    api: ApiProcess | None = None


def build_arm_template(arm: Arm, config: Config, server: PgServer, seed: int) -> None:
    """Build (or find) the arm's template with the arm's own migrations and data loader: the
    preparation steps run in the arm's checkout of the service (perf.service)."""
    spec = DataSpec(config.service, config.profile, seed, root=arm.service_root)
    arm.template = spec.template_name()
    try:
        arm.template_built = run_async(
            ensure_template(server, spec, Progress(quiet=True), drop_stale=False)
        )
    except EnvironmentFailure as exc:
        raise EnvironmentFailure(f"building the {arm.name} arm's database failed: {exc}") from None


# --------------------------------------------------------------------------- measuring


@dataclass
class PairSamples:
    base: list[float] = field(default_factory=list)
    head: list[float] = field(default_factory=list)


class Driver:
    """One keep-alive client per arm; calls strictly alternate base, head."""

    def __init__(self, config: Config, base_url: str, head_url: str) -> None:
        self.clients = {}
        self.auth: dict[str, dict[str, str]] = {}  # the headers that authenticate, per arm
        for arm, url in (("base", base_url), ("head", head_url)):
            client = httpx.Client(base_url=url, timeout=120)
            self.auth[arm] = driver.auth_headers(
                config.service.auth, AB_API_KEY, driver.sync_login(client)
            )
            client.headers.update(self.auth[arm])
            self.clients[arm] = client

    def close(self) -> None:
        for c in self.clients.values():
            c.close()

    def call(self, arm: str, endpoint: Endpoint, req: Request) -> tuple[float, httpx.Response]:
        client = self.clients[arm]
        started = time.perf_counter()
        r = client.request(req.method, req.path, **req.kwargs())
        took = time.perf_counter() - started
        if r.status_code != endpoint.expect_status:
            raise EnvironmentFailure(
                f"{arm} arm: {req.method} {req.path} answered {r.status_code}: "
                f"{r.text[:300]} (the measurement would not time the claimed path)"
            )
        return took, r

    def pairs(
        self,
        endpoint: Endpoint,
        bodies: list,
        seconds: float,
        min_pairs: int,
        before_pair: Callable[[], None] | None,
    ) -> PairSamples:
        samples = PairSamples()
        cycle = itertools.cycle(bodies)
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline or len(samples.base) < min_pairs:
            body = next(cycle)
            if before_pair is not None:
                before_pair()
            ta, _ = self.call("base", endpoint, body)
            tb, _ = self.call("head", endpoint, body)
            samples.base.append(ta)
            samples.head.append(tb)
        return samples


class ArmDatabase:
    """Direct access to one arm's database: restore of mutated tables, statement counts."""

    def __init__(self, dsn: str) -> None:
        # asyncpg connections belong to the loop that made them: one loop for this database.
        self.loop = asyncio.new_event_loop()
        self.conn = self.run(asyncpg.connect(dsn))
        self.snapshots: list[str] = []

    def run(self, coro):
        return self.loop.run_until_complete(coro)

    def close(self) -> None:
        try:
            with contextlib.suppress(asyncpg.PostgresError):
                self.run(pgtools.drop_snapshots(self.conn, self.snapshots))
            self.run(self.conn.close())
        finally:
            self.loop.close()

    def restorer(self, tables: tuple[str, ...]) -> Callable[[], None]:
        self.run(pgtools.snapshot_tables(self.conn, tables))
        self.snapshots.extend(t for t in tables if t not in self.snapshots)
        return lambda: self.run(pgtools.restore_tables(self.conn, tables))

    def statements(
        self, call: Callable[[], None], calls: int, setup: Callable[[], None] | None
    ) -> tuple[float | None, list[dict]]:
        """Statements per request from pg_stat_statements (this database only), or None: the
        fewest over `calls` calls, with that call's statements one by one (for the deltas
        between the arms). A one-off statement (a driver's type introspection on a connection
        it had not used yet, a pool's connect-time setup) then does not read as growth, while
        an N+1 repeats on every call."""
        best: tuple[int, list[dict]] | None = None
        try:
            for _ in range(calls):
                if setup is not None:
                    setup()
                # the previous request's late statements first, then a clean slate
                self.run(pgtools.settled_statement_totals(self.conn))
                self.run(pgtools.reset_statements(self.conn))
                call()
                count = self.run(pgtools.settled_statement_totals(self.conn))[0]
                if best is None or count < best[0]:
                    best = (count, self.run(pgtools.statement_breakdown(self.conn)))
        except asyncpg.PostgresError:
            return None, []
        return (float(best[0]), best[1]) if best is not None else (None, [])


# --------------------------------------------------------------------------- noise floors


def load_noise_floors(path: Path = NOISE_FLOORS) -> tuple[dict[str, float], str]:
    """Per-benchmark floors from `perfci calibrate`, and where they came from."""
    try:
        data = json.loads(path.read_text())
    except FileNotFoundError:
        return {}, f"no {path}: default floor {DEFAULT_FLOOR:.0%} for every benchmark"
    except (OSError, json.JSONDecodeError) as exc:
        raise UsageError(f"{path}: cannot be read: {exc}") from None
    floors = data.get("floors")
    if data.get("schema") != "perfci.noise_floors/1" or not isinstance(floors, dict):
        raise UsageError(f"{path}: not a perfci.noise_floors/1 file")
    return {k: float(v) for k, v in floors.items()}, f"{path} ({data.get('provenance', {})})"


def load_ab_limits(path: Path = NOISE_FLOORS):
    """The load A/B's thresholds and floors per percentile from `perfci calibrate
    --load-seconds` (the file's "load_ab"), else perf.loadab.stats.DEFAULTS."""
    from perf.loadab.stats import DEFAULTS, QUANTILES, Limits

    try:
        data = json.loads(path.read_text())
    except (OSError, json.JSONDecodeError):
        return DEFAULTS
    section = data.get("load_ab") if isinstance(data, dict) else None
    if not isinstance(section, dict):
        return DEFAULTS
    try:
        shift = section.get("shift") or DEFAULTS.shift  # files written before it existed
        return Limits(
            threshold={q: float(section["threshold"][q]) for q in QUANTILES},
            floor={q: float(section["floor"][q]) for q in QUANTILES},
            shift={q: float(shift[q]) for q in QUANTILES},
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise UsageError(
            f"{path}: load_ab needs threshold and floor per {QUANTILES}: {exc}"
        ) from None


@dataclass(frozen=True)
class GateSource:
    """The threshold and floors a run's verdicts use, where they came from, and how the
    other arm's tree differs (a PR that edits its own gate is named, not obeyed)."""

    threshold: float
    floors: dict[str, float]
    floor_source: str
    source: str  # "base" or "head"
    changes: tuple[str, ...] = ()
    load_limits: object = None  # perf.loadab.stats.Limits of the load A/B (same file)


def resolve_gate(config: Config, repo: Path, base_tree: Path | None) -> GateSource:
    """With `base_tree`, the gate of the base arm's tree ([gate] of the same config file and
    its noise floors); the head's values are only compared, to say what the PR changed."""
    from perf.config import load_config

    head_floors, head_source = load_noise_floors(repo / NOISE_FLOORS)
    head_limits = load_ab_limits(repo / NOISE_FLOORS)
    if base_tree is None:
        return GateSource(
            config.gate.threshold, head_floors, head_source, "head", load_limits=head_limits
        )
    try:
        rel = Path(config.path).resolve().relative_to(repo.resolve())
    except ValueError:  # a config outside the repository is the same file for both arms
        rel = None
    changes: list[str] = []
    threshold = config.gate.threshold
    if rel is not None:
        base_config = base_tree / rel
        if not base_config.exists():
            changes.append(f"{rel}: added by this change (the head's gate is used)")
        else:
            try:
                base_gate = load_config(base_config).gate
            except UsageError as exc:
                changes.append(f"{rel}: the base's copy does not load ({exc}); head's gate used")
            else:
                threshold = base_gate.threshold
                if base_gate.threshold != config.gate.threshold:
                    changes.append(
                        f"gate.threshold: {base_gate.threshold:.0%} in the base, "
                        f"{config.gate.threshold:.0%} in this change"
                    )
                if base_gate.stat != config.gate.stat:
                    changes.append(
                        f"gate.stat: {base_gate.stat} in the base, "
                        f"{config.gate.stat} in this change"
                    )
    base_file = base_tree / NOISE_FLOORS
    base_floors, base_source = load_noise_floors(base_file)
    if base_file.exists() != (repo / NOISE_FLOORS).exists():
        changes.append(
            f"{NOISE_FLOORS}: {'removed' if base_file.exists() else 'added'} by this change"
        )
    for name in sorted(set(base_floors) | set(head_floors)):
        b, h = base_floors.get(name), head_floors.get(name)
        if b != h:
            changes.append(
                f"noise floor of {name}: {_floor_text(b)} in the base, {_floor_text(h)} in this "
                "change"
            )
    base_limits = load_ab_limits(base_file)
    if base_limits != head_limits:
        changes.append(
            f"load A/B thresholds: {base_limits.threshold} in the base, {head_limits.threshold} "
            "in this change"
        )
    source = base_source.replace(str(base_file), f"{NOISE_FLOORS} of the base")
    return GateSource(
        threshold, base_floors, source, "base", tuple(changes), load_limits=base_limits
    )


def _floor_text(value: float | None) -> str:
    return f"{value:.1%}" if value is not None else f"none (default {DEFAULT_FLOOR:.0%})"


# --------------------------------------------------------------------------- the run


def run_ab(
    config: Config,
    base_ref: str,
    head_ref: str | None,
    settings: AbSettings,
    only: list[str] | None = None,
    dsn: str | None = None,
    seed: int = 42,
    repo: Path | None = None,
    progress: Progress | None = None,
) -> Run:
    progress = progress or Progress()
    repo = Path(git("rev-parse", "--show-toplevel", cwd=repo or Path.cwd()))
    endpoints = [e for e in config.endpoints if not only or e.name in only]
    if only and len(endpoints) != len(set(only)):
        known = ", ".join(e.name for e in config.endpoints)
        raise UsageError(f"--only: unknown endpoint in {only}; known: {known}")
    started = time.perf_counter()
    with contextlib.ExitStack() as stack:
        tmp = leftovers.temp_dir("ab")
        stack.callback(shutil.rmtree, tmp, True)
        arms: dict[str, Arm] = {}
        with progress.step(f"checking out base {base_ref}"):
            base_sha = stack.enter_context(worktree(repo, base_ref, tmp / "base"))
            arms["base"] = Arm(
                "base", base_ref, base_sha, tmp / "base", config.service.root_in(tmp / "base", repo)
            )
        gate = resolve_gate(config, repo, tmp / "base" if settings.gate_from == "base" else None)
        floors, floor_source = gate.floors, gate.floor_source
        for change in gate.changes:
            progress.line(f"gate setting changed, the base's is used: {change}")
        config = replace(config, gate=replace(config.gate, threshold=gate.threshold))
        if head_ref:
            with progress.step(f"checking out head {head_ref}"):
                head_sha = stack.enter_context(worktree(repo, head_ref, tmp / "head"))
            arms["head"] = Arm(
                "head", head_ref, head_sha, tmp / "head", config.service.root_in(tmp / "head", repo)
            )
        else:
            sha = git("rev-parse", "HEAD", cwd=repo)
            arms["head"] = Arm("head", "working tree", sha, repo, config.service.root)

        if dsn:
            server = external_server(check_dsn(dsn))
            cluster = None
        else:
            with progress.step("starting the embedded PostgreSQL cluster"):
                cluster = EmbeddedCluster(progress=progress)
                stack.callback(cluster.close)
                server = cluster.start()
        for arm in arms.values():
            with progress.step(f"{arm.name} arm's database ({arm.sha[:8]})"):
                build_arm_template(arm, config, server, seed)
        dropped = run_async(
            drop_stale_templates(server, config.profile, {a.template for a in arms.values()})
        )
        if cluster is not None and (dropped or any(a.template_built for a in arms.values())):
            with progress.step("caching the seeded cluster"):
                cluster.persist_to_cache()
                server = cluster.server()
        for arm in arms.values():
            arm.database = new_run_database_name(config.profile)
            run_async(create_from_template(server, arm.template, arm.database))
            arm.dsn = server.dsn_for(arm.database)
            if cluster is None:
                stack.callback(lambda a=arm: run_async(drop_database(server, a.database)))
        for arm in arms.values():
            arm.api = ApiProcess(
                service=config.service,
                dsn=arm.dsn,
                port=free_port(),
                logfile=tmp / f"api-{arm.name}.log",
                api_keys=[AB_API_KEY],
                root=arm.service_root,
                loopwatch=settings.load_seconds > 0,
            )
            stack.callback(arm.api.stop)
            with progress.step(f"starting the {arm.name} API"):
                arm.api.start()

        data_note = (
            "identical data (same migrations and generator)"
            if arms["base"].template == arms["head"].template
            else f"the arms' data differ: {arms['base'].template} vs {arms['head'].template} "
            "(migrations or generator changed)"
        )
        progress.line(data_note)

        client = Driver(config, arms["base"].api.base_url, arms["head"].api.base_url)
        stack.callback(client.close)
        dbs = {name: ArmDatabase(arm.dsn) for name, arm in arms.items()}
        for db in dbs.values():
            stack.callback(db.close)
        payloads = dbs["head"].run(
            driver.all_requests(config, dbs["head"].conn, {e.name for e in endpoints})
        )

        samples: dict[str, PairSamples] = {}
        statements: dict[str, dict[str, float | None]] = {}
        deltas: dict[str, list[dict]] = {}  # per endpoint, the statements that differ

        def measure(e: Endpoint, seconds: float) -> PairSamples:
            restore = None
            if e.restore:
                fns = [dbs[a].restorer(e.restore) for a in ("base", "head")]

                def restore() -> None:
                    for fn in fns:
                        fn()

            # One payload per endpoint: both arms' calls in a block then do the same work, so
            # the block ratio carries no payload-mix variance (several payloads widened the A/A
            # interval of reflection_analyze to about ±6 % here).
            bodies = payloads[e.name][:1]
            # the first response of each arm must be the non-empty one being timed
            for a in ("base", "head"):
                if restore:
                    restore()
                _, r = client.call(a, e, bodies[0])
                try:
                    driver.check(config, e, r.status_code, r.text)
                except driver.InvalidResponse as exc:
                    raise EnvironmentFailure(
                        f"{a} arm, {exc} (the run would time the wrong path)"
                    ) from None
            client.pairs(e, bodies, settings.warmup, 1, restore)
            measured = client.pairs(e, bodies, seconds, settings.min_pairs, restore)
            if restore:
                restore()  # leave the data as the next endpoint expects it
            return measured

        took: dict[str, float] = {}
        with progress.section("alternating A/B measurement"):
            for e in endpoints:
                t0 = time.perf_counter()
                samples[e.name] = measure(e, settings.budget)
                took[e.name] = time.perf_counter() - t0
                statements[e.name] = {}
                breakdown: dict[str, list[dict]] = {}
                for a in ("base", "head"):
                    setup = dbs[a].restorer(e.restore) if e.restore else None
                    body = payloads[e.name][0]
                    statements[e.name][a], breakdown[a] = dbs[a].statements(
                        lambda a=a, e=e, body=body: client.call(a, e, body),
                        settings.statement_calls,
                        setup,
                    )
                    if setup:
                        setup()
                deltas[e.name] = pgtools.statement_deltas(breakdown["base"], breakdown["head"])
                progress.line(f"{e.name}: {len(samples[e.name].base)} pairs")

            results = _decide(samples, statements, config, settings, floors)
            suspects = [name for name, res in results.items() if res["verdict"] == abstats.SUSPECT]
            suspects, skipped = plan_reruns(
                suspects, took, time.perf_counter() - started, settings.time_limit
            )
            if skipped:
                progress.line(
                    f"borderline, not measured again (time limit {settings.time_limit:.0f} s): "
                    f"{', '.join(skipped)}"
                )
            if suspects:
                progress.line(f"borderline, measured again: {', '.join(suspects)}")
                for name in suspects:
                    e = config.endpoint(name)
                    more = measure(e, settings.budget)
                    samples[name].base.extend(more.base)
                    samples[name].head.extend(more.head)
            if suspects or skipped:
                results = _decide(
                    samples, statements, config, settings, floors, final=True, rerun=suspects
                )
                for name in skipped:
                    results[name]["rerun_skipped"] = True
                    results[name]["reason"] += (
                        f"; borderline, not measured again (time limit {settings.time_limit:.0f} s)"
                    )

        load_ab: dict | None = None
        if settings.load_seconds > 0:
            from perf.loadab.runner import LoadAbSettings, run_load_ab

            with progress.section("load A/B"):
                load_payloads = dbs["head"].run(
                    driver.all_requests(config, dbs["head"].conn, {e.name for e in endpoints})
                )
                load_ab = run_load_ab(
                    config,
                    {a: (arms[a].api.base_url, client.auth[a]) for a in ("base", "head")},
                    load_payloads,
                    LoadAbSettings(
                        seconds=settings.load_seconds,
                        warmup=settings.load_warmup,
                        users=settings.load_users,
                    ),
                    tmp / "loadab",
                    progress,
                    only=[e.name for e in endpoints],
                    limits=gate.load_limits,
                    watched=all(arms[a].api.watched for a in ("base", "head")),
                    pids={a: arms[a].api.server_pid() for a in ("base", "head")},
                )
                shift = load_ab.get("shift")
                for res in [*load_ab.get("endpoints", []), *([shift] if shift else [])]:
                    progress.line(f"{res['name']} under load: {res['verdict']}: {res['reason']}")

        diff_profiles, diff_files = {}, {}
        regressed = sorted(
            (n for n, res in results.items() if res["timing_verdict"] == abstats.REGRESSION),
            key=lambda n: -results[n]["estimate"],
        )
        cap = settings.diff_profile_endpoints
        if regressed and settings.diff_profile_seconds > 0 and cap > 0:
            with progress.section("differential profile of the regressed endpoints"):
                for arm in arms.values():  # the profiled servers replace them
                    arm.api.stop()
                for name in regressed[:cap]:
                    diff_profiles[name] = diff_profile(
                        config,
                        config.endpoint(name),
                        arms,
                        dbs,
                        payloads[name][:1],
                        settings.diff_profile_seconds,
                        diff_files,
                        tmp,
                        progress,
                    )
            for name in regressed[cap:]:
                diff_profiles[name] = {
                    "missing": f"not profiled: only the {cap} largest timing regressions are"
                }

        run = AbRun(
            kind="ab",
            environment=environment(server.version, cwd=repo),
            config={
                "path": str(config.path),
                "profile": config.profile,
                "threshold": config.gate.threshold,
                "ab": asdict(settings),
                "noise_floors": floor_source,
                "gate": {"source": gate.source, "changes": list(gate.changes)},
                "base": {
                    "ref": arms["base"].ref,
                    "sha": arms["base"].sha,
                    "template": arms["base"].template,
                },
                "head": {
                    "ref": arms["head"].ref,
                    "sha": arms["head"].sha,
                    "template": arms["head"].template,
                },
                "data": data_note,
            },
        )
        for name, res in results.items():
            res["statement_deltas"] = deltas.get(name, [])
            if name in diff_profiles:
                res["diff_profile"] = diff_profiles[name]
        run.files = diff_files
        for name, dp in diff_profiles.items():
            if dp.get("svg"):
                run.artifacts[f"diff_profile {name}"] = dp["svg"]
        run.comparisons = list(results.values())
        for name, res in results.items():
            status = "fail" if res["verdict"] == abstats.REGRESSION else "pass"
            run.verdicts.append(Verdict(name, "ab", status, res["reason"]))
        if load_ab is not None:
            run.load_ab_pairs = load_ab.pop("raw_pairs", [])
            run.load_ab_watch = load_ab.pop("raw_watch", None) or {}
            run.stages["load_ab"] = load_ab
            shift = load_ab.get("shift")
            for res in [*load_ab.get("endpoints", []), *([shift] if shift else [])]:
                status = "fail" if res["verdict"] == abstats.REGRESSION else "pass"
                run.verdicts.append(Verdict(res["name"], "load_ab", status, res["reason"]))
        run.raw_samples = {n: asdict(s) for n, s in samples.items()}
        run.wall_seconds = time.perf_counter() - started
        return run


@dataclass
class AbRun(Run):
    """An A/B run and the files written beside its run.json (the differential profiles)."""

    files: dict[str, str] = field(default_factory=dict)  # name in the run directory -> text

    def write(self, directory: Path) -> Path:
        directory.mkdir(parents=True, exist_ok=True)
        for name, text in self.files.items():
            (directory / name).write_text(text)
        return super().write(directory)


# --------------------------------------------------------------------------- differential profile


def _arm_package(package: str, service_root: Path, arm_root: Path) -> str:
    """The service's own code in an arm's checkout: a top package's name is the same in both;
    a directory (a command-started service) moves with the arm's tree."""
    if not package.startswith("/"):
        return package
    with contextlib.suppress(ValueError):
        return str(arm_root / Path(package).relative_to(service_root.resolve()))
    return package


def _stop_profiled(api: ApiProcess) -> None:
    """Stop a profiled API without counting its exit as a death of the run: a profiler that
    failed costs the differential profile, never the A/B's result."""
    if api.proc is not None:
        expect_exit(api.proc)
    api.stop()


def diff_profile(
    config: Config,
    e: Endpoint,
    arms: dict[str, Arm],
    dbs: dict[str, ArmDatabase],
    bodies: list,
    seconds: float,
    files: dict[str, str],
    tmp: Path,
    progress: Progress,
) -> dict:
    """Both arms' APIs under `py-spy record`, driven with the endpoint's request alternately
    (base, head) for `seconds`, then stopped; the differential profile of head against base
    (perf.profile.diff) as run.json keeps it, its files added to `files`. A profiler that is
    missing or fails leaves {"missing": why}."""
    from perf.profile import diff, stacks
    from perf.profile.runner import load_settings, pyspy_wrapper

    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", e.name)
    recordings = {a: tmp / f"diff-{safe}-{a}.speedscope.json" for a in arms}
    try:
        prof = load_settings(config)  # the profile stage's sampling rate, --nonblocking, package
        with progress.step(f"{e.name}: both arms under py-spy for {seconds:g} s"):
            wrappers = {a: pyspy_wrapper(recordings[a], prof.rate, prof.nonblocking) for a in arms}
            pairs = _profiled_pass(config, e, arms, dbs, bodies, seconds, wrappers, safe, tmp)
        folded = {}
        for a, arm in arms.items():
            path = recordings[a]
            if not path.exists() or path.stat().st_size == 0:
                log = tmp / f"api-{a}-diff-{safe}.log"
                raise EnvironmentFailure(
                    f"py-spy wrote no profile of the {a} arm; its log:\n{log_tail(log, 8)}"
                )
            samples = stacks.from_speedscope(json.loads(path.read_text()))
            package = _arm_package(prof.package, config.service.root, arm.service_root)
            folded[a] = diff.fold(samples, package)
    except Exception as exc:  # noqa: BLE001 - the A/B result stands without its profile
        why = str(exc) if isinstance(exc, PerfciError) else f"{type(exc).__name__}: {exc}"
        progress.line(f"{e.name}: no differential profile: {why.splitlines()[0][:300]}")
        return {"missing": why[:2000]}
    top = diff.top_grown(folded["base"], folded["head"])
    svg = f"diff-{safe}.svg"
    title = f"{e.name}: head {arms['head'].sha[:8]} vs base {arms['base'].sha[:8]} (differential)"
    files[svg] = diff.diff_flamegraph_svg(folded["base"], folded["head"], title)
    collapsed = {a: f"diff-{safe}.{a}.collapsed.txt" for a in arms}
    for a, name in collapsed.items():
        files[name] = diff.collapsed_text(folded[a])
    counts = {a: sum(folded[a].values()) for a in arms}
    if top:
        t = top[0]
        progress.line(
            f"{e.name}: most grown in head: {t['frame']} "
            f"{t['base_share']:.0%} → {t['head_share']:.0%} of samples"
        )
    return {
        "svg": svg,
        "collapsed": collapsed,
        "top_grown": top,
        "samples": counts,
        "pairs": pairs,
        "seconds": seconds,
        "rate": prof.rate,
    }


def _profiled_pass(
    config: Config,
    e: Endpoint,
    arms: dict[str, Arm],
    dbs: dict[str, ArmDatabase],
    bodies: list,
    seconds: float,
    wrappers: dict[str, list[str]],
    safe: str,
    tmp: Path,
) -> int:
    """Each arm's API under its wrapper (py-spy), the endpoint's calls alternating base, head
    for `seconds` (its tables restored before each pair, as in the A/B), then both stopped so
    that py-spy writes its recording. Returns the number of pairs."""
    with contextlib.ExitStack() as stack:
        apis = {}
        for a, arm in arms.items():
            apis[a] = ApiProcess(
                service=config.service,
                dsn=arm.dsn,
                port=free_port(),
                logfile=tmp / f"api-{a}-diff-{safe}.log",
                api_keys=[AB_API_KEY],
                root=arm.service_root,
                wrapper=wrappers[a],
            )
            stack.callback(_stop_profiled, apis[a])
            apis[a].start(timeout=120)
        client = Driver(config, apis["base"].base_url, apis["head"].base_url)
        stack.callback(client.close)
        restore = None
        if e.restore:
            fns = [dbs[a].restorer(e.restore) for a in ("base", "head")]

            def restore() -> None:
                for fn in fns:
                    fn()

        pairs = len(client.pairs(e, bodies, seconds, 1, restore).base)
        if restore:
            restore()
        for a in ("base", "head"):  # now, not on the way out: the recordings are read next
            _stop_profiled(apis[a])
        return pairs


RERUN_MARGIN = 5.0  # seconds kept for the decision, the report and the clean-up


def plan_reruns(
    suspects: list[str], took: dict[str, float], elapsed: float, time_limit: float
) -> tuple[list[str], list[str]]:
    """Which borderline benchmarks can be measured again within the time limit, assuming a
    second measurement takes as long as the first; the quickest first, so that the most fit.
    Returns (measured again, left as they are)."""
    chosen, skipped = [], []
    budget = time_limit - elapsed - RERUN_MARGIN
    for name in sorted(suspects, key=lambda n: took.get(n, 0.0)):
        cost = took.get(name, 0.0)
        if cost <= budget:
            chosen.append(name)
            budget -= cost
        else:
            skipped.append(name)
    return [n for n in suspects if n in chosen], [n for n in suspects if n in skipped]


def _decide(
    samples: dict[str, PairSamples],
    statements: dict[str, dict[str, float | None]],
    config: Config,
    settings: AbSettings,
    floors: dict[str, float],
    final: bool = False,
    rerun: list[str] | None = None,
) -> dict[str, dict]:
    estimates = {}
    for name, s in samples.items():
        block = abstats.choose_block(len(s.base), settings.block)
        estimates[name] = abstats.estimate_ratio(s.base, s.head, block)
    significant = abstats.holm_significant({n: r.p_value for n, r in estimates.items()})
    out = {}
    for name, r in estimates.items():
        floor = floors.get(name, DEFAULT_FLOOR)
        timing = abstats.verdict(r, significant[name], config.gate.threshold, floor, final=final)
        verdict, reasons = timing, []
        if timing == abstats.REGRESSION:
            reasons.append(
                f"{r.estimate - 1:+.1%} (95% CI {r.ci_low - 1:+.1%} … {r.ci_high - 1:+.1%})"
            )
        sb, sh = statements[name]["base"], statements[name]["head"]
        if sb is not None and sh is not None and sh > sb + 1e-9:
            verdict = abstats.REGRESSION
            reasons.append(f"statements per request {sb:g} → {sh:g}")
        reason = "; ".join(reasons) or (
            f"{timing}: {r.estimate - 1:+.1%} (95% CI {r.ci_low - 1:+.1%} … {r.ci_high - 1:+.1%})"
        )
        s = samples[name]
        out[name] = {
            "name": name,
            "verdict": verdict,
            "timing_verdict": timing,
            "reason": reason,
            "estimate": r.estimate,
            "ci_low": r.ci_low,
            "ci_high": r.ci_high,
            "p_value": r.p_value,
            "significant_holm": significant[name],
            "noise_floor": floor,
            "pairs": r.pairs,
            "blocks": r.blocks,
            "block_size": r.block_size,
            "rerun": name in (rerun or []),
            "base": summarize(s.base).as_dict(),
            "head": summarize(s.head).as_dict(),
            "statements_per_request": {"base": sb, "head": sh},
        }
    return out


def noise_floors_from(runs: list[Run], minimum: float = 0.01) -> dict[str, float]:
    """Per benchmark, the largest distance by which an A/A run's 95 % CI excluded 1 (or the
    estimate strayed from 1), never under `minimum`: a head whose CI low stays within it
    cannot be told from noise on this machine."""
    floors: dict[str, float] = {}
    for run in runs:
        for c in run.comparisons:
            worst = max(c["ci_low"] - 1, 1 - c["ci_high"], abs(c["estimate"] - 1) / 2, 0.0)
            floors[c["name"]] = max(floors.get(c["name"], minimum), worst)
    return {k: round(v, 4) for k, v in sorted(floors.items())}


def load_ab_limits_from(runs: list[Run], minimum_floor: float = 0.02):
    """The load A/B's limits from A/A runs. Per percentile, the floor is the largest distance by
    which an A/A CI excluded 1, never under the default floor (perf.loadab.stats.DEFAULTS); the
    threshold is at least twice the floor, rounded up to 5 points, never under the default.
    The A/A point estimates do not set the threshold: over 140 endpoint-runs of 60 s (20 A/A
    runs) the P50 estimates strayed up to 55 % (classify, 182 pairs, CI 0.80 … 2.18) while only
    4 CIs of 420 excluded 1 (by at most 11.6 %); "twice the worst estimate" made thresholds of
    115/60/150 %, a gate blind to a lock that costs +37 … +92 %. The CI and Holm's correction
    are what keep A/A runs quiet. The shift of all endpoints (stats.SHIFT) gets 1.5 times its
    largest A/A distance from 1, rounded up to 5 points, never under stats.SHIFT_DEFAULT (its CI
    cannot cover an arm-level difference, see perf.loadab.stats)."""
    import math

    from perf.loadab.stats import DEFAULTS, QUANTILES, Limits

    worst_shift = dict.fromkeys(QUANTILES, 0.0)
    floor = {q: max(minimum_floor, DEFAULTS.floor[q]) for q in QUANTILES}
    for run in runs:
        shift = (run.stages.get("load_ab") or {}).get("shift") or {}
        for q, r in (shift.get("ratios") or {}).items():
            worst_shift[q] = max(worst_shift[q], abs(r["estimate"] - 1))
        for e in (run.stages.get("load_ab") or {}).get("endpoints", []):
            for q, r in (e.get("ratios") or {}).items():
                floor[q] = max(floor[q], r["ci_low"] - 1, 1 - r["ci_high"])
    threshold = {
        q: max(DEFAULTS.threshold[q], math.ceil(2 * floor[q] * 20 - 1e-9) / 20) for q in QUANTILES
    }
    shift = {
        q: max(DEFAULTS.shift[q], math.ceil(1.5 * worst_shift[q] * 20) / 20) for q in QUANTILES
    }
    return Limits(
        threshold={q: round(v, 4) for q, v in threshold.items()},
        floor={q: round(v, 4) for q, v in floor.items()},
        shift={q: round(v, 4) for q, v in shift.items()},
    )


def write_noise_floors(runs: list[Run], path: Path, settings: AbSettings) -> Path:
    from datetime import UTC, datetime

    from perf.fingerprint import comparable_key

    env = runs[0].environment
    doc = {
        "schema": "perfci.noise_floors/1",
        "floors": noise_floors_from(runs),
        "provenance": {
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "runs": len(runs),
            "machine": comparable_key(env),
            "git_sha": env.get("git_sha"),
            "settings": asdict(settings),
        },
        "aa_runs": [
            {
                c["name"]: [round(c["estimate"], 4), round(c["ci_low"], 4), round(c["ci_high"], 4)]
                for c in run.comparisons
            }
            for run in runs
        ],
    }
    if any("load_ab" in run.stages for run in runs):
        doc["load_ab"] = load_ab_section(runs)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, indent=2) + "\n")
    return path


def load_ab_section(runs) -> dict:
    """The floors file's `load_ab`: thresholds, floors and the shift's thresholds from A/A runs
    (anything with `.stages["load_ab"]`), with the A/A figures they came from."""
    limits = load_ab_limits_from(runs)
    return {
        "threshold": limits.threshold,
        "floor": limits.floor,
        "shift": limits.shift,
        "aa_shifts": [
            {
                q: r["estimate"]
                for q, r in ((run.stages.get("load_ab") or {}).get("shift") or {})
                .get("ratios", {})
                .items()
            }
            for run in runs
        ],
        "aa_runs": [
            {
                e["name"]: {
                    q: [r["estimate"], r["ci_low"], r["ci_high"]]
                    for q, r in (e.get("ratios") or {}).items()
                }
                | {"verdict": e["verdict"]}
                for e in (run.stages.get("load_ab") or {}).get("endpoints", [])
            }
            for run in runs
        ],
    }
