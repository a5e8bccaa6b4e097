"""Case-bank consolidation: archive low performers, merge near-duplicates, archive inactive."""

from __future__ import annotations

import asyncio
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import asyncpg
import numpy as np

from dtrag.db import repo
from dtrag.schemas import (
    ConsolidationDetails,
    ConsolidationRequest,
    ConsolidationResponse,
    ConsolidationSummary,
    MergedPair,
)

LOW_USAGE_MIN = 10  # step 1 only touches cases used more than this
INACTIVE_USAGE_MAX = 100  # step 3 only touches cases used less than this
SIMILARITY_BLOCK = 1024
# At most this many duplicate candidate pairs (the most similar ones) per run: bounds memory
# and time when a caller asks for a very low similarity threshold. The default 0.95 finds far
# fewer; pairs beyond the cap are merged by a later run.
MAX_DUPLICATE_PAIRS = 200_000
# make_interval(days => n) with larger n would overflow the timestamp range; no case can be
# older than this anyway (~2,700 years).
MAX_INACTIVE_DAYS = 1_000_000
USAGE_COUNT_MAX = 2**31 - 1  # INT column


class ConsolidationBusy(RuntimeError):
    """Another consolidation run holds the advisory lock."""

    def __init__(self) -> None:
        super().__init__("Consolidation already running")


@dataclass
class ConsolidationPlan:
    """What a run does, in the order it is applied."""

    removed: list[str] = field(default_factory=list)  # step 1, low performers
    merged: list[MergedPair] = field(default_factory=list)  # step 2, in processing order
    archived: list[str] = field(default_factory=list)  # step 3, inactive
    # Surviving keepers' new (usage_count, success_rate) after their merges.
    keeper_updates: dict[str, tuple[int, float]] = field(default_factory=dict)


def duplicate_pairs(
    vectors: np.ndarray,
    threshold: float,
    block: int = SIMILARITY_BLOCK,
    max_pairs: int = MAX_DUPLICATE_PAIRS,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Index pairs (i < j) with cosine similarity above `threshold`, most similar first.

    Computed blockwise over the upper triangle in float32 so memory stays at a few
    block x block matrices whatever the number of vectors. Ties are ordered by (i, j). At most
    `max_pairs` pairs (the most similar) are returned.
    """
    n = vectors.shape[0]
    empty = (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32))
    if n < 2:
        return empty
    mat = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(mat, axis=1, keepdims=True)
    norms[norms == 0.0] = 1.0
    mat = mat / norms

    found_i: list[np.ndarray] = []
    found_j: list[np.ndarray] = []
    found_s: list[np.ndarray] = []
    kept = 0
    for r0 in range(0, n, block):
        rows = mat[r0 : r0 + block]
        for c0 in range(r0, n, block):
            sims = rows @ mat[c0 : c0 + block].T
            flat = np.flatnonzero(sims > threshold)
            if c0 == r0:  # diagonal block: keep the strict upper triangle only
                bi, bj = np.divmod(flat, sims.shape[1])
                flat = flat[bi < bj]
            if flat.size == 0:
                continue
            values = sims.ravel()[flat]
            if flat.size > max_pairs:
                top = np.argpartition(-values, max_pairs - 1)[:max_pairs]
                flat, values = flat[top], values[top]
            bi, bj = np.divmod(flat, sims.shape[1])
            found_i.append(bi + r0)
            found_j.append(bj + c0)
            found_s.append(np.minimum(values, np.float32(1.0)))  # rounding can exceed 1
            kept += flat.size
            if kept > 2 * max_pairs:
                found_i, found_j, found_s = _keep_best(found_i, found_j, found_s, max_pairs)
                kept = found_i[0].size
    if not found_i:
        return empty
    (i,), (j,), (s,) = _keep_best(found_i, found_j, found_s, max_pairs)
    order = np.lexsort((j, i, -s))
    return i[order], j[order], s[order]


def _keep_best(
    found_i: list[np.ndarray], found_j: list[np.ndarray], found_s: list[np.ndarray], cap: int
) -> tuple[list[np.ndarray], list[np.ndarray], list[np.ndarray]]:
    i, j, s = np.concatenate(found_i), np.concatenate(found_j), np.concatenate(found_s)
    if s.size > cap:
        top = np.argpartition(-s, cap - 1)[:cap]
        i, j, s = i[top], j[top], s[top]
    return [i], [j], [s]


# duplicate_pairs is a pure function of the vectors and the threshold, and by far the most
# expensive step of a plan: O(n^2 d), about 1.1 s for 10,000 cases (docs/bottlenecks.md). Its
# result is kept for the last few exact inputs (a digest of the vectors' bytes, their shape and
# the threshold), so a dry run or run over an unchanged case bank skips the scan; any change to
# any vector, to the set of cases or to their order is a different key. Hashing 10,000 x 384
# float32 takes about 20 ms.
PAIRS_CACHE_SIZE = 4
_pairs_cache: OrderedDict[tuple, tuple[np.ndarray, np.ndarray, np.ndarray]] = OrderedDict()
_pairs_lock = threading.Lock()


def cached_duplicate_pairs(
    vectors: np.ndarray, threshold: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`duplicate_pairs`, memoised on its exact inputs (see PAIRS_CACHE_SIZE)."""
    mat = np.ascontiguousarray(vectors, dtype=np.float32)
    key = (mat.shape, float(threshold), hashlib.blake2b(mat.data, digest_size=20).digest())
    with _pairs_lock:
        hit = _pairs_cache.get(key)
        if hit is not None:
            _pairs_cache.move_to_end(key)
            return hit
    found = duplicate_pairs(mat, threshold)
    for a in found:
        a.flags.writeable = False  # shared between requests
    with _pairs_lock:
        _pairs_cache[key] = found
        while len(_pairs_cache) > PAIRS_CACHE_SIZE:
            _pairs_cache.popitem(last=False)
    return found


def plan_consolidation(
    cases: Sequence[repo.ConsolidationCaseRow],
    vectors: np.ndarray,
    request: ConsolidationRequest,
) -> ConsolidationPlan:
    """The three steps of the contract over the active cases (`vectors` row k = cases[k]).

    1. low performers: success_rate < threshold and usage_count > 10;
    2. duplicates among the rest: pairs with cosine > similarity_threshold, most similar first,
       greedy; a pair touching an already removed case is skipped; the keeper is the case with
       the higher (merged) usage_count, ties to the smaller case_id; it gets the summed usage
       and the mean of both success rates;
    3. inactive among what remains: stale (last_used_at older than inactive_days) and
       usage_count (after merges) < 100.
    """
    plan = ConsolidationPlan()
    low = [c.success_rate < request.threshold and c.usage_count > LOW_USAGE_MIN for c in cases]
    plan.removed = [c.case_id for c, is_low in zip(cases, low, strict=True) if is_low]

    rest = np.flatnonzero(~np.asarray(low, dtype=bool)) if cases else np.zeros(0, np.int64)
    usage = {c.case_id: c.usage_count for c in cases}
    rate = {c.case_id: c.success_rate for c in cases}
    gone: set[str] = set(plan.removed)
    pi, pj, ps = cached_duplicate_pairs(vectors[rest], request.similarity_threshold)
    for a, b, sim in zip(pi.tolist(), pj.tolist(), ps.tolist(), strict=True):
        id_a, id_b = cases[rest[a]].case_id, cases[rest[b]].case_id
        if id_a in gone or id_b in gone:
            continue
        if (-usage[id_a], id_a) <= (-usage[id_b], id_b):
            keeper, loser = id_a, id_b
        else:
            keeper, loser = id_b, id_a
        usage[keeper] = min(usage[keeper] + usage[loser], USAGE_COUNT_MAX)
        rate[keeper] = (rate[keeper] + rate[loser]) / 2.0
        gone.add(loser)
        plan.merged.append(MergedPair(keeper=keeper, removed=loser, similarity=sim))
    merged_keepers = {m.keeper for m in plan.merged} - gone
    plan.keeper_updates = {k: (usage[k], rate[k]) for k in sorted(merged_keepers)}

    plan.archived = [
        c.case_id
        for c in cases
        if c.case_id not in gone and c.stale and usage[c.case_id] < INACTIVE_USAGE_MAX
    ]
    return plan


def to_response(plan: ConsolidationPlan, dry_run: bool) -> ConsolidationResponse:
    return ConsolidationResponse(
        removed_cases=len(plan.removed),
        merged_cases=len(plan.merged),
        archived_cases=len(plan.archived),
        dry_run=dry_run,
        details=ConsolidationDetails(
            removed=plan.removed, merged=plan.merged, archived=plan.archived
        ),
        timestamp=datetime.now(UTC),
    )


async def _load_and_plan(
    conn: asyncpg.Connection, request: ConsolidationRequest, dim: int
) -> ConsolidationPlan:
    days = min(request.inactive_days, MAX_INACTIVE_DAYS)
    cases, vectors = await repo.fetch_active_cases_for_consolidation(conn, days, dim)
    # The similarity scan is CPU-bound NumPy (BLAS releases the GIL): keep the loop responsive.
    return await asyncio.to_thread(plan_consolidation, cases, vectors, request)


async def _apply(conn: asyncpg.Connection, plan: ConsolidationPlan) -> None:
    """Apply a plan set-based, in the contract's order: low performers and merged-away
    duplicates are archived, the keepers updated, then the inactive cases archived (after the
    updates, so that an archived keeper keeps its merged figures). Six statements in all."""
    first = [(c, "low_performance") for c in plan.removed]
    first += [(pair.removed, "duplicate") for pair in plan.merged]
    await repo.archive_cases(conn, [c for c, _ in first], [r for _, r in first])
    keepers = list(plan.keeper_updates.items())
    await repo.update_merged_cases(
        conn,
        [c for c, _ in keepers],
        [usage for _, (usage, _) in keepers],
        [rate for _, (_, rate) in keepers],
    )
    await repo.archive_cases(conn, plan.archived, ["inactive"] * len(plan.archived))


async def consolidate(
    db: repo.Db, request: ConsolidationRequest, dim: int
) -> ConsolidationResponse:
    """Run (or, with request.dry_run, only plan) a consolidation.

    A real run is one transaction serialised by a transaction-level advisory lock: any failure
    rolls everything back, a concurrent run raises ConsolidationBusy. A dry run reads in a
    READ ONLY REPEATABLE READ transaction, takes no lock and writes nothing.
    """
    async with repo.connection(db) as conn:
        if request.dry_run:
            async with conn.transaction(isolation="repeatable_read", readonly=True):
                plan = await _load_and_plan(conn, request, dim)
        else:
            async with conn.transaction():
                if not await repo.try_consolidation_lock(conn):
                    raise ConsolidationBusy()
                plan = await _load_and_plan(conn, request, dim)
                await _apply(conn, plan)
    return to_response(plan, request.dry_run)


async def summary(db: repo.Db) -> ConsolidationSummary:
    """Counts under the default thresholds; potential_savings = distinct low-or-inactive cases."""
    defaults = ConsolidationRequest()
    counts = await repo.fetch_summary_counts(db, defaults.threshold, defaults.inactive_days)
    return ConsolidationSummary(
        total_active_cases=counts.total_active,
        low_performance_candidates=counts.low_performance,
        inactive_candidates=counts.inactive,
        potential_savings=counts.low_or_inactive,
        timestamp=datetime.now(UTC),
    )
