"""Fixtures of the benchmark suites: the database, the app in-process with its lifespan on one
persistent event loop, payloads from the seeded data, table restore and statement counting.

`perfci bench` runs this suite with PERFCI_BENCH_DSN set to a fresh copy of the seeded template.
Run directly (`pytest perf/bench`), the suite starts its own stack from the config's profile.
"""

from __future__ import annotations

import asyncio
import importlib
import itertools
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import asyncpg
import httpx
import pytest

from perf import pgtools
from perf.config import Config, Endpoint, load_config

BENCH_API_KEY = "perfci-bench-key"


def import_object(spec: str) -> Any:
    """'package.module:name' (or 'package.module' for a module) → the object."""
    module, _, name = spec.partition(":")
    obj = importlib.import_module(module)
    return getattr(obj, name) if name else obj


@dataclass
class StatementCounts:
    """pg_stat_statements deltas per request: exact, noise-free signals beside the timings."""

    statements_per_request: float | None
    rows_per_request: float | None


class BenchContext:
    """Everything a benchmark needs, bound to one event loop that lives for the session."""

    def __init__(self, config: Config, dsn: str) -> None:
        self.config = config
        self.dsn = dsn
        self.loop = asyncio.new_event_loop()
        self.conn: asyncpg.Connection = self.run(asyncpg.connect(dsn))
        self._snapshots: set[str] = set()
        self._pgss = self.run(self._pgss_available())
        saved = {k: os.environ.get(k) for k in config.env}
        os.environ.update(config.app_env(dsn, BENCH_API_KEY))
        try:
            self.app = import_object(config.app)()
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
        self._lifespan = self.app.router.lifespan_context(self.app)
        self.run(self._lifespan.__aenter__())
        self.client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=self.app),
            base_url="http://bench",
            headers={config.api_key_header: BENCH_API_KEY},
            timeout=120,
        )
        self.payloads_module = importlib.import_module(config.payloads_module)
        self.checks_module = importlib.import_module(config.checks_module)

    def run(self, coro):
        return self.loop.run_until_complete(coro)

    def close(self) -> None:
        try:
            self.run(self.client.aclose())
            self.run(self._lifespan.__aexit__(None, None, None))
            self.run(pgtools.drop_snapshots(self.conn, self._snapshots))
            self.run(self.conn.close())
        finally:
            self.loop.close()

    # -- requests
    def bodies(self, endpoint: Endpoint) -> list[Any]:
        if endpoint.payloads:
            source = getattr(self.payloads_module, endpoint.payloads, None)
            if source is None:
                raise pytest.UsageError(
                    f"{self.config.path}: endpoint {endpoint.name!r}: payload source "
                    f"{endpoint.payloads!r} not found in {self.config.payloads_module}"
                )
            bodies = self.run(source(self.conn))
            if not bodies:
                raise AssertionError(f"payload source {endpoint.payloads} returned no payload")
            return bodies
        return [endpoint.json]

    def caller(self, endpoint: Endpoint) -> Callable[[], httpx.Response]:
        """One call per invocation, cycling through the payloads; asserts the status."""
        bodies = itertools.cycle(self.bodies(endpoint))
        client, method, path = self.client, endpoint.method, endpoint.path

        def call() -> httpx.Response:
            body = next(bodies)
            response = self.loop.run_until_complete(
                client.request(method, path, json=body if method != "GET" else None)
            )
            if response.status_code != 200:
                raise AssertionError(
                    f"{method} {path} answered {response.status_code}: {response.text[:300]}"
                )
            return response

        return call

    def check(self, endpoint: Endpoint, response: httpx.Response) -> None:
        """The endpoint's response check (non-empty result), if it names one."""
        body = response.json()
        if body in (None, {}, []):
            raise AssertionError(f"{endpoint.name}: empty response body")
        if endpoint.expect:
            check = getattr(self.checks_module, endpoint.expect, None)
            if check is None:
                raise pytest.UsageError(
                    f"{self.config.path}: endpoint {endpoint.name!r}: check "
                    f"{endpoint.expect!r} not found in {self.config.checks_module}"
                )
            check(body)

    # -- mutating endpoints: every round starts from the same rows
    def restorer(self, tables: tuple[str, ...]) -> Callable[[], None]:
        self.run(pgtools.snapshot_tables(self.conn, tables))
        self._snapshots.update(tables)
        return lambda: self.run(pgtools.restore_tables(self.conn, tables))

    # -- statements per request
    async def _pgss_available(self) -> bool:
        try:
            await self.conn.fetchval("SELECT count(*) FROM pg_stat_statements")
            await pgtools.reset_statements(self.conn)
            return True
        except asyncpg.PostgresError:
            return False

    def count_statements(
        self, call: Callable[[], httpx.Response], calls: int, setup: Callable[[], None] | None
    ) -> StatementCounts:
        """Statements and rows per request over `calls` calls (setup work excluded)."""
        if not self._pgss:
            return StatementCounts(None, None)
        statements = rows = 0
        for _ in range(calls):
            if setup is not None:
                setup()
            self.run(pgtools.reset_statements(self.conn))
            call()
            s, r = self.run(pgtools.statement_totals(self.conn))
            statements, rows = statements + s, rows + r
        return StatementCounts(statements / calls, rows / calls)


def _dsn_and_stack() -> tuple[str, Any]:
    dsn = os.environ.get("PERFCI_BENCH_DSN")
    if dsn:
        return dsn, None
    from perf.stack import DataSpec, Stack

    config = load_config(os.environ.get("PERFCI_CONFIG"))
    stack = Stack(DataSpec(profile=config.profile), start_api=False)
    info = stack.__enter__()
    return info.dsn, stack


@pytest.fixture(scope="session")
def bench_config() -> Config:
    return load_config(os.environ.get("PERFCI_CONFIG"))


@pytest.fixture(scope="session")
def bench(bench_config) -> Iterator[BenchContext]:
    dsn, stack = _dsn_and_stack()
    try:
        ctx = BenchContext(bench_config, dsn)
        try:
            yield ctx
        finally:
            ctx.close()
    finally:
        if stack is not None:
            stack.close()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "endpoint" in metafunc.fixturenames:
        endpoints = load_config(os.environ.get("PERFCI_CONFIG")).endpoints
        metafunc.parametrize("endpoint", endpoints, ids=[e.name for e in endpoints])


def bench_name(item: pytest.Item) -> str:
    """The perfci name of a collected benchmark: the endpoint name, or engine_<what>."""
    callspec = getattr(item, "callspec", None)
    if callspec is not None and "endpoint" in callspec.params:
        return callspec.params["endpoint"].name
    return item.originalname.removeprefix("test_")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    only = {n for n in os.environ.get("PERFCI_ONLY", "").split(",") if n}
    if not only:
        return
    keep = [i for i in items if bench_name(i) in only]
    config.hook.pytest_deselected(items=[i for i in items if i not in keep])
    items[:] = keep
