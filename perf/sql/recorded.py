"""The catalog of a service that names none (`[sql] catalog` not set): the statements
pg_stat_statements ranks highest while the config's endpoints run, each with the parameter
values of one real execution, so that a new service gets plans, timings and index advice with no
SQL written by hand.

pg_stat_statements keeps normalised text (`$1` for every value) and no values. The catalog and
the advisor need values: EXPLAIN ANALYZE runs the statement, and the advisor's selectivity rule
reads actual rows. PostgreSQL 16's `EXPLAIN (GENERIC_PLAN)` and, on 15, a PREPAREd statement
explained under `plan_cache_mode = force_generic_plan` with NULLs give a plan without values, but
only the planner's guess of it: no actual rows, no time, and a plan that may differ from the one
the real values get. So the values are taken from the server log: for the recording, the run
database gets `log_min_duration_statement = 0` (with `log_parameter_max_length = -1`, logged
whole), which logs every statement of the service's sessions with its bind parameters; this
works on PostgreSQL 13 and later. perfci reads the log of its embedded cluster; a server at
--dsn keeps its log to itself, so there a catalog must be named.

A logged text is matched to its pg_stat_statements entry by query id, which
`EXPLAIN (VERBOSE)` prints for the same text (compute_query_id is on wherever
pg_stat_statements is loaded). Of an entry's executions the one with the median duration gives
the values: typical, not an outlier. Not in the catalog: perfci's own statements (EXPLAIN, its
reads of pg_stat_statements, table snapshots and restores: they run outside the measured
windows or on a session that is not logged), statements EXPLAIN cannot take (BEGIN, SET, ...),
statements only ever run inside a function or trigger (a foreign key's check) and statements
that read no table of the service (`SELECT 1`, a driver's catalog queries).
"""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg

from perf.config import Config
from perf.errors import UsageError
from perf.progress import Progress
from perf.sql.catalog import CatalogQuery
from perf.sql.pgss import ensure_pg_stat_statements
from perf.sql.workload import (
    StatementStats,
    StatementWindows,
    Workload,
    endpoint_requests,
    open_client,
)

# a record of the default log_line_prefix '%m [%p] ': time, zone, pid, level, message
RECORD = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)?(?: \S+)? \[(?P<pid>\d+)\] "
    r"(?P<level>[A-Z]+[0-9]?):  (?P<msg>.*)$"
)
EXECUTION = re.compile(
    r"^duration: (?P<ms>[\d.]+) ms  (?:execute (?:fetch from )?[^:]*|statement): (?P<sql>.*)$",
    re.DOTALL,
)
PARAMETER = re.compile(r"\$(\d+) = (NULL|'((?:[^']|'')*)')(?:, |$)", re.DOTALL)
EXPLAINABLE = ("SELECT", "INSERT", "UPDATE", "DELETE", "WITH", "VALUES", "TABLE", "MERGE")
# every statement of the run database's new sessions, with its bind parameters in full
LOGGING = (("log_min_duration_statement", "0"), ("log_parameter_max_length", "-1"))
SYSTEM_SCHEMAS = ("pg_catalog", "information_schema")
NO_DSN = (
    "--dsn: the recorded catalog reads the service's parameter values from the server log, "
    "which perfci has for its embedded cluster only; drop --dsn, or name the queries in "
    "[sql] catalog = '<directory of .sql files>' of the config"
)


# --------------------------------------------------------------------------- the log


@dataclass
class LoggedExecution:
    """One execution the server logged: its text as the service sent it, its parameters as
    text (None for NULL; None for the list when the statement had none) and its duration."""

    pid: int
    duration_ms: float
    sql: str
    params: list[str | None] | None = None


def parse_parameters(detail: str) -> list[str | None] | None:
    """'$1 = 'a''b', $2 = NULL' → ["a'b", None]; None when the list does not parse. (A value
    longer than log_parameter_max_length would end in '...' inside its quotes, which cannot
    be told apart: the recording sets it to -1, no limit.)"""
    body = detail.removeprefix("parameters: ")
    values: dict[int, str | None] = {}
    pos = 0
    while pos < len(body):
        m = PARAMETER.match(body, pos)
        if m is None:
            return None
        values[int(m.group(1))] = None if m.group(2) == "NULL" else m.group(3).replace("''", "'")
        pos = m.end()
    if sorted(values) != list(range(1, len(values) + 1)):
        return None
    return [values[i] for i in range(1, len(values) + 1)]


def parse_log(text: str) -> list[LoggedExecution]:
    """The executions in a server log written with the default log_line_prefix: `duration:
    ... execute <name>: <sql>` (extended protocol, then a DETAIL with the parameters) and
    `duration: ... statement: <sql>` (simple protocol, values inline). A message continues
    on the lines that do not start a record."""
    records: list[tuple[int, str, list[str]]] = []
    for line in text.splitlines():
        m = RECORD.match(line)
        if m:
            records.append((int(m.group("pid")), m.group("level"), [m.group("msg")]))
        elif records:
            records[-1][2].append(line)
    out: list[LoggedExecution] = []
    last: dict[int, LoggedExecution] = {}
    for pid, level, lines in records:
        msg = "\n".join(lines)
        if level == "LOG":
            last.pop(pid, None)
            m = EXECUTION.match(msg)
            if m:
                ex = LoggedExecution(pid, float(m.group("ms")), m.group("sql").strip())
                out.append(ex)
                last[pid] = ex
        elif level == "DETAIL" and pid in last and msg.startswith("parameters: "):
            params = parse_parameters(msg)
            if params is None:
                out.remove(last.pop(pid))  # values that do not parse cannot be replayed
            else:
                last.pop(pid).params = params
    return out


def read_log_from(path: Path, offset: int) -> str:
    with open(path, "rb") as fh:
        fh.seek(offset)
        return fh.read().decode("utf-8", errors="replace")


# --------------------------------------------------------------------------- statements


@dataclass
class Identified:
    """A logged text as the server sees it: query id, parameter types, tables it reads."""

    query_id: int
    type_names: list[str]
    relations: list[str]  # schema-qualified where not in the search path's first schema


async def typed_values(
    conn: asyncpg.Connection, type_names: list[str], texts: list[str | None]
) -> tuple:
    """The text values as Python values of the statement's parameter types (the server casts,
    asyncpg decodes), so that they bind like the service's own."""
    if not texts:
        return ()
    casts = ", ".join(f"${i}::text::{t}" for i, t in enumerate(type_names, 1))
    row = await conn.fetchrow(f"SELECT {casts}", *texts)
    return tuple(row.values())


def _relations(plan: dict, out: list[str]) -> list[str]:
    name, schema = plan.get("Relation Name"), plan.get("Schema")
    if name and schema not in SYSTEM_SCHEMAS:
        qualified = name if schema in (None, "public") else f"{schema}.{name}"
        if qualified not in out:
            out.append(qualified)
    for child in plan.get("Plans", []) or []:
        _relations(child, out)
    return out


async def identify(conn: asyncpg.Connection, ex: LoggedExecution) -> Identified | None:
    """EXPLAIN (VERBOSE) of the logged text with its values: the query id pg_stat_statements
    files it under, and the tables it reads. None when the server refuses it."""
    if not ex.sql.lstrip().upper().startswith(EXPLAINABLE):
        return None
    try:
        stmt = await conn.prepare(f"EXPLAIN (VERBOSE, FORMAT JSON) {ex.sql}")
        oids = [t.oid for t in stmt.get_parameters()]
        if len(oids) != len(ex.params or []):
            return None
        names = [
            r[0]
            for r in await conn.fetch(
                "SELECT format_type(t, NULL) FROM unnest($1::oid[]) WITH ORDINALITY AS u(t, i) "
                "ORDER BY i",
                oids,
            )
        ]
        doc = json.loads(await stmt.fetchval(*await typed_values(conn, names, ex.params or [])))
    except (asyncpg.PostgresError, asyncpg.InterfaceError, ValueError, TypeError):
        return None
    query_id = doc[0].get("Query Identifier")
    if query_id is None:
        return None
    return Identified(int(query_id), names, _relations(doc[0]["Plan"], []))


def query_name(sql: str, relations: list[str], taken: set[str]) -> str:
    """'select_books_authors' from the verb and the first tables read; unique in `taken`."""
    verb = sql.lstrip().split(None, 1)[0].lower()
    tables = [r.replace(".", "_") for r in relations[:3]]
    base = re.sub(r"\W+", "_", "_".join([verb, *tables])).strip("_")[:60]
    name, n = base, 2
    while name in taken:
        name, n = f"{base}_{n}", n + 1
    taken.add(name)
    return name


# --------------------------------------------------------------------------- recording


@dataclass
class Recording:
    queries: list[CatalogQuery]
    statements: dict  # the stage's pg_stat_statements summary, like the catalog stage's
    recorded: list[dict] = field(default_factory=list)  # what each catalog entry stands for
    notes: list[str] = field(default_factory=list)


async def _run_workload(
    work: Workload, windows: StatementWindows, calls: int
) -> dict[int, list[str]]:
    """Every endpoint `calls` times; which endpoints ran each query id."""
    seen: dict[int, list[str]] = {}
    for e in work.endpoints:
        before = {qid: s.calls for qid, s in windows.stats.items()}
        for i in range(calls):
            await work.prepare()
            async with windows.around():
                await work.call(e, i)
        for qid, s in windows.stats.items():
            if s.calls > before.get(qid, 0):
                seen.setdefault(qid, []).append(e.name)
    return seen


async def record(
    config: Config,
    dsn: str,
    database: str,
    server_log: Path,
    start_api,
    top: int,
    calls: int,
    progress: Progress,
) -> Recording:
    """Run the config's endpoints against the database `database` (at `dsn`) with statement
    logging on, and build the catalog of its `top` heaviest statements. `start_api(api_key)`
    starts the service on that database and returns (base_url, stop)."""
    conn = await asyncpg.connect(dsn)
    try:
        await ensure_pg_stat_statements(conn)
        requests = await endpoint_requests(config, conn)
        # only sessions opened from now on log their statements: the service's, not this one
        for setting, value in LOGGING:
            await conn.execute(f'ALTER DATABASE "{database}" SET {setting} = {value}')
        key = secrets.token_urlsafe(12)
        offset = server_log.stat().st_size
        windows = StatementWindows(conn)
        stop = client = work = None
        try:
            base_url, stop = start_api(key)
            await windows.reset()
            async with windows.around():  # the login, when the service has one
                client = await open_client(config, base_url, key)
            login = set(windows.stats)
            work = Workload(config, client, conn, requests)
            await work.snapshot()
            with progress.step(f"recording the statements of {len(requests)} endpoints"):
                seen = await _run_workload(work, windows, calls)
            if config.service.auth.kind == "login":
                for qid in login:
                    seen.setdefault(qid, []).insert(0, f"login {config.service.auth.path}")
        finally:
            if client is not None:
                await client.aclose()
            if stop is not None:
                stop()
            for setting, _ in LOGGING:
                await conn.execute(f'ALTER DATABASE "{database}" RESET {setting}')
            if work is not None:
                await work.restore_all()
        executions = parse_log(read_log_from(server_log, offset))
        return await _catalog(conn, windows, seen, executions, top)
    finally:
        await conn.close()


async def _catalog(
    conn: asyncpg.Connection,
    windows: StatementWindows,
    seen: dict[int, list[str]],
    executions: list[LoggedExecution],
    top: int,
) -> Recording:
    by_text: dict[str, list[LoggedExecution]] = {}
    for ex in executions:
        by_text.setdefault(ex.sql, []).append(ex)
    by_qid: dict[int, tuple[Identified, list[LoggedExecution]]] = {}
    for exs in by_text.values():
        ident = await identify(conn, exs[0])
        if ident is None:
            continue
        known = by_qid.setdefault(ident.query_id, (ident, []))
        known[1].extend(exs)
    queries: list[CatalogQuery] = []
    recorded: list[dict] = []
    notes: list[str] = []
    taken: set[str] = set()
    for qid, stats in windows.ranked():
        if len(queries) >= top:
            break
        if not stats.toplevel or not stats.query.lstrip().upper().startswith(EXPLAINABLE):
            continue  # a foreign-key check's or a function's statement; BEGIN, SET, ...
        if qid not in by_qid:
            notes.append(f"no logged execution to replay for: {_short(stats.query)}")
            continue
        ident, exs = by_qid[qid]
        if not ident.relations:
            continue  # reads no table of the service
        ex = sorted(exs, key=lambda e: e.duration_ms)[len(exs) // 2]
        try:
            params = await typed_values(conn, ident.type_names, ex.params or [])
        except (asyncpg.PostgresError, asyncpg.InterfaceError, ValueError) as exc:
            notes.append(f"values of {_short(stats.query)} do not convert: {exc}")
            continue
        name = query_name(ex.sql, ident.relations, taken)
        source = _source(seen.get(qid, []), stats)
        queries.append(CatalogQuery(name=name, source=source, sql=ex.sql, params=params))
        recorded.append(
            {
                "name": name,
                "query_id": qid,
                "query": " ".join(stats.query.split()),
                "sql": " ".join(ex.sql.split()),
                "endpoints": seen.get(qid, []),
                "calls": stats.calls,
                "mean_ms": round(stats.total_ms / stats.calls, 3) if stats.calls else 0.0,
                "logged_executions": len(exs),
            }
        )
    calls, rows = windows.totals()
    statements = {"stage": "recorded", "calls": calls, "rows": rows, "top": windows.top(top)}
    if not queries:
        raise UsageError(
            "the recorded workload left no statement to explain (every endpoint's statements "
            "read no table, or none was logged); name the queries in [sql] catalog = '<dir>'"
        )
    return Recording(queries, statements, recorded, notes)


def _short(query: str, limit: int = 100) -> str:
    text = " ".join(query.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _source(endpoints: list[str], stats: StatementStats) -> str:
    mean = stats.total_ms / stats.calls if stats.calls else 0.0
    by = ", ".join(endpoints) if endpoints else "the workload"
    return f"recorded under {by}: {stats.calls} calls, mean {mean:.2f} ms"
