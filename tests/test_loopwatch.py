"""The event-loop watch (perf/loopwatch): the agent inside a real uvicorn server started the way
perfci starts a service, the comparison and the load A/B's verdicts on fixed data.

No absolute time is asserted beyond what the test service defines: its handlers take 30 ms,
one awaiting (the loop is free meanwhile), one blocking (the loop is held for those 30 ms).
"""

from __future__ import annotations

import threading
from pathlib import Path

import httpx
import numpy as np
import pytest

from perf import abstats, loopwatch
from perf.loadab import stats
from perf.service import Service
from perf.stack import ApiProcess, free_port

APP = Path(__file__).parent / "data" / "loopwatch_app"


@pytest.fixture
def watched_api(tmp_path):
    api = ApiProcess(
        service=Service(root=APP, app="app:app", health="/await"),
        dsn="postgresql://nobody@127.0.0.1:1/none",
        port=free_port(),
        logfile=tmp_path / "api.log",
        loopwatch=True,
    )
    api.start(timeout=30)
    try:
        yield api
    finally:
        api.stop()


def _hammer(url: str, paths: list[str], users: int, each: int) -> None:
    """`users` threads, each sending `each` requests cycling through `paths`."""

    def user(offset: int) -> None:
        with httpx.Client(timeout=30) as client:
            for i in range(each):
                path = paths[(i + offset) % len(paths)]
                name = path.strip("/").replace("-", "_")
                r = client.get(url + path, headers={loopwatch.HEADER: name})
                assert r.status_code == 200

    threads = [threading.Thread(target=user, args=(k,)) for k in range(users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)


def test_the_agent_names_the_handler_that_blocks_the_loop(watched_api):
    urls = {"arm": watched_api.base_url}
    assert watched_api.watched
    loopwatch.start(urls)
    paths = ["/await", "/block", "/spawn-block", "/spin", "/join-thread", "/health-free"]
    _hammer(watched_api.base_url, paths, 6, 30)
    data = loopwatch.collect(urls)["arm"]
    assert data["sampled"], "asyncio's current-task registry is not readable on this Python"
    assert data["blocked_measured"], "no /proc/self/task/<tid>/schedstat"
    rows: dict[str, list] = {}
    for name, _start, _wall, held, blocked, waited, *_ in data["requests"]:
        rows.setdefault(name, []).append((held, blocked, waited))
    assert {len(v) for v in rows.values()} == {30}, {k: len(v) for k, v in rows.items()}
    held = {k: float(np.mean([x[0] for x in v])) for k, v in rows.items()}
    blocked = {k: float(np.mean([x[1] for x in v])) for k, v in rows.items()}
    waited = {k: float(np.mean([x[2] for x in v])) for k, v in rows.items()}
    # time.sleep(0.03) holds and blocks the loop at least 30 ms, less a sampling step at each end
    assert held["block"] > 0.025 and blocked["block"] > 0.02, (held, blocked)
    assert blocked["spawn_block"] > 0.02, blocked  # a child task's block counts for its request
    # a 30 ms spin holds the loop as long (the sampler, which needs the GIL and a CPU itself,
    # sees less of it on a busy machine: 14.5 of 30 ms once), but its thread is on a CPU or
    # waiting for one: not blocked
    assert held["spin"] > held["block"] / 4, held
    assert blocked["spin"] < blocked["block"] / 3, blocked
    # waiting for another thread (a futex) holds the loop too, told apart from a blocking call
    assert data["waits_split"], "no /proc/self/task/<tid>/syscall"
    assert waited["join_thread"] > 0.025 and blocked["join_thread"] < waited["join_thread"] / 3
    assert waited["block"] < blocked["block"] / 3, (blocked, waited)
    assert held["await"] < held["block"] / 10 and held["health_free"] < held["block"] / 10, held
    # a blocked loop runs the heartbeat late: its worst lag is about one blocking call
    assert max(data["lags"]) > 0.02, max(data["lags"])
    # the control path is served by the agent, never counted as a request
    assert not any(r[0].startswith("GET /__perfci") for r in data["requests"])


def test_the_agent_times_waits_on_locks(watched_api):
    urls = {"arm": watched_api.base_url}
    # alone, nobody waits: an uncontended acquire is not a wait
    loopwatch.start(urls)
    _hammer(watched_api.base_url, ["/lock", "/semaphore", "/anyio-lock"], 1, 6)
    alone = loopwatch.collect(urls)["arm"]
    assert set(alone["locks_watched"]) == {
        "asyncio.Lock", "asyncio.Semaphore", "anyio.Lock", "anyio.Semaphore"
    }  # fmt: skip
    assert max(r[6] for r in alone["requests"]) == 0.0, alone["requests"]
    # 6 users on one path: a request that needs the lock queues behind the others holding it
    # 30 ms each; the first of a burst does not wait, the rest wait whole turns
    loopwatch.start(urls)
    for path in ("/lock", "/semaphore", "/anyio-lock", "/await"):
        _hammer(watched_api.base_url, [path], 6, 5)
    data = loopwatch.collect(urls)["arm"]
    wait: dict[str, list[float]] = {}
    for r in data["requests"]:
        wait.setdefault(r[0], []).append(r[6])
    mean = {k: float(np.mean(v)) for k, v in wait.items()}
    assert mean["await"] == 0.0, mean
    for name in ("lock", "semaphore", "anyio_lock"):
        assert mean[name] > 0.06 and max(wait[name]) > 0.1, (name, mean, max(wait[name]))
    # the lock is held, not the loop: nothing blocks it
    blocked = [r[4] for r in data["requests"]]
    assert max(blocked) < 0.01, max(blocked)


def test_the_watch_is_off_until_started_and_the_app_unchanged(watched_api):
    r = httpx.get(watched_api.base_url + "/await")
    assert r.status_code == 200 and r.text == "ok"
    data = loopwatch.collect({"arm": watched_api.base_url})["arm"]
    assert data["requests"] == [] and data["lags"] == []


def _watched(held: dict[str, tuple[float, float]], n: int = 200, seed: int = 1) -> dict:
    """Fixed data: per arm, `n` requests per endpoint whose blocked time is lognormal around
    the given mean (base, head), held 10 ms more (CPU work)."""
    rng = np.random.default_rng(seed)
    out = {}
    for i, arm in enumerate(("base", "head")):
        rows = []
        for name, means in held.items():
            for k in range(n):
                blocked = float(means[i] * rng.lognormal(0, 0.5))
                rows.append([name, 1000.0 + k, 0.05, blocked + 0.01, blocked])
        out[arm] = {
            "requests": rows, "lags": [0.001, 0.002, 0.03], "stopped": 1000.0 + n,
            "blocked_measured": True,
        }  # fmt: skip
    return out


def test_compare_flags_only_the_endpoint_that_holds_the_loop_longer():
    watched = _watched(
        {"search": (0.004, 0.024), "classify": (0.003, 0.0031), "tree": (0.0005, 0.0005)}
    )
    result = loopwatch.compare(watched, 1000.0, ["search", "classify", "tree"])
    blocks = {n for n, r in result["endpoints"].items() if r["blocks"]}
    assert blocks == {"search"}
    s = result["endpoints"]["search"]
    assert s["ci_low"] > 0.015 and s["n"] == [200, 200] and s["metric"] == "blocked"
    assert result["arms"]["head"]["lag"]["max"] == 0.03


def test_compare_a_a_flags_nothing():
    for seed in range(5):
        watched = _watched({"search": (0.004, 0.004), "classify": (0.02, 0.02)}, seed=seed)
        result = loopwatch.compare(watched, 1000.0, ["search", "classify"])
        assert not any(r["blocks"] for r in result["endpoints"].values()), result


def test_a_small_or_relative_only_growth_is_not_blocking():
    # +1 ms per request: under the 2 ms floor; x1.3 of 20 ms: under the 50 % threshold
    watched = _watched({"tiny": (0.0005, 0.0015), "cpu": (0.020, 0.026)}, n=400)
    result = loopwatch.compare(watched, 1000.0, ["tiny", "cpu"])
    assert not any(r["blocks"] for r in result["endpoints"].values()), result["endpoints"]


def test_compare_flags_the_endpoint_that_waits_on_a_lock_longer():
    # lock waits per request: search 0 -> mostly 0, one request in three queues ~15 ms
    # (lognormal); consolidation waits on its own lock in both arms alike
    rng = np.random.default_rng(3)
    waits = {"search": (0.0, 0.005), "consolidate": (0.004, 0.004), "tree": (0.0, 0.0)}
    watched = {}
    for i, arm in enumerate(("base", "head")):
        rows = []
        for name, means in waits.items():
            for k in range(300):
                queued = rng.random() < 1 / 3
                w = float(3 * means[i] * rng.lognormal(0, 0.5)) if queued else 0.0
                rows.append([name, 1000.0 + k, 0.05, 0.01, 0.0005, 0.0, w])
        watched[arm] = {"requests": rows, "lags": [0.001], "stopped": 1300.0,
                        "blocked_measured": True, "locks_watched": ["asyncio.Lock"]}  # fmt: skip
    result = loopwatch.compare(watched, 1000.0, list(waits))
    assert {n for n, r in result["endpoints"].items() if r["lock"]["waits"]} == {"search"}
    assert not any(r["blocks"] for r in result["endpoints"].values())
    lock = result["endpoints"]["search"]["lock"]
    assert lock["base"] == 0.0 and lock["ci_low"] > 0.002, lock
    assert result["arms"]["head"]["lock_wait_share"] > result["arms"]["base"]["lock_wait_share"]
    # an agent that did not time locks (rows of 6): no lock comparison at all
    for data in watched.values():
        data["locks_watched"] = []
    assert "lock" not in loopwatch.compare(watched, 1000.0, ["search"])["endpoints"]["search"]


def test_lock_waits_in_bursts_are_not_a_change():
    # A/A: consolidation waits on its refresh lock only while a refresh runs: bursts of 24
    # requests waiting ~300 ms, one burst in base, two in head (11.9 -> 26.8 ms per request in
    # one A/A run of dtrag). Resampled one by one, these requests give a CI of +6.2 … +34.1 ms
    # (a steady change); resampling whole windows of time shows two bursts against one.
    rng = np.random.default_rng(5)
    watched = {}
    for arm, bursts in (("base", [20.0]), ("head", [20.0, 45.0])):
        rows = []
        for k in range(360):
            t = 1000.0 + k / 6
            w = 0.3 * rng.uniform(0.5, 1.5) if any(b <= t - 1000 < b + 4 for b in bursts) else 0
            rows.append(["consolidate", t, 0.3, 0.01, 0.0, 0.0, float(w)])
        watched[arm] = {"requests": rows, "lags": [0.001], "stopped": 1060.0,
                        "blocked_measured": True, "locks_watched": ["asyncio.Lock"]}  # fmt: skip
    lock = loopwatch.compare(watched, 1000.0, ["consolidate"])["endpoints"]["consolidate"]["lock"]
    assert lock["head"] > 1.8 * lock["base"] > 0.015, lock
    assert not lock["waits"] and lock["ci_low"] < 0, lock


def test_a_lock_wait_names_its_endpoint_and_explains_nothing_else():
    results = {
        "search": {"verdict": abstats.UNCHANGED, "reason": "unchanged under load"},
        "tree": {"verdict": abstats.REGRESSION, "reason": "P95 +45 %"},
    }
    shift = {"verdict": abstats.REGRESSION, "reason": "every endpoint slower under load"}
    quiet = {"base": 0.0, "head": 0.0, "delta": 0.0, "ci_low": 0.0, "ci_high": 0.0,
             "waits": False}  # fmt: skip
    loop = {
        "search": {"metric": "blocked", "base": 0.0, "head": 0.0, "delta": 0.0, "blocks": False,
                   "lock": {"base": 0.0, "head": 0.0061, "delta": 0.0061, "ci_low": 0.0049,
                            "ci_high": 0.0074, "waits": True}},
        "tree": {"metric": "blocked", "base": 0.0, "head": 0.0, "delta": 0.0, "blocks": False,
                 "lock": quiet},
    }  # fmt: skip
    assert stats.apply_loop(results, shift, loop, loopwatch.describe, loopwatch.describe_lock) == []
    assert results["search"]["verdict"] == abstats.REGRESSION
    assert results["search"]["reason"].startswith(
        "waits on a lock +6.1 ms longer per request (0.0 → 6.1 ms, CI +4.9 … +7.4)"
    )
    # a lock queues only the requests that take it: the others' verdicts stand
    assert results["tree"]["verdict"] == abstats.REGRESSION
    assert shift["verdict"] == abstats.REGRESSION


def test_while_one_endpoint_blocks_the_loop_another_lock_wait_is_explained():
    # the loop blocked by search stalls the holder of consolidation's lock too
    results = {
        "search": {"verdict": abstats.UNCHANGED, "reason": "unchanged under load"},
        "consolidation": {"verdict": abstats.UNCHANGED, "reason": "unchanged under load"},
    }
    lock = {"base": 0.010, "head": 0.030, "delta": 0.020, "ci_low": 0.012, "ci_high": 0.028,
            "waits": True}  # fmt: skip
    loop = {
        "search": {"metric": "blocked", "base": 0.0, "head": 0.02, "delta": 0.02,
                   "ci_low": 0.019, "ci_high": 0.021, "blocks": True},
        "consolidation": {"metric": "blocked", "base": 0.0, "head": 0.0, "delta": 0.0,
                          "blocks": False, "lock": lock},
    }  # fmt: skip
    stats.apply_loop(results, None, loop, loopwatch.describe, loopwatch.describe_lock)
    assert results["search"]["verdict"] == abstats.REGRESSION
    assert results["consolidation"]["verdict"] == stats.EXPLAINED
    assert "because search blocks the event loop" in results["consolidation"]["reason"]


def test_blocking_names_the_culprit_and_explains_the_victims():
    results = {
        "search": {"verdict": abstats.UNCHANGED, "reason": "unchanged under load"},
        "tree": {"verdict": abstats.REGRESSION, "reason": "P95 +45 %"},
        "classify": {"verdict": abstats.UNCHANGED, "reason": "unchanged under load"},
    }
    shift = {"verdict": abstats.REGRESSION, "reason": "every endpoint slower under load"}
    loop = {
        "search": {"metric": "blocked", "base": 0.004, "head": 0.024, "delta": 0.02,
                   "ci_low": 0.018,
                   "ci_high": 0.022, "blocks": True},
        "tree": {"base": 0.0005, "head": 0.0005, "delta": 0.0, "ci_low": -0.0001,
                 "ci_high": 0.0001, "blocks": False},
    }  # fmt: skip
    blocking = stats.apply_loop(results, shift, loop, loopwatch.describe)
    assert blocking == ["search"]
    assert results["search"]["verdict"] == abstats.REGRESSION
    assert results["search"]["reason"].startswith("blocks the event loop +20.0 ms longer")
    assert results["tree"]["verdict"] == stats.EXPLAINED
    assert "because search blocks the event loop" in results["tree"]["reason"]
    assert results["classify"]["verdict"] == abstats.UNCHANGED
    assert shift["verdict"] == stats.EXPLAINED
    assert results["tree"]["loop"]["blocks"] is False


def test_without_a_blocking_endpoint_the_latency_verdicts_stand():
    results = {"tree": {"verdict": abstats.REGRESSION, "reason": "P95 +45 %"}}
    loop = {"tree": {"base": 0.0005, "head": 0.0006, "blocks": False}}
    assert stats.apply_loop(results, None, loop, loopwatch.describe) == []
    assert results["tree"]["verdict"] == abstats.REGRESSION


def test_a_command_service_is_not_watched(tmp_path):
    api = ApiProcess(
        service=Service(root=APP, command="python -m uvicorn app:app --port {port}"),
        dsn="postgresql://nobody@127.0.0.1:1/none",
        port=1,
        logfile=tmp_path / "log",
        loopwatch=True,
    )
    assert not api.watched
