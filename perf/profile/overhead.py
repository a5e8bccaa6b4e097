"""What py-spy costs the service it samples, measured paired.

Two identical API processes serve the same database, one as the child of `py-spy record` (the
profile pass's own settings: rate, blocking or not), the other plain. `users` closed-loop
clients each take a request from the profile's plan (the same weighted mix as the profile
pass) and send it to both APIs, one after the other, the order alternating from pair to pair
(and between clients), so both arms see the same requests, the same concurrency and the same
moments of machine noise. An off/on/off series of separate passes cannot do that: on the
shared 2-core machine its two "off" passes differed by 9 % (docs/bottlenecks.md), more than
the effect it was after.

From the pairs, in time order (perf.abstats.block_bootstrap_ratio, blocks of consecutive
pairs): the ratio profiled/plain of the mean latency, of the P50 and of the P95, each with a
block-bootstrap 95 % CI. For a closed loop, throughput is inversely proportional to the mean
latency, so the RPS change is 1/ratio(mean) - 1 (the rate each process would sustain alone).

What the pairing does not show: py-spy's own CPU time is taken from the machine both arms
share, so it slows both alike and cancels. It is reported apart, as py-spy's CPU seconds per
wall second (`pyspy_cpu_share`), read from /proc. On a machine with a spare core it costs the
service nothing; on a saturated one it is that share of a core.
"""

from __future__ import annotations

import asyncio
import os
import random
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from perf.abstats import block_bootstrap_ratio, choose_block
from perf.errors import EnvironmentFailure

WARMUP_SECONDS = 2.0


@dataclass(frozen=True)
class Pair:
    """One request sent to both arms: when the pair started, which endpoint, the latencies."""

    t: float
    endpoint: str
    plain: float
    profiled: float


def estimate(pairs: list[Pair], block: int | None = None) -> dict:
    """The overhead of the profiled arm from time-ordered pairs (module docstring)."""
    if len(pairs) < 40:
        raise ValueError(f"{len(pairs)} pairs: at least 40 are needed for an overhead estimate")
    pairs = sorted(pairs, key=lambda p: p.t)
    block = block or choose_block(len(pairs), preferred=20, min_blocks=20)
    plain = [p.plain for p in pairs]
    profiled = [p.profiled for p in pairs]
    out: dict = {"method": "paired", "pairs": len(pairs), "block_size": block}
    for stat in ("mean", "p50", "p95"):
        r = block_bootstrap_ratio(plain, profiled, stat, block)
        if stat == "mean":  # throughput ∝ 1 / mean latency; the CI's ends swap
            out["rps_change"] = round(1 / r.estimate - 1, 4)
            out["rps_change_ci"] = [round(1 / r.ci_high - 1, 4), round(1 / r.ci_low - 1, 4)]
            out["mean_change"] = round(r.estimate - 1, 4)
        else:
            out[f"{stat}_change"] = round(r.estimate - 1, 4)
            out[f"{stat}_change_ci"] = [round(r.ci_low - 1, 4), round(r.ci_high - 1, 4)]
    out["plain_p95"] = round(float(_pct(plain, 95)), 6)
    out["profiled_p95"] = round(float(_pct(profiled, 95)), 6)
    return out


def within(overhead: dict, limit: float) -> bool:
    """The upper ends of the RPS loss and the P95 growth are both within `limit` (0.05)."""
    return -overhead["rps_change_ci"][0] <= limit and overhead["p95_change_ci"][1] <= limit


def _pct(values: list[float], q: float) -> float:
    import numpy as np

    return float(np.percentile(np.asarray(values), q))


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds of one process (not its children), from /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def drive_pairs(
    plain_url: str,
    profiled_url: str,
    plan: dict,
    users: int,
    duration: float,
    seed: int,
) -> tuple[list[Pair], dict[str, int]]:
    """`users` clients sending each request of the plan's weighted mix to both arms for
    `duration` seconds after a warm-up; the pairs (both answers as expected) and the errors
    per arm."""
    endpoints = [e for e in plan["endpoints"] if e["weight"] > 0]
    weights = [e["weight"] for e in endpoints]
    headers = plan.get("headers") or {}
    pairs: list[Pair] = []
    errors = {"plain": 0, "profiled": 0}
    limits = httpx.Limits(max_connections=users, max_keepalive_connections=users)
    start = time.perf_counter()
    measure_from = start + WARMUP_SECONDS
    stop_at = measure_from + duration

    async with (
        httpx.AsyncClient(base_url=plain_url, headers=headers, timeout=120, limits=limits) as a,
        httpx.AsyncClient(base_url=profiled_url, headers=headers, timeout=120, limits=limits) as b,
    ):
        clients = {"plain": a, "profiled": b}

        async def one(arm: str, e: dict, r: dict) -> float | None:
            t0 = time.perf_counter()
            try:
                resp = await clients[arm].request(r["method"], r["url"], json=r.get("json"))
            except httpx.HTTPError:
                errors[arm] += 1
                return None
            took = time.perf_counter() - t0
            if resp.status_code != e["expect_status"]:
                errors[arm] += 1
                return None
            return took

        async def user(u: int) -> None:
            rng = random.Random(seed * 1000 + u)
            i = 0
            while (now := time.perf_counter()) < stop_at:
                e = rng.choices(endpoints, weights)[0]
                r = rng.choice(e["requests"])
                order = ("plain", "profiled") if (i + u) % 2 == 0 else ("profiled", "plain")
                got = {arm: await one(arm, e, r) for arm in order}
                i += 1
                if now >= measure_from and None not in got.values():
                    pairs.append(Pair(now - start, e["name"], got["plain"], got["profiled"]))

        await asyncio.gather(*(user(u) for u in range(users)))
    return pairs, errors


def measure(
    start_api,
    plan: dict,
    users: int,
    duration: float,
    seed: int,
    login,
) -> dict:
    """Start both APIs (`start_api(profiled: bool)` returns a started ApiProcess), drive the
    pairs, stop both; the overhead dict (estimate(...) plus py-spy's CPU share and errors)."""
    plain = start_api(False)
    try:
        profiled = start_api(True)
        try:
            plan = {**plan, "headers": login(plain.base_url)}
            spy = profiled.proc.pid if profiled.proc is not None else None
            cpu0, wall0 = (cpu_seconds(spy) if spy else None), time.perf_counter()
            pairs, errors = asyncio.run(
                drive_pairs(plain.base_url, profiled.base_url, plan, users, duration, seed)
            )
            cpu1, wall1 = (cpu_seconds(spy) if spy else None), time.perf_counter()
        finally:
            profiled.stop()
    finally:
        plain.stop()
    try:
        out = estimate(pairs)
    except ValueError as exc:
        raise EnvironmentFailure(
            f"profiling overhead: {exc} (errors: plain {errors['plain']}, profiled "
            f"{errors['profiled']}); see the API logs in the run directory"
        ) from None
    out["errors"] = errors
    out["users"] = users
    out["duration"] = duration
    if cpu0 is not None and cpu1 is not None:
        out["pyspy_cpu_share"] = round((cpu1 - cpu0) / (wall1 - wall0), 4)
    return out
