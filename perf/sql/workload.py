"""Statements under the service's own requests: pg_stat_statements for a smoke load (every
configured endpoint a few times) and per endpoint (statements and rows per request), and the
transaction analysis of consolidation and reflection batch (statements and commits per run,
longest lock wait and longest transaction while both run at once; seed 4.3: "transactions
never block more than 1 s")."""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import time
from dataclasses import dataclass, field

import asyncpg
import httpx

from perf.config import Config, Endpoint
from perf.errors import EnvironmentFailure
from perf.pgtools import reset_statements, statement_totals, top_statements

TRANSACTION_ENDPOINTS = ("reflection_batch", "consolidation_run")
LOCK_WAIT_LIMIT_S = 1.0  # seed plan 4.3
SAMPLE_INTERVAL_S = 0.02


@dataclass
class Requests:
    """Bodies for each endpoint, from the config's literal JSON or its payload source."""

    endpoints: list[Endpoint]
    bodies: dict[str, list] = field(default_factory=dict)

    def body(self, name: str, i: int):
        items = self.bodies.get(name) or [None]
        return items[i % len(items)]


async def load_requests(conn: asyncpg.Connection, config: Config) -> Requests:
    module = importlib.import_module(config.payloads_module)
    req = Requests(list(config.endpoints))
    for e in config.endpoints:
        items = [e.json] if e.json is not None else []
        if e.payloads:
            items = await getattr(module, e.payloads)(conn) or items
        req.bodies[e.name] = items
    return req


async def _call(client: httpx.AsyncClient, e: Endpoint, body) -> None:
    r = await client.request(e.method, e.path, json=body if e.method != "GET" else None)
    if r.status_code >= 400:
        raise EnvironmentFailure(f"{e.method} {e.path} answered {r.status_code}: {r.text[:200]}")


async def smoke_and_per_endpoint(
    conn: asyncpg.Connection,
    client: httpx.AsyncClient,
    req: Requests,
    smoke_calls: int,
    per_endpoint_calls: int,
    top_n: int,
) -> tuple[dict, list[dict]]:
    """The smoke stage (every endpoint `smoke_calls` times, then the top statements) and, per
    endpoint, statements and rows per request over `per_endpoint_calls` calls."""
    await reset_statements(conn)
    started = time.perf_counter()
    requests = 0
    for e in req.endpoints:
        for i in range(smoke_calls):
            await _call(client, e, req.body(e.name, i))
            requests += 1
    calls, rows = await statement_totals(conn)
    top = [
        s for s in await top_statements(conn, top_n + 3) if "pg_stat_statements" not in s["query"]
    ]
    smoke = {
        "stage": "smoke",
        "requests": requests,
        "seconds": round(time.perf_counter() - started, 2),
        "calls": calls,
        "rows": rows,
        "top": top[:top_n],
    }
    per_endpoint = []
    for e in req.endpoints:
        await reset_statements(conn)
        for i in range(per_endpoint_calls):
            await _call(client, e, req.body(e.name, i))
        calls, rows = await statement_totals(conn)
        top = await top_statements(conn, 3)
        per_endpoint.append(
            {
                "name": e.name,
                "requests": per_endpoint_calls,
                "statements_per_request": round(calls / per_endpoint_calls, 2),
                "rows_per_request": round(rows / per_endpoint_calls, 2),
                "top": top,
            }
        )
    return smoke, per_endpoint


async def _transaction_statements(conn: asyncpg.Connection) -> dict[str, int]:
    """Explicit BEGIN / COMMIT / ROLLBACK calls since the reset (pg_stat_statements tracks
    utility statements). Statements outside such a block each commit on their own; the
    server-wide xact_commit counter is not used because backends report it up to seconds
    late."""
    rows = await conn.fetch(
        """SELECT upper(split_part(trim(s.query), ' ', 1)) AS verb, sum(s.calls) AS calls
           FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
           WHERE d.datname = current_database()
             AND upper(trim(s.query)) ~ '^(BEGIN|START|COMMIT|ROLLBACK|END)'
           GROUP BY 1"""
    )
    return {r["verb"].rstrip(";"): int(r["calls"]) for r in rows}


class LockSampler:
    """Polls pg_stat_activity of this database every 20 ms: how long a service backend was
    seen waiting on a lock (first to last sample of one wait, plus one interval: within one
    interval of the truth), and its longest open transaction."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn
        self.longest_wait_s = 0.0
        self.longest_wait_query = ""
        self.longest_xact_s = 0.0
        self.longest_xact_query = ""
        self.waits_seen = 0
        self.samples = 0
        self._waiting: dict[int, float] = {}
        self._stop = asyncio.Event()

    async def run(self) -> None:
        while not self._stop.is_set():
            rows = await self.conn.fetch(
                """SELECT pid, wait_event_type, query,
                          extract(epoch FROM now() - xact_start) AS in_xact
                   FROM pg_stat_activity
                   WHERE datname = current_database() AND pid <> pg_backend_pid()"""
            )
            now = time.monotonic()
            self.samples += 1
            waiting = set()
            for r in rows:
                if r["wait_event_type"] == "Lock":
                    waiting.add(r["pid"])
                    if r["pid"] not in self._waiting:
                        self._waiting[r["pid"]] = now
                        self.waits_seen += 1
                    waited = now - self._waiting[r["pid"]] + SAMPLE_INTERVAL_S
                    if waited > self.longest_wait_s:
                        self.longest_wait_s = waited
                        self.longest_wait_query = " ".join(r["query"].split())[:200]
                if r["in_xact"] is not None and float(r["in_xact"]) > self.longest_xact_s:
                    self.longest_xact_s = float(r["in_xact"])
                    self.longest_xact_query = " ".join(r["query"].split())[:200]
            self._waiting = {p: t for p, t in self._waiting.items() if p in waiting}
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stop.wait(), SAMPLE_INTERVAL_S)

    def stop(self) -> None:
        self._stop.set()


async def _chain(client: httpx.AsyncClient, e: Endpoint, req: Requests, runs: int) -> None:
    for i in range(runs):
        await _call(client, e, req.body(e.name, i))


async def transactions(
    conn: asyncpg.Connection, dsn: str, client: httpx.AsyncClient, req: Requests, runs: int
) -> dict:
    """Per endpoint alone: statements, rows, COMMITs and ROLLBACKs per run;
    then both endpoints at once under the lock sampler."""
    chosen = [e for e in req.endpoints if e.name in TRANSACTION_ENDPOINTS]
    alone = []
    for e in chosen:
        await reset_statements(conn)
        for i in range(runs):
            await _call(client, e, req.body(e.name, i))
        calls, rows = await statement_totals(conn)
        verbs = await _transaction_statements(conn)
        commits = verbs.get("COMMIT", 0) + verbs.get("END", 0)
        alone.append(
            {
                "name": e.name,
                "runs": runs,
                "statements_per_run": round(calls / runs, 2),
                "rows_per_run": round(rows / runs, 2),
                "commits_per_run": round(commits / runs, 2),
                "rollbacks_per_run": round(verbs.get("ROLLBACK", 0) / runs, 2),
                "top": await top_statements(conn, 5),
            }
        )
    sampler = LockSampler(await asyncpg.connect(dsn))
    task = asyncio.create_task(sampler.run())
    started = time.perf_counter()
    try:
        # One chain per endpoint, side by side: consolidation refuses a second concurrent run
        # of itself (409, its advisory lock), so contention is between the two endpoints.
        await asyncio.gather(*[_chain(client, e, req, runs) for e in chosen])
    finally:
        sampler.stop()
        await task
        await sampler.conn.close()
    return {
        "alone": alone,
        "concurrent": {
            "endpoints": [e.name for e in chosen],
            "requests": runs * len(chosen),
            "seconds": round(time.perf_counter() - started, 2),
            "samples": sampler.samples,
            "lock_waits_seen": sampler.waits_seen,
            "longest_lock_wait_s": round(sampler.longest_wait_s, 3),
            "longest_lock_wait_query": sampler.longest_wait_query,
            "longest_transaction_s": round(sampler.longest_xact_s, 3),
            "longest_transaction_query": sampler.longest_xact_query,
            "limit_s": LOCK_WAIT_LIMIT_S,
        },
    }


async def _buffers_and_calls(conn: asyncpg.Connection) -> tuple[int, int]:
    row = await conn.fetchrow(
        """SELECT coalesce(sum(s.calls), 0) AS calls,
                  coalesce(sum(s.shared_blks_hit + s.shared_blks_read), 0) AS blocks
           FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
           WHERE d.datname = current_database()
             AND s.query NOT ILIKE '%pg_stat_statements%'"""
    )
    return int(row["calls"]), int(row["blocks"])


async def compare_endpoints(
    before: tuple[asyncpg.Connection, httpx.AsyncClient],
    after: tuple[asyncpg.Connection, httpx.AsyncClient],
    req: Requests,
    calls: int,
) -> list[dict]:
    """Each non-mutating endpoint called `calls` times on both arms, alternating (the first
    arm alternates too); per arm P50/P95 latency, statements and buffers per request."""
    from perf.stats import percentile

    out = []
    for e in req.endpoints:
        if e.restore:
            continue  # mutating: its own benchmark restores tables between rounds
        await reset_statements(before[0])  # server-wide: both arms' databases
        lat: dict[str, list[float]] = {"before": [], "after": []}
        for i in range(calls):
            order = (("before", before), ("after", after))
            for arm, (_conn, client) in order if i % 2 == 0 else order[::-1]:
                t0 = time.perf_counter()
                await _call(client, e, req.body(e.name, i))
                lat[arm].append((time.perf_counter() - t0) * 1000)
        row: dict = {"name": e.name, "calls": calls}
        for arm, (conn, _client) in (("before", before), ("after", after)):
            n, blocks = await _buffers_and_calls(conn)
            row[f"p50_ms_{arm}"] = round(percentile(lat[arm], 50), 3)
            row[f"p95_ms_{arm}"] = round(percentile(lat[arm], 95), 3)
            row[f"statements_per_request_{arm}"] = round(n / calls, 2)
            row[f"buffers_per_request_{arm}"] = round(blocks / calls, 1)
        row["p95_ratio"] = round(row["p95_ms_after"] / row["p95_ms_before"], 4)
        out.append(row)
    return out
