"""Before/after of one migration on identical data: one seeded template migrated up to the
migration before it, copied twice; the second copy gets the migration through the service's own
migrate step with that migration as its target (perf/service.py run_step: `target` for a
callable, $PERFCI_MIGRATION_TARGET for a command). Every catalog query then runs on both
(alternating, so drift hits both alike) and is compared: plan nodes, time, buffers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import asyncpg

from perf.sql.catalog import SLOW_MS, CatalogQuery, QueryTiming, time_query

SCHEMA = """
SELECT md5(coalesce(string_agg(x, E'\\n' ORDER BY x), '')) FROM (
    SELECT 'relation ' || n.nspname || '.' || c.relname || ' ' || c.relkind::text
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname !~ '^pg_(toast|temp)'
  UNION ALL
    SELECT 'column ' || a.attrelid::regclass::text || '.' || a.attname || ' '
           || format_type(a.atttypid, a.atttypmod)
           || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE a.attnum > 0 AND NOT a.attisdropped
      AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname !~ '^pg_(toast|temp)'
  UNION ALL
    SELECT 'index ' || indexdef FROM pg_indexes
    WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
  UNION ALL
    SELECT 'constraint ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
    WHERE connamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)
) AS s(x)
"""


async def schema_fingerprint(conn: asyncpg.Connection) -> str:
    """A hash of the database's tables, columns, indexes and constraints: a migrate step that
    ignored its target leaves it unchanged."""
    return await conn.fetchval(SCHEMA)


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
