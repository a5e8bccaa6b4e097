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
