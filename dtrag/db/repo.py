"""Data access: every SQL statement of the service, as functions over an asyncpg pool/connection."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from uuid import UUID

import asyncpg
import numpy as np

from dtrag.embedding import matrix_from_bytes

Db = asyncpg.Pool | asyncpg.Connection

# Fixed key of the transaction-level advisory lock that serialises consolidation runs.
CONSOLIDATION_LOCK_KEY = 7_305_146_288_120_381_001


# --- rows ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TaxonomyNodeRow:
    node_id: str
    version: str
    label: str
    canonical_path: list[str]
    parent_id: str | None
    description: str


# Joins taxonomy path elements for prefix matching with LIKE; labels never contain it.
PATH_SEPARATOR = "\x1f"


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@dataclass(frozen=True)
class ChunkFilter:
    """Search filters; None means no restriction on that attribute."""

    path_prefixes: list[list[str]] | None = None
    content_types: list[str] | None = None

    def prefix_patterns(self) -> list[str] | None:
        """LIKE patterns matching a joined path that starts with one of the prefixes.

        An empty prefix matches every path, so it lifts the restriction altogether.
        """
        if self.path_prefixes is None or any(not p for p in self.path_prefixes):
            return None
        return [
            PATH_SEPARATOR.join(_like_escape(label) for label in prefix) + PATH_SEPARATOR + "%"
            for prefix in self.path_prefixes
        ]


@dataclass(frozen=True)
class ChunkRow:
    chunk_id: str
    text: str
    taxonomy_path: list[str]
    doc_id: str
    title: str
    source_url: str | None
    content_type: str


@dataclass(frozen=True)
class LogRow:
    success: bool
    error_type: str | None
    execution_time_ms: int


@dataclass(frozen=True)
class ConsolidationCaseRow:
    case_id: str
    usage_count: int
    success_rate: float
    stale: bool  # last_used_at < now() - inactive_days (False when never used)


@dataclass(frozen=True)
class SummaryCounts:
    total_active: int
    low_performance: int
    inactive: int
    low_or_inactive: int


@asynccontextmanager
async def connection(db: Db) -> AsyncIterator[asyncpg.Connection]:
    """One connection for several statements: acquired from a pool, or `db` itself."""
    if isinstance(db, asyncpg.Pool):
        async with db.acquire() as conn:
            yield conn
    else:
        yield db


# --- health -------------------------------------------------------------------------------


async def ping(db: Db) -> None:
    """Round-trip to the database; raises when it cannot answer."""
    await db.fetchval("SELECT 1")


# --- taxonomy -----------------------------------------------------------------------------


async def fetch_taxonomy_versions(db: Db) -> list[str]:
    rows = await db.fetch("SELECT DISTINCT version FROM taxonomy_nodes")
    return [r["version"] for r in rows]


async def fetch_taxonomy_nodes(db: Db, version: str) -> list[TaxonomyNodeRow]:
    rows = await db.fetch(
        """SELECT node_id, version, label, canonical_path, parent_id, description
           FROM taxonomy_nodes WHERE version = $1
           ORDER BY canonical_path, node_id""",
        version,
    )
    return [
        TaxonomyNodeRow(
            node_id=r["node_id"],
            version=r["version"],
            label=r["label"],
            canonical_path=list(r["canonical_path"]),
            parent_id=r["parent_id"],
            description=r["description"],
        )
        for r in rows
    ]


# --- search -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _FilterSql:
    join: str
    where: str
    params: list[object]


def _chunk_filter_sql(filters: ChunkFilter, first_param: int) -> _FilterSql:
    """SQL restricting `chunks c` to `filters`, numbering parameters from `first_param`.

    Only the clauses in use are emitted (no `$n IS NULL OR ...`): one statement shape per
    filter combination keeps PostgreSQL's generic plans parallel and its estimates sane.
    A chunk matches a prefix when the first len(prefix) elements of its path equal it: its
    path joined with PATH_SEPARATOR (plus a trailing one) is LIKE one of `prefix_patterns()`
    (prefixes differ in length and PostgreSQL arrays cannot be ragged, hence strings).
    """
    joins: list[str] = []
    conds: list[str] = []
    params: list[object] = []
    patterns = filters.prefix_patterns()
    if patterns is not None:
        params.append(patterns)
        conds.append(
            "array_to_string(c.taxonomy_path, E'\\x1f') || E'\\x1f'"
            f" LIKE ANY (${first_param + len(params) - 1}::text[])"
        )
    if filters.content_types is not None:
        params.append(filters.content_types)
        joins.append("JOIN documents d ON d.doc_id = c.doc_id")
        conds.append(f"d.content_type = ANY (${first_param + len(params) - 1}::text[])")
    return _FilterSql(" ".join(joins), " AND ".join(conds) or "TRUE", params)


async def bm25_search(
    db: Db, query: str, limit: int, filters: ChunkFilter
) -> list[tuple[str, float]]:
    """Full-text leg: (chunk_id, ts_rank_cd) of the best `limit` matching chunks."""
    f = _chunk_filter_sql(filters, 3)
    # The WHERE expression matches migration 003's GIN index on to_tsvector('english', text),
    # so matching chunks come from a Bitmap Index Scan; ts_rank_cd still parses each match.
    rows = await db.fetch(
        f"""SELECT c.chunk_id::text AS chunk_id,
                   ts_rank_cd(to_tsvector('english', c.text), q.query) AS score
            FROM chunks c {f.join},
                 websearch_to_tsquery('english', $1) AS q(query)
            WHERE to_tsvector('english', c.text) @@ q.query AND {f.where}
            ORDER BY score DESC, c.chunk_id
            LIMIT $2""",
        query,
        limit,
        *f.params,
    )
    return [(r["chunk_id"], float(r["score"])) for r in rows]


async def fetch_chunk_vectors(
    db: Db, filters: ChunkFilter, dim: int
) -> tuple[list[UUID], np.ndarray]:
    """Vector leg input: ids and (n, dim) embedding matrix of every chunk passing the filters.

    Ids stay UUID objects (half the decoding cost of text for 10,000 rows); callers turn the
    few they keep into strings.
    """
    f = _chunk_filter_sql(filters, 1)
    rows = await db.fetch(
        f"SELECT c.chunk_id, c.embedding FROM chunks c {f.join} WHERE {f.where}", *f.params
    )
    ids = [r["chunk_id"] for r in rows]
    return ids, matrix_from_bytes([r["embedding"] for r in rows], dim)


async def fetch_chunks(db: Db, chunk_ids: Sequence[str]) -> list[ChunkRow]:
    """Text, path and source document of the given chunks (any order)."""
    rows = await db.fetch(
        """SELECT c.chunk_id::text AS chunk_id, c.text, c.taxonomy_path,
                  d.doc_id::text AS doc_id, d.title, d.source_url, d.content_type
           FROM chunks c JOIN documents d ON d.doc_id = c.doc_id
           WHERE c.chunk_id = ANY($1::uuid[])""",
        list(chunk_ids),
    )
    return [
        ChunkRow(
            chunk_id=r["chunk_id"],
            text=r["text"],
            taxonomy_path=list(r["taxonomy_path"]),
            doc_id=r["doc_id"],
            title=r["title"],
            source_url=r["source_url"],
            content_type=r["content_type"],
        )
        for r in rows
    ]


# --- reflection ---------------------------------------------------------------------------


async def case_exists(db: Db, case_id: str) -> bool:
    """True when the case is live or archived (archived cases keep their logs reachable)."""
    return bool(
        await db.fetchval(
            """SELECT EXISTS (SELECT 1 FROM case_bank WHERE case_id = $1)
                   OR EXISTS (SELECT 1 FROM case_bank_archive WHERE case_id = $1)""",
            case_id,
        )
    )


async def fetch_recent_logs(db: Db, case_id: str, limit: int) -> list[LogRow]:
    """The `limit` most recent execution logs of a case, newest first."""
    # Served by migration 003's covering (case_id, created_at DESC) index: an index-only scan
    # that stops after `limit` rows, no sort.
    rows = await db.fetch(
        """SELECT success, error_type, execution_time_ms
           FROM execution_log WHERE case_id = $1
           ORDER BY created_at DESC LIMIT $2""",
        case_id,
        limit,
    )
    return [LogRow(r["success"], r["error_type"], r["execution_time_ms"]) for r in rows]


async def fetch_active_cases_with_min_logs(db: Db, min_logs: int) -> list[str]:
    """Ids of active cases having at least `min_logs` execution logs, in id order."""
    rows = await db.fetch(
        """SELECT c.case_id
           FROM case_bank c
           JOIN (SELECT case_id FROM execution_log
                 GROUP BY case_id HAVING count(*) >= $1) l ON l.case_id = c.case_id
           WHERE c.status = 'active'
           ORDER BY c.case_id""",
        min_logs,
    )
    return [r["case_id"] for r in rows]


@dataclass(frozen=True, slots=True)
class LogGroup:
    """`count` of a case's recent logs sharing `success` and `error_type`, and their total time."""

    success: bool
    error_type: str | None
    count: int
    total_execution_time_ms: int


async def fetch_recent_log_groups(
    db: Db, case_ids: Sequence[str], limit: int
) -> dict[str, list[LogGroup]]:
    """For each case, its `limit` most recent logs grouped by (success, error_type): one statement.

    Each case's latest logs come from an index-only scan of (case_id, created_at DESC) that stops
    after `limit` rows, and PostgreSQL aggregates them: a few rows per case cross the wire
    instead of every log (the window-function form sorted all of the cases' logs and sent
    10,000 rows per batch at the default profile).
    """
    rows = await db.fetch(
        """SELECT q.case_id, l.success, l.error_type, count(*) AS n,
                  sum(l.execution_time_ms) AS total_ms
           FROM unnest($1::text[]) AS q(case_id)
           CROSS JOIN LATERAL (SELECT e.success, e.error_type, e.execution_time_ms
                               FROM execution_log e
                               WHERE e.case_id = q.case_id
                               ORDER BY e.created_at DESC
                               LIMIT $2) l
           GROUP BY q.case_id, l.success, l.error_type""",
        list(case_ids),
        limit,
    )
    out: dict[str, list[LogGroup]] = {case_id: [] for case_id in case_ids}
    for r in rows:
        out[r["case_id"]].append(
            LogGroup(r["success"], r["error_type"], r["n"], int(r["total_ms"]))
        )
    return out


async def update_case_success_rates(
    conn: asyncpg.Connection, case_ids: Sequence[str], rates: Sequence[float]
) -> None:
    """Set many cases' success rates in one statement."""
    await conn.execute(
        """UPDATE case_bank c SET success_rate = u.rate, updated_at = now()
           FROM unnest($1::text[], $2::real[]) AS u(case_id, rate)
           WHERE c.case_id = u.case_id""",
        list(case_ids),
        list(rates),
    )


async def update_case_success_rate(conn: asyncpg.Connection, case_id: str, rate: float) -> None:
    await conn.execute(
        "UPDATE case_bank SET success_rate = $2, updated_at = now() WHERE case_id = $1",
        case_id,
        rate,
    )


# --- consolidation ------------------------------------------------------------------------


async def try_consolidation_lock(conn: asyncpg.Connection) -> bool:
    """Take the consolidation advisory lock for the current transaction, without waiting."""
    return bool(await conn.fetchval("SELECT pg_try_advisory_xact_lock($1)", CONSOLIDATION_LOCK_KEY))


async def fetch_active_cases_for_consolidation(
    conn: asyncpg.Connection, inactive_days: int, dim: int
) -> tuple[list[ConsolidationCaseRow], np.ndarray]:
    """Every active case with what consolidation needs, and their (n, dim) query vectors."""
    rows = await conn.fetch(
        """SELECT case_id, usage_count, success_rate, query_vector,
                  coalesce(last_used_at < now() - make_interval(days => $1), false) AS stale
           FROM case_bank WHERE status = 'active'
           ORDER BY case_id""",
        inactive_days,
    )
    cases = [
        ConsolidationCaseRow(r["case_id"], r["usage_count"], float(r["success_rate"]), r["stale"])
        for r in rows
    ]
    return cases, matrix_from_bytes([r["query_vector"] for r in rows], dim)


# Case-bank state for consolidation's in-process cache (engines/consolidation.py). Instants are
# integer microseconds since the epoch, computed by PostgreSQL, so "last_used_at < cutoff" in
# the service is the same comparison as in SQL. NULL and 'infinity' are never stale; '-infinity'
# always is.
NEVER_STALE_US = 2**63 - 1
ALWAYS_STALE_US = -(2**63)
_LAST_USED_US = f"""CASE WHEN c.last_used_at IS NULL OR c.last_used_at = 'infinity'
                             THEN '{NEVER_STALE_US}'::bigint
                        WHEN c.last_used_at = '-infinity' THEN '{ALWAYS_STALE_US}'::bigint
                        ELSE (extract(epoch FROM c.last_used_at) * 1000000)::bigint END"""


@dataclass(frozen=True)
class CaseMeta:
    """Every active case's consolidation figures and row xmin, in case_id order, as of one
    snapshot, with the database's oid and the inactivity cutoff computed in that statement."""

    db: int  # the database's oid: states of different databases are never mixed
    case_ids: list[str]
    xmins: Sequence[int]  # each row version's xmin: a case whose xmin is unchanged is unchanged
    usage_counts: list[int]
    success_rates: list[float]
    last_used_us: Sequence[int]
    cutoff_us: int  # now() - inactive_days, in microseconds since the epoch


_DB = "(SELECT oid FROM pg_database WHERE datname = current_database())::bigint"
_CUTOFF = "(extract(epoch FROM now() - make_interval(days => $1)) * 1000000)::bigint"
# Columns as arrays (one row whatever the number of cases, also none: the driver decodes each
# array in one go, no per-row Python). All aggregates of one Agg node read the sorted
# subquery's rows in the same order, so the arrays line up, in case_id order.
_META_ARRAYS = """array_agg(s.case_id) AS ids, array_agg(s.x) AS xs, array_agg(s.usage_count) AS
                  usage, array_agg(s.success_rate) AS rates, array_agg(s.last_used_us) AS last"""
_META_COLUMNS = f"""c.case_id, c.xmin::text::bigint AS x, c.usage_count, c.success_rate,
                    {_LAST_USED_US} AS last_used_us"""


async def fetch_case_bank(
    conn: asyncpg.Connection, inactive_days: int, dim: int
) -> tuple[CaseMeta, np.ndarray]:
    """One statement, one snapshot: every active case's figures, row xmin and query vector, in
    case_id order (the old full read, plus two small columns), with the database oid and the
    cutoff as InitPlans (computed once). Plain rows: aggregating the vectors server-side was
    slower. With no active case, the figures' statement (`fetch_case_meta`) gives the oid and
    cutoff."""
    rows = await conn.fetch(
        f"""SELECT {_DB}, (SELECT {_CUTOFF}), {_META_COLUMNS}, c.query_vector
            FROM case_bank c WHERE c.status = 'active'
            ORDER BY c.case_id""",
        inactive_days,
    )
    if not rows:
        return await fetch_case_meta(conn, inactive_days), np.zeros((0, dim), dtype=np.float32)
    cols = list(zip(*rows, strict=True))  # transposed in C
    meta = CaseMeta(
        db=cols[0][0],
        case_ids=list(cols[2]),
        xmins=np.array(cols[3], dtype=np.int64),
        usage_counts=list(cols[4]),
        success_rates=list(cols[5]),  # REAL: already the float32 value as a float
        last_used_us=np.array(cols[6], dtype=np.int64),
        cutoff_us=cols[1][0],
    )
    return meta, matrix_from_bytes(cols[7], dim)


async def fetch_case_meta(conn: asyncpg.Connection, inactive_days: int) -> CaseMeta:
    """One statement (one snapshot, also under READ COMMITTED), one row: every active case's
    id, row xmin, usage_count, success_rate and last_used_at as arrays, without the vectors,
    with the database oid and the cutoff. What a dry run reads to know what changed."""
    row = await conn.fetchrow(
        f"""SELECT {_DB} AS db, {_CUTOFF} AS cutoff, {_META_ARRAYS}
            FROM (SELECT {_META_COLUMNS}
                  FROM case_bank c WHERE c.status = 'active'
                  ORDER BY c.case_id) s""",
        inactive_days,
    )
    return CaseMeta(
        db=row["db"],
        case_ids=row["ids"] or [],
        xmins=np.asarray(row["xs"] or [], dtype=np.int64),
        usage_counts=row["usage"] or [],
        success_rates=row["rates"] or [],  # REAL: already the float32 value as a float
        last_used_us=np.asarray(row["last"] or [], dtype=np.int64),
        cutoff_us=row["cutoff"],
    )


async def fetch_case_vectors(
    conn: asyncpg.Connection, case_ids: Sequence[str]
) -> dict[str, tuple[int, bytes]]:
    """case_id -> (row xmin, query_vector bytes) of the given cases."""
    rows = await conn.fetch(
        """SELECT case_id, xmin::text::bigint AS x, query_vector
           FROM case_bank WHERE case_id = ANY($1::text[])""",
        list(case_ids),
    )
    return {r["case_id"]: (r["x"], r["query_vector"]) for r in rows}


async def archive_cases(
    conn: asyncpg.Connection, case_ids: Sequence[str], reasons: Sequence[str]
) -> None:
    """Move many cases to case_bank_archive, each with its reason: one statement (the DELETE's
    RETURNING feeds the INSERT, so the archive gets each row exactly as it was deleted)."""
    if not case_ids:
        return
    await conn.execute(
        """WITH gone AS (
               DELETE FROM case_bank c
               USING unnest($1::text[], $2::text[]) AS u(case_id, reason)
               WHERE c.case_id = u.case_id
               RETURNING c.*, u.reason)
           INSERT INTO case_bank_archive
               (case_id, query, response_text, category_path, query_vector, quality_score,
                usage_count, success_rate, status, created_at, last_used_at, updated_at,
                archived_reason)
           SELECT case_id, query, response_text, category_path, query_vector, quality_score,
                  usage_count, success_rate, status, created_at, last_used_at, updated_at,
                  reason
           FROM gone""",
        list(case_ids),
        list(reasons),
    )


async def update_merged_cases(
    conn: asyncpg.Connection,
    case_ids: Sequence[str],
    usage_counts: Sequence[int],
    success_rates: Sequence[float],
) -> None:
    """Set many keepers' usage_count and success_rate in one statement."""
    if not case_ids:
        return
    await conn.execute(
        """UPDATE case_bank c SET usage_count = u.usage_count, success_rate = u.rate,
                                  updated_at = now()
           FROM unnest($1::text[], $2::int[], $3::real[]) AS u(case_id, usage_count, rate)
           WHERE c.case_id = u.case_id""",
        list(case_ids),
        list(usage_counts),
        list(success_rates),
    )


async def fetch_summary_counts(db: Db, threshold: float, inactive_days: int) -> SummaryCounts:
    row = await db.fetchrow(
        """SELECT count(*) AS total,
                  count(*) FILTER (WHERE low) AS low,
                  count(*) FILTER (WHERE inactive) AS inactive,
                  count(*) FILTER (WHERE low OR inactive) AS either
           FROM (SELECT success_rate < $1 AND usage_count > 10 AS low,
                        coalesce(last_used_at < now() - make_interval(days => $2), false)
                            AND usage_count < 100 AS inactive
                 FROM case_bank WHERE status = 'active') s""",
        threshold,
        inactive_days,
    )
    return SummaryCounts(row["total"], row["low"], row["inactive"], row["either"])
