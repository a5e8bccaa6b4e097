"""The event-loop watch of the load A/B: which endpoint holds the server's event loop.

A blocking call in an async handler (time.sleep, a synchronous HTTP client or driver, heavy
CPU work) costs a lone request nothing more than its own length, so the sequential A/B cannot
tell it from an await of the same length. Under concurrency it stalls every request in flight
on that worker, so the latency under load grows on the *other* endpoints (the victims) at least
as much as on the culprit: the latency comparison alone names the wrong endpoints, or none.

The agent (agent/perfci_loopwatch.py) runs inside each arm's server process, wrapped around the
service's ASGI app: per request, the time its tasks held the loop (sampled every millisecond
from a thread), and the loop's lag (a heartbeat callback's delay). Here: turn it on in both
arms, read it back, and compare per endpoint the loop time held per request, head against base
(a bootstrap CI of the difference of the means, resampling whole windows of time, a twelfth of
the run each, as the latency A/B resamples blocks of pairs) of the part of that time the
loop's thread was blocked: asleep in a system call other than a futex (a futex is a wait for
another thread of the process, reported apart as thread_wait; without /proc the whole held time
is compared). Held time alone is CPU work plus, on a busy machine, the time the thread waited
for a CPU: under the load A/B a dtrag search held the loop about 50 ms per request, so a 20 ms
blocking call was a +26 % change lost in that noise; blocked, it is about 0 against 20 ms.
An endpoint whose head blocks the loop longer by more than LoopLimits.floor (CI low; and by
more than `threshold` of the base's) "blocks the event loop": that is the load A/B's verdict
on it, and the victims' latency changes are explained by it.

The agent also times, per request, what it waited to acquire an asyncio or anyio Lock or
Semaphore that others held (`lock wait`): a lock held across an await costs a lone request
nothing and queues every request that needs it under concurrency. How much that shows in the
latencies depends on how the requests happen to overlap in one minute (a lock A/B run on dtrag's
search once gave P95 +8.5 % where nine others gave +34 … +77 %), and on one arm running slower
as a whole; the wait itself is measured where it happens. An endpoint whose head waits longer
by more than the same limits (floor, threshold) "waits on a lock": a regression of that
endpoint only (a lock delays nothing but the requests that take it).

Only for services started by `app` (perfci runs uvicorn); a service started by its own
`command` is not watched (the stage says so).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import httpx

from perf import abstats

AGENT_DIR = Path(__file__).with_name("agent")
AGENT_APP = "perfci_loopwatch:create"
CONTROL = "/__perfci/loopwatch"
HEADER = "X-Perfci-Endpoint"


@dataclass(frozen=True)
class LoopLimits:
    floor: float = 0.002  # seconds of loop held per request, head minus base, at least
    threshold: float = 0.5  # and at least this much more than the base's (relative)
    resamples: int = 2000
    # the run is cut into this many windows of time, resampled whole (module doc)
    windows: int = 12


DEFAULTS = LoopLimits()


def agent_environment(app: str, factory: bool) -> dict[str, str]:
    """What the wrapped server's environment adds: the real app and the agent's directory."""
    path = os.environ.get("PYTHONPATH")
    return {
        "PERFCI_LOOPWATCH_APP": app,
        "PERFCI_LOOPWATCH_FACTORY": "1" if factory else "0",
        "PYTHONPATH": str(AGENT_DIR) + (os.pathsep + path if path else ""),
    }


def start(urls: dict[str, str]) -> None:
    """Turn the watch on in every arm (`urls`: arm -> base URL)."""
    with httpx.Client(timeout=10) as client:
        for url in urls.values():
            client.post(url + CONTROL + "/start").raise_for_status()


def collect(urls: dict[str, str]) -> dict[str, dict]:
    """Turn the watch off and read it back, per arm."""
    with httpx.Client(timeout=30) as client:
        out = {}
        for arm, url in urls.items():
            r = client.get(url + CONTROL)
            r.raise_for_status()
            out[arm] = r.json()
        return out


def _quantiles(values) -> dict:
    import numpy as np

    a = np.asarray(values, dtype=float)
    if not a.size:
        return {}
    return {
        "p50": round(float(np.percentile(a, 50)), 6),
        "p99": round(float(np.percentile(a, 99)), 6),
        "max": round(float(a.max()), 6),
    }


def compare(
    watched: dict[str, dict],
    since: float,
    names: list[str],
    limits: LoopLimits = DEFAULTS,
    seed: int = 7,
) -> dict:
    """Per endpoint of `names`: loop time held per request in each arm (requests that started
    at wall time >= `since`), the head-base difference with a 95 % bootstrap CI and its
    verdict; per arm: the loop's lag and the share of the time it was held."""
    import numpy as np

    rng = np.random.default_rng(seed)
    # blocked (off CPU while holding the loop) where the agent could measure it, else held
    blocked = all(d.get("blocked_measured") for d in watched.values())
    column = 4 if blocked else 3
    # lock waits, where both arms' agents watched the locks (rows of 7)
    locks = all(d.get("locks_watched") for d in watched.values())
    # endpoint -> arm -> its requests' [window, held, measured, thread wait, lock wait]
    table: dict[str, dict[str, np.ndarray]] = {}
    stop = max([float(d.get("stopped", since)) for d in watched.values()] + [since + 1e-6])
    width = (stop - since) / limits.windows
    arms = {}
    for arm, data in watched.items():
        rows = [r for r in data.get("requests", []) if r[1] >= since]
        span = max(1e-9, float(data.get("stopped", since)) - since)
        arms[arm] = {
            "requests": len(rows),
            "held_share": round(sum(r[3] for r in rows) / span, 4),
            "blocked_share": round(sum(r[4] for r in rows) / span, 4) if blocked else None,
            "thread_wait_share": (
                round(sum(r[5] for r in rows) / span, 4) if data.get("waits_split") else None
            ),
            "lag": _quantiles(data.get("lags", [])),
            "lock_wait_share": (
                round(sum(r[6] for r in rows if len(r) > 6) / span, 4) if locks else None
            ),
        }
        for name in names:
            t = np.asarray(
                [
                    (min((r[1] - since) // width, limits.windows - 1), r[3], r[column],
                     r[5] if len(r) > 5 else 0.0, r[6] if len(r) > 6 else 0.0)
                    for r in rows
                    if r[0] == name
                ],
                dtype=float,
            ).reshape(-1, 5)  # fmt: skip
            table.setdefault(name, {})[arm] = t
    endpoints = {}
    for name in names:
        base, head = table[name].get("base"), table[name].get("head")
        if base is None or head is None or len(base) < 20 or len(head) < 20:
            continue
        windows = [a[:, 0].astype(int) for a in (base, head)]
        b, h = base[:, 2], head[:, 2]
        d = _difference((b, windows[0]), (h, windows[1]), limits, rng)
        endpoints[name] = {
            "metric": "blocked" if blocked else "held",
            "held": [round(float(a[:, 1].mean()), 6) for a in (base, head)],
            "thread_wait": [round(float(a[:, 3].mean()), 6) for a in (base, head)],
            **{k: d[k] for k in ("base", "head", "delta", "ci_low", "ci_high")},
            "n": [len(b), len(h)],
            "blocks": d["over"],
            "p_value": round(d["p_value"], 4),
            "base_max": round(float(b.max()), 6),
            "head_max": round(float(h.max()), 6),
        }
        if locks:
            w = _difference((base[:, 4], windows[0]), (head[:, 4], windows[1]), limits, rng)
            endpoints[name]["lock"] = {
                **{k: w[k] for k in ("base", "head", "delta", "ci_low", "ci_high")},
                "waits": w["over"],
                "p_value": round(w["p_value"], 4),
                "head_max": round(float(head[:, 4].max()), 6),
            }
    # family-wise: Holm over every endpoint and measure, as the latency verdicts
    tests = {f"{n} blocks": r["p_value"] for n, r in endpoints.items()}
    tests |= {f"{n} lock": r["lock"]["p_value"] for n, r in endpoints.items() if "lock" in r}
    significant = abstats.holm_significant(tests)
    for n, r in endpoints.items():
        r["blocks"] = bool(r["blocks"] and significant[f"{n} blocks"])
        if "lock" in r:
            r["lock"]["waits"] = bool(r["lock"]["waits"] and significant[f"{n} lock"])
    return {"arms": arms, "endpoints": endpoints, "limits": limits.__dict__}


def _difference(base, head, limits: LoopLimits, rng) -> dict:
    """Head minus base of the mean per request, a 95 % bootstrap CI, and whether it is over the
    limits (CI low above the floor, the change above `threshold` of the base). `base`, `head`:
    (values per request, the window of time each request started in). The bootstrap resamples
    whole windows of each arm (module doc): a lock's waits come in bursts (every request that
    arrives while a slow holder runs waits), and resampling requests one by one took a burst
    for a steady change: in an A/A run dtrag's consolidation waited 11.9 → 26.8 ms per request
    on its refresh lock, CI +4.3 … +26.2 ms over requests."""
    import numpy as np

    means = []
    for values, window in (base, head):
        used = np.unique(window)
        index = np.searchsorted(used, window)
        sums = np.bincount(index, weights=values, minlength=len(used))
        counts = np.bincount(index, minlength=len(used)).astype(float)
        pick = rng.integers(0, len(used), (limits.resamples, len(used)))
        means.append(sums[pick].sum(axis=1) / np.maximum(counts[pick].sum(axis=1), 1.0))
    diffs = means[1] - means[0]
    b, h = base[0], head[0]
    low, high = (float(x) for x in np.percentile(diffs, [2.5, 97.5]))
    base_mean, head_mean = float(b.mean()), float(h.mean())
    delta = head_mean - base_mean
    return {
        "base": round(base_mean, 6),
        "head": round(head_mean, 6),
        "delta": round(delta, 6),
        "ci_low": round(low, 6),
        "ci_high": round(high, 6),
        # one-sided: the share of resamples at or below the floor
        "p_value": float(max(np.mean(diffs <= limits.floor), 1 / limits.resamples)),
        "over": bool(low > limits.floor and delta > limits.threshold * base_mean),
    }


def describe(name: str, r: dict) -> str:
    what = "blocks the event loop" if r.get("metric") == "blocked" else "holds the event loop"
    return (
        f"{what} {1e3 * r['delta']:+.1f} ms longer per request "
        f"({1e3 * r['base']:.1f} → {1e3 * r['head']:.1f} ms, CI {1e3 * r['ci_low']:+.1f} … "
        f"{1e3 * r['ci_high']:+.1f}): a blocking call in an async handler; every request in "
        "flight on that worker waits meanwhile"
    )


def describe_lock(name: str, r: dict) -> str:
    w = r["lock"]
    return (
        f"waits on a lock {1e3 * w['delta']:+.1f} ms longer per request "
        f"({1e3 * w['base']:.1f} → {1e3 * w['head']:.1f} ms, CI {1e3 * w['ci_low']:+.1f} … "
        f"{1e3 * w['ci_high']:+.1f}): an asyncio or anyio Lock or Semaphore held longer or taken "
        "anew; under concurrency its requests queue behind it"
    )
