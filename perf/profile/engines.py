"""cProfile of the service's engines, called directly (no HTTP) on a seeded database.

The targets are dtrag's heavy engines: the reflection batch, the consolidation dry run and the
hybrid search. Each runs a few times under one cProfile.Profile inside one event loop; the
`.prof` file (pstats format, opens in snakeviz / `python -m pstats`) and a top-N table by
cumulative and by self time are written beside run.json.
"""

from __future__ import annotations

import asyncio
import cProfile
import pstats
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import asyncpg


@dataclass(frozen=True)
class Target:
    name: str
    calls: int
    make: Callable[[asyncpg.Pool, int], Awaitable]  # (pool, embedding dim) -> one call


def dtrag_targets() -> list[Target]:
    from dtrag.engines import consolidation, reflection, search
    from dtrag.schemas import ConsolidationRequest, SearchRequest

    return [
        Target("reflection_batch", 2, lambda pool, dim: reflection.analyze_batch(pool, 10)),
        Target(
            "consolidation_dry_run",
            2,
            lambda pool, dim: consolidation.consolidate(
                pool, ConsolidationRequest(dry_run=True), dim
            ),
        ),
        Target(
            "search",
            5,
            lambda pool, dim: search.hybrid_search(
                pool, SearchRequest(q="vector search reranking latency"), dim
            ),
        ),
    ]


def _row(func: tuple, stat: tuple) -> dict:
    cc, nc, tt, ct, _callers = stat
    filename, line, name = func
    return {
        "function": f"{name} ({_short(filename)}:{line})",
        "calls": nc,
        "primitive_calls": cc,
        "self_seconds": round(tt, 6),
        "cumulative_seconds": round(ct, 6),
    }


def _short(filename: str) -> str:
    from perf.profile.stacks import shorten

    return shorten(filename)


PLUMBING = ("asyncio", "selectors.py", "events.py", "base_events.py", "perf/profile/", "~")


def _plumbing(func: tuple) -> bool:
    """The event loop, the selector and this module: present in every coroutine's profile."""
    filename = func[0]
    return "_contextvars" in func[2] or any(p in filename for p in PLUMBING)


def top_n(stats: pstats.Stats, n: int = 20) -> dict[str, list[dict]]:
    """Top functions by cumulative and by self time, the event loop's plumbing left out (it
    stays in the .prof file)."""
    raw = {f: s for f, s in stats.stats.items() if not _plumbing(f)}
    by_cum = sorted(raw.items(), key=lambda kv: -kv[1][3])[:n]
    by_self = sorted(raw.items(), key=lambda kv: -kv[1][2])[:n]
    return {
        "cumulative": [_row(f, s) for f, s in by_cum],
        "self": [_row(f, s) for f, s in by_self],
    }


async def _inline(func, /, *args, **kwargs):
    return func(*args, **kwargs)


async def _profile_all(dsn: str, dim: int, targets: list[Target], out: Path, top: int) -> list:
    pool = await asyncpg.create_pool(dsn, min_size=1, max_size=4)
    results = []
    # cProfile sees only the thread it was enabled in: work an engine hands to a thread with
    # asyncio.to_thread runs inline while profiling, so that it shows up in the profile.
    to_thread, asyncio.to_thread = asyncio.to_thread, _inline
    try:
        for target in targets:
            await target.make(pool, dim)  # warm-up: connections, caches, imports
            profiler = cProfile.Profile()
            started = time.perf_counter()
            profiler.enable()
            for _ in range(target.calls):
                await target.make(pool, dim)
            profiler.disable()
            wall = time.perf_counter() - started
            prof = out / f"cprofile-{target.name}.prof"
            profiler.dump_stats(str(prof))
            stats = pstats.Stats(str(prof))
            results.append(
                {
                    "name": target.name,
                    "calls": target.calls,
                    "wall_seconds_per_call": round(wall / target.calls, 4),
                    "prof": prof.name,
                    "top": top_n(stats, top),
                }
            )
    finally:
        asyncio.to_thread = to_thread
        await pool.close()
    return results


def profile_engines(
    dsn: str, dim: int, out: Path, targets: list[Target] | None = None, top: int = 20
) -> list[dict]:
    out.mkdir(parents=True, exist_ok=True)
    return asyncio.run(_profile_all(dsn, dim, targets or dtrag_targets(), out, top))
