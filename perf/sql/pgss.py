"""pg_stat_statements: set-up and check (embedded cluster or an external DSN), and per-stage
collection (reset before, the top statements by total time after)."""

from __future__ import annotations

from dataclasses import dataclass

import asyncpg

from perf.errors import EnvironmentFailure

PRELOAD_FIX = (
    "pg_stat_statements is not in shared_preload_libraries of the server at --dsn, so it "
    "records nothing. Fix: start PostgreSQL with `-c shared_preload_libraries=pg_stat_statements` "
    "(for a container: `postgres -c shared_preload_libraries=pg_stat_statements` as its "
    "command), or run `ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'` and "
    "restart the server; or drop --dsn to use the embedded cluster, which preloads it"
)


@dataclass(frozen=True)
class ExtensionStatus:
    pg_stat_statements: bool
    hypopg: bool
    pg_qualstats: bool
    notes: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        return {
            "pg_stat_statements": self.pg_stat_statements,
            "hypopg": self.hypopg,
            "pg_qualstats": self.pg_qualstats,
            "notes": list(self.notes),
        }


async def preloaded_libraries(conn: asyncpg.Connection) -> list[str]:
    raw = await conn.fetchval("SHOW shared_preload_libraries")
    return [lib.strip().strip('"') for lib in (raw or "").split(",") if lib.strip()]


async def _try_extension(conn: asyncpg.Connection, name: str) -> str | None:
    """CREATE EXTENSION IF NOT EXISTS; None when it worked, else PostgreSQL's reason."""
    try:
        await conn.execute(f"CREATE EXTENSION IF NOT EXISTS {name}")
    except asyncpg.PostgresError as exc:
        return str(exc).splitlines()[0]
    return None


async def ensure_pg_stat_statements(conn: asyncpg.Connection) -> None:
    """Make pg_stat_statements usable in this database, or fail (exit 3) saying how to fix it."""
    if "pg_stat_statements" not in await preloaded_libraries(conn):
        raise EnvironmentFailure(PRELOAD_FIX)
    reason = await _try_extension(conn, "pg_stat_statements")
    if reason is not None:
        raise EnvironmentFailure(
            f"CREATE EXTENSION pg_stat_statements failed ({reason}); install the server's "
            "contrib package (Debian: postgresql-contrib) and connect as a role that may "
            "create extensions"
        )
    try:
        await conn.fetchval("SELECT count(*) FROM pg_stat_statements")
    except asyncpg.PostgresError as exc:
        raise EnvironmentFailure(f"pg_stat_statements is not readable: {exc}") from exc


async def ensure_extensions(conn: asyncpg.Connection) -> ExtensionStatus:
    """pg_stat_statements (required) and the optional hypopg and pg_qualstats."""
    await ensure_pg_stat_statements(conn)
    notes = []
    hypo_reason = await _try_extension(conn, "hypopg")
    if hypo_reason:
        notes.append(
            f"hypopg not available ({hypo_reason}); what-if costs come from trial indexes "
            "built in a rolled-back transaction (Debian: apt-get install postgresql-15-hypopg)"
        )
    qual = False
    if "pg_qualstats" in await preloaded_libraries(conn):
        qual_reason = await _try_extension(conn, "pg_qualstats")
        qual = qual_reason is None
        if qual_reason:
            notes.append(f"pg_qualstats not available ({qual_reason})")
    else:
        notes.append(
            "pg_qualstats not preloaded (optional; it needs shared_preload_libraries): "
            "predicates come from the EXPLAIN plans"
        )
    return ExtensionStatus(True, hypo_reason is None, qual, tuple(notes))
