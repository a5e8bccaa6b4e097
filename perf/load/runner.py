"""`perfci load`: run load scenarios with Locust against the stack and record the results.

For each scenario: a database fresh from the seeded template when the scenario mutates data
(or for the first one) with the API restarted on it (the service's env, `[load] env` over it,
one API key per simulated user in `{api_keys}`), the plan file (the generic user's requests
drawn by perf.driver and the service users' data drawn by `[load] data`, both from the seeded
database; the keys, the service's auth, the user modules and classes, the shape), Locust
headless as a subprocess (`--processes N` for Locust's own master/worker mode), resources
sampled meanwhile; then exact percentiles from the recorded requests, the gates, and Locust's
HTML and CSV beside run.json.

`run_load(...)` is the entry point for the CLI and for pipelines (the PR job runs the `smoke`
scenario). It merges `stages["load"]` and the gate verdicts into `out/run.json`, returns the
Run, and raises EnvironmentFailure (exit 3) after writing when Locust raised its CPU warning
in any scenario: that measurement is invalid, neither a pass nor a fail.
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
from dataclasses import asdict, dataclass
from pathlib import Path

import asyncpg
import httpx

from perf.config import Config
from perf.driver import InvalidResponse, requests_for
from perf.errors import EnvironmentFailure, UsageError
from perf.fingerprint import environment
from perf.load import gates as gates_mod
from perf.load import samples as S
from perf.load.catalog import check_user_classes, python_path
from perf.load.matrix import LoadConfig, Scenario, load_matrix
from perf.load.resources import ResourceSampler, pool_gauges
from perf.progress import Progress
from perf.results import Run, Verdict, merge_into
from perf.service import fill, import_object
from perf.stack import (
    ApiProcess,
    DataSpec,
    Stack,
    create_from_template,
    drop_database,
    free_port,
    log_tail,
    new_run_database_name,
    spawn,
)

LOCUSTFILE = Path(__file__).with_name("locustfile.py")
LATEST_HTML = Path("reports/load_test_results.html")
KEY_PREFIX = "perfci-load-"


def api_keys(count: int) -> list[str]:
    return [f"{KEY_PREFIX}{i:04d}" for i in range(count)]


def select_scenarios(
    lc: LoadConfig,
    names: list[str] | None,
    matrix: bool,
    exclude: list[str] | None = None,
) -> list[Scenario]:
    """The named scenarios (in the order given), or the matrix (config order), minus `exclude`."""
    if names and matrix:
        raise UsageError("give either --scenario NAME... or --matrix, not both")
    if not names and not matrix:
        raise UsageError("nothing to run: give --scenario NAME... or --matrix")
    chosen = [lc.get(n) for n in names] if names else lc.matrix
    for n in exclude or []:
        lc.get(n)  # an unknown name is a usage error
    chosen = [s for s in chosen if s.name not in set(exclude or [])]
    if not chosen:
        raise UsageError("every selected scenario was excluded")
    return chosen


# --------------------------------------------------------------------------- request data


async def draw_requests(config: Config, names: set[str], dsn: str) -> dict[str, list[dict]]:
    """The generic user's requests of the named endpoints, drawn from the seeded database by
    the endpoint driver (payload source, sampled rows or the literal body)."""
    conn = await asyncpg.connect(dsn)
    try:
        out = {}
        for endpoint in config.endpoints:
            if endpoint.name in names:
                try:
                    requests = await requests_for(config, endpoint, conn)
                except InvalidResponse as exc:
                    raise EnvironmentFailure(f"no requests for the load: {exc}") from None
                out[endpoint.name] = [asdict(r) for r in requests]
        return out
    finally:
        await conn.close()


def data_source(config: Config, spec: str):
    """The `[load] data` function ('module:function', importable from the service root)."""
    root = str(config.service.root)
    if root not in sys.path:  # it lives with the service, like the plugin
        sys.path.insert(0, root)
    try:
        fn = import_object(spec)
    except UsageError as exc:
        raise UsageError(f"{config.path}: load.data: {exc}") from None
    if not callable(fn):
        raise UsageError(f"{config.path}: load.data: {spec!r} is not a function")
    return fn


async def draw_data(config: Config, spec: str | None, dsn: str) -> dict:
    """The service users' request data: what `[load] data` returns on the seeded database."""
    if not spec:
        return {}
    fn = data_source(config, spec)
    conn = await asyncpg.connect(dsn)
    try:
        data = await fn(conn)
    except (asyncpg.PostgresError, RuntimeError, ValueError, LookupError) as exc:
        raise EnvironmentFailure(f"{config.path}: load.data {spec} failed: {exc}") from None
    finally:
        await conn.close()
    if not isinstance(data, dict):
        raise UsageError(f"{config.path}: load.data: {spec} returned {type(data).__name__}, "
                         "not a dict")  # fmt: skip
    try:
        json.dumps(data)
    except (TypeError, ValueError) as exc:
        raise UsageError(f"{config.path}: load.data: {spec} returned data that is not "
                         f"JSON: {exc}") from None  # fmt: skip
    return data


def endpoint_plan(config: Config, scenario: Scenario) -> list[dict]:
    """What the generic user sends in this scenario: name, weight (at least 1 for an endpoint
    named explicitly) and the status of a valid response."""
    out = []
    for name in scenario.endpoints:
        e = config.endpoint(name)
        out.append({"name": name, "weight": max(e.weight, 1), "expect_status": e.expect_status})
    return out


def load_env(config: Config, lc: LoadConfig, dsn: str, port: int, keys: list[str]) -> dict:
    """`[load] env` with the service's placeholders filled in (over the service's env)."""
    values = config.service.values(dsn, port=port, api_keys=keys)
    return {k: fill(v, values, f"{config.path}: load.env.{k}") for k, v in lc.settings.env.items()}


# --------------------------------------------------------------------------- locust


def _stop_group(proc: subprocess.Popen, timeout: float = 20.0) -> None:
    """Stop Locust and its forked workers (one process group: spawn() starts a session)."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=timeout)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=10)


def locust_command(
    scenario: Scenario, base_url: str, sdir: Path, stop_timeout: float, distribution
) -> list[str]:
    cmd = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(LOCUSTFILE),
        "--headless",
        "--host",
        base_url,
        "--csv",
        str(sdir / "locust"),
        "--html",
        str(sdir / "locust.html"),
        "--only-summary",
        "--stop-timeout",
        f"{stop_timeout:g}",
        "--exit-code-on-error",
        "0",
        "--loglevel",
        "INFO",
    ]
    return cmd + distribution.locust_args() + sorted(scenario.user_classes)


def locust_aggregated(stats_csv: Path) -> dict:
    """Locust's own totals (the Aggregated row of its stats CSV)."""
    import csv

    if not stats_csv.exists():
        return {}
    with open(stats_csv, newline="") as fh:
        for row in csv.DictReader(fh):
            if row.get("Name") == "Aggregated":
                return {
                    "requests": int(row["Request Count"]),
                    "failures": int(row["Failure Count"]),
                    "p95": float(row["95%"]) / 1000
                    if row.get("95%") not in (None, "N/A")
                    else None,
                }
    return {}


# --------------------------------------------------------------------------- one scenario


def _endpoints(samples: list[S.Sample], unfinished: list[S.Sample], duration: float) -> list:
    """Per endpoint, with the requests cut off at the end (also endpoints with only those)."""
    by_name = {e["name"]: e for e in S.per_endpoint(samples, duration)}
    for u in unfinished:
        by_name.setdefault(u.name, {"name": u.name, **S.summarize_group([], duration)})
    return [
        {**e, "unfinished": sum(1 for u in unfinished if u.name == e["name"])}
        for _, e in sorted(by_name.items())
    ]


def _api_alive(api, health: str) -> bool:
    """No crash: our server is still running (a saturated server may take minutes to drain
    the requests abandoned at the end, so its health check can lag; that is not a crash). A
    `--target` API has no process of ours: it must answer its health path within 30 s."""
    if isinstance(api, ApiProcess):
        return api.proc is not None and api.proc.poll() is None
    try:
        return httpx.get(f"{api.base_url}{health}", timeout=30).status_code == 200
    except httpx.HTTPError:
        return False


def run_scenario(
    scenario: Scenario,
    api,
    db_pid: int | None,
    plan_base: dict,
    out: Path,
    config: Config,
    lc: LoadConfig,
    distribution: Distribution,
    progress: Progress,
) -> dict:
    rel = Path("load") / scenario.name
    sdir = out / rel
    shutil.rmtree(sdir, ignore_errors=True)
    (sdir / "samples").mkdir(parents=True)
    shape = scenario.shape()
    plan = {
        **plan_base,
        "scenario": scenario.name,
        "user_classes": scenario.user_classes,
        "endpoints": endpoint_plan(config, scenario),
        "shape": {"kind": scenario.kind, "params": scenario.params},
        "samples_dir": str((sdir / "samples").resolve()),
        "processes": distribution.workers,
    }
    plan_path = sdir / "plan.json"
    plan_path.write_text(json.dumps(plan))
    env = {
        **os.environ,
        "PERFCI_LOAD_PLAN": str(plan_path.resolve()),
        "PYTHONPATH": python_path(config.service.root),
        "PERFCI_DIE_WITH_PARENT": "1",  # its forked workers too (perf/load/common.py)
    }
    log = sdir / "locust.log"
    cmd = locust_command(scenario, api.base_url, sdir, lc.settings.stop_timeout, distribution)
    budget = shape.total_seconds + lc.settings.stop_timeout + 90
    if distribution.expect_workers:
        budget += distribution.worker_wait
        progress.line(
            f"  waiting for {distribution.expect_workers} Locust worker(s) on port "
            f"{distribution.bind_port}; on each worker machine, with a copy of {plan_path} and "
            f"a route to {api.base_url}:\n    PERFCI_LOAD_PLAN=plan.json locust -f "
            f"perf/load/locustfile.py --worker --master-host <this host> --master-port "
            f"{distribution.bind_port}"
        )
    started = time.time()
    proc = spawn(cmd, log, signal.SIGTERM, env=env)
    gauges = pool_gauges(config.service.pool_metrics)
    metrics_path = config.service.pool_metrics.get("path", "/metrics")
    sampler = ResourceSampler(
        api_pid=api.server_pid(), db_pid=db_pid, metrics_url=f"{api.base_url}{metrics_path}",
        locust_pid=proc.pid, pool_gauges=gauges,
    ).start()  # fmt: skip
    try:
        try:
            proc.wait(timeout=budget)
        except subprocess.TimeoutExpired:
            raise EnvironmentFailure(
                f"Locust did not end scenario {scenario.name} within {budget:.0f} s; "
                f"log {log}:\n{log_tail(log)}"
            ) from None
    finally:
        resources = sampler.stop()
        _stop_group(proc)
    wall = time.time() - started
    status_path = sdir / "samples" / "status.json"
    if proc.returncode != 0 or not status_path.exists():
        raise EnvironmentFailure(
            f"Locust failed in scenario {scenario.name} (exit {proc.returncode}); "
            f"log {log}:\n{log_tail(log)}"
        )
    status = json.loads(status_path.read_text())
    samples, unfinished = S.split_unfinished(S.read_samples(sdir / "samples"))
    users = S.read_users(sdir / "samples" / "users.tsv")
    start_file = sdir / "samples" / "start.txt"
    t0 = float(start_file.read_text()) if start_file.exists() else started
    duration = shape.total_seconds
    result = {
        "name": scenario.name,
        "shape": scenario.kind,
        "users": shape.peak,
        "duration_s": round(duration, 1),
        "user_classes": scenario.user_classes,
        **S.summarize_group(samples, duration),
        "unfinished": len(unfinished),
        "endpoints": _endpoints(samples, unfinished, duration),
        "timeseries": S.timeseries(samples, t0, users, duration),
        "resources": resources,
        "api_alive": 1.0 if _api_alive(api, config.service.health) else 0.0,
        "cpu_warning": bool(status["cpu_warning"] or status["worker_cpu_warning"]),
        "locust": {
            "requests": status.get("locust_requests"),
            "failures": status.get("locust_failures"),
            "csv": locust_aggregated(sdir / "locust_stats.csv"),
        },
        "locust_html": str(rel / "locust.html"),
        "locust_csv_prefix": str(rel / "locust"),
        "wall_seconds": round(wall, 1),
    }
    if scenario.kind == "spike":
        result["spike"] = S.spike_analysis(samples, t0, shape.phases())
        result["spike"]["phases"] = shape.phases()
    if scenario.kind == "soak":
        result["p95_trend"] = S.p95_trend(samples, t0, duration)
    gates = list(scenario.gates)
    if not any(g.metric == "api_alive" for g in gates):
        gates.append(gates_mod.parse_gate("api_alive == 1"))
    result["gates"] = gates_mod.evaluate(gates, result)
    result["passed"] = all(g["passed"] is not False for g in result["gates"])
    return result


# --------------------------------------------------------------------------- the run


class _Databases:
    """Run databases copied from the template, one per reset; dropped at the end."""

    def __init__(self, stack: Stack) -> None:
        self.stack = stack
        self.created: list[str] = []

    def fresh(self) -> str:
        assert self.stack.server is not None and self.stack.info is not None
        name = new_run_database_name(self.stack.spec.profile)
        asyncio.run(create_from_template(self.stack.server, self.stack.info.template, name))
        self.created.append(name)
        return self.stack.server.dsn_for(name)

    def drop_all(self) -> None:
        for name in self.created:
            with contextlib.suppress(OSError, asyncpg.PostgresError, asyncio.TimeoutError):
                asyncio.run(drop_database(self.stack.server, name))
        self.created.clear()


@dataclass
class Target:
    """An API that is already running (`--target URL`): nothing to start, reset or stop."""

    base_url: str
    dsn: str
    proc: None = None

    def server_pid(self) -> None:
        return None

    def stop(self) -> None:
        pass


@dataclass(frozen=True)
class Distribution:
    """Where Locust's users run: `processes` local processes, or a master waiting for
    `expect_workers` workers (other machines) on bind_host:bind_port."""

    processes: int = 1
    expect_workers: int = 0
    bind_host: str = "*"
    bind_port: int = 5557
    worker_wait: float = 600.0  # seconds the master waits for remote workers

    @property
    def workers(self) -> int:
        return self.expect_workers or self.processes

    def locust_args(self) -> list[str]:
        if self.expect_workers:
            return [
                "--master",
                "--expect-workers",
                str(self.expect_workers),
                "--expect-workers-max-wait",
                f"{self.worker_wait:g}",
                "--master-bind-host",
                self.bind_host,
                "--master-bind-port",
                str(self.bind_port),
            ]
        return ["--processes", str(self.processes)] if self.processes > 1 else []


def _errored(scenario: Scenario, message: str) -> dict:
    """A scenario that could not be measured (exit 3), in the shape of a result."""
    return {
        "name": scenario.name,
        "shape": scenario.kind,
        "users": scenario.users,
        "duration_s": round(scenario.duration_s, 1),
        "requests": 0,
        "failures": 0,
        "expected_409": 0,
        "unfinished": 0,
        "error_rate": None,
        "rps": None,
        "p50": None,
        "p95": None,
        "p99": None,
        "endpoints": [],
        "timeseries": [],
        "resources": {},
        "gates": [],
        "passed": False,
        "cpu_warning": False,
        "error": message,
        "locust_html": None,
        "locust_csv_prefix": None,
    }


def run_load(
    config: Config,
    scenarios: list[str] | None = None,
    *,
    matrix: bool = False,
    exclude: list[str] | None = None,
    duration_scale: float = 1.0,
    processes: int = 1,
    out: Path,
    dsn: str | None = None,
    profile: str | None = None,
    progress: Progress | None = None,
    latest_html: Path | None = LATEST_HTML,
    target: str | None = None,
    distribution: Distribution | None = None,
) -> Run:
    """Run the named scenarios (or the matrix) of the config's [load] section; see the module
    docstring. `duration_scale` multiplies every phase (floors in perf.load.matrix);
    `processes` > 1 runs Locust's master with that many local workers (`distribution` for
    remote workers instead); `target` drives an API that is already running (its database
    `dsn` is read for request data; nothing is reset)."""
    progress = progress or Progress()
    if not 0 < duration_scale < float("inf"):  # NaN too
        raise UsageError("--duration-scale must be above 0")
    if processes < 1:
        raise UsageError("--processes must be at least 1")
    distribution = distribution or Distribution(processes=processes)
    if distribution.expect_workers and processes > 1:
        raise UsageError("give either --processes or --expect-workers, not both")
    if target and not dsn:
        raise UsageError("--target URL needs --dsn (its database, read for request data)")
    lc = load_matrix(config)
    chosen = [s.scaled(duration_scale) for s in select_scenarios(lc, scenarios, matrix, exclude)]
    check_user_classes(lc, chosen, config.service.root)
    pool_gauges(config.service.pool_metrics)  # a misnamed key: before anything starts
    started = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    (out / "load").mkdir(parents=True, exist_ok=True)
    peak = max(s.users for s in chosen)
    keys = api_keys(max(2 * peak, 20))
    spec = DataSpec(
        service=config.service, profile=profile or lc.settings.profile or config.profile, seed=42
    )
    results: list[dict] = []
    total = sum(s.duration_s for s in chosen)
    progress.line(
        f"load: {len(chosen)} scenario(s), {total / 60:.1f} min of load "
        f"(duration scale {duration_scale:g}, {distribution.workers} Locust worker(s))"
    )
    stack = Stack(spec, dsn=dsn, start_api=False, progress=progress) if not target else None
    postgres_version = ""
    with stack if stack is not None else contextlib.nullcontext() as info:
        dbs = _Databases(stack) if stack is not None else None
        postgres_version = info.postgres_version if info is not None else ""
        api: ApiProcess | Target | None = Target(target.rstrip("/"), dsn) if target else None
        if isinstance(api, Target) and not _api_alive(api, config.service.health):
            raise EnvironmentFailure(
                f"the API at --target {api.base_url} does not answer "
                f"{config.service.health} with 200: nothing to load"
            )
        try:
            plan_base: dict | None = None
            for i, scenario in enumerate(chosen, start=1):
                if dbs is not None:
                    # A fresh API for every scenario: a saturated one is still working off the
                    # requests abandoned at the end of the previous scenario. A fresh database
                    # when the scenario mutates data (and for the first).
                    if api is not None:
                        api.stop()
                    fresh = api is None or scenario.mutates
                    db_dsn = dbs.fresh() if fresh else api.dsn
                    port = free_port()
                    api = ApiProcess(
                        service=config.service,
                        dsn=db_dsn,
                        port=port,
                        logfile=out / "load" / f"api-{i:02d}.log",
                        api_keys=keys,
                        extra_env=load_env(config, lc, db_dsn, port, keys),
                    )
                    what = "a fresh copy of the template" if fresh else "the same database"
                    with progress.step(f"API on {what}"):
                        api.start(timeout=120)
                assert api is not None
                if plan_base is None:
                    generic = {name for s in chosen for name in s.endpoints}
                    plan_base = {
                        "data": asyncio.run(draw_data(config, lc.settings.data, api.dsn)),
                        "requests": asyncio.run(draw_requests(config, generic, api.dsn)),
                        "api_keys": keys,
                        "auth": asdict(config.service.auth),
                        "user_modules": list(lc.settings.users),
                        "service_root": str(config.service.root),
                        "wait": list(lc.settings.wait),
                        "network_timeout": lc.settings.network_timeout,
                        "seed": lc.settings.seed,
                    }
                label = (
                    f"[{i}/{len(chosen)}] {scenario.name}: {scenario.kind}, {scenario.users} "
                    f"users, {scenario.duration_s:.0f} s"
                )
                try:
                    with progress.step(label):
                        result = run_scenario(
                            scenario,
                            api,
                            info.postgres_pid if info is not None else None,
                            plan_base,
                            out,
                            config,
                            lc,
                            distribution,
                            progress,
                        )
                except EnvironmentFailure as exc:  # measure the other scenarios, then exit 3
                    progress.line(f"  {scenario.name}: could not be measured: {exc}")
                    results.append(_errored(scenario, str(exc)))
                    if isinstance(api, ApiProcess):
                        api.stop()
                        api = None
                    continue
                results.append(result)
                progress.line(_one_line(result))
                if latest_html is not None and (out / result["locust_html"]).exists():
                    latest_html.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(out / result["locust_html"], latest_html)
        finally:
            if api is not None:
                api.stop()
            if dbs is not None:
                dbs.drop_all()
    run = Run(
        kind="load",
        environment=environment(postgres_version),
        config={
            "path": str(config.path),
            "profile": spec.profile,
            "target": target,
            "settings": asdict(lc.settings),
        },
    )
    run.stages["load"] = {
        "scenarios": results,
        "duration_scale": duration_scale,
        "processes": distribution.workers,
        "distribution": asdict(distribution),
        "profile": spec.profile,
        "wall_seconds": round(time.perf_counter() - started, 1),
    }
    for r in results:
        for g in r["gates"]:
            if not g["passed"]:
                run.verdicts.append(
                    Verdict(
                        name=r["name"],
                        gate="load",
                        status="notice" if g["passed"] is None else "fail",
                        reason=gates_mod.failure_reason(g),
                    )
                )
        if r["cpu_warning"]:
            run.verdicts.append(
                Verdict(
                    name=r["name"],
                    gate="load",
                    status="notice",
                    reason="Locust's CPU warning: the load generator was saturated, the "
                    "measurement is invalid (use --processes or more machines)",
                )
            )
        if r.get("error"):
            run.verdicts.append(
                Verdict(name=r["name"], gate="load", status="notice", reason=r["error"][:500])
            )
    last = [r["locust_html"] for r in results if r.get("locust_html")]
    run.artifacts["load_html"] = last[-1] if last else ""
    run.wall_seconds = time.perf_counter() - started
    merge_into(out, run)
    warned = [r["name"] for r in results if r["cpu_warning"]]
    errored = [r["name"] for r in results if r.get("error")]
    if warned or errored:
        parts = []
        if warned:
            parts.append(
                f"Locust raised its CPU warning in {', '.join(warned)}: the load generator "
                "was saturated, so the measurement is invalid (neither pass nor fail); rerun "
                "with --processes N or workers on other machines"
            )
        if errored:
            parts.append(f"could not measure {', '.join(errored)} (see run.json)")
        raise EnvironmentFailure("; ".join(parts) + f". Results: {out / 'run.json'}")
    return run


def _one_line(r: dict) -> str:
    def ms(v):
        return "–" if v is None else f"{1000 * v:.0f} ms"

    verdict = "pass" if r["passed"] else "FAIL"
    extra = ""
    if r.get("spike"):
        rec = r["spike"]["recovery_seconds"]
        extra = f", recovery {'never' if rec is None else f'{rec:.0f} s'}"
    return (
        f"  {r['name']}: {r['requests']} requests (+{r['unfinished']} unfinished), "
        f"{r['rps']:.1f} rps, P50 {ms(r['p50'])}, "
        f"P95 {ms(r['p95'])}, P99 {ms(r['p99'])}, errors {100 * (r['error_rate'] or 0):.2f} %, "
        f"409s {r['expected_409']}{extra}: {verdict}"
        + (" (CPU warning)" if r["cpu_warning"] else "")
    )
