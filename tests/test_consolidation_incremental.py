"""Consolidation's in-process case state (engines/consolidation.py, CaseBankState) gives exactly
the plans of the full load and full scan (`plan_consolidation`), after random inserts, vector
and figure updates and removals: in memory against the reference, and through PostgreSQL (changes
found from the rows' xmin, the delta read, dry-run and run)."""

from __future__ import annotations

import random

import asyncpg
import numpy as np
import pytest

from dtrag.db import repo
from dtrag.engines import consolidation as cons
from dtrag.schemas import ConsolidationRequest
from tests.conftest import run

DIM = 384


def original_duplicate_pairs(vectors, threshold, block=1024, max_pairs=200_000):
    """duplicate_pairs as it was before the incremental state (commit 7c4dcce), verbatim apart
    from names: the new one must give the same pairs and float32 similarities."""
    n = vectors.shape[0]
    empty = (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32))
    if n < 2:
        return empty
    mat = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(mat, axis=1, keepdims=True)
    norms[norms == 0.0] = 1.0
    mat = mat / norms
    fi, fj, fs = [], [], []
    kept = 0
    for r0 in range(0, n, block):
        rows = mat[r0 : r0 + block]
        for c0 in range(r0, n, block):
            sims = rows @ mat[c0 : c0 + block].T
            flat = np.flatnonzero(sims > threshold)
            if c0 == r0:
                bi, bj = np.divmod(flat, sims.shape[1])
                flat = flat[bi < bj]
            if flat.size == 0:
                continue
            values = sims.ravel()[flat]
            if flat.size > max_pairs:
                top = np.argpartition(-values, max_pairs - 1)[:max_pairs]
                flat, values = flat[top], values[top]
            bi, bj = np.divmod(flat, sims.shape[1])
            fi.append(bi + r0)
            fj.append(bj + c0)
            fs.append(np.minimum(values, np.float32(1.0)))
            kept += flat.size
            if kept > 2 * max_pairs:
                fi, fj, fs = cons._keep_best(fi, fj, fs, max_pairs)
                kept = fi[0].size
    if not fi:
        return empty
    (i,), (j,), (s,) = cons._keep_best(fi, fj, fs, max_pairs)
    order = np.lexsort((j, i, -s))
    return i[order], j[order], s[order]


# --- in memory --------------------------------------------------------------------------------


class Bank:
    """A simulated case bank: rows with an xmin that changes whenever the row does."""

    def __init__(self, rng: random.Random, n: int) -> None:
        self.rng = rng
        self.np = np.random.default_rng(rng.randrange(2**32))
        self.xid = 1000
        self.rows: dict[str, dict] = {}
        self.centres = self.np.standard_normal((max(n // 8, 4), DIM)).astype(np.float32)
        for _ in range(n):
            self.insert()

    def vector(self) -> np.ndarray:
        """Mostly near a shared centre, at varied distances: many similarities just around the
        thresholds, some pairs far above them, some zero vectors."""
        if self.rng.random() < 0.01:
            return np.zeros(DIM, np.float32)
        centre = self.centres[self.rng.randrange(len(self.centres))]
        noise = self.rng.choice([0.05, 0.15, 0.25, 0.35, 0.5, 3.0])
        return (centre + noise * self.np.standard_normal(DIM)).astype(np.float32)

    def figures(self) -> dict:
        return {
            "usage": self.rng.choice([0, 5, 11, 50, 99, 100, 400]),
            "rate": float(np.float32(self.rng.uniform(0, 100))),
            "last_used": self.rng.choice([repo.NEVER_STALE_US, self.rng.randrange(0, 10**6)]),
        }

    def _next_xid(self) -> int:
        self.xid += 1
        return self.xid

    def insert(self) -> None:
        case_id = f"case-{self.rng.randrange(10**9):09d}"
        self.rows[case_id] = {"x": self._next_xid(), "v": self.vector(), **self.figures()}

    def mutate(self, inserts: int, re_vectors: int, re_figures: int, removals: int) -> None:
        ids = list(self.rows)
        for case_id in self.rng.sample(ids, min(re_vectors, len(ids))):
            self.rows[case_id].update(x=self._next_xid(), v=self.vector())
        for case_id in self.rng.sample(ids, min(re_figures, len(ids))):
            self.rows[case_id].update(x=self._next_xid(), **self.figures())
        for case_id in self.rng.sample(ids, min(removals, len(ids))):
            del self.rows[case_id]
        for _ in range(inserts):
            self.insert()

    def restore(self) -> None:
        """Every row rewritten as it was (perfci's TRUNCATE + INSERT): new xmins, same data."""
        for row in self.rows.values():
            row["x"] = self._next_xid()

    def meta(self) -> repo.CaseMeta:
        ids = sorted(self.rows)  # the database's ORDER BY case_id (C collation)
        return repo.CaseMeta(
            db=1,
            case_ids=ids,
            xmins=[self.rows[c]["x"] for c in ids],
            usage_counts=[self.rows[c]["usage"] for c in ids],
            success_rates=[self.rows[c]["rate"] for c in ids],
            last_used_us=[self.rows[c]["last_used"] for c in ids],
            cutoff_us=0,
        )

    def reference(self, request: ConsolidationRequest, cutoff: int) -> cons.ConsolidationPlan:
        """The full load and full scan, as before the state existed."""
        ids = sorted(self.rows)
        cases = [
            repo.ConsolidationCaseRow(
                c,
                self.rows[c]["usage"],
                self.rows[c]["rate"],
                self.rows[c]["last_used"] < cutoff,
            )
            for c in ids
        ]
        vectors = np.stack([self.rows[c]["v"] for c in ids]) if ids else np.zeros((0, DIM))
        return cons.plan_consolidation(cases, vectors.astype(np.float32), request)


def state_for(
    bank: Bank, base: cons.CaseBankState | None, full: bool = False
) -> cons.CaseBankState:
    meta = bank.meta()
    if full:  # one read of every vector (a run, or most cases changed)
        ids = meta.case_ids
        raw = np.stack([bank.rows[c]["v"] for c in ids]) if ids else np.zeros((0, DIM))
        return cons.build_state(meta, raw.astype(np.float32), DIM, base)
    wanted = cons.cases_to_fetch(meta, base)
    fetch = meta.case_ids if wanted is None else wanted
    vectors = {c: (bank.rows[c]["x"], bank.rows[c]["v"].tobytes()) for c in fetch}
    return cons.build_state(meta, vectors, DIM, base)


def assert_same_plan(a: cons.ConsolidationPlan, b: cons.ConsolidationPlan) -> None:
    assert a.removed == b.removed
    assert [(m.keeper, m.removed, m.similarity) for m in a.merged] == [
        (m.keeper, m.removed, m.similarity) for m in b.merged
    ]
    assert a.archived == b.archived
    assert a.keeper_updates == b.keeper_updates


REQUESTS = [
    ConsolidationRequest(),
    ConsolidationRequest(threshold=60, similarity_threshold=0.9, inactive_days=30),
    ConsolidationRequest(threshold=10, similarity_threshold=0.8),
]


@pytest.mark.parametrize("seed", range(6))
def test_incremental_state_plans_exactly_like_the_full_scan(seed, monkeypatch):
    cons.reset_cache()
    rng = random.Random(seed)
    # sizes across the 1,024-row blocks, 1,025 among them (a last block one vector wide)
    n = [300, 1025, 1100, 2049, 700, 1500][seed]
    bank = Bank(rng, n)
    if seed == 5:  # a cap the lowest threshold exceeds: the fallback full scan is used
        monkeypatch.setattr(cons, "MAX_DUPLICATE_PAIRS", 2_000)
    state = None
    for round_ in range(8):
        if round_:
            kind = rng.choice(["small", "small", "figures", "removals", "large", "none", "restore"])
            sizes = {
                "small": (rng.randrange(0, 4), rng.randrange(0, 4), rng.randrange(0, 6), 1),
                "figures": (0, 0, rng.randrange(1, 120), 0),
                "removals": (0, 0, 0, rng.randrange(1, 80)),
                "large": (rng.randrange(50, 200), rng.randrange(100, 400), 30, 30),
                "none": (0, 0, 0, 0),
                "restore": (0, 0, 0, 0),
            }[kind]
            bank.mutate(*sizes)
            if kind == "restore":
                bank.restore()
        if state is not None:  # a state describes the data exactly when no row changed
            assert state.describes(bank.meta()) == (kind == "none")
        state = state_for(bank, state, full=round_ % 3 == 2)
        for request in REQUESTS:
            cutoff = rng.randrange(-1, 10**6 + 2)
            got = cons.plan_from_state(state, request, state.stale_count(cutoff))
            assert_same_plan(got, bank.reference(request, cutoff))
        # the carried tables are the full scan's, bit for bit
        for threshold, table in list(state.pairs.items()):
            full = cons._pairs_by_full_scan(state.raw, threshold)
            if table is None or full is None:
                assert table is full is None
                continue
            for a, b in ((table.i, full.i), (table.j, full.j), (table.s, full.s)):
                assert np.array_equal(a, b)
    assert any(len(p.merged) for p in [bank.reference(REQUESTS[0], 0)]) or n < 500


@pytest.mark.parametrize("n", [2, 3, 1023, 1024, 1025, 2048, 2050])
def test_full_scan_agrees_with_the_original_up_to_float32_rounding(n):
    """The scan's similarities are now computed per pair (pair_similarity), no longer taken
    from the float32 matrix product whose rounding depends on the product's shape: same pairs,
    similarities within 1e-6, except pairs that close to the threshold."""
    bank = Bank(random.Random(n), n)
    vectors = np.stack([r["v"] for r in bank.rows.values()])
    for threshold in (0.5, 0.95):
        i, j, s = cons.duplicate_pairs(vectors, threshold)
        new = dict(zip(zip(i.tolist(), j.tolist(), strict=True), s.tolist(), strict=True))
        i, j, s = original_duplicate_pairs(vectors, threshold)
        old = dict(zip(zip(i.tolist(), j.tolist(), strict=True), s.tolist(), strict=True))
        for pair in new.keys() | old.keys():
            if pair in new and pair in old:
                assert abs(new[pair] - old[pair]) <= 1e-6
            else:
                assert abs(new.get(pair, old.get(pair)) - threshold) <= 1e-6
        assert len(new) > 0 or n < 10


def test_blocks_are_never_one_vector_wide():
    assert cons.blocks(1025, 1024) == [(0, 1025)]
    assert cons.blocks(2049, 1024) == [(0, 1024), (1024, 2049)]
    assert cons.blocks(1026, 1024) == [(0, 1024), (1024, 1026)]
    assert cons.blocks(1, 1024) == [(0, 1)]


# --- through PostgreSQL -----------------------------------------------------------------------

pg = pytest.mark.integration


async def _random_changes(conn: asyncpg.Connection, rng: random.Random, step: int) -> None:
    ids = [r[0] for r in await conn.fetch("SELECT case_id FROM case_bank ORDER BY case_id")]
    kind = rng.choice(["insert", "vector", "figures", "archive", "delete", "status", "none"])
    pick = rng.sample(ids, min(rng.randrange(1, 6), len(ids)))
    if kind == "insert":  # near-duplicates of existing cases, and a fresh one
        for k, src in enumerate(pick):
            noise = np.random.default_rng(step * 10 + k).standard_normal(DIM).astype(np.float32)
            await conn.execute(
                """INSERT INTO case_bank (case_id, query, query_vector, usage_count,
                                          success_rate, last_used_at)
                   SELECT $1, query || ' again', $2, usage_count + 1, success_rate,
                          last_used_at
                   FROM case_bank WHERE case_id = $3""",
                f"zz-new-{step}-{k}",
                (
                    np.frombuffer(
                        await conn.fetchval(
                            "SELECT query_vector FROM case_bank WHERE case_id = $1", src
                        ),
                        "<f4",
                    )
                    + np.float32(rng.choice([0.001, 0.01, 0.05])) * noise
                )
                .astype("<f4")
                .tobytes(),
                src,
            )
    elif kind == "vector":
        await conn.execute(
            """UPDATE case_bank c SET query_vector = o.query_vector
               FROM case_bank o WHERE c.case_id = $1 AND o.case_id = $2""",
            pick[0],
            pick[-1],
        )
    elif kind == "figures":  # without updated_at: the xmin changes anyway
        await conn.execute(
            """UPDATE case_bank SET success_rate = (random() * 100)::real,
                   usage_count = (random() * 200)::int,
                   last_used_at = now() - make_interval(days => (random() * 200)::int)
               WHERE case_id = ANY($1::text[])""",
            pick,
        )
    elif kind == "archive":
        await repo.archive_cases(conn, pick, ["inactive"] * len(pick))
    elif kind == "delete":
        await conn.execute("DELETE FROM case_bank WHERE case_id = $1", pick[0])
    elif kind == "status":
        await conn.execute("UPDATE case_bank SET status = 'paused' WHERE case_id = $1", pick[0])


async def _old_plan(conn: asyncpg.Connection, request: ConsolidationRequest):
    async with conn.transaction(isolation="repeatable_read", readonly=True):
        return await cons._load_and_plan(conn, request, DIM)


async def _equality_scenario(dsn: str) -> int:
    cons.reset_cache()
    api = await asyncpg.connect(dsn)  # the API process's connection
    other = await asyncpg.connect(dsn)  # another process writing
    rng = random.Random(7)
    planned = 0
    try:
        for step in range(25):
            await _random_changes(other, rng, step)
            for request in (ConsolidationRequest(), REQUESTS[1]):
                dry = request.model_copy(update={"dry_run": True})
                got = await cons.consolidate(api, dry, DIM)
                want = cons.to_response(await _old_plan(other, request), True)
                assert got.model_dump(exclude={"timestamp"}) == want.model_dump(
                    exclude={"timestamp"}
                )
                planned += got.removed_cases + got.merged_cases + got.archived_cases
            if step % 8 == 7:  # a real run, planned from the state, applied, then changes on
                want = cons.to_response(await _old_plan(other, ConsolidationRequest()), False)
                got = await cons.consolidate(api, ConsolidationRequest(), DIM)
                assert got.model_dump(exclude={"timestamp"}) == want.model_dump(
                    exclude={"timestamp"}
                )
    finally:
        await api.close()
        await other.close()
    return planned


@pg
def test_state_through_postgres_matches_the_full_load(fresh_dsn):
    assert run(_equality_scenario(fresh_dsn)) > 0


async def _snapshots(dsn: str) -> list[dict[str, int]]:
    """The dry run's read (case_id -> xmin) after each kind of write, by plain SQL."""
    conn = await asyncpg.connect(dsn)
    try:
        seen: list[dict[str, int]] = []

        async def read() -> None:
            meta = await repo.fetch_case_meta(conn, 90)
            seen.append(dict(zip(meta.case_ids, np.asarray(meta.xmins).tolist(), strict=True)))

        await read()
        first, second = await conn.fetch(
            "SELECT case_id FROM case_bank WHERE status = 'active' ORDER BY case_id LIMIT 2"
        )
        # the same values written again: a new row version all the same
        await conn.execute(
            "UPDATE case_bank SET usage_count = usage_count WHERE case_id = $1", first[0]
        )
        await read()
        async with conn.transaction():
            await conn.execute("DELETE FROM case_bank WHERE case_id = $1", first[0])
            await read()  # its own write, in its own snapshot
        await read()
        await conn.execute("SELECT * FROM case_bank FOR UPDATE")  # locks, reads: no new version
        await read()
        await conn.execute("CREATE TEMP TABLE keep AS TABLE case_bank")
        await conn.execute("TRUNCATE case_bank")
        await read()
        await conn.execute("INSERT INTO case_bank TABLE keep")  # a restore: every row rewritten
        await read()
        await conn.execute(
            "UPDATE case_bank SET query_vector = query_vector WHERE case_id = $1", second[0]
        )
        await read()
        return seen
    finally:
        await conn.close()


@pg
def test_every_kind_of_write_moves_the_xmin_the_dry_run_reads(fresh_dsn):
    v0, same, deleted, committed, locked, truncated, restored, vector = run(_snapshots(fresh_dsn))
    first, second = sorted(v0)[:2]
    assert same.keys() == v0.keys() and same[first] != v0[first]
    assert {k: x for k, x in same.items() if k != first} == {
        k: x for k, x in v0.items() if k != first
    }
    assert deleted == committed == locked and first not in deleted
    assert truncated == {}
    assert restored.keys() == committed.keys()
    assert all(restored[k] != committed[k] for k in restored)
    assert vector[second] != restored[second]
    assert {k: x for k, x in vector.items() if k != second} == {
        k: x for k, x in restored.items() if k != second
    }


async def _writer_statements(dsn: str) -> int:
    """User triggers on case_bank: none, so its writers (reflection batch, runs, plain SQL) run
    no statement and lock no row beyond their own for consolidation's sake."""
    conn = await asyncpg.connect(dsn)
    try:
        return await conn.fetchval(
            """SELECT count(*) FROM pg_trigger
               WHERE tgrelid = 'case_bank'::regclass AND NOT tgisinternal"""
        )
    finally:
        await conn.close()


@pg
def test_writers_of_case_bank_pay_nothing(fresh_dsn):
    assert run(_writer_statements(fresh_dsn)) == 0


def test_a_restore_keeps_the_pairs_without_a_scan(monkeypatch):
    """Every row rewritten with the same data (new xmins), read in full: the state shares the
    previous matrices and carries its pair tables; no full scan runs."""
    cons.reset_cache()
    bank = Bank(random.Random(11), 1200)
    first = state_for(bank, None, full=True)
    want = cons.plan_from_state(first, REQUESTS[0], first.stale_count(0))
    bank.restore()

    def no_scan(*args, **kwargs):
        raise AssertionError("full scan")

    monkeypatch.setattr(cons, "_pairs_by_full_scan", no_scan)
    assert not first.describes(bank.meta())  # every xmin moved
    second = state_for(bank, first, full=True)
    assert second.raw is first.raw and second.unit is first.unit
    assert_same_plan(cons.plan_from_state(second, REQUESTS[0], second.stale_count(0)), want)
    assert_same_plan(want, bank.reference(REQUESTS[0], 0))
