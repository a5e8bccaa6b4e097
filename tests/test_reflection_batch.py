"""The set-based reflection batch gives what the one-case-at-a-time analysis gives, per case,
and stores every success rate (real PostgreSQL, small profile)."""

from __future__ import annotations

import asyncio

import asyncpg
import pytest

from dtrag.engines import reflection

pytestmark = pytest.mark.integration


async def _check(dsn: str) -> None:
    pool = await asyncpg.create_pool(dsn, min_size=1, max_size=2)
    try:
        async with pool.acquire() as conn:
            await conn.execute("UPDATE case_bank SET success_rate = -1")
        batch = await reflection.analyze_batch(pool, 10)
        assert batch.analyzed_cases > 10
        rates = {}
        async with pool.acquire() as conn:
            ids = [
                r["case_id"]
                for r in await conn.fetch(
                    """SELECT c.case_id FROM case_bank c
                       WHERE c.status = 'active' AND (SELECT count(*) FROM execution_log l
                                                      WHERE l.case_id = c.case_id) >= 10"""
                )
            ]
            for r in await conn.fetch("SELECT case_id, success_rate FROM case_bank"):
                rates[r["case_id"]] = r["success_rate"]
        assert batch.analyzed_cases == len(ids)
        low = {s.case_id: s for s in batch.suggestions}
        for case_id in ids:
            one = await reflection.analyze_case(pool, case_id, reflection.BATCH_LOG_LIMIT)
            assert rates[case_id] == pytest.approx(one.success_rate, abs=0.01), case_id
            if one.success_rate < reflection.LOW_PERFORMANCE_RATE:
                got = low[case_id].performance
                assert got.model_dump(exclude={"timestamp"}) == one.model_dump(
                    exclude={"timestamp"}
                )
                assert low[case_id].suggestions == reflection.suggest(one)
            else:
                assert case_id not in low
        assert batch.low_performance_cases == len(low)
        untouched = [k for k, v in rates.items() if v == -1 and k in ids]
        assert not untouched
    finally:
        await pool.close()


def test_batch_matches_per_case_analysis(fresh_dsn):
    asyncio.run(_check(fresh_dsn))


def test_summary_from_groups_equals_summary_from_logs():
    """The batch's PostgreSQL-side counts give what the per-log summary gives (fixed logs)."""
    import random
    from collections import Counter
    from datetime import UTC, datetime

    from dtrag.db import repo

    rng = random.Random(7)
    now = datetime(2026, 1, 1, tzinfo=UTC)
    for n in (0, 1, 3, 100, 257):
        logs = [
            repo.LogRow(
                success=(ok := rng.random() < 0.6),
                error_type=None if ok else rng.choice([None, "Timeout", "KeyError", "Zeta"]),
                execution_time_ms=rng.randrange(0, 9000),
            )
            for _ in range(n)
        ]
        counts = Counter((log.success, log.error_type) for log in logs)
        groups = [
            repo.LogGroup(
                s,
                e,
                c,
                sum(x.execution_time_ms for x in logs if (x.success, x.error_type) == (s, e)),
            )
            for (s, e), c in counts.items()
        ]
        rng.shuffle(groups)
        assert reflection.summarize_groups("c", groups, now) == reflection.summarize_logs(
            "c", logs, now
        )
