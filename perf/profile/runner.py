"""`perfci profile`: a separate profiling pass (never during timed measurements).

1. The stack's database (embedded cluster or --dsn), no API yet.
2. The overhead of py-spy (RPS and P95, with CIs), measured paired (perf/profile/overhead.py):
   a plain API and one under py-spy side by side, each request of the mix sent to both.
3. The pass with the profiler: the API launched as a child of `py-spy record` (a child needs no
   ptrace privilege), pg_stat_statements reset before, read after; Locust drives the scenario
   for D seconds.
4. cProfile of the engines the service names (`[profile] engines`, perf/profile/engines.py),
   called directly on the same database in the service's tree.
5. The bottleneck report: hot functions of the service's own code (the app's top package, or
   the root of a command-started service), slow statements, plan problems when the SQL
   advisor is present, ranked by estimated share of the server's time.

The requests are perf.driver's (payload sources, sampled path parameters, literal bodies) and
so are the headers that authenticate; a login, for a service that has one, is made once per
pass before Locust starts (one request in the samples, none in the timed load).

py-spy options, chosen for an asyncio uvicorn service: `--format speedscope` (one recording
gives the speedscope file, the collapsed stacks and the flame graph); `--function` (frames
aggregated per function, not per line: one box per function in the graph); no `--idle` (an
idle event loop is `epoll_wait`, which says nothing about requests; time spent waiting for
PostgreSQL is measured by pg_stat_statements instead); no `--subprocesses` (uvicorn without
--workers does not fork); `--nonblocking` at 100 Hz by default: blocking sampling pauses the
API at every sample, which cost it +8.6 % P95 measured paired (docs/bottlenecks.md), while
`--nonblocking` measured within ±5 % at the same rate. `nonblocking = false` in [profile]
(`perfci profile --blocking`) restores consistent stacks, and `rate` lowers the rate.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from urllib.parse import urlencode

import asyncpg
import httpx

from perf import driver, pgtools
from perf.config import Config, did_you_mean
from perf.errors import EnvironmentFailure, UsageError
from perf.fingerprint import environment
from perf.profile import stacks
from perf.progress import Progress
from perf.results import Run, merge_into
from perf.service import Service
from perf.stack import ApiProcess, DataSpec, Stack, free_port, log_tail, spawn, stop_process
from perf.stats import summarize

LOCUSTFILE = Path(__file__).with_name("locustfile.py")
PROFILE_KEY = "perfci-profile-key"


@dataclass(frozen=True)
class ProfileSettings:
    duration: float = 30.0  # seconds of load per pass
    users: int = 4  # closed-loop Locust users
    rate: int = 100  # py-spy samples per second
    # py-spy --nonblocking: read the stacks without pausing the API (a stack read while it
    # changes may be torn). Measured paired at 100 Hz, blocking cost the API +8.6 % P95
    # (+5.0 … +12.8 %) and -5.9 % RPS; nonblocking -0.3 % P95 (-3.4 … +2.4 %), +1.8 % RPS
    # (docs/bottlenecks.md), so nonblocking is the default.
    nonblocking: bool = True
    scenario: str = "mixed"  # "mixed" (every non-mutating endpoint) or endpoint names
    # the service's own code, whose frames are attributed to handlers: a top package's name or
    # a directory ("src/shop", relative to the service root; default: the app's top package,
    # or the root of a command-started service)
    package: str = ""
    # `module:callable` in the service's tree returning engine targets for cProfile
    # (perf/profile/engine_step.py); "" = no cProfile of engines
    engines: str = ""
    overhead: bool = True  # measure py-spy's overhead (paired) before the profiled pass
    # seconds of the paired overhead measurement; 0 = `duration`. Its CI narrows with the
    # square root of the pairs: 30 s gave about ±10 % on RPS, ±16 % on P95 (docs/bottlenecks.md)
    overhead_seconds: float = 0.0
    seed: int = 7


KIND_NAMES = {int: "an integer", float: "a number", bool: "true or false", str: "a string"}


def default_package(service: Service) -> str:
    """The service's own code: the top package of its ASGI app (`app.main:app` → `app`), or,
    for a service started by a command, its root directory."""
    if service.app:
        return service.app.split(":", 1)[0].split(".", 1)[0]
    return str(service.root)


def load_settings(config: Config, **overrides) -> ProfileSettings:
    """The [profile] table of the config file, then the command line's overrides."""
    where = f"{config.path}: [profile]"
    raw = config.raw.get("profile", {})
    if not isinstance(raw, dict):
        raise UsageError(f"{where} must be a table")
    types = {f.name: type(f.default) for f in fields(ProfileSettings)}
    for key, value in raw.items():
        if key not in types:
            hint = did_you_mean(key, types) or f"; known: {', '.join(types)}"
            raise UsageError(f"{where}: unknown key {key!r}{hint}")
        kind = types[key]
        ok = isinstance(value, int | float) if kind is float else isinstance(value, kind)
        if isinstance(value, bool) and kind is not bool or not ok:
            raise UsageError(f"{where}.{key}: {value!r} is not {KIND_NAMES[kind]}")
    values = {**raw, **{k: v for k, v in overrides.items() if v is not None}}
    settings = ProfileSettings(**values)
    if not settings.package:
        settings = replace(settings, package=default_package(config.service))
    elif "/" in settings.package:  # a directory, relative to the service root
        settings = replace(
            settings, package=str((config.service.root / settings.package).resolve())
        )
    if settings.duration <= 0 or settings.users < 1 or settings.rate < 1:
        raise UsageError(f"{where}: duration, users and rate must be positive")
    if settings.overhead_seconds < 0:
        raise UsageError(f"{where}.overhead_seconds must be 0 (= duration) or positive")
    scenario_endpoints(config, settings.scenario)  # a typo fails before the stack starts
    return settings


def pyspy_binary() -> str:
    found = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if not Path(found).exists():
        raise EnvironmentFailure("py-spy is not installed: pip install py-spy")
    return found


def pyspy_wrapper(output: Path, rate: int, nonblocking: bool = False) -> list[str]:
    return [
        pyspy_binary(),
        "record",
        "--format",
        "speedscope",
        "--output",
        str(output),
        "--rate",
        str(rate),
        "--function",
        *(["--nonblocking"] if nonblocking else []),
        "--",
    ]


# --------------------------------------------------------------------------- load


def scenario_endpoints(config: Config, scenario: str) -> list:
    """'mixed': every endpoint that does not need its tables restored and has a weight;
    otherwise the named endpoints."""
    if scenario == "mixed":
        chosen = [e for e in config.endpoints if not e.restore and e.weight > 0]
        if not chosen:
            raise UsageError(
                f"profile: {config.path} has no endpoint for the 'mixed' scenario (all restore "
                "tables or weigh 0); name endpoints with --scenario"
            )
        return chosen
    names = scenario.split(",")
    unknown = [n for n in names if n not in {e.name for e in config.endpoints}]
    if unknown:
        raise UsageError(
            f"profile: unknown scenario or endpoint {', '.join(unknown)}; use 'mixed' or "
            f"endpoint names from {config.path}: {', '.join(e.name for e in config.endpoints)}"
        )
    return [config.endpoint(n) for n in names]


def endpoint_plan(config: Config, dsn: str, scenario: str, seed: int) -> dict:
    """The requests Locust sends: the scenario's endpoints with their requests drawn from the
    seeded data by perf.driver (the one endpoint driver of every stage)."""
    chosen = scenario_endpoints(config, scenario)

    async def resolve(conn: asyncpg.Connection) -> list[dict]:
        out = []
        for e in chosen:
            try:
                requests = await driver.requests_for(config, e, conn)
            except driver.InvalidResponse as exc:
                raise UsageError(f"{config.path}: {exc}") from None
            out.append(
                {
                    "name": e.name,
                    "weight": e.weight or 1,  # named explicitly: run even with weight 0
                    "expect_status": e.expect_status,
                    "requests": [_locust_request(r) for r in requests],
                }
            )
        return out

    return {"endpoints": asyncio.run(_db(dsn, resolve)), "headers": {}, "seed": seed}


def _locust_request(r: driver.Request) -> dict:
    kwargs = r.kwargs()
    url = r.path + ("?" + urlencode(kwargs["params"]) if kwargs.get("params") else "")
    body = {"json": kwargs["json"]} if "json" in kwargs else {}
    return {"method": r.method, "url": url, **body}


def login_headers(config: Config, base_url: str) -> dict[str, str]:
    """The headers that authenticate the profile's client against the running API (a login
    request, for a service that has one: once per pass, before the load)."""
    with httpx.Client(base_url=base_url, timeout=60) as client:
        return driver.auth_headers(config.service.auth, PROFILE_KEY, driver.sync_login(client))


def run_locust(base_url: str, plan: Path, users: int, duration: float, out: Path, tag: str) -> dict:
    """Locust headless against base_url for `duration` s; exact latencies from its hook."""
    samples = out / f"latencies-{tag}.txt"
    samples.unlink(missing_ok=True)
    log = out / f"locust-{tag}.log"
    env = {
        **os.environ,
        "PERFCI_PROFILE_PLAN": str(plan),
        "PERFCI_PROFILE_SAMPLES": str(samples),
    }
    cmd = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(LOCUSTFILE),
        "--headless",
        "--users",
        str(users),
        "--spawn-rate",
        str(users),
        "--run-time",
        f"{max(1, round(duration))}s",
        "--host",
        base_url,
        "--csv",
        str(out / f"locust-{tag}"),
        "--only-summary",
        "--stop-timeout",
        "5",
        "--loglevel",
        "WARNING",
    ]
    proc = spawn(cmd, log, signal.SIGTERM, env=env)
    started = time.perf_counter()
    try:
        proc.wait(timeout=duration + 90)
    except subprocess.TimeoutExpired:
        raise EnvironmentFailure(f"Locust did not stop; log {log}:\n{log_tail(log)}") from None
    finally:
        stop_process(proc, signal.SIGTERM)
    wall = time.perf_counter() - started
    if proc.returncode not in (0, 1) or not samples.exists():
        raise EnvironmentFailure(
            f"Locust failed (exit {proc.returncode}); log {log}:\n{log_tail(log)}"
        )
    latencies = [float(x) for x in samples.read_text().split()]
    if not latencies:
        raise EnvironmentFailure(f"Locust recorded no successful request; log {log}")
    failures = _locust_failures(out / f"locust-{tag}_stats.csv")
    s = summarize(latencies)
    return {
        "latencies": latencies,
        "requests": len(latencies),
        "failures": failures,
        "rps": round(len(latencies) / duration, 2),
        "p50": s.p50,
        "p95": s.p95,
        "p99": s.p99,
        "wall_seconds": round(wall, 1),
    }


def _locust_failures(stats_csv: Path) -> int:
    import csv

    if not stats_csv.exists():
        return 0
    with open(stats_csv, newline="") as fh:
        for row in csv.DictReader(fh):
            if row.get("Name") == "Aggregated":
                return int(row.get("Failure Count") or 0)
    return 0


# --------------------------------------------------------------------------- the bottleneck report

LIBRARY_ADVICE = {
    "numpy": "vectorised work over many rows on every request: precompute or cache the matrix "
    "(or the result), or let PostgreSQL narrow the rows first",
    "asyncpg": "decoding result rows: fetch fewer rows or columns (aggregate in SQL)",
    "pydantic": "validation/serialisation of large responses: return fewer objects or fields",
    "json": "JSON encoding of large payloads: return less, or a faster encoder",
    "fastapi": "response serialisation in FastAPI: return fewer or smaller objects",
    "starlette": "framework overhead per request; significant only for trivial endpoints",
    "re": "regular expressions in a loop: precompile or tokenize once",
    "zlib": "hashing in a loop (e.g. the embedder): cache the result per input",
}


def _library_of(frame: stacks.Frame) -> str:
    if frame.file.startswith("<"):
        return "generated code (e.g. asyncpg record access)"
    short = stacks.shorten(frame.file)
    return short.split("/", 1)[0].removesuffix(".py") if "/" in short else short.removesuffix(".py")


def cpu_breakdown(samples: stacks.Samples, package: str) -> dict[str, dict[str, int]]:
    """Per own-code function (innermost own frame): samples by where they were spent — itself
    ('self') or the library module of the first frame below it."""
    out: dict[str, dict[str, int]] = {}
    for stack, count in samples.stacks.items():
        frames = [samples.frames[i] for i in stack]
        own = [i for i, f in enumerate(frames) if stacks.is_own(f, package)]
        if not own:
            continue
        k = own[-1]
        where = "self" if k == len(frames) - 1 else _library_of(frames[k + 1])
        d = out.setdefault(frames[k].label, {})
        d[where] = d.get(where, 0) + count
    return out


FRAMEWORK = ("fastapi/", "starlette/")


def entry_points(samples: stacks.Samples, package: str) -> dict[str, int]:
    """Samples per endpoint function: the first own-code frame after the framework's last
    frame in the stack (middleware of the service's own sits above the routing, not below)."""
    out: dict[str, int] = {}
    for stack, count in samples.stacks.items():
        frames = [samples.frames[i] for i in stack]
        last_fw = max(
            (i for i, f in enumerate(frames) if stacks.shorten(f.file).startswith(FRAMEWORK)),
            default=-1,
        )
        if last_fw < 0:
            continue
        for f in frames[last_fw + 1 :]:
            if stacks.is_own(f, package):
                out[f.label] = out.get(f.label, 0) + count
                break
        else:
            out["(framework)"] = out.get("(framework)", 0) + count
    return dict(sorted(out.items(), key=lambda kv: -kv[1]))


def statement_advice(s: dict, requests: int, advice: list[dict]) -> str:
    per_request = s["calls"] / max(requests, 1)
    blocks = (s["shared_blks_hit"] + s["shared_blks_read"]) / max(s["calls"], 1)
    matches = [a for a in advice if a.get("table") and a["table"] in s["query"]]
    if matches:
        a = matches[0]
        return f"index advisor: {a.get('statement') or a.get('create_index') or a}"
    rows_per_call = s.get("rows", 0) / max(s["calls"], 1)
    if s["mean_ms"] >= 10 and rows_per_call >= 1000:
        return (
            f"returns {rows_per_call:,.0f} rows per call (mean {s['mean_ms']:.0f} ms): the cost is "
            "moving rows to the service; filter, rank or aggregate in SQL (an index that "
            "answers the question), or keep the data in the service between requests"
        )
    if s["mean_ms"] >= 10:
        return (
            f"slow per call (mean {s['mean_ms']:.0f} ms, {blocks:,.0f} buffers): look at its plan "
            "(perfci sql --advise); an index on its predicate or expression, or a precomputed "
            "column, would cut it"
        )
    if per_request >= 5:
        return (
            f"runs {per_request:.1f} times per request (N+1): fetch or update all rows in one "
            "set-based statement"
        )
    if blocks >= 1000:
        return (
            f"touches {blocks:,.0f} buffers per call: look at its plan (perfci sql --advise); an "
            "index on its predicate or a precomputed column would cut it"
        )
    return "frequent and cheap: batch it with its neighbours or cache the result"


def rank_bottlenecks(
    samples: stacks.Samples,
    hot: list[stacks.HotFunction],
    statements: list[dict],
    db_total_ms: float,
    requests: int,
    package: str,
    advice: list[dict] | None = None,
    limit: int = 10,
) -> list[dict]:
    """One list over CPU (own code, with what it calls) and SQL, by estimated share of the
    server's time: sampled Python time + PostgreSQL execution time in the same window."""
    cpu_seconds = samples.total * samples.interval
    busy = cpu_seconds + db_total_ms / 1000.0
    if busy <= 0:
        return []
    breakdown = cpu_breakdown(samples, package)
    own = stacks.own_code_name(package)
    items = []
    for h in hot:
        if not h.own_code or h.attributed_samples == 0:
            continue
        seconds = h.attributed_samples * samples.interval
        parts = sorted(breakdown.get(h.function, {}).items(), key=lambda kv: -kv[1])
        top_where, top_n = parts[0] if parts else ("self", h.attributed_samples)
        split = ", ".join(f"{w} {100 * n / h.attributed_samples:.0f} %" for w, n in parts[:3])
        if top_where == "self":
            rec = (
                "time on its own lines (py-spy without --native also counts C code run by an "
                "operator there, e.g. a NumPy matrix product): do less per request: fewer rows, "
                "a sparse or indexed algorithm, or a cached result"
            )
        else:
            rec = LIBRARY_ADVICE.get(top_where, f"most of its time is in {top_where}")
        items.append(
            {
                "kind": "cpu",
                "where": h.function,
                "share": round(seconds / busy, 4),
                "ms_per_request": round(1000 * seconds / max(requests, 1), 3),
                "evidence": (
                    f"{h.attributed_samples} of {samples.total} samples "
                    f"({100 * h.attributed_samples / max(samples.total, 1):.1f} % of the API's "
                    f"Python time) with it as the innermost {own} frame; spent in: {split}"
                ),
                "recommendation": rec,
            }
        )
    for s in statements:
        seconds = s["total_ms"] / 1000.0
        items.append(
            {
                "kind": "sql",
                "where": s["query"][:300],
                "share": round(seconds / busy, 4),
                "ms_per_request": round(s["total_ms"] / max(requests, 1), 3),
                "evidence": (
                    f"{s['calls']} calls, mean {s['mean_ms']:.2f} ms, max {s['max_ms']:.1f} ms, "
                    f"{s['rows']} rows, {s['shared_blks_hit'] + s['shared_blks_read']:,} buffers"
                ),
                "recommendation": statement_advice(s, requests, advice or []),
            }
        )
    items.sort(key=lambda i: -i["share"])
    for rank, item in enumerate(items[:limit], start=1):
        item["rank"] = rank
    return items[:limit]


# --------------------------------------------------------------------------- the pass


async def _db(dsn: str, fn):
    conn = await asyncpg.connect(dsn)
    try:
        return await fn(conn)
    finally:
        await conn.close()


async def _db_total_ms(conn: asyncpg.Connection) -> float:
    return float(
        await conn.fetchval(
            """SELECT coalesce(sum(s.total_exec_time), 0)
               FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
               WHERE d.datname = current_database()
                 AND s.query NOT ILIKE '%pg_stat_statements%'"""
        )
    )


def _paired_overhead(config, settings, info, out: Path, plan: dict, progress) -> dict:
    """py-spy's cost to the service, paired (perf/profile/overhead.py): a plain API and one
    under py-spy with this pass's settings, the same requests to both."""
    from perf.profile import overhead

    scratch = out / "overhead-pyspy.speedscope.json"

    def start_api(profiled: bool) -> ApiProcess:
        tag = "profiled" if profiled else "plain"
        api = ApiProcess(
            service=config.service,
            dsn=info.dsn,
            port=free_port(),
            logfile=out / f"api-overhead-{tag}.log",
            api_keys=[PROFILE_KEY],
            wrapper=pyspy_wrapper(scratch, settings.rate, settings.nonblocking) if profiled else [],
        )
        api.start(timeout=120)
        return api

    seconds = settings.overhead_seconds or settings.duration
    with progress.step(
        f"overhead: {settings.users} users, each request to a plain API and one under py-spy, "
        f"for {seconds:.0f} s"
    ):
        try:
            result = overhead.measure(
                start_api,
                plan,
                settings.users,
                seconds,
                settings.seed,
                lambda url: login_headers(config, url),
            )
        finally:
            scratch.unlink(missing_ok=True)
    result["rate"] = settings.rate
    result["nonblocking"] = settings.nonblocking
    return result


def _advisor_findings(run_dir: Path) -> list[dict]:
    """Index advice from `perfci sql --advise` in the same run directory, when present."""
    path = run_dir / "run.json"
    if not path.exists():
        return []
    with contextlib.suppress(ValueError, KeyError, TypeError):
        sql = json.loads(path.read_text()).get("stages", {}).get("sql", {})
        return list(sql.get("recommendations", []))
    return []


def run_profile(
    config: Config,
    settings: ProfileSettings,
    out: Path,
    dsn: str | None = None,
    profile: str | None = None,
    progress: Progress | None = None,
) -> Run:
    progress = progress or Progress()
    started = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    advice = _advisor_findings(out)
    config = config.with_profile(profile)
    spec = DataSpec(config.service, config.profile, seed=42)
    with Stack(spec, dsn=dsn, start_api=False, progress=progress) as info:
        plan = endpoint_plan(config, info.dsn, settings.scenario, settings.seed)
        plan_path = out / "profile-plan.json"
        passes: dict[str, dict] = {}

        def one_pass(tag: str, wrapper: list[str]) -> dict:
            api = ApiProcess(
                service=config.service,
                dsn=info.dsn,
                port=free_port(),
                logfile=out / f"api-{tag}.log",
                api_keys=[PROFILE_KEY],
                wrapper=wrapper,
            )
            try:
                api.start(timeout=120)
                plan["headers"] = login_headers(config, api.base_url)
                plan_path.write_text(json.dumps(plan))
                with progress.step(
                    f"{tag}: {settings.users} Locust users for {settings.duration:.0f} s"
                ):
                    return run_locust(
                        api.base_url, plan_path, settings.users, settings.duration, out, tag
                    )
            finally:
                api.stop()

        overhead: dict = {}
        if settings.overhead:
            overhead = _paired_overhead(config, settings, info, out, plan, progress)
        speedscope = out / "profile.speedscope.json"
        speedscope.unlink(missing_ok=True)
        asyncio.run(_db(info.dsn, pgtools.reset_statements))
        passes["with_profiler"] = one_pass(
            "with-profiler", pyspy_wrapper(speedscope, settings.rate, settings.nonblocking)
        )
        statements = asyncio.run(_db(info.dsn, lambda c: pgtools.top_statements(c, 15)))
        db_total_ms = asyncio.run(_db(info.dsn, _db_total_ms))
        if not speedscope.exists():
            raise EnvironmentFailure(
                f"py-spy wrote no profile; log {out / 'api-with-profiler.log'}:\n"
                f"{log_tail(out / 'api-with-profiler.log')}"
            )
        data = stacks.normalize_speedscope(speedscope)
        samples = stacks.from_speedscope(data)
        stacks.write_collapsed(samples, out / "profile.collapsed.txt")
        served = config.service.app or config.service.command
        title = f"{served} under Locust ({settings.scenario}, {settings.users} users)"
        (out / "flamegraph.svg").write_text(stacks.flamegraph_svg(samples, title, settings.package))
        hot = stacks.hot_functions(samples, settings.package)

        engines = []
        if settings.engines:
            from perf.profile.engines import profile_engines

            with progress.step("cProfile of the engines"):
                env = {**os.environ, **config.service.environment(info.dsn, api_key=PROFILE_KEY)}
                where = f"{config.path}: [profile] engines"
                engines = profile_engines(
                    config.service, settings.engines, info.dsn, env, out, where
                )

    for p in passes.values():
        p.pop("latencies", None)
    requests = passes["with_profiler"]["requests"]
    bottlenecks = rank_bottlenecks(
        samples, hot, statements, db_total_ms, requests, settings.package, advice
    )
    interval = samples.interval
    run = Run(
        kind="profile",
        environment=environment(info.postgres_version),
        config={"path": str(config.path), "profile": spec.profile, "settings": asdict(settings)},
    )
    run.stages["profile"] = {
        "settings": asdict(settings),
        "passes": passes,
        "overhead": overhead,
        "samples": samples.total,
        "startup_samples_dropped": samples.startup,
        "sample_interval": interval,
        "python_seconds": round(samples.total * interval, 3),
        "db_seconds": round(db_total_ms / 1000, 3),
        "entry_points": {
            k: round(v / max(samples.total, 1), 4)
            for k, v in entry_points(samples, settings.package).items()
        },
        "hot_functions": [h.as_dict(samples.total, interval) for h in hot[:30]],
        "top_statements": statements,
        "bottlenecks": bottlenecks,
        "engines": engines,
        "files": {
            "flamegraph": "flamegraph.svg",
            "speedscope": "profile.speedscope.json",
            "collapsed": "profile.collapsed.txt",
            "cprofile": [e["prof"] for e in engines],
        },
    }
    run.artifacts.update({"flamegraph": "flamegraph.svg", "speedscope": "profile.speedscope.json"})
    run.wall_seconds = time.perf_counter() - started
    merge_into(out, run)
    return run
