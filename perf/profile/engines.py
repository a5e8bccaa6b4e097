"""cProfile of the service's engines, called directly (no HTTP) on the seeded run database.

The targets come from the service: `[profile] engines = "module:callable"` names a callable in
the service's tree that returns `(name, calls, make)` triples, `make(pool)` starting one call
on an asyncpg pool (perf/profile/engine_step.py states the contract). perfci never imports
them: the targets run in a child process in the service's root with the service's
environment, which writes one `.prof` file (pstats format, opens in snakeviz /
`python -m pstats`) per target; this module reads them back into a top-N table by cumulative
and by self time, written beside run.json.
"""

from __future__ import annotations

import json
import pstats
import subprocess
import sys
from pathlib import Path

from perf.errors import EnvironmentFailure, UsageError
from perf.profile.stacks import shorten
from perf.service import Service

STEP = Path(__file__).with_name("engine_step.py")
USAGE_EXIT = 2  # engine_step.py's exit code for targets that are not usable as configured


def _row(func: tuple, stat: tuple) -> dict:
    cc, nc, tt, ct, _callers = stat
    filename, line, name = func
    return {
        "function": f"{name} ({shorten(filename)}:{line})",
        "calls": nc,
        "primitive_calls": cc,
        "self_seconds": round(tt, 6),
        "cumulative_seconds": round(ct, 6),
    }


# the event loop, the selector and the child's own loop (run from `python -c`: "<string>")
PLUMBING = ("asyncio", "selectors.py", "events.py", "base_events.py", "<string>")


def _plumbing(func: tuple) -> bool:
    """The event loop, the selector and the profiling loop: present in every coroutine's
    profile."""
    filename = func[0]
    return "_contextvars" in func[2] or filename == "~" or any(p in filename for p in PLUMBING)


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


def profile_engines(
    service: Service,
    targets: str,
    dsn: str,
    env: dict[str, str],
    out: Path,
    where: str = "[profile] engines",
    top: int = 20,
) -> list[dict]:
    """Run the `targets` callable's engines under cProfile in the service's tree, with `env`
    (the service's environment); per target its calls, wall time per call, .prof file and
    top functions."""
    out.mkdir(parents=True, exist_ok=True)
    result = out / "cprofile-targets.json"
    result.unlink(missing_ok=True)
    log = out / "cprofile.log"
    cmd = [sys.executable, "-c", STEP.read_text(), targets, dsn, str(out.resolve()), str(result)]
    with open(log, "w") as fh:
        r = subprocess.run(cmd, cwd=service.root, env=env, stdout=fh, stderr=subprocess.STDOUT)
    tail = "\n".join(log.read_text().splitlines()[-25:])
    if r.returncode == USAGE_EXIT:
        raise UsageError(f"{where} = {targets!r}: {tail}")
    if r.returncode != 0 or not result.exists():
        raise EnvironmentFailure(
            f"{where} = {targets!r} failed with exit {r.returncode} in {service.root}; "
            f"log {log}:\n{tail}"
        )
    engines = json.loads(result.read_text())
    result.unlink()
    for e in engines:
        e["top"] = top_n(pstats.Stats(str(out / e["prof"])), top)
    return engines
