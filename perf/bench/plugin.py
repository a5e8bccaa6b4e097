"""Fixtures of the benchmark suites: the database, the app in-process with its lifespan on one
persistent event loop, payloads from the seeded data, table restore and statement counting.

`perfci bench` runs this suite with PERFCI_BENCH_DSN set to a fresh copy of the seeded template.
Run directly (`pytest perf/bench`), the suite starts its own stack from the config's profile.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import asyncpg
import httpx
import pytest

from perf import driver, pgtools
from perf.config import Config, Endpoint, load_config
from perf.errors import UsageError
from perf.service import import_object

BENCH_API_KEY = "perfci-bench-key"


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
        service = config.service
        if not service.app:
            raise UsageError(
                f"{service.where}: perfci bench runs the app in-process and needs app = "
                "'module:attribute' (a service started by command is measured by perfci ab)"
            )
        if str(service.root) not in sys.path:
            sys.path.insert(0, str(service.root))
        env = config.app_env(dsn, BENCH_API_KEY)
        saved = {k: os.environ.get(k) for k in env}
        os.environ.update(env)
        try:
            self.app = import_object(service.app)
            if service.factory:
                self.app = self.app()
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
        self._lifespan = self.app.router.lifespan_context(self.app)
        self.run(self._lifespan.__aenter__())
        self.client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=self.app), base_url="http://bench", timeout=120
        )

        def login(path, form, body):
            r = self.run(self.client.post(path, data=form, json=body))
            return r.status_code, r.text

        self.client.headers.update(driver.auth_headers(service.auth, BENCH_API_KEY, login))

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

    # -- requests (perf.driver: one resolution of payloads and checks for every stage)
    def requests(self, endpoint: Endpoint) -> list[driver.Request]:
        try:
            return self.run(driver.requests_for(self.config, endpoint, self.conn))
        except UsageError as exc:
            raise pytest.UsageError(str(exc)) from None

    def caller(self, endpoint: Endpoint) -> Callable[[], httpx.Response]:
        """One call per invocation, cycling through the requests; asserts the status."""
        requests = itertools.cycle(self.requests(endpoint))
        client = self.client

        def call() -> httpx.Response:
            req = next(requests)
            response = self.loop.run_until_complete(
                client.request(req.method, req.path, **req.kwargs())
            )
            if response.status_code != endpoint.expect_status:
                raise AssertionError(
                    f"{req.method} {req.path} answered {response.status_code}: "
                    f"{response.text[:300]}"
                )
            return response

        return call

    def check(self, endpoint: Endpoint, response: httpx.Response) -> None:
        """The response is the valid, non-empty one (perf.driver.check)."""
        try:
            driver.check(self.config, endpoint, response.status_code, response.text)
        except UsageError as exc:
            raise pytest.UsageError(str(exc)) from None

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
            self.run(pgtools.settled_statement_totals(self.conn))  # late statements first
            self.run(pgtools.reset_statements(self.conn))
            call()
            s, r = self.run(pgtools.settled_statement_totals(self.conn))
            statements, rows = statements + s, rows + r
        return StatementCounts(statements / calls, rows / calls)


def _dsn_and_stack() -> tuple[str, Any]:
    dsn = os.environ.get("PERFCI_BENCH_DSN")
    if dsn:
        return dsn, None
    from perf.stack import DataSpec, Stack

    config = load_config(os.environ.get("PERFCI_CONFIG"))
    stack = Stack(DataSpec(config.service, config.profile), start_api=False)
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
