"""SQL the measuring code shares: snapshot and restore of tables a benchmark mutates, and
pg_stat_statements totals of the current database."""

from __future__ import annotations

import asyncpg


def snapshot_name(table: str) -> str:
    return f"perfci_snapshot_{table}"


async def snapshot_tables(conn: asyncpg.Connection, tables: tuple[str, ...]) -> None:
    """Copy each table once (unlogged), so that `restore_tables` can bring it back."""
    for t in tables:
        await conn.execute(
            f'CREATE UNLOGGED TABLE IF NOT EXISTS "{snapshot_name(t)}" AS TABLE "{t}"'
        )


async def restore_tables(conn: asyncpg.Connection, tables: tuple[str, ...]) -> None:
    """Put the snapshot rows back (TRUNCATE: no dead tuples pile up between rounds)."""
    quoted = ", ".join(f'"{t}"' for t in tables)
    async with conn.transaction():
        await conn.execute(f"TRUNCATE {quoted}")
        for t in tables:
            await conn.execute(f'INSERT INTO "{t}" TABLE "{snapshot_name(t)}"')
    await conn.execute(f"ANALYZE {quoted}")


async def drop_snapshots(conn: asyncpg.Connection, tables) -> None:
    for t in tables:
        await conn.execute(f'DROP TABLE IF EXISTS "{snapshot_name(t)}"')


async def reset_statements(conn: asyncpg.Connection) -> None:
    await conn.execute("SELECT pg_stat_statements_reset()")


async def statement_totals(conn: asyncpg.Connection) -> tuple[int, int]:
    """Calls and rows of every statement of this database since the last reset (perfci's own
    pg_stat_statements queries excluded, and EXPLAINs: with track = all the statement an
    EXPLAIN ANALYZE runs is counted on its own, so its EXPLAIN would count it twice)."""
    row = await conn.fetchrow(
        """SELECT coalesce(sum(s.calls), 0) AS calls, coalesce(sum(s.rows), 0) AS rows
           FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
           WHERE d.datname = current_database()
             AND s.query NOT ILIKE '%pg_stat_statements%'
             AND s.query NOT ILIKE 'EXPLAIN%'"""
    )
    return int(row["calls"]), int(row["rows"])


async def settled_statement_totals(
    conn: asyncpg.Connection, gap: float = 0.03, tries: int = 20
) -> tuple[int, int]:
    """statement_totals once they stop changing: a service may finish a request's work after
    its response has reached the client (a session's ROLLBACK in a dependency's teardown), and
    those statements belong to the request too."""
    import asyncio

    last = await statement_totals(conn)
    for _ in range(tries):
        await asyncio.sleep(gap)
        now = await statement_totals(conn)
        if now == last:
            return now
        last = now
    return last


async def statement_breakdown(conn: asyncpg.Connection) -> list[dict]:
    """Every statement of this database since the last reset, by its normalised text (the
    same text in two databases: queryids differ, they hash the tables' OIDs), with its calls,
    rows and execution time (perfci's own pg_stat_statements queries excluded)."""
    rows = await conn.fetch(
        """SELECT s.query, sum(s.calls) AS calls, sum(s.rows) AS rows,
                  sum(s.total_exec_time) AS total_ms
           FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
           WHERE d.datname = current_database()
             AND s.query NOT ILIKE '%pg_stat_statements%'
             AND s.query NOT ILIKE 'EXPLAIN%'
           GROUP BY s.query"""
    )
    merged: dict[str, dict] = {}
    for r in rows:
        query = " ".join(r["query"].split())
        m = merged.setdefault(query, {"query": query, "calls": 0, "rows": 0, "ms": 0.0})
        m["calls"] += int(r["calls"])
        m["rows"] += int(r["rows"])
        m["ms"] += float(r["total_ms"])
    return sorted(merged.values(), key=lambda m: m["query"])


def statement_deltas(base: list[dict], head: list[dict], limit: int = 10) -> list[dict]:
    """The statements whose calls or rows per request differ between two breakdowns of one
    request (base → head), the largest change in calls first: an N+1 reads as one statement
    going from 0 or 1 call to one per item."""
    b = {s["query"]: s for s in base}
    h = {s["query"]: s for s in head}
    zero = {"calls": 0, "rows": 0, "ms": 0.0}
    out = []
    for query in sorted(set(b) | set(h)):
        sb, sh = b.get(query, zero), h.get(query, zero)
        if sb["calls"] == sh["calls"] and sb["rows"] == sh["rows"]:
            continue
        out.append(
            {
                "query": query,
                "calls": {"base": sb["calls"], "head": sh["calls"]},
                "rows": {"base": sb["rows"], "head": sh["rows"]},
                "ms": {"base": round(sb["ms"], 3), "head": round(sh["ms"], 3)},
            }
        )
    out.sort(
        key=lambda d: (
            -abs(d["calls"]["head"] - d["calls"]["base"]),
            -abs(d["rows"]["head"] - d["rows"]["base"]),
            d["query"],
        )
    )
    return out[:limit]


async def top_statements(conn: asyncpg.Connection, limit: int = 20) -> list[dict]:
    """This database's statements since the last reset, by total execution time."""
    rows = await conn.fetch(
        """SELECT s.query, s.calls, s.rows, s.total_exec_time, s.mean_exec_time,
                  s.max_exec_time, s.shared_blks_hit, s.shared_blks_read
           FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
           WHERE d.datname = current_database()
             AND s.query NOT ILIKE '%pg_stat_statements%'
             AND s.query NOT ILIKE 'EXPLAIN%'
           ORDER BY s.total_exec_time DESC LIMIT $1""",
        limit,
    )
    return [
        {
            "query": " ".join(r["query"].split()),
            "calls": int(r["calls"]),
            "rows": int(r["rows"]),
            "total_ms": round(float(r["total_exec_time"]), 3),
            "mean_ms": round(float(r["mean_exec_time"]), 3),
            "max_ms": round(float(r["max_exec_time"]), 3),
            "shared_blks_hit": int(r["shared_blks_hit"]),
            "shared_blks_read": int(r["shared_blks_read"]),
        }
        for r in rows
    ]
