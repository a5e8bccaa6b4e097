"""Case-bank consolidation: archive low performers, merge near-duplicates, archive inactive."""

from __future__ import annotations

import asyncio
import hashlib
import itertools
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import asyncpg
import numpy as np

from dtrag.db import repo
from dtrag.embedding import matrix_from_bytes
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


def normalise(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length in float32 (zero rows stay zero). Row by row: a row's result
    does not depend on the other rows (tests/test_consolidation_incremental.py)."""
    mat = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(mat, axis=1, keepdims=True)
    norms[norms == 0.0] = 1.0
    return mat / norms


def blocks(n: int, block: int) -> list[tuple[int, int]]:
    """[start, stop) ranges of at most `block` rows (one more for the last), none one row wide
    (NumPy would make that product a matrix-vector one; harmless, as the products only find
    candidates, but one block of n + 1 is as cheap)."""
    bounds = [(b, min(b + block, n)) for b in range(0, n, block)]
    if len(bounds) > 1 and bounds[-1][1] - bounds[-1][0] == 1:
        bounds[-2:] = [(bounds[-2][0], n)]
    return bounds


def candidate_margin(dim: int) -> float:
    """More than the rounding error of a float32 dot product of two unit vectors of `dim`
    components (at most about dim * 2**-24, Higham's bound; 2.3e-5 at 384), so the matrix
    product's candidates include every pair whose exact similarity is above the threshold."""
    return 4.0 * max(dim, 1) * 2.0**-24 + 1e-6


_PAIR_CHUNK = 8192


def pair_similarity(unit: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Cosine similarity of the unit rows i[k] and j[k], as float32: the float64 sum of the
    products of their float32 components (NumPy's pairwise summation along each row, the same
    whatever the other rows), rounded once. Not clipped to 1."""
    out = np.empty(i.size, dtype=np.float32)
    for k in range(0, i.size, _PAIR_CHUNK):
        a = unit[i[k : k + _PAIR_CHUNK]].astype(np.float64)
        b = unit[j[k : k + _PAIR_CHUNK]].astype(np.float64)
        out[k : k + _PAIR_CHUNK] = np.sum(a * b, axis=1)
    return out


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

    A pair's similarity is `pair_similarity`: a function of its two vectors alone. The float32
    matrix product only finds the candidates (above threshold - candidate_margin): its rounding
    depends on the shape of the product (BLAS kernels, gemv for a one-row block), so the same
    two vectors could get different float32 similarities depending on the other vectors in the
    scan; the incremental path (CaseBankState) must get the very same values.
    """
    n = vectors.shape[0]
    empty = (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32))
    if n < 2:
        return empty
    mat = normalise(vectors)

    found_i: list[np.ndarray] = []
    found_j: list[np.ndarray] = []
    found_s: list[np.ndarray] = []
    kept = 0
    bounds = blocks(n, block)
    low = threshold - candidate_margin(mat.shape[1])
    for b, (r0, r1) in enumerate(bounds):
        rows = mat[r0:r1]
        for c0, c1 in bounds[b:]:
            sims = rows @ mat[c0:c1].T  # finds the candidates; their similarity is recomputed
            flat = np.flatnonzero(sims > low)
            if c0 == r0:  # diagonal block: keep the strict upper triangle only
                bi, bj = np.divmod(flat, sims.shape[1])
                flat = flat[bi < bj]
            if flat.size == 0:
                continue
            bi, bj = np.divmod(flat, sims.shape[1])
            bi, bj = bi + r0, bj + c0
            values = pair_similarity(mat, bi, bj)
            above = values > threshold
            bi, bj, values = bi[above], bj[above], values[above]
            if values.size > max_pairs:
                top = np.argpartition(-values, max_pairs - 1)[:max_pairs]
                bi, bj, values = bi[top], bj[top], values[top]
            if values.size == 0:
                continue
            found_i.append(bi)
            found_j.append(bj)
            found_s.append(np.minimum(values, np.float32(1.0)))  # rounding can exceed 1
            kept += values.size
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


# --- the case bank's state, kept in the process and updated incrementally -------------------
#
# A plan needs every active case's figures and the duplicate pairs among their vectors. Loading
# them all (10,000 rows with 1.5 kB vectors) and scanning all pairs (O(n^2 d)) on every request
# was the dry run's cost (docs/bottlenecks.md). Instead the process keeps a CaseBankState: the
# cases' figures, their vectors, and per similarity threshold the set of ALL pairs above it.
#
# Which state describes a request's data is found on the read side, with nothing asked of the
# writers (no trigger, no counter: a writer of case_bank, the reflection batch, a run or any
# SQL, runs no extra statement and touches no shared row). A dry run's one statement reads
# every active case's id, figures and row `xmin` (no vectors) in its snapshot
# (repo.fetch_case_meta) and compares them with the latest state: the same ids with the same
# xmins is that state; otherwise a new state is derived from it, fetching only the vectors of
# the new cases and of those whose xmin changed (with no state yet, or more than
# INCREMENTAL_MAX_SHARE of the cases changed: one full read). A run always does one full read,
# the old code's one statement (see _plan_run).
#
# Why comparing (case_id, xmin) is exact: `xmin` is the id of the transaction that wrote the
# row version. PostgreSQL never changes a row in place: every INSERT, UPDATE (HOT or not, of
# any column, by any client or plain SQL), COPY, INSERT ... ON CONFLICT DO UPDATE and every
# restore (TRUNCATE + INSERT) makes a new row version carrying the writer's xid, and a version
# that a snapshot sees was committed by that one transaction, which commits once: two visible
# versions of a case with the same xmin are the same version, the same bytes. A DELETE, or a
# status other than 'active', takes the row out of the read, and a case_id changed by an
# UPDATE is a removal plus a new id. What keeps a row version's xmin (VACUUM, freezing since
# PostgreSQL 9.4, VACUUM FULL and CLUSTER, SELECT ... FOR UPDATE) does not change its content.
# The converse need not hold and does no harm: a transaction that rewrote a row with identical
# values (`SET usage_count = usage_count`, a restore) gives it a new xmin, so the case only
# counts as changed: its vector is fetched again (or read in the full read), found bit-equal,
# and keeps its pairs (see build_state). That costs a fetch, never a wrong plan. The one
# theoretical gap is the 32-bit xid counter: a case rewritten by a transaction whose xid equals,
# modulo 2^32, the xid of the version the state holds, i.e. about four billion transactions
# later, with this process holding that state all along.
#
# Either way, cases are aligned by id with NumPy and a case whose vector is bit-equal keeps its
# pairs; pairs of removed or re-vectored cases are dropped, and the k changed vectors are
# compared with all n (O(k n d)); more than INCREMENTAL_MAX_SHARE changed: one full scan when
# needed. Exactness of the pairs rests on: a pair's similarity is a function of its two vectors
# alone (row-wise normalisation, matrix-matrix products only: see `blocks`); pairs among the
# plan's candidates (the cases that are not low performers) are the state's pairs restricted
# to them, in the same order; when a threshold has more than MAX_DUPLICATE_PAIRS pairs, the
# old full scan is used.

INCREMENTAL_MAX_SHARE = 0.25  # more changed vectors than this share: one full scan instead
STATE_CACHE_SIZE = 2
PLAN_CACHE_SIZE = 64
THRESHOLDS_PER_STATE = 4
_COLUMN_BLOCK = 4096
_state_serial = itertools.count()


@dataclass(frozen=True)
class PairTable:
    """Every pair (i < j, positions in the state) with similarity above a threshold, most
    similar first, ties by (i, j): `duplicate_pairs` over all the state's vectors, uncapped."""

    i: np.ndarray
    j: np.ndarray
    s: np.ndarray


class CaseBankState:
    """Every active case (case_id order) as of one snapshot of the case bank, identified by its
    (case_id, xmin) pairs; read-only once built, apart from its per-threshold pair tables
    (added under _lock, deterministic)."""

    def __init__(
        self,
        meta: repo.CaseMeta,
        raw: np.ndarray,
        unit: np.ndarray,
    ) -> None:
        self.db = meta.db
        self.key = (meta.db, next(_state_serial))  # this state's identity (plan cache key)
        self.case_ids = meta.case_ids
        self.xmins = np.asarray(meta.xmins, dtype=np.int64)
        self.usage = meta.usage_counts
        self.rate = meta.success_rates
        self.usage_arr = np.asarray(meta.usage_counts, dtype=np.int64)
        self.rate_arr = np.asarray(meta.success_rates, dtype=np.float64)
        last = np.asarray(meta.last_used_us, dtype=np.int64)
        self.stale_order = np.argsort(last, kind="stable")
        self.sorted_last = last[self.stale_order]
        for a in (
            raw,
            unit,
            self.xmins,
            self.usage_arr,
            self.rate_arr,
            self.stale_order,
            self.sorted_last,
        ):
            a.flags.writeable = False
        self.raw = raw  # as stored (the fallback's input)
        self.unit = unit  # normalise(raw)
        self.pairs: OrderedDict[float, PairTable | None] = OrderedDict()  # None: over the cap
        self._scan_lock = threading.Lock()
        self._id_array: np.ndarray | None = None

    def describes(self, meta: repo.CaseMeta) -> bool:
        """Whether `meta`'s snapshot sees exactly this state's row versions: the same database,
        the same cases with the same xmins (see the comment above INCREMENTAL_MAX_SHARE)."""
        return (
            meta.db == self.db
            and len(meta.case_ids) == len(self.case_ids)
            and np.array_equal(np.asarray(meta.xmins, dtype=np.int64), self.xmins)
            and meta.case_ids == self.case_ids
        )

    def id_array(self) -> np.ndarray:
        """case_ids as a NumPy string array (for `align`), made once."""
        if self._id_array is None:
            self._id_array = np.asarray(self.case_ids, dtype=str)
        return self._id_array

    def stale_count(self, cutoff_us: int) -> int:
        """How many cases have last_used_at < cutoff: they are the first ones of stale_order,
        so this number identifies the stale set exactly."""
        return int(np.searchsorted(self.sorted_last, cutoff_us, side="left"))

    def pair_table(self, threshold: float) -> PairTable | None:
        # One full scan per state and threshold: concurrent first requests wait for it (each
        # running its own O(n^2 d) scan made a cold start take seconds under load).
        with self._scan_lock:
            with _lock:
                if threshold in self.pairs:
                    self.pairs.move_to_end(threshold)
                    return self.pairs[threshold]
            table = _pairs_by_full_scan(self.raw, threshold)
            self._store(threshold, table)
            return table

    def _store(self, threshold: float, table: PairTable | None) -> None:
        with _lock:
            self.pairs[threshold] = table
            while len(self.pairs) > THRESHOLDS_PER_STATE:
                self.pairs.popitem(last=False)


def _pairs_by_full_scan(raw: np.ndarray, threshold: float) -> PairTable | None:
    i, j, s = duplicate_pairs(raw, threshold, max_pairs=MAX_DUPLICATE_PAIRS + 1)
    if i.size > MAX_DUPLICATE_PAIRS:
        return None
    return _frozen_table(i, j, s)


def _frozen_table(i: np.ndarray, j: np.ndarray, s: np.ndarray) -> PairTable:
    for a in (i, j, s):
        a.flags.writeable = False
    return PairTable(i, j, s)


def _incremental_pairs(
    old: PairTable,
    old_to_new: np.ndarray,
    changed: np.ndarray,
    unit: np.ndarray,
    threshold: float,
) -> PairTable | None:
    """The new state's pairs: the old ones between cases kept with the same vector (renumbered)
    and those of the `changed` cases (new positions, sorted) against all cases."""
    keep_i, keep_j = old_to_new[old.i], old_to_new[old.j]
    kept = (keep_i >= 0) & (keep_j >= 0)
    found_i, found_j, found_s = [keep_i[kept]], [keep_j[kept]], [old.s[kept]]
    n = unit.shape[0]
    is_changed = np.zeros(n, dtype=bool)
    is_changed[changed] = True
    low = threshold - candidate_margin(unit.shape[1])
    for r0, r1 in blocks(changed.size, SIMILARITY_BLOCK):
        rows_pos = changed[r0:r1]
        rows = unit[rows_pos]
        for c0 in range(0, n, _COLUMN_BLOCK):
            sims = rows @ unit[c0 : c0 + _COLUMN_BLOCK].T  # candidates only, as in the scan
            a, b = np.nonzero(sims > low)
            mine, other = rows_pos[a], b + c0
            # each unordered pair once: against an unchanged case, or a changed one after it
            ok = (other != mine) & (~is_changed[other] | (mine < other))
            lo, hi = np.minimum(mine[ok], other[ok]), np.maximum(mine[ok], other[ok])
            values = pair_similarity(unit, lo, hi)
            above = values > threshold
            found_i.append(lo[above])
            found_j.append(hi[above])
            found_s.append(np.minimum(values[above], np.float32(1.0)))
    i = np.concatenate(found_i).astype(np.int64)
    j = np.concatenate(found_j).astype(np.int64)
    s = np.concatenate(found_s).astype(np.float32)
    if i.size > MAX_DUPLICATE_PAIRS:
        return None
    order = np.lexsort((j, i, -s))
    return _frozen_table(i[order], j[order], s[order])


def align(case_ids: list[str], base: CaseBankState) -> tuple[np.ndarray, np.ndarray]:
    """(k, p): positions k in `case_ids` and p in `base` of the same case, vectorised (an
    unchanged set of cases, the common case, is one list comparison)."""
    if case_ids == base.case_ids:
        every = np.arange(len(case_ids), dtype=np.int64)
        return every, every
    ids = np.asarray(case_ids, dtype=str)
    _, k, p = np.intersect1d(ids, base.id_array(), assume_unique=True, return_indices=True)
    return k.astype(np.int64), p.astype(np.int64)


def _same_rows(meta: repo.CaseMeta, base: CaseBankState) -> tuple[np.ndarray, np.ndarray]:
    """(k, p) of the cases whose row is the one `base` has (same xmin)."""
    k, p = align(meta.case_ids, base)
    same = np.asarray(meta.xmins, dtype=np.int64)[k] == base.xmins[p]
    return k[same], p[same]


def _changed_positions(meta: repo.CaseMeta, base: CaseBankState) -> np.ndarray:
    """Positions in `meta` of the cases new or changed (another xmin) since `base`."""
    need = np.ones(len(meta.case_ids), dtype=bool)
    need[_same_rows(meta, base)[0]] = False
    return np.flatnonzero(need)


def cases_to_fetch(meta: repo.CaseMeta, base: CaseBankState | None) -> list[str] | None:
    """Cases whose vector `build_state` needs: new ones and those whose row changed (another
    xmin) since `base`; None (all) without a base."""
    if base is None:
        return None
    return [meta.case_ids[k] for k in _changed_positions(meta, base).tolist()]


def build_state(
    meta: repo.CaseMeta,
    vectors: np.ndarray | dict[str, tuple[int, bytes]],
    dim: int,
    base: CaseBankState | None,
) -> CaseBankState:
    """The state for `meta`, `base`'s pair tables carried over incrementally. `vectors` is
    either every case's (n, dim) matrix (one full read) or the vectors of `cases_to_fetch`
    (the others are `base`'s). NumPy throughout: no per-case Python work."""
    n = len(meta.case_ids)
    old_pos = np.full(n, -1, dtype=np.int64)  # position in base of a case with the same vector
    if isinstance(vectors, np.ndarray):
        raw = np.asarray(vectors, dtype=np.float32)
        if base is not None:  # same vector bits: same pairs (a restore rewrites every row)
            k, p = align(meta.case_ids, base)
            if k.size == n and k.size == len(base.case_ids):  # the same cases, in order
                equal = np.all(raw.view(np.uint32) == base.raw.view(np.uint32), axis=1)
            else:
                equal = np.all(raw[k].view(np.uint32) == base.raw[p].view(np.uint32), axis=1)
            old_pos[k[equal]] = p[equal]
    else:
        raw = np.empty((n, dim), dtype=np.float32)
        if base is not None:
            k, p = _same_rows(meta, base)
            raw[k] = base.raw[p]
            old_pos[k] = p
        fetched = np.flatnonzero(old_pos < 0)
        if fetched.size:
            raw[fetched] = matrix_from_bytes(
                [vectors[meta.case_ids[k]][1] for k in fetched.tolist()], dim
            )
        if base is not None and fetched.size:
            # a fetched case whose vector is as in base (only its figures changed) keeps its pairs
            k, p = align([meta.case_ids[k] for k in fetched.tolist()], base)
            k = fetched[k]
            equal = np.all(raw[k].view(np.uint32) == base.raw[p].view(np.uint32), axis=1)
            old_pos[k[equal]] = p[equal]
    kept = np.flatnonzero(old_pos >= 0)
    changed = np.flatnonzero(old_pos < 0)
    if (
        base is not None
        and len(base.case_ids) == n
        and changed.size == 0
        and np.array_equal(old_pos, np.arange(n))
    ):
        raw, unit = base.raw, base.unit  # the very same matrices: shared (read-only)
    else:
        unit = np.empty((n, dim), dtype=np.float32)
        if kept.size:
            unit[kept] = base.unit[old_pos[kept]]
        if changed.size:
            unit[changed] = normalise(raw[changed])
    state = CaseBankState(meta, raw, unit)
    if base is None:
        return state
    old_to_new = np.full(len(base.case_ids), -1, dtype=np.int64)
    old_to_new[old_pos[kept]] = kept
    with _lock:
        carried = list(base.pairs.items())
    for threshold, table in carried:
        if table is None or changed.size > INCREMENTAL_MAX_SHARE * max(n, 1):
            continue  # computed again by a full scan when a plan needs it
        state._store(threshold, _incremental_pairs(table, old_to_new, changed, unit, threshold))
    return state


def plan_from_state(
    state: CaseBankState, request: ConsolidationRequest, stale_count: int
) -> ConsolidationPlan:
    """`plan_consolidation` over the state's cases, with the same result (see the comment at
    the top of this section)."""
    plan = ConsolidationPlan()
    ids = state.case_ids
    low = (state.rate_arr < request.threshold) & (state.usage_arr > LOW_USAGE_MIN)
    plan.removed = [ids[k] for k in np.flatnonzero(low).tolist()]
    gone: set[str] = set(plan.removed)
    usage: dict[str, int] = {}  # merged figures; the others are the state's
    rate: dict[str, float] = {}

    table = state.pair_table(request.similarity_threshold)
    if table is None:  # more pairs than the cap: the full scan over the candidates, as before
        rest = np.flatnonzero(~low)
        pi, pj, ps = cached_duplicate_pairs(state.raw[rest], request.similarity_threshold)
        pairs = zip(rest[pi].tolist(), rest[pj].tolist(), ps.tolist(), strict=True)
    else:
        both = ~low[table.i] & ~low[table.j]
        pairs = zip(
            table.i[both].tolist(), table.j[both].tolist(), table.s[both].tolist(), strict=True
        )
    for a, b, sim in pairs:
        id_a, id_b = ids[a], ids[b]
        if id_a in gone or id_b in gone:
            continue
        u_a, u_b = usage.get(id_a, state.usage[a]), usage.get(id_b, state.usage[b])
        if (-u_a, id_a) <= (-u_b, id_b):
            keeper, loser, u_keep, u_lose, p_keep, p_lose = id_a, id_b, u_a, u_b, a, b
        else:
            keeper, loser, u_keep, u_lose, p_keep, p_lose = id_b, id_a, u_b, u_a, b, a
        usage[keeper] = min(u_keep + u_lose, USAGE_COUNT_MAX)
        rate[keeper] = (
            rate.get(keeper, state.rate[p_keep]) + rate.get(loser, state.rate[p_lose])
        ) / 2.0
        gone.add(loser)
        plan.merged.append(MergedPair(keeper=keeper, removed=loser, similarity=sim))
    merged_keepers = {m.keeper for m in plan.merged} - gone
    plan.keeper_updates = {k: (usage[k], rate[k]) for k in sorted(merged_keepers)}

    for p in np.sort(state.stale_order[:stale_count]).tolist():
        case_id = ids[p]
        if case_id not in gone and usage.get(case_id, state.usage[p]) < INACTIVE_USAGE_MAX:
            plan.archived.append(case_id)
    return plan


_states: OrderedDict[tuple, CaseBankState] = OrderedDict()
_plans: OrderedDict[tuple, ConsolidationPlan] = OrderedDict()
_lock = threading.Lock()
_refresh_locks: dict[asyncio.AbstractEventLoop, asyncio.Lock] = {}


def _state_for(meta: repo.CaseMeta) -> CaseBankState | None:
    """A kept state that describes exactly `meta`'s row versions (newest first), if any."""
    with _lock:
        for key, state in reversed(_states.items()):
            if state.describes(meta):
                _states.move_to_end(key)
                return state
    return None


def _latest_state(db_oid: int) -> CaseBankState | None:
    with _lock:
        for state in reversed(_states.values()):
            if state.db == db_oid:
                return state
    return None


def _remember(cache: OrderedDict, key: tuple, value: object, size: int) -> None:
    with _lock:
        cache[key] = value
        cache.move_to_end(key)
        while len(cache) > size:
            cache.popitem(last=False)


def reset_cache() -> None:
    """Forget every state and plan (tests)."""
    with _lock:
        _states.clear()
        _plans.clear()


async def _build(
    meta: repo.CaseMeta, vectors: np.ndarray | dict[str, tuple[int, bytes]], dim: int
) -> CaseBankState:
    state = _state_for(meta)
    if state is None:
        base = _latest_state(meta.db)
        state = await asyncio.to_thread(build_state, meta, vectors, dim, base)
        _remember(_states, state.key, state, STATE_CACHE_SIZE)
    return state


async def _full_state(conn: asyncpg.Connection, days: int, dim: int) -> tuple[CaseBankState, int]:
    """One statement, as before the state existed: every case's figures and vector (and the
    cutoff), then a vectorised build that keeps the pairs of unchanged vectors."""
    meta, vectors = await repo.fetch_case_bank(conn, days, dim)
    return await _build(meta, vectors, dim), meta.cutoff_us


async def _refresh_state(
    conn: asyncpg.Connection, meta: repo.CaseMeta, days: int, dim: int
) -> CaseBankState | None:
    """The state of `meta` (the data this transaction sees), derived from the latest one: the
    vectors of the new or changed cases only. Without a state yet, or when most cases changed
    (a restore, a bulk update): one full read. None when, under READ COMMITTED, a case changed
    between two statements (the caller plans the old way)."""
    base = _latest_state(meta.db)
    if base is None:
        return (await _full_state(conn, days, dim))[0]
    need = _changed_positions(meta, base)
    if need.size > INCREMENTAL_MAX_SHARE * len(meta.case_ids):
        return (await _full_state(conn, days, dim))[0]
    wanted = [meta.case_ids[k] for k in need.tolist()]
    vectors = await repo.fetch_case_vectors(conn, wanted) if wanted else {}
    xmins = np.asarray(meta.xmins, dtype=np.int64)[need].tolist()
    for case_id, x in zip(wanted, xmins, strict=True):
        got = vectors.get(case_id)
        if got is None or got[0] != x:
            return None
    return await _build(meta, vectors, dim)


def _refresh_lock() -> asyncio.Lock:
    loop = asyncio.get_running_loop()
    with _lock:
        lock = _refresh_locks.get(loop)
        if lock is None:
            for old in [lp for lp in _refresh_locks if lp.is_closed()]:
                del _refresh_locks[old]
            lock = _refresh_locks[loop] = asyncio.Lock()
        return lock


async def _plan(
    state: CaseBankState, request: ConsolidationRequest, cutoff_us: int
) -> ConsolidationPlan:
    stale = state.stale_count(cutoff_us)
    key = (state.key, request.threshold, request.similarity_threshold, stale)
    with _lock:
        plan = _plans.get(key)
    if plan is None:
        plan = await asyncio.to_thread(plan_from_state, state, request, stale)
        _remember(_plans, key, plan, PLAN_CACHE_SIZE)
    return plan


async def _plan_dry_run(
    conn: asyncpg.Connection, request: ConsolidationRequest, dim: int
) -> ConsolidationPlan:
    """The plan for the data `conn`'s transaction sees, from the in-process state: one
    statement (every case's figures and xmin, no vectors) when nothing changed, plus the
    changed vectors when a few cases did. Writes nothing."""
    days = min(request.inactive_days, MAX_INACTIVE_DAYS)
    meta = await repo.fetch_case_meta(conn, days)
    state = _state_for(meta)
    if state is None:
        async with _refresh_lock():  # one refresh at a time; the others then find it kept
            state = _state_for(meta) or await _refresh_state(conn, meta, days, dim)
        if state is None:
            return await _load_and_plan(conn, request, dim)
    return await _plan(state, request, meta.cutoff_us)


async def _plan_run(
    conn: asyncpg.Connection, request: ConsolidationRequest, dim: int
) -> ConsolidationPlan:
    """A run's plan, under its lock: one full read (one statement, so exact in any isolation;
    a run always follows writes, at least its predecessor's, so reading the figures first to
    compare would mostly be one statement more), the state built from it keeping unchanged
    vectors' pairs (or the kept state itself when every row version is the same)."""
    days = min(request.inactive_days, MAX_INACTIVE_DAYS)
    state, cutoff = await _full_state(conn, days, dim)
    return await _plan(state, request, cutoff)


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
    updates, so that an archived keeper keeps its merged figures). Three statements in all."""
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
                plan = await _plan_dry_run(conn, request, dim)
        else:
            async with conn.transaction():
                if not await repo.try_consolidation_lock(conn):
                    raise ConsolidationBusy()
                plan = await _plan_run(conn, request, dim)
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
