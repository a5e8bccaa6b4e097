"""The service's engine targets under cProfile, run by perfci in the service's own tree.

`python -c "<this file>" TARGETS DSN OUT_DIR RESULT_JSON`, started with the service root as the
working directory and the service's environment (the one its API gets), so that `sys.path[0]`
is that root and the engines see the settings they see in production. Standard library and
asyncpg only: nothing of perfci is imported here (like perf/prepstep.py).

TARGETS is `module:callable` (`[profile] engines`); the callable takes no argument and returns
an iterable of `(name, calls, make)`: `make(pool)` starts one call of the engine (a coroutine or
any awaitable) on an asyncpg pool of the run database. Each target is warmed up once, then
called `calls` times under one cProfile.Profile in one event loop; its profile is written to
OUT_DIR/cprofile-<name>.prof and its wall time per call to RESULT_JSON. Exit 2: the targets are
not usable as configured (the message says why); any other failure is the engine's own.
"""

import asyncio
import cProfile
import importlib
import inspect
import json
import re
import sys
import time
from pathlib import Path

USAGE = 2


def fail(message):
    print(message, file=sys.stderr)
    sys.exit(USAGE)


def load_targets(spec):
    module, _, name = spec.partition(":")
    try:
        obj = importlib.import_module(module)
        for part in filter(None, name.split(".")):
            obj = getattr(obj, part)
    except (ImportError, AttributeError) as exc:
        fail(f"cannot import {spec!r} from {Path.cwd()}: {exc}")
    targets = []
    for item in obj():
        try:
            name, calls, make = item
        except (TypeError, ValueError):
            fail(f"{spec}: each target must be (name, calls, make), not {item!r}")
        if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z0-9_.-]+", name):
            fail(f"{spec}: target name {name!r} must be a word like 'search' (it names a file)")
        if isinstance(calls, bool) or not isinstance(calls, int) or calls < 1:
            fail(f"{spec}: target {name!r}: calls {calls!r} must be a positive integer")
        if not callable(make):
            fail(f"{spec}: target {name!r}: make {make!r} is not callable")
        targets.append((name, calls, make))
    return targets


async def _inline(func, /, *args, **kwargs):
    return func(*args, **kwargs)


async def one_call(make, pool):
    result = make(pool)
    if inspect.isawaitable(result):
        await result


async def profile_all(targets, dsn, out):
    import asyncpg

    pool = await asyncpg.create_pool(dsn, min_size=1, max_size=4)
    results = []
    # cProfile sees only the thread it was enabled in: work an engine hands to a thread with
    # asyncio.to_thread runs inline while profiling, so that it shows up in the profile.
    to_thread, asyncio.to_thread = asyncio.to_thread, _inline
    try:
        for name, calls, make in targets:
            await one_call(make, pool)  # warm-up: connections, caches, imports
            profiler = cProfile.Profile()
            started = time.perf_counter()
            profiler.enable()
            for _ in range(calls):
                await one_call(make, pool)
            profiler.disable()
            wall = time.perf_counter() - started
            prof = out / f"cprofile-{name}.prof"
            profiler.dump_stats(str(prof))
            results.append(
                {
                    "name": name,
                    "calls": calls,
                    "wall_seconds_per_call": round(wall / calls, 4),
                    "prof": prof.name,
                }
            )
    finally:
        asyncio.to_thread = to_thread
        await pool.close()
    return results


def main(spec, dsn, out_dir, result_json):
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    results = asyncio.run(profile_all(load_targets(spec), dsn, out))
    Path(result_json).write_text(json.dumps(results))


if __name__ == "__main__":
    main(*sys.argv[1:5])
