"""The load A/B stage: both arms' APIs (started by `perfci ab`) under one Locust run whose users
send each request of the mix to both arms (perf/loadab/locustfile.py), compared per endpoint on
P50, P95 and P99 (perf/loadab/stats.py).

Why: the sequential A/B sends one request at a time, so it cannot see what costs only under
concurrency: a lock held across an `await`, a blocking call in an async handler, a smaller
pool. Here `users` closed-loop users (10 by default, the smoke's concurrency) keep both arms
busy at once, with the same mix and the same moments of machine noise.

Beside the requests, a responsiveness probe: GET <health> to each arm in turn every
PROBE_INTERVAL seconds from this process. A trivial handler's latency under load is the time a
request waits for the server's event loop (and for whatever the health handler takes); a
blocking call in any handler shows there first. It is reported per arm, not gated.

Inside each arm's server, when perfci starts it from `app`: the event-loop watch
(perf/loopwatch), turned on for the run and read back after it: per request the time its tasks
held the event loop, the time it waited for locks, the loop's lag. An endpoint whose head holds
the loop longer blocks it (a regression whatever the latencies); the others' latency regressions
are then explained by it; one whose head waits on locks longer is a regression of its own
(stats.apply_loop). Per arm also the API's CPU and, where the service exposes its pool
gauges, the DB pool's connections in use and how often it was exhausted.

Endpoints that restore their tables before every benchmark round (they mutate what they read)
are left out, as in the capacity search and the profile's mix.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import httpx

from perf import loopwatch
from perf.config import Config, Endpoint
from perf.errors import EnvironmentFailure
from perf.load.resources import ResourceSampler, pool_gauges
from perf.loadab import stats
from perf.procs import log_tail, spawn, stop_process
from perf.progress import Progress

LOCUSTFILE = Path(__file__).with_name("locustfile.py")
PROBE_INTERVAL = 0.1


@dataclass(frozen=True)
class LoadAbSettings:
    seconds: float = 60.0  # measured seconds of load
    warmup: float = 5.0  # seconds of load before, not counted
    users: int = 10  # closed-loop users, each with one request in flight
    seed: int = 11


def chosen(config: Config, only: list[str] | None = None) -> list[Endpoint]:
    """The endpoints of the mix: weighted, not restoring their tables (see the module doc)."""
    return [
        e
        for e in config.endpoints
        if e.weight > 0 and not e.restore and (not only or e.name in only)
    ]


def _plan_request(r) -> dict:
    from perf.profile.runner import _locust_request

    return _locust_request(r)


def write_plan(
    path: Path,
    endpoints: list[Endpoint],
    payloads: dict[str, list],
    arms: dict[str, tuple[str, dict]],
    seed: int,
) -> None:
    plan = {
        "seed": seed,
        "arms": {a: {"url": url, "headers": headers} for a, (url, headers) in arms.items()},
        "endpoints": [
            {
                "name": e.name,
                "weight": e.weight,
                "expect_status": e.expect_status,
                "requests": [_plan_request(r) for r in payloads[e.name]],
            }
            for e in endpoints
            if payloads.get(e.name)
        ],
    }
    path.write_text(json.dumps(plan))


class Probe:
    """GET health of each arm in turn every PROBE_INTERVAL s, in a thread, until stopped."""

    def __init__(self, urls: dict[str, str], health: str) -> None:
        self.urls, self.health = urls, health
        self.samples: dict[str, list[tuple[float, float | None]]] = {a: [] for a in urls}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self.t0 = time.perf_counter()

    def _run(self) -> None:
        arms = list(self.urls)
        with httpx.Client(timeout=30) as client:
            i = 0
            while not self._stop.is_set():
                arm = arms[i % len(arms)]
                i += 1
                t = time.perf_counter()
                try:
                    ok = client.get(self.urls[arm] + self.health).status_code == 200
                    took = time.perf_counter() - t if ok else None
                except httpx.HTTPError:
                    took = None
                self.samples[arm].append((t - self.t0, took))
                self._stop.wait(max(0.0, PROBE_INTERVAL - (time.perf_counter() - t)))

    def __enter__(self) -> Probe:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(35)

    def summary(self, warmup: float) -> dict:
        import numpy as np

        out = {}
        for arm, rows in self.samples.items():
            kept = [x for t, x in rows if t >= warmup]
            ok = np.asarray([x for x in kept if x is not None])
            out[arm] = {
                "probes": len(kept),
                "failed": sum(x is None for x in kept),
                **(
                    {
                        "p50": round(float(np.percentile(ok, 50)), 6),
                        "p95": round(float(np.percentile(ok, 95)), 6),
                        "max": round(float(ok.max()), 6),
                    }
                    if ok.size
                    else {}
                ),
            }
        return out


def _arm_samplers(config: Config, urls: dict[str, str], pids: dict) -> dict:
    gauges = pool_gauges(config.service.pool_metrics)
    path = config.service.pool_metrics.get("path", "/metrics")
    return {
        arm: ResourceSampler(
            api_pid=pids.get(arm),
            db_pid=None,
            metrics_url=url + path,
            interval=0.5,
            pool_gauges=gauges,
        ).start()  # fmt: skip
        for arm, url in urls.items()
    }


def _arm_summary(sampler: ResourceSampler) -> dict:
    s = sampler.stop()
    in_use, limit = sampler.series["pool_in_use"], sampler.pool_max
    return {
        "api_cpu_percent": s["api_cpu_percent"],
        "db_pool": {
            **s["db_pool"],
            "exhausted_share": (
                round(sum(x >= limit for x in in_use) / len(in_use), 4)
                if in_use and limit
                else None
            ),
        },
        "samples": s["samples"],
    }


def run_load_ab(
    config: Config,
    arms: dict[str, tuple[str, dict]],
    payloads: dict[str, list],
    settings: LoadAbSettings,
    workdir: Path,
    progress: Progress,
    only: list[str] | None = None,
    limits: stats.Limits = stats.DEFAULTS,
    watched: bool = False,
    pids: dict[str, int | None] | None = None,
) -> dict:
    """Drive both arms (`arms`: name -> (base URL, headers)) and compare them; the stage's
    result: settings, per-endpoint comparisons (stats.compare), the probe, Locust's counts.
    `watched`: both servers run the event-loop watch (perf/loopwatch), read here too; `pids`:
    the arms' server processes, whose CPU is sampled with their DB pool (`[service]
    pool_metrics`, where the service exposes it): per arm, the pool's connections in use and
    the share of samples it was exhausted (every connection in use: requests wait for one)."""
    endpoints = [e for e in chosen(config, only) if payloads.get(e.name)]
    if not endpoints:
        return {"skipped": "no endpoint for the load A/B (all restore their tables or weigh 0)"}
    workdir.mkdir(parents=True, exist_ok=True)
    plan = workdir / "loadab-plan.json"
    samples = workdir / "loadab-pairs.jsonl"
    samples.unlink(missing_ok=True)
    write_plan(plan, endpoints, payloads, arms, settings.seed)
    log = workdir / "loadab-locust.log"
    watch = None
    env = {**os.environ, "PERFCI_LOADAB_PLAN": str(plan), "PERFCI_LOADAB_SAMPLES": str(samples)}
    total = settings.warmup + settings.seconds
    cmd = [
        sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless",
        "--users", str(settings.users), "--spawn-rate", str(settings.users),
        "--run-time", f"{max(1, round(total))}s", "--host", arms["base"][0],
        "--csv", str(workdir / "loadab-locust"), "--only-summary",
        "--stop-timeout", "10", "--loglevel", "WARNING",
    ]  # fmt: skip
    urls = {a: url for a, (url, _) in arms.items()}
    with (
        progress.step(
            f"load A/B: {settings.users} users, each request to both arms, "
            f"{settings.warmup:g}+{settings.seconds:g} s, {len(endpoints)} endpoints"
        ),
        Probe(urls, config.service.health) as probe,
    ):
        samplers = _arm_samplers(config, urls, pids or {})
        try:
            if watched:
                loopwatch.start(urls)
            since = time.time() + settings.warmup
            proc = spawn(cmd, log, signal.SIGTERM, env=env)
            try:
                proc.wait(timeout=total + 90)
            except subprocess.TimeoutExpired:
                raise EnvironmentFailure(
                    f"Locust did not stop; log {log}:\n{log_tail(log)}"
                ) from None
            finally:
                stop_process(proc, signal.SIGTERM)
            watch = loopwatch.collect(urls) if watched else None
        finally:
            resources = {arm: _arm_summary(sampler) for arm, sampler in samplers.items()}
    if proc.returncode not in (0, 1) or not samples.exists():
        raise EnvironmentFailure(
            f"load A/B: Locust failed (exit {proc.returncode}); log {log}:\n{log_tail(log)}"
        )
    pairs = [json.loads(line) for line in samples.read_text().splitlines() if line.strip()]
    if not pairs:
        raise EnvironmentFailure(f"load A/B: Locust recorded no request; log {log}")
    results = stats.compare(pairs, settings.warmup, limits)
    shift = results.pop(stats.SHIFT, None)
    loop = None
    if watch is not None:
        loop = loopwatch.compare(watch, since, [e.name for e in endpoints])
        stats.apply_loop(
            results, shift, loop["endpoints"], loopwatch.describe, loopwatch.describe_lock
        )
    elif not config.service.app or config.service.command:
        loop = {"skipped": "the service is started by its own command: the event loop is not "
                "watched (perf/loopwatch needs `app`)"}  # fmt: skip
    stats.ungate_short_shift(shift, settings.seconds)
    measured = [p for p in pairs if p["t"] >= settings.warmup]
    return {
        "settings": asdict(settings),
        "limits": {"threshold": limits.threshold, "floor": limits.floor, "shift": limits.shift},
        "pairs": len(measured),
        "rps_per_arm": round(len(measured) / settings.seconds, 2),
        "endpoints": [results[e.name] for e in endpoints if e.name in results],
        "shift": shift,
        "responsiveness": probe.summary(settings.warmup),
        "loop": loop,
        "resources": resources,
        "raw_pairs": pairs,  # popped by the caller into the run directory's loadab-pairs.jsonl
        "raw_watch": watch,  # popped by the caller into the run directory's loopwatch.json
    }
