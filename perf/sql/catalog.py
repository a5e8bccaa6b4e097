"""The SQL catalog: statements with their parameters, loaded from a service's directory of
`.sql` files (`[sql] catalog`) or recorded from its workload (perf/sql/recorded.py), and timed
over repeated executions with the plan kept as JSON.

A file starts with `-- key: value` header lines: `name`, `source`, optionally `params` (a JSON
list) and `params-sql` (a query whose single row supplies the first parameters, so values come
from the data at hand rather than being hard-coded). The rest is the statement.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg

from perf.errors import UsageError
from perf.sql.explain import ExplainResult, explain
from perf.stats import percentile

HEADER = re.compile(r"^--\s*([a-z-]+):\s*(.*)$")
SLOW_MS = 100.0  # the seed plan's database target: every catalog query under 100 ms P95


@dataclass(frozen=True)
class CatalogQuery:
    name: str
    source: str
    sql: str
    params: tuple = ()
    params_sql: str | None = None
    path: str = ""

    async def bind(self, conn: asyncpg.Connection) -> list[object]:
        """The parameter values: the params-sql row's values (if any), then `params`."""
        values: list[object] = []
        if self.params_sql:
            row = await conn.fetchrow(self.params_sql)
            if row is None:
                raise UsageError(f"{self.path}: params-sql returned no row on this data")
            values.extend(row.values())
        values.extend(self.params)
        return values


def parse_query_file(path: Path) -> CatalogQuery:
    headers: dict[str, str] = {}
    body: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = HEADER.match(line)
        if m and not body:
            headers[m.group(1)] = m.group(2).strip()
        elif not body and line.lstrip().startswith("--"):
            continue  # a comment among the headers (a wrapped source line): not the statement
        elif line.strip() or body:
            body.append(line)
    sql = "\n".join(body).strip().rstrip(";")
    if not sql:
        raise UsageError(f"{path}: no statement after the header")
    try:
        params = tuple(json.loads(headers.get("params", "[]")))
    except json.JSONDecodeError as exc:
        raise UsageError(f"{path}: header 'params' is not a JSON list: {exc}") from None
    return CatalogQuery(
        name=headers.get("name") or path.stem,
        source=headers.get("source", ""),
        sql=sql,
        params=params,
        params_sql=headers.get("params-sql"),
        path=str(path),
    )


def load_catalog(directory: Path, only: Sequence[str] | None = None) -> list[CatalogQuery]:
    """The `.sql` files of `directory` in name order (`only`: just these names)."""
    queries = [parse_query_file(p) for p in sorted(directory.glob("*.sql"))]
    if not queries:
        raise UsageError(f"{directory}: no .sql file in the catalog directory")
    return select(queries, only)


def select(queries: list[CatalogQuery], only: Sequence[str] | None) -> list[CatalogQuery]:
    """`queries` restricted to the names in `only` (all when None); unknown names are an
    error."""
    if only:
        unknown = sorted(set(only) - {q.name for q in queries})
        if unknown:
            raise UsageError(f"unknown catalog queries: {', '.join(unknown)}")
        queries = [q for q in queries if q.name in only]
    return queries


@dataclass
class QueryTiming:
    """One catalog query on one database: P50/P95 over repeated executions, its plan."""

    name: str
    source: str
    params: list
    samples_ms: list[float]
    p50_ms: float
    p95_ms: float
    plan_nodes: list[str]
    shared_hit: int
    shared_read: int
    rows: float
    plan_file: str = ""
    explain: ExplainResult | None = field(default=None, repr=False)

    @property
    def slow(self) -> bool:
        return self.p95_ms >= SLOW_MS

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "source": self.source,
            "params": _jsonable(self.params),
            "p50_ms": round(self.p50_ms, 3),
            "p95_ms": round(self.p95_ms, 3),
            "over_target": self.slow,
            "samples_ms": [round(s, 3) for s in self.samples_ms],
            "plan_nodes": self.plan_nodes,
            "shared_hit": self.shared_hit,
            "shared_read": self.shared_read,
            "rows": self.rows,
            "plan_file": self.plan_file,
        }


def _jsonable(values: list) -> list:
    out = []
    for v in values:
        if isinstance(v, list | tuple):
            out.append(f"<{len(v)} values>" if len(v) > 5 else list(v))
        elif isinstance(v, str | int | float | bool) or v is None:
            out.append(v)
        else:
            out.append(str(v))
    return out


async def time_query(
    conn: asyncpg.Connection, query: CatalogQuery, repeats: int, plan_dir: Path | None = None
) -> QueryTiming:
    """Run `query` once to warm the cache, once with per-node timing for the saved plan, then
    `repeats` times with per-node timing off; a sample is the server's planning + execution
    time (result transfer to the client is not part of it). Every execution runs in a
    transaction of its own that is rolled back, so a data-changing statement (a recorded
    INSERT with its key) finds the same rows every time."""
    params = await query.bind(conn)

    async def once(timing: bool) -> ExplainResult:
        tr = conn.transaction()
        await tr.start()
        try:
            return await explain(conn, query.sql, params, timing=timing)
        finally:
            await tr.rollback()

    await once(timing=False)
    detailed = await once(timing=True)
    samples = [(await once(timing=False)).total_ms for _ in range(repeats)]
    plan_file = ""
    if plan_dir is not None:
        plan_dir.mkdir(parents=True, exist_ok=True)
        path = plan_dir / f"{query.name}.json"
        path.write_text(
            json.dumps(
                [
                    {
                        "Plan": detailed.plan,
                        "Planning Time": detailed.planning_ms,
                        "Execution Time": detailed.execution_ms,
                    }
                ],
                indent=1,
            )
        )
        plan_file = f"{plan_dir.name}/{path.name}"
    return QueryTiming(
        name=query.name,
        source=query.source,
        params=params,
        samples_ms=samples,
        p50_ms=percentile(samples, 50),
        p95_ms=percentile(samples, 95),
        plan_nodes=detailed.node_types(),
        shared_hit=detailed.shared_hit,
        shared_read=detailed.shared_read,
        rows=detailed.nodes[0].actual_rows,
        plan_file=plan_file,
        explain=detailed,
    )


async def run_catalog(
    conn: asyncpg.Connection,
    queries: Sequence[CatalogQuery],
    repeats: int,
    plan_dir: Path | None = None,
    on_done=None,
) -> list[QueryTiming]:
    out = []
    for q in queries:
        t = await time_query(conn, q, repeats, plan_dir)
        if on_done is not None:
            on_done(t)
        out.append(t)
    return out
