"""Plain-SQL migrations: applied in file-name order, each in one transaction, and recorded."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib import resources

import asyncpg

MIGRATIONS_PACKAGE = "dtrag.db.migrations"


@dataclass(frozen=True)
class Migration:
    version: str  # the numeric prefix, e.g. "001"
    name: str  # the file name
    sql: str

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.sql.encode()).hexdigest()


def load_migrations() -> list[Migration]:
    """All migrations shipped with the package, in the order they apply."""
    files = sorted(
        f for f in resources.files(MIGRATIONS_PACKAGE).iterdir() if f.name.endswith(".sql")
    )
    return [Migration(f.name.split("_", 1)[0], f.name, f.read_text()) for f in files]


def migrations_fingerprint(target: str | None = None) -> str:
    """Hash of the migrations up to `target` (all when None); part of the template cache key."""
    h = hashlib.sha256()
    for m in load_migrations():
        if target is not None and m.version > target:
            break
        h.update(m.name.encode() + b"\0" + m.sql.encode())
    return h.hexdigest()


class MigrationError(RuntimeError):
    """A recorded migration no longer matches the shipped file, or one failed to apply."""


async def apply_migrations(conn: asyncpg.Connection, target: str | None = None) -> list[str]:
    """Apply pending migrations up to `target` (all when None); returns the names applied."""
    await conn.execute(
        """CREATE TABLE IF NOT EXISTS schema_migrations (
               version    TEXT PRIMARY KEY,
               name       TEXT NOT NULL,
               checksum   TEXT NOT NULL,
               applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"""
    )
    done = {r["version"]: r for r in await conn.fetch("SELECT * FROM schema_migrations")}
    applied: list[str] = []
    for m in load_migrations():
        if target is not None and m.version > target:
            break
        if m.version in done:
            if done[m.version]["checksum"] != m.checksum:
                raise MigrationError(
                    f"migration {m.name} was changed after it was applied; "
                    "recreate the database (or its template)"
                )
            continue
        try:
            async with conn.transaction():
                await conn.execute(m.sql)
                await conn.execute(
                    "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
                    m.version,
                    m.name,
                    m.checksum,
                )
        except asyncpg.PostgresError as exc:
            raise MigrationError(f"migration {m.name} failed: {exc}") from exc
        applied.append(m.name)
    return applied
