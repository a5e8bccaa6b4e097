"""One benchmark per endpoint of perfci.toml, through the app in-process (httpx ASGI transport).

Each benchmark proves it timed a successful, non-empty response, and records the statements and
rows per request from pg_stat_statements next to its timings (`extra_info`).
"""

from __future__ import annotations

from perf.config import Endpoint


def test_endpoint(benchmark, bench, endpoint: Endpoint) -> None:
    call = bench.caller(endpoint)
    setup = bench.restorer(endpoint.restore) if endpoint.restore else None
    settings = bench.config.bench

    # An untimed call first: the benchmark must time the path it claims to time.
    if setup is not None:
        setup()
    bench.check(endpoint, call())

    benchmark.extra_info.update(perfci_name=endpoint.name, kind="endpoint")
    if setup is not None or endpoint.rounds is not None:
        response = benchmark.pedantic(
            call,
            setup=setup,
            rounds=endpoint.rounds or settings.min_rounds,
            iterations=1,
            warmup_rounds=0 if setup is not None else 1,
        )
    else:
        for _ in range(settings.warmup_rounds):
            call()
        response = benchmark(call)
    bench.check(endpoint, response)

    counts = bench.count_statements(call, settings.query_count_calls, setup)
    if setup is not None:
        setup()  # leave the data as the next benchmark expects it
    benchmark.extra_info.update(
        statements_per_request=counts.statements_per_request,
        rows_per_request=counts.rows_per_request,
    )
