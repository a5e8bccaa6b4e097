"""`perfci load --capacity`: each endpoint's knee, the highest arrival rate it sustains within
its SLA, found by raising an open-loop arrival rate step by step.

Why an open loop of our own and not Locust: Locust's users wait for their response before the
next request (`constant_throughput`/`constant_pacing` only pace each user), so a slow server
slows its own load down and the queue it would build never shows (coordinated omission). Here
the arrival schedule is fixed before a step starts: request i of a step at rate r is due at
t0 + i/r (evenly spaced, a constant arrival rate), sent by one asyncio task with httpx whether
or not earlier requests have answered, and its latency is measured from that *scheduled* time,
so waiting in the server's queue, and a send delayed by the client itself, both count. One
event loop in this process suffices at the rates a single API process reaches (hundreds of
requests/s); in-flight requests are capped (`cap`, 200), and an arrival due while the cap is
full is not sent: it counts as `late`, an error. Each request has a timeout (a timeout is an
error with its latency). Evenly spaced arrivals measure the capacity itself (a server with a
fixed service time S has no queue below 1/S); Poisson arrivals would queue earlier and give
a lower knee for the same server.

A step: `warmup` seconds at the rate (sent, not counted), then `seconds` measured; the
requests *scheduled* in the measured window are its requests. Then the in-flight ones are
awaited, so every step starts on an empty queue. A step passes when
- its P95 (from the scheduled times, failures included) is within the endpoint's SLA P95,
- errors (non-expected status, timeouts, connection errors, late) are at most 1 %, and
- the achieved rate (successful completions per second over the span of their completion
  times) is at least 90 % of the offered rate.
The search (`search`): from `start_rate`, × `factor` per step until a step fails or
`max_rate` passes; when the very first step fails, halve the rate down to `min_rate`; then
`refine` geometric bisections between the last pass and the first fail. The knee is the
highest offered rate that passed (None: not even the lowest). `repeats` runs the whole search
that many times (each endpoint in turn, per repeat, so the repeats spread over the run's
noise) and reports the median knee with its min–max.

Every endpoint of every repeat gets a fresh copy of the seeded template and a fresh API
(mutating endpoints start from the same data; a saturated API's abandoned requests do not
leak into the next search). The API runs with the service's own environment, as for the
benchmarks (one client sending many requests: `[load] env`'s per-user limits do not apply).
`--target URL` drives an API that is already running instead (request data from `--dsn`,
needed only by endpoints with a payload source or a sample query).

`run_capacity(...)` is the entry point (CLI and the weekly pipeline): it merges
`stages["capacity"]` into `out/run.json` and returns the Run. Capacity has no gate: the
knee is reported, not judged.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import asyncpg
import httpx

from perf.config import Config, Endpoint
from perf.driver import InvalidResponse, Request, auth_headers, check, requests_for
from perf.errors import EnvironmentFailure, UsageError
from perf.fingerprint import environment
from perf.progress import Progress
from perf.results import Run, Verdict, merge_into
from perf.stats import percentile

OK, FAIL, LATE = "ok", "fail", "late"


@dataclass(frozen=True)
class Settings:
    start_rate: float = 2.0  # requests/s of the first step
    factor: float = 1.5  # rate multiplier per step
    step_seconds: float = 10.0  # measured part of a step
    warmup_seconds: float = 2.0  # sent before the measured part, not counted
    max_rate: float = 1000.0  # stop raising here (the knee is then "at least")
    min_rate: float = 0.5  # lowest rate tried when the first step fails
    refine: int = 2  # bisections between the last pass and the first fail
    repeats: int = 1
    cap: int = 200  # requests in flight at most; an arrival over it is late
    max_error_rate: float = 0.01
    min_achieved: float = 0.9  # achieved / offered
    timeout_factor: float = 3.0  # request timeout: this × SLA P95, at least min_timeout
    min_timeout: float = 5.0

    def check(self) -> None:
        for name in ("start_rate", "step_seconds", "max_rate", "min_rate"):
            v = getattr(self, name)
            if not (0 < v < math.inf):
                raise UsageError(f"--{name.replace('_', '-')} must be above 0")
        if self.factor <= 1:
            raise UsageError("the rate factor must be above 1")
        if self.warmup_seconds < 0 or self.refine < 0 or self.cap < 1:
            raise UsageError("warm-up, refine and cap must not be negative")
        if self.repeats < 1:
            raise UsageError("--repeats must be at least 1")
        if self.max_rate < self.start_rate:
            raise UsageError(f"--max-rate {self.max_rate:g} is below the start rate "
                             f"{self.start_rate:g}")  # fmt: skip


# --------------------------------------------------------------------------- pure logic


@dataclass(frozen=True)
class Record:
    """One arrival: when it was due, when it ended (None: late, never sent), its outcome."""

    scheduled: float
    end: float | None
    outcome: str  # ok | fail | late

    @property
    def latency(self) -> float | None:
        return None if self.end is None else self.end - self.scheduled


def achieved_rate(ends: list[float], window: float) -> float:
    """Completions per second over the span of their completion times: n evenly spaced
    completions span (n - 1) intervals. A constant latency shifts the span, not its length,
    so a server keeping up achieves the offered rate and a saturated one its own capacity."""
    ends = sorted(ends)
    if len(ends) >= 2 and ends[-1] > ends[0]:
        return (len(ends) - 1) / (ends[-1] - ends[0])
    return len(ends) / window if window > 0 else 0.0


def summarize_step(
    offered: float,
    records: list[Record],
    window: tuple[float, float],
    sla_p95: float,
    settings: Settings = Settings(),
) -> dict:
    """One step's figures and verdict from its arrivals (those scheduled in `window`)."""
    w0, w1 = window
    mine = [r for r in records if w0 <= r.scheduled < w1]
    late = sum(1 for r in mine if r.outcome == LATE)
    errors = sum(1 for r in mine if r.outcome == FAIL)
    latencies = [r.latency for r in mine if r.latency is not None]
    n = len(mine)
    error_rate = (errors + late) / n if n else None
    achieved = achieved_rate([r.end for r in mine if r.outcome == OK and r.end], w1 - w0)
    p50, p95, p99 = (percentile(latencies, q) if latencies else None for q in (50, 95, 99))
    reasons = []
    if p95 is None or p95 > sla_p95:
        reasons.append(
            "no response" if p95 is None else f"P95 {p95 * 1000:.0f} ms > SLA {sla_p95 * 1000:g} ms"
        )
    if error_rate is None or error_rate > settings.max_error_rate:
        reasons.append(f"errors {100 * (error_rate or 0):.1f} %" if n else "no requests")
    if achieved < settings.min_achieved * offered:
        reasons.append(f"achieved {achieved:.1f}/s < {settings.min_achieved:.0%} of offered")
    return {
        "offered": round(offered, 3),
        "achieved": round(achieved, 3),
        "requests": n,
        "p50": p50,
        "p95": p95,
        "p99": p99,
        "errors": errors,
        "late": late,
        "error_rate": error_rate,
        "passed": not reasons,
        "reason": "; ".join(reasons),
    }


def search(measure: Callable[[float], dict], settings: Settings) -> tuple[list[dict], float | None]:
    """The steps `measure(rate)` (a step dict with `passed`) was asked for, and the knee:
    raise by `factor` until a step fails (or `max_rate` passes), halve down to `min_rate` when
    the first one fails, then bisect (geometric mean) `refine` times between the highest
    rate that passed and the lowest that failed."""
    steps: list[dict] = []
    passed: float | None = None
    failed: float | None = None

    def step(rate: float) -> bool:
        nonlocal passed, failed
        s = measure(rate)
        steps.append(s)
        if s["passed"]:
            passed = rate if passed is None else max(passed, rate)
        else:
            failed = rate if failed is None else min(failed, rate)
        return bool(s["passed"])

    rate = settings.start_rate
    while step(rate) and rate < settings.max_rate:
        rate = min(rate * settings.factor, settings.max_rate)
    while passed is None and rate / 2 >= settings.min_rate * (1 - 1e-9):
        rate /= 2
        step(rate)
    for _ in range(settings.refine):
        if passed is None or failed is None or failed / passed < 1.02:
            break
        step(math.sqrt(passed * failed))
    return steps, passed


def spread(knees: list[float | None]) -> dict:
    """Median and min–max of the repeats' knees (a repeat with no knee counts as 0)."""
    values = [k or 0.0 for k in knees]
    if not values:
        return {"median": None, "min": None, "max": None, "n": 0}
    return {
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
        "n": len(values),
    }


# --------------------------------------------------------------------------- the open loop


async def _one_step(
    client: httpx.AsyncClient,
    requests: list[Request],
    endpoint: Endpoint,
    rate: float,
    settings: Settings,
    timeout: float,
    offset: int,
) -> tuple[list[Record], tuple[float, float], float]:
    """Send the step's arrivals on schedule; (records, measured window, P95 send lag)."""
    loop = asyncio.get_running_loop()
    total = settings.warmup_seconds + settings.step_seconds
    count = max(int(math.floor(total * rate)), 1)
    t0 = loop.time() + 0.05
    window = (t0 + settings.warmup_seconds, t0 + total)
    records: list[Record] = []
    lags: list[float] = []
    inflight: set[asyncio.Task] = set()

    async def send(request: Request, due: float) -> None:
        kwargs = request.kwargs()
        try:
            r = await asyncio.wait_for(
                client.request(request.method, request.path, **kwargs), timeout
            )
            outcome = OK if r.status_code == endpoint.expect_status else FAIL
        except (TimeoutError, httpx.HTTPError, OSError):
            outcome = FAIL
        records.append(Record(due, loop.time(), outcome))

    for i in range(count):
        due = t0 + i / rate
        delay = due - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        if len(inflight) >= settings.cap:
            records.append(Record(due, None, LATE))
            continue
        lags.append(max(loop.time() - due, 0.0))
        task = asyncio.create_task(send(requests[(offset + i) % len(requests)], due))
        inflight.add(task)
        task.add_done_callback(inflight.discard)
    if inflight:
        await asyncio.wait(list(inflight), timeout=timeout + 5)
    for task in list(inflight):
        task.cancel()
    return records, window, percentile(lags, 95) if lags else 0.0


async def _settle(client: httpx.AsyncClient, request: Request, sla: float, budget: float) -> None:
    """After a failed step: one request at a time until one answers within the SLA (or
    `budget` s), so that requests the server is still working off (timed out on our side) do
    not count against the next step."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + budget
    while loop.time() < deadline:
        start = loop.time()
        with contextlib.suppress(httpx.HTTPError, OSError, TimeoutError):
            await asyncio.wait_for(
                client.request(request.method, request.path, **request.kwargs()),
                max(deadline - start, 0.1),
            )
            if loop.time() - start <= sla:
                return


def _timeout(sla_p95: float, settings: Settings) -> float:
    return max(settings.min_timeout, settings.timeout_factor * sla_p95)


def _client(base_url: str, headers: dict, settings: Settings) -> httpx.AsyncClient:
    limits = httpx.Limits(max_connections=settings.cap, max_keepalive_connections=settings.cap)
    return httpx.AsyncClient(
        base_url=base_url, headers=headers, limits=limits, timeout=httpx.Timeout(None)
    )


def measure_step(
    base_url: str,
    headers: dict,
    endpoint: Endpoint,
    requests: list[Request],
    rate: float,
    settings: Settings,
) -> dict:
    """One step at `rate` against the API: its summary (see `summarize_step`)."""
    sla = float(endpoint.sla.p95 or 0)
    timeout = _timeout(sla, settings)

    async def go():
        async with _client(base_url, headers, settings) as client:
            records, window, lag = await _one_step(
                client, requests, endpoint, rate, settings, timeout, 0
            )
            if not summarize_step(rate, records, window, sla, settings)["passed"]:
                await _settle(client, requests[0], sla, max(60.0, 4 * timeout))
            return records, window, lag

    records, window, lag = asyncio.run(go())
    out = summarize_step(rate, records, window, sla, settings)
    out["send_lag_p95"] = round(lag, 6)
    return out


def preflight(config: Config, endpoint: Endpoint, base_url: str, headers: dict, requests) -> None:
    """One request, checked as the benchmarks check it: a knee of an endpoint that answers
    401 or an empty body would be meaningless (exit 3)."""
    request = requests[0]
    try:
        with httpx.Client(base_url=base_url, headers=headers, timeout=120) as client:
            r = client.request(request.method, request.path, **request.kwargs())
            check(config, endpoint, r.status_code, r.text)
            for _ in range(2):  # warm the server up
                client.request(request.method, request.path, **request.kwargs())
    except InvalidResponse as exc:
        raise EnvironmentFailure(f"capacity: {exc}") from None
    except httpx.HTTPError as exc:
        what = f"{endpoint.name}: {type(exc).__name__}: {exc}"
        raise EnvironmentFailure(f"capacity: {what}") from None


def client_headers(config: Config, base_url: str, api_key: str) -> dict:
    from perf.driver import sync_login

    with httpx.Client(base_url=base_url, timeout=60) as client:
        return auth_headers(config.service.auth, api_key, sync_login(client))


# --------------------------------------------------------------------------- the run


def chosen_endpoints(config: Config, only: list[str] | None) -> list[Endpoint]:
    """The endpoints named (each needs an SLA P95), else every one with an SLA P95 that does
    not mutate the data it reads (`restore`): its benchmark restores the tables before every
    round, an arrival stream cannot, so after the first request it would measure another
    operation (a consolidation with nothing left to move). Name one with --only to measure
    it anyway."""
    if only:
        out = []
        for name in only:
            e = config.endpoint(name)
            if not e.sla.p95:
                raise UsageError(f"{config.path}: endpoint {name!r} has no sla.p95: its "
                                 "capacity has no bound to be measured against")  # fmt: skip
            out.append(e)
        return out
    out = [e for e in config.endpoints if e.sla.p95 and not e.restore]
    if not out:
        raise UsageError(f"{config.path}: no endpoint has an sla.p95 (or name one with --only)")
    return out


async def _draw(config: Config, endpoints: list[Endpoint], dsn: str | None) -> dict:
    needs_db = [e.name for e in endpoints if e.payloads or e.sample]
    if needs_db and not dsn:
        raise UsageError(f"--target URL needs --dsn: {', '.join(needs_db)} draw their requests "
                         "from the database")  # fmt: skip
    conn = await asyncpg.connect(dsn) if dsn else None
    try:
        out = {}
        for e in endpoints:
            try:
                out[e.name] = await requests_for(config, e, conn)
            except InvalidResponse as exc:
                raise EnvironmentFailure(f"no requests for the capacity search: {exc}") from None
        return out
    finally:
        if conn is not None:
            await conn.close()


def _line(name: str, s: dict) -> str:
    def ms(v):
        return "–" if v is None else f"{1000 * v:.0f} ms"

    verdict = "pass" if s["passed"] else f"FAIL ({s['reason']})"
    return (
        f"  {name} {s['offered']:.1f}/s: achieved {s['achieved']:.1f}/s, P50 {ms(s['p50'])}, "
        f"P95 {ms(s['p95'])}, errors {s['errors']}+{s['late']} late: {verdict}"
    )


def run_capacity(
    config: Config,
    *,
    out: Path,
    only: list[str] | None = None,
    settings: Settings = Settings(),
    dsn: str | None = None,
    profile: str | None = None,
    target: str | None = None,
    progress: Progress | None = None,
) -> Run:
    """The capacity search of every chosen endpoint (see the module docstring); merges
    `stages["capacity"]` into out/run.json and returns the Run."""
    from perf.load.runner import _Databases, api_keys
    from perf.stack import ApiProcess, DataSpec, Stack, free_port, log_tail

    progress = progress or Progress()
    settings.check()
    endpoints = chosen_endpoints(config, only)
    started = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    (out / "capacity").mkdir(parents=True, exist_ok=True)
    load_raw = config.raw.get("load") if isinstance(config.raw.get("load"), dict) else {}
    spec = DataSpec(
        service=config.service,
        profile=profile or load_raw.get("profile") or config.profile,
        seed=42,
    )
    keys = api_keys(4)
    progress.line(
        f"capacity: {len(endpoints)} endpoint(s) × {settings.repeats} repeat(s), steps of "
        f"{settings.warmup_seconds:g}+{settings.step_seconds:g} s from "
        f"{settings.start_rate:g}/s × {settings.factor:g}"
    )
    runs: dict[str, list[dict]] = {e.name: [] for e in endpoints}
    errors: dict[str, str] = {}
    skipped = [e.name for e in config.endpoints if e.sla.p95 and e.restore and not only]
    if skipped:
        progress.line(
            f"capacity: not measuring {', '.join(skipped)}: they mutate the data they read "
            "(restore); name them with --only to measure them anyway"
        )
    stack = Stack(spec, dsn=dsn, start_api=False, progress=progress) if not target else None
    with stack if stack is not None else contextlib.nullcontext() as info:
        dbs = _Databases(stack) if stack is not None else None
        requests: dict | None = None
        if target:
            requests = asyncio.run(_draw(config, endpoints, dsn))
        for repeat in range(1, settings.repeats + 1):
            for e in endpoints:
                api = None
                try:
                    if dbs is not None:
                        db_dsn = dbs.fresh()
                        if requests is None:
                            requests = asyncio.run(_draw(config, endpoints, db_dsn))
                        api = ApiProcess(
                            service=config.service,
                            dsn=db_dsn,
                            port=free_port(),
                            logfile=out / "capacity" / f"api-{e.name}-{repeat}.log",
                            api_keys=keys,
                        )
                        with progress.step("API on a fresh copy of the template"):
                            api.start(timeout=120)
                        base_url = api.base_url
                    else:
                        assert target is not None
                        base_url = target.rstrip("/")
                    assert requests is not None
                    headers = client_headers(config, base_url, keys[0])
                    preflight(config, e, base_url, headers, requests[e.name])

                    def measure(rate, e=e, base_url=base_url, headers=headers, rq=requests):
                        s = measure_step(base_url, headers, e, rq[e.name], rate, settings)
                        progress.line(_line(e.name, s))
                        return s

                    label = f"[{repeat}/{settings.repeats}] {e.name}: SLA P95 {e.sla.p95:g} s"
                    with progress.step(label):
                        steps, knee = search(measure, settings)
                    if api is not None and (api.proc is None or api.proc.poll() is not None):
                        raise EnvironmentFailure(
                            f"the API exited during the capacity search of {e.name}; "
                            f"log {api.logfile}:\n{log_tail(api.logfile)}"
                        )
                except EnvironmentFailure as exc:  # measure the others, then exit 3
                    progress.line(f"  {e.name}: could not be measured: {exc}")
                    errors.setdefault(e.name, str(exc))
                    continue
                finally:
                    if api is not None:
                        api.stop()
                    if dbs is not None:
                        dbs.drop_all()
                runs[e.name].append({"repeat": repeat, "steps": steps, "knee": knee})
                progress.line(
                    f"  {e.name}: knee "
                    + ("below the lowest rate" if knee is None else f"{knee:.1f} req/s")
                )
    results = []
    for e in endpoints:
        knees = [r["knee"] for r in runs[e.name]]
        at_max = any(k is not None and k >= settings.max_rate for k in knees)
        results.append(
            {
                "name": e.name,
                "sla_p95": e.sla.p95,
                "knee": spread(knees)["median"],
                "spread": spread(knees),
                "knees": knees,
                "at_max_rate": at_max,
                "error": errors.get(e.name),
                "steps": [{**s, "repeat": r["repeat"]} for r in runs[e.name] for s in r["steps"]],
            }
        )
    run = Run(
        kind="load",
        environment=environment(info.postgres_version if info is not None else ""),
        config={"path": str(config.path), "profile": spec.profile, "target": target},
    )
    run.stages["capacity"] = {
        "endpoints": results,
        "settings": asdict(settings),
        "profile": spec.profile,
        "target": target,
        "skipped": skipped,
        "wall_seconds": round(time.perf_counter() - started, 1),
    }
    for r in results:
        if r["error"] is None and (r["knee"] in (None, 0) or r["at_max_rate"]):
            what = (
                f"reached --max-rate {settings.max_rate:g}/s within the SLA: the knee is higher"
                if r["at_max_rate"]
                else f"no rate down to {settings.min_rate:g}/s met the SLA"
            )
            run.verdicts.append(Verdict(name=r["name"], gate="capacity", status="notice",
                                        reason=what))  # fmt: skip
    for name, message in errors.items():
        run.verdicts.append(Verdict(name=name, gate="capacity", status="notice",
                                    reason=message[:500]))  # fmt: skip
    run.wall_seconds = time.perf_counter() - started
    merge_into(out, run)
    if errors:
        raise EnvironmentFailure(
            f"could not measure the capacity of {', '.join(errors)} (see run.json). "
            f"Results: {out / 'run.json'}"
        )
    return run


def print_capacity(stage: dict) -> None:
    print(f"{'endpoint':<24} {'SLA P95':>8} {'knee req/s':>11} {'min–max':>15} repeats")
    for r in stage.get("endpoints", []):
        sp = r["spread"]
        knee = "–" if sp["median"] is None else f"{sp['median']:.1f}"
        rng = "–" if sp["min"] is None else f"{sp['min']:.1f}–{sp['max']:.1f}"
        print(f"{r['name']:<24} {r['sla_p95']:>7g}s {knee:>11} {rng:>15} {sp['n']}")


# the weekly run's settings: three searches per endpoint for the knee's spread
WEEKLY = Settings(repeats=3, step_seconds=8.0)


def capacity_stage(config: Config, out: Path, dsn: str | None, progress: Progress) -> Run:
    """The weekly pipeline's capacity stage: every endpoint with an SLA P95, `WEEKLY`."""
    return run_capacity(config, out=out, settings=WEEKLY, dsn=dsn, progress=progress)
