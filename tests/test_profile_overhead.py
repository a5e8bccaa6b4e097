"""The paired profiling-overhead measurement (perf/profile/overhead.py) and its block-bootstrap
ratio (perf/abstats.py), on fixed data; and the pair driver against two real local servers whose
only difference is a known extra delay."""

from __future__ import annotations

import asyncio
import os
import threading
import time

import numpy as np
import pytest

from perf.abstats import block_bootstrap_ratio
from perf.profile import overhead
from perf.profile.overhead import Pair


def _pairs(n: int, factor: float, seed: int = 3, bursts: bool = True) -> list[Pair]:
    """Lognormal service times with machine-noise bursts that hit both arms of a pair alike;
    the profiled arm is `factor` times slower, with its own small jitter."""
    rng = np.random.default_rng(seed)
    base = rng.lognormal(np.log(0.05), 0.6, n)
    if bursts:  # every 200 pairs, 50 pairs run 1.8× slower for both arms
        base = base * np.where((np.arange(n) // 50) % 4 == 0, 1.8, 1.0)
    plain = base * rng.lognormal(0, 0.05, n)
    profiled = base * factor * rng.lognormal(0, 0.05, n)
    return [
        Pair(float(i), "e", float(a), float(b))
        for i, (a, b) in enumerate(zip(plain, profiled, strict=True))
    ]


def test_a_known_overhead_is_found_within_its_ci():
    o = overhead.estimate(_pairs(3000, 1.08))
    assert o["method"] == "paired" and o["pairs"] == 3000
    for key in ("p50_change", "p95_change"):
        lo, hi = o[f"{key}_ci"]
        assert lo < 0.08 < hi and abs(o[key] - 0.08) < 0.02, (key, o)
    # 8 % more time per request is 1/1.08 - 1 = -7.4 % of a closed loop's throughput
    lo, hi = o["rps_change_ci"]
    assert lo < 1 / 1.08 - 1 < hi and lo < hi < 0
    assert not overhead.within(o, 0.05)


def test_no_overhead_gives_a_ci_around_zero_and_passes_five_percent():
    o = overhead.estimate(_pairs(3000, 1.0))
    for key in ("rps_change", "p50_change", "p95_change"):
        lo, hi = o[f"{key}_ci"]
        assert lo <= 0 <= hi and hi - lo < 0.06, (key, o)
    assert overhead.within(o, 0.05)


def test_shared_noise_bursts_do_not_bias_the_ratio():
    """The bursts multiply both arms: the ratio stays at the arm difference, while an unpaired
    comparison of a burst-free window against a bursty one would show 80 %."""
    with_bursts = overhead.estimate(_pairs(4000, 1.03, seed=11))
    assert abs(with_bursts["p95_change"] - 0.03) < 0.015, with_bursts
    assert with_bursts["p95_change_ci"][0] < 0.03 < with_bursts["p95_change_ci"][1]


def test_order_of_the_pairs_does_not_matter_for_the_estimate():
    pairs = _pairs(1000, 1.05)
    shuffled = list(reversed(pairs))
    assert overhead.estimate(pairs) == overhead.estimate(shuffled)


def test_too_few_pairs_is_an_error():
    with pytest.raises(ValueError, match="at least 40"):
        overhead.estimate(_pairs(39, 1.0))


def test_block_bootstrap_ratio_on_fixed_values():
    base = [1.0, 2.0, 3.0, 4.0] * 10
    head = [2 * x for x in base]
    for stat in ("mean", "p50", "p95", "p99"):
        r = block_bootstrap_ratio(base, head, stat, block=4)
        assert r.estimate == pytest.approx(2.0) and r.ci_low == pytest.approx(2.0)
        assert r.ci_high == pytest.approx(2.0) and r.blocks == 10 and r.pairs == 40
    with pytest.raises(ValueError, match="pairs need equal counts"):
        block_bootstrap_ratio([1.0, 2.0], [1.0], "p95", 1)
    with pytest.raises(ValueError, match="at least 2"):
        block_bootstrap_ratio([1.0] * 5, [1.0] * 5, "p95", 3)


def test_tail_ratio_sees_a_change_only_in_the_tail():
    """Head equals base except its slowest 3 %, doubled: P50 unchanged, P99 doubled, P95 in
    between; a median-based ratio would not see it."""
    rng = np.random.default_rng(5)
    base = rng.lognormal(0, 0.3, 4000)
    cut = np.percentile(base, 97)
    head = np.where(base > cut, base * 2, base)
    assert block_bootstrap_ratio(base, head, "p50", 40).estimate == pytest.approx(1.0)
    p99 = block_bootstrap_ratio(base, head, "p99", 40)
    assert p99.estimate == pytest.approx(2.0, rel=0.05) and p99.ci_low > 1.5


def test_cpu_seconds_of_this_process_grow_with_work():
    before = overhead.cpu_seconds(os.getpid())
    t = time.process_time()
    while time.process_time() - t < 0.3:
        pass
    after = overhead.cpu_seconds(os.getpid())
    assert before is not None and after - before >= 0.2
    assert overhead.cpu_seconds(2**22 + 12345) is None


def _server(delay: float):
    """A real HTTP server on 127.0.0.1 (uvicorn, in a thread) answering after `delay` s."""
    import uvicorn

    async def app(scope, receive, send):
        if scope["type"] != "http":
            return
        await asyncio.sleep(delay)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="error", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    return server, thread, f"http://127.0.0.1:{port}"


def test_pairs_against_two_servers_find_the_slower_one():
    plain, t1, plain_url = _server(0.010)
    slow, t2, slow_url = _server(0.013)
    try:
        plan = {
            "endpoints": [
                {"name": "x", "weight": 1, "expect_status": 200,
                 "requests": [{"method": "GET", "url": "/x"}]},
            ],
        }  # fmt: skip
        pairs, errors = asyncio.run(
            overhead.drive_pairs(plain_url, slow_url, plan, users=4, duration=3.0, seed=1)
        )
    finally:
        for server, thread in ((plain, t1), (slow, t2)):
            server.should_exit = True
            thread.join(10)
    assert errors == {"plain": 0, "profiled": 0}
    o = overhead.estimate(pairs)
    # 13 ms against 10 ms of sleep plus the same HTTP round trip: clearly slower, and the
    # order of each pair alternates, so neither arm always goes first
    assert o["p50_change"] > 0.1 and o["p50_change_ci"][0] > 0.05, o
    assert o["rps_change_ci"][1] < 0, o
