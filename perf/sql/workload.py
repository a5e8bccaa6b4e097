"""Statements under the service's own requests: pg_stat_statements for a smoke load (every
configured endpoint a few times) and per endpoint (statements and rows per request), and the
transaction analysis of the endpoints `[sql] transactions` names (statements and commits per
run, longest lock wait and longest transaction while they run at once; seed 4.3:
"transactions never block more than 1 s").

Requests, authentication and response checks come from perf.driver, as for every stage. The
counters are read around each call and only their difference is kept: perfci's own work
between calls (putting back the tables of an endpoint that declares `restore`, its reads of
pg_stat_statements) never counts as the service's.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import dataclass, field

import asyncpg
import httpx

from perf import driver
from perf.config import Config, Endpoint
from perf.driver import Request
from perf.errors import EnvironmentFailure
from perf.pgtools import drop_snapshots, reset_statements, restore_tables, snapshot_tables

LOCK_WAIT_LIMIT_S = 1.0  # seed plan 4.3
SAMPLE_INTERVAL_S = 0.02
SETTLE_LIMIT_S = 1.0  # longest wait for the service's sessions to finish a request's work
# perfci's own statements, never the service's: its reads of pg_stat_statements, EXPLAINs,
# prepared-statement housekeeping, table snapshots and their restores, database settings, and
# what it marks with OWN_COMMENT (its polls of pg_stat_activity)
OWN_COMMENT = "/* perfci */"
OWN_PREFIXES = ("EXPLAIN", "PREPARE", "DEALLOCATE", "ALTER DATABASE", "VACUUM")
OWN_MARKERS = ("pg_stat_statements", "perfci_snapshot_", OWN_COMMENT)


def is_own(query: str) -> bool:
    """True for a statement perfci itself runs (see OWN_PREFIXES and OWN_MARKERS)."""
    text = query.lstrip().upper()
    return text.startswith(OWN_PREFIXES) or any(m.upper() in text for m in OWN_MARKERS)


# --------------------------------------------------------------------------- counters


@dataclass
class StatementStats:
    """One pg_stat_statements entry (by query id), or the difference of two readings."""

    query: str
    calls: int = 0
    rows: int = 0
    total_ms: float = 0.0
    max_ms: float = 0.0  # the slowest execution seen (see StatementWindows.around)
    shared_blks_hit: int = 0
    shared_blks_read: int = 0
    toplevel: bool = True  # False: only ever run inside a function or trigger (track = all)

    def as_dict(self) -> dict:
        return {
            "query": " ".join(self.query.split()),
            "calls": self.calls,
            "rows": self.rows,
            "total_ms": round(self.total_ms, 3),
            "mean_ms": round(self.total_ms / self.calls, 3) if self.calls else 0.0,
            "max_ms": round(self.max_ms, 3),
            "shared_blks_hit": self.shared_blks_hit,
            "shared_blks_read": self.shared_blks_read,
        }


async def read_counters(conn: asyncpg.Connection) -> dict[int, StatementStats]:
    """pg_stat_statements of the current database, summed per query id."""
    rows = await conn.fetch(
        """SELECT s.queryid, min(s.query) AS query, sum(s.calls) AS calls, sum(s.rows) AS rows,
                  sum(s.total_exec_time) AS total_ms, max(s.max_exec_time) AS max_ms,
                  sum(s.shared_blks_hit) AS hit, sum(s.shared_blks_read) AS read,
                  bool_or(s.toplevel) AS toplevel
           FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
           WHERE d.datname = current_database() AND s.queryid IS NOT NULL
           GROUP BY s.queryid"""
    )
    return {
        int(r["queryid"]): StatementStats(
            r["query"],
            int(r["calls"]),
            int(r["rows"]),
            float(r["total_ms"]),
            float(r["max_ms"]),
            int(r["hit"]),
            int(r["read"]),
            bool(r["toplevel"]),
        )
        for r in rows
    }


async def settle(conn: asyncpg.Connection, limit_s: float = SETTLE_LIMIT_S) -> None:
    """Wait until the other sessions of this database are idle (at most `limit_s`).

    pg_stat_statements counts a statement when its executor ends, and for a SELECT run through
    the extended protocol (asyncpg, SQLAlchemy) that is when its portal is dropped: at the next
    statement of the session or at the end of its transaction. A service that closes its
    session after the response is sent (a FastAPI dependency's exit) commits or rolls back a
    moment after the client has its answer, and the request's last SELECT would count after
    the window read."""
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        busy = await conn.fetchval(
            f"""{OWN_COMMENT} SELECT count(*) FROM pg_stat_activity
               WHERE datname = current_database() AND pid <> pg_backend_pid()
                 AND backend_type = 'client backend' AND state IS DISTINCT FROM 'idle'"""
        )
        if not busy:
            return
        await asyncio.sleep(0.002)


class StatementWindows:
    """What the service ran during the calls of one stage: pg_stat_statements read before and
    after each call (`async with windows.around():`), the differences summed per query id."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn
        self.stats: dict[int, StatementStats] = {}

    async def reset(self) -> None:
        """Start a stage: the counters and their maxima from zero."""
        await reset_statements(self.conn)
        self.stats = {}

    @contextlib.asynccontextmanager
    async def around(self):
        before = await read_counters(self.conn)
        yield
        await settle(self.conn)
        after = await read_counters(self.conn)
        for qid, a in after.items():
            if is_own(a.query):
                continue
            b = before.get(qid, StatementStats(a.query))
            if a.calls == b.calls:
                continue
            s = self.stats.setdefault(qid, StatementStats(a.query, toplevel=a.toplevel))
            s.calls += a.calls - b.calls
            s.rows += a.rows - b.rows
            s.total_ms += a.total_ms - b.total_ms
            # the maximum since the reset is this window's only when it rose during it; else
            # an execution outside the windows (a restore's foreign-key checks) set it, and the
            # window's mean is what is known of its own
            rose = a.max_ms > b.max_ms
            window_mean = (a.total_ms - b.total_ms) / (a.calls - b.calls)
            s.max_ms = max(s.max_ms, a.max_ms if rose else window_mean)
            s.shared_blks_hit += a.shared_blks_hit - b.shared_blks_hit
            s.shared_blks_read += a.shared_blks_read - b.shared_blks_read

    def totals(self) -> tuple[int, int]:
        """Calls and rows of every statement seen."""
        return sum(s.calls for s in self.stats.values()), sum(s.rows for s in self.stats.values())

    def ranked(self) -> list[tuple[int, StatementStats]]:
        """(query id, stats) by total execution time, heaviest first."""
        return sorted(self.stats.items(), key=lambda kv: -kv[1].total_ms)

    def top(self, n: int) -> list[dict]:
        return [s.as_dict() for _, s in self.ranked()[:n]]

    def verbs(self) -> dict[str, int]:
        """Calls of explicit BEGIN / START / COMMIT / END / ROLLBACK (pg_stat_statements tracks
        utility statements). Statements outside such a block each commit on their own; the
        server-wide xact_commit counter is not used because backends report it seconds late."""
        out: dict[str, int] = {}
        for s in self.stats.values():
            verb = s.query.strip().split(" ", 1)[0].upper().rstrip(";")
            if verb in ("BEGIN", "START", "COMMIT", "END", "ROLLBACK"):
                out[verb] = out.get(verb, 0) + s.calls
        return out


# --------------------------------------------------------------------------- calling


def _login_headers(config: Config, base_url: str, api_key: str) -> dict[str, str]:
    with httpx.Client(base_url=base_url, timeout=60) as client:
        return driver.auth_headers(config.service.auth, api_key, driver.sync_login(client))


async def open_client(config: Config, base_url: str, api_key: str) -> httpx.AsyncClient:
    """An async client with the service's authentication (a login happens here, off the
    event loop)."""
    headers = await asyncio.to_thread(_login_headers, config, base_url, api_key)
    return httpx.AsyncClient(base_url=base_url, headers=headers, timeout=300)


async def endpoint_requests(config: Config, conn: asyncpg.Connection) -> dict[str, list[Request]]:
    """Every endpoint's requests, drawn from the seeded database (perf.driver)."""
    try:
        return await driver.all_requests(config, conn)
    except driver.InvalidResponse as exc:
        raise EnvironmentFailure(f"{exc} (the seeded data has nothing to call it with)") from None


@dataclass
class Workload:
    """The config's endpoints called through one authenticated client. Before every call
    (`prepare`), the tables that calls of endpoints declaring `restore` changed are put back as
    seeded, so that no call finds the leftovers of another (a consolidation run would leave
    nothing for the dry run after it); `restore_all` does it a last time."""

    config: Config
    client: httpx.AsyncClient
    conn: asyncpg.Connection  # perfci's own connection to the database behind the client
    requests: dict[str, list[Request]]
    dirty: set[str] = field(default_factory=set)  # endpoints called since their last restore
    snapshotted: bool = False

    @property
    def endpoints(self) -> list[Endpoint]:
        return list(self.config.endpoints)

    def endpoint(self, name: str) -> Endpoint:
        return self.config.endpoint(name)

    def _restore_tables(self) -> tuple[str, ...]:
        tables: list[str] = []
        for e in self.config.endpoints:
            tables += [t for t in e.restore if t not in tables]
        return tuple(tables)

    async def snapshot(self) -> None:
        """Copy the tables of the endpoints that declare `restore`, before any call."""
        tables = self._restore_tables()
        if tables and not self.snapshotted:
            await snapshot_tables(self.conn, tables)
            self.snapshotted = True

    async def prepare(self) -> None:
        """Before a call: the tables changed by calls since the last restore, as seeded."""
        tables: list[str] = []
        for e in self.config.endpoints:
            if e.name in self.dirty:
                tables += [t for t in e.restore if t not in tables]
        if tables:
            await restore_tables(self.conn, tuple(tables))
        self.dirty.clear()

    async def call(self, e: Endpoint, i: int, full_check: bool = True) -> float:
        """Call `e` with its `i`-th request (cycling); milliseconds. The response must be the
        valid one (perf.driver.check), or with `full_check=False` have the expected status."""
        items = self.requests[e.name]
        req = items[i % len(items)]
        started = time.perf_counter()
        r = await self.client.request(req.method, req.path, **req.kwargs())
        took = (time.perf_counter() - started) * 1000
        if e.restore:
            self.dirty.add(e.name)
        try:
            if full_check:
                driver.check(self.config, e, r.status_code, r.text)
            elif r.status_code != e.expect_status:
                raise driver.InvalidResponse(
                    f"{e.name}: {req.method} {req.path} answered {r.status_code} "
                    f"(expected {e.expect_status}): {r.text[:300]}"
                )
        except driver.InvalidResponse as exc:
            raise EnvironmentFailure(f"{exc} (the SQL stage would see the wrong path)") from None
        return took

    async def restore_all(self) -> None:
        """Every table a call changed back as seeded; the snapshots dropped."""
        if not self.snapshotted:
            return
        await self.prepare()
        await drop_snapshots(self.conn, self._restore_tables())
        self.snapshotted = False


# --------------------------------------------------------------------------- stages


async def smoke_and_per_endpoint(
    work: Workload, smoke_calls: int, per_endpoint_calls: int, top_n: int
) -> tuple[dict, list[dict]]:
    """The smoke stage (every endpoint `smoke_calls` times, then the top statements) and, per
    endpoint, statements and rows per request over `per_endpoint_calls` calls."""
    windows = StatementWindows(work.conn)
    await windows.reset()
    started = time.perf_counter()
    requests = 0
    for e in work.endpoints:
        for i in range(smoke_calls):
            await work.prepare()
            async with windows.around():
                await work.call(e, i)
            requests += 1
    calls, rows = windows.totals()
    smoke = {
        "stage": "smoke",
        "requests": requests,
        "seconds": round(time.perf_counter() - started, 2),
        "calls": calls,
        "rows": rows,
        "top": windows.top(top_n),
    }
    per_endpoint = []
    for e in work.endpoints:
        await windows.reset()
        for i in range(per_endpoint_calls):
            await work.prepare()
            async with windows.around():
                await work.call(e, i)
        calls, rows = windows.totals()
        per_endpoint.append(
            {
                "name": e.name,
                "requests": per_endpoint_calls,
                "statements_per_request": round(calls / per_endpoint_calls, 2),
                "rows_per_request": round(rows / per_endpoint_calls, 2),
                "top": windows.top(3),
            }
        )
    return smoke, per_endpoint


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
                f"""{OWN_COMMENT} SELECT pid, wait_event_type, query,
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


async def _chain(work: Workload, e: Endpoint, runs: int) -> None:
    # Tables are not put back while the other endpoints run (that would take locks of
    # perfci's own): after its first run, an endpoint that declares `restore` may find less
    # to do, so only its status is checked then.
    for i in range(runs):
        await work.call(e, i, full_check=i == 0 or not e.restore)


async def transactions(work: Workload, dsn: str, names: tuple[str, ...], runs: int) -> dict:
    """Per endpoint alone: statements, rows, COMMITs and ROLLBACKs per run; then the
    endpoints at once under the lock sampler."""
    chosen = [work.endpoint(n) for n in names]
    windows = StatementWindows(work.conn)
    alone = []
    for e in chosen:
        await windows.reset()
        for i in range(runs):
            await work.prepare()
            async with windows.around():
                await work.call(e, i)
        calls, rows = windows.totals()
        verbs = windows.verbs()
        commits = verbs.get("COMMIT", 0) + verbs.get("END", 0)
        alone.append(
            {
                "name": e.name,
                "runs": runs,
                "statements_per_run": round(calls / runs, 2),
                "rows_per_run": round(rows / runs, 2),
                "commits_per_run": round(commits / runs, 2),
                "rollbacks_per_run": round(verbs.get("ROLLBACK", 0) / runs, 2),
                "top": windows.top(5),
            }
        )
    await work.prepare()
    sampler = LockSampler(await asyncpg.connect(dsn))
    task = asyncio.create_task(sampler.run())
    started = time.perf_counter()
    try:
        # One chain per endpoint, side by side: an endpoint may refuse a second concurrent
        # run of itself (dtrag's consolidation answers 409 under its advisory lock), so the
        # contention measured is between the endpoints.
        await asyncio.gather(*[_chain(work, e, runs) for e in chosen])
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


async def compare_endpoints(before: Workload, after: Workload, calls: int) -> list[dict]:
    """Each endpoint that does not declare `restore` called `calls` times on both arms,
    alternating (the first arm alternates too); per arm P50/P95 latency, statements and
    buffers per request."""
    from perf.stats import percentile

    out = []
    for e in before.endpoints:
        if e.restore:
            continue  # mutating: its own benchmark restores tables between rounds
        arms = {"before": StatementWindows(before.conn), "after": StatementWindows(after.conn)}
        await arms["before"].reset()  # server-wide: both arms' databases
        lat: dict[str, list[float]] = {"before": [], "after": []}
        order = (("before", before), ("after", after))
        for i in range(calls):
            for arm, work in order if i % 2 == 0 else order[::-1]:
                async with arms[arm].around():
                    lat[arm].append(await work.call(e, i))
        row: dict = {"name": e.name, "calls": calls}
        for arm, windows in arms.items():
            n, _rows = windows.totals()
            blocks = sum(s.shared_blks_hit + s.shared_blks_read for s in windows.stats.values())
            row[f"p50_ms_{arm}"] = round(percentile(lat[arm], 50), 3)
            row[f"p95_ms_{arm}"] = round(percentile(lat[arm], 95), 3)
            row[f"statements_per_request_{arm}"] = round(n / calls, 2)
            row[f"buffers_per_request_{arm}"] = round(blocks / calls, 1)
        row["p95_ratio"] = round(row["p95_ms_after"] / row["p95_ms_before"], 4)
        out.append(row)
    return out
