"""Before/after of one migration on identical data: one seeded template migrated up to the
migration before it, copied twice; the second copy gets the migration. Every catalog query then
runs on both (alternating, so drift hits both alike) and is compared: plan nodes, time, buffers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import asyncpg

from perf.errors import UsageError
from perf.sql.catalog import SLOW_MS, CatalogQuery, QueryTiming, time_query


def find_migration(arg: str):
    """The shipped migration named by `arg`: a version ("003"), a file name or a path."""
    from dtrag.db.migrate import load_migrations

    migrations = load_migrations()
    key = Path(arg).name
    for i, m in enumerate(migrations):
        if key in (m.version, m.name, m.name.removesuffix(".sql")):
            previous = migrations[i - 1].version if i > 0 else None
            return m, previous
    names = ", ".join(m.name for m in migrations)
    raise UsageError(f"--before-after {arg}: no such migration in dtrag/db/migrations ({names})")


@dataclass
class QueryChange:
    name: str
    before: QueryTiming
    after: QueryTiming

    @property
    def ratio(self) -> float:
        return self.after.p95_ms / self.before.p95_ms if self.before.p95_ms > 0 else 1.0

    @property
    def plan_changed(self) -> bool:
        return self.before.plan_nodes != self.after.plan_nodes

    def scan_change(self) -> str:
        """The scans of the plan before → after, e.g. 'Seq Scan on chunks → Bitmap Heap Scan
        on chunks, Bitmap Index Scan on idx_chunks_text_fts'."""
        if not self.plan_changed:
            return "unchanged"

        def scans(t: QueryTiming) -> str:
            return ", ".join(n for n in t.plan_nodes if "Scan" in n) or ", ".join(t.plan_nodes)

        return f"{scans(self.before)} → {scans(self.after)}"

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "plan_changed": self.plan_changed,
            "plan_change": self.scan_change(),
            "plan_before": self.before.plan_nodes,
            "plan_after": self.after.plan_nodes,
            "p50_ms_before": round(self.before.p50_ms, 3),
            "p50_ms_after": round(self.after.p50_ms, 3),
            "p95_ms_before": round(self.before.p95_ms, 3),
            "p95_ms_after": round(self.after.p95_ms, 3),
            "p95_ratio": round(self.ratio, 4),
            "over_target_before": self.before.p95_ms >= SLOW_MS,
            "over_target_after": self.after.p95_ms >= SLOW_MS,
            "buffers_before": self.before.shared_hit + self.before.shared_read,
            "buffers_after": self.after.shared_hit + self.after.shared_read,
            "plan_file_before": self.before.plan_file,
            "plan_file_after": self.after.plan_file,
        }


async def compare_databases(
    before: asyncpg.Connection,
    after: asyncpg.Connection,
    queries: list[CatalogQuery],
    repeats: int,
    out: Path,
    on_done=None,
) -> list[QueryChange]:
    changes = []
    for q in queries:
        b = await time_query(before, q, repeats, out / "plans-before")
        a = await time_query(after, q, repeats, out / "plans-after")
        change = QueryChange(q.name, b, a)
        if on_done is not None:
            on_done(change)
        changes.append(change)
    return changes
