"""Prometheus metrics of one app instance: HTTP requests by route template, in-flight, DB pool."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import asyncpg
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from starlette.types import ASGIApp, Message, Receive, Scope, Send

UNMATCHED_ROUTE = "unmatched"
LATENCY_BUCKETS = (
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
)  # fmt: skip


class PoolCollector(Collector):
    """DB pool gauges read from the asyncpg pool at scrape time (nothing to keep in sync)."""

    def __init__(self, get_pool: Callable[[], asyncpg.Pool | None]) -> None:
        self._get_pool = get_pool

    def collect(self) -> Iterator[Metric]:
        pool = self._get_pool()
        if pool is None:
            return
        size = pool.get_size()
        idle = pool.get_idle_size()
        yield GaugeMetricFamily("dtrag_db_pool_size", "Open connections in the pool", value=size)
        yield GaugeMetricFamily(
            "dtrag_db_pool_in_use", "Pool connections checked out", value=size - idle
        )
        yield GaugeMetricFamily("dtrag_db_pool_idle", "Idle pool connections", value=idle)
        yield GaugeMetricFamily(
            "dtrag_db_pool_max_size", "Configured pool maximum", value=pool.get_max_size()
        )


class Metrics:
    """The metrics of one app, in a registry of its own (apps are built many times per process)."""

    def __init__(self, get_pool: Callable[[], asyncpg.Pool | None]) -> None:
        self.registry = CollectorRegistry()
        labels = ("method", "route", "status")
        self.requests = Counter(
            "dtrag_http_requests", "HTTP requests handled", labels, registry=self.registry
        )
        self.latency = Histogram(
            "dtrag_http_request_duration_seconds",
            "HTTP request latency (until the response is sent)",
            labels,
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.in_flight = Gauge(
            "dtrag_http_requests_in_flight", "HTTP requests being handled", registry=self.registry
        )
        self.registry.register(PoolCollector(get_pool))

    def render(self) -> bytes:
        return generate_latest(self.registry)

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        status_label = str(status)
        self.requests.labels(method, route, status_label).inc()
        self.latency.labels(method, route, status_label).observe(seconds)


def route_template(scope: Scope) -> str:
    """The matched route's path template ("/taxonomy/{version}/tree"), never the raw path."""
    route = scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) else UNMATCHED_ROUTE


class MetricsMiddleware:
    """Pure ASGI middleware: counts and times every HTTP request."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = 500  # if nothing is sent, the server answers 500

        async def send_recording(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        self.metrics.in_flight.inc()
        started = time.perf_counter()
        try:
            await self.app(scope, receive, send_recording)
        finally:
            elapsed = time.perf_counter() - started
            self.metrics.in_flight.dec()
            self.metrics.observe(scope["method"], route_template(scope), status, elapsed)
