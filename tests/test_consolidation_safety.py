"""Consolidation safety (API-CONTRACT.md): dry-run writes nothing, runs conserve cases, runs are
serialised (409) and atomic. Each test gets its own database copied from the seeded template."""

from __future__ import annotations

import asyncio
import concurrent.futures
import time

import asyncpg
import httpx
import pytest

from tests.conftest import KEYS, run

pytestmark = pytest.mark.integration

TABLES = ("case_bank", "case_bank_archive")


async def checksums(dsn: str) -> dict[str, tuple[int, str]]:
    """Row count and md5 of every row, in a stable order, for each consolidation table."""
    conn = await asyncpg.connect(dsn)
    try:
        out = {}
        for table in TABLES:
            row = await conn.fetchrow(
                "SELECT count(*) AS n,"
                " md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h"
                f" FROM {table} t"
            )
            out[table] = (row["n"], row["h"])
        return out
    finally:
        await conn.close()


async def counts(dsn: str) -> tuple[int, int]:
    conn = await asyncpg.connect(dsn)
    try:
        live = await conn.fetchval("SELECT count(*) FROM case_bank")
        archived = await conn.fetchval("SELECT count(*) FROM case_bank_archive")
        return live, archived
    finally:
        await conn.close()


def post(api, path: str, body: dict | None = None) -> httpx.Response:
    with httpx.Client(base_url=api.base_url, timeout=120) as c:
        return c.post(path, json=body, headers={"X-API-Key": KEYS["other"]})


def test_dry_run_changes_no_row(fresh_api):
    before = run(checksums(fresh_api.dsn))
    for path, body in (("/consolidation/dry-run", None), ("/consolidation/run", {"dry_run": True})):
        r = post(fresh_api, path, body)
        assert r.status_code == 200, r.text
        assert r.json()["dry_run"] is True
        assert r.json()["removed_cases"] + r.json()["merged_cases"] + r.json()["archived_cases"] > 0
    assert run(checksums(fresh_api.dsn)) == before


def test_run_conserves_live_plus_archived(fresh_api):
    live0, archived0 = run(counts(fresh_api.dsn))
    plan = post(fresh_api, "/consolidation/dry-run").json()
    r = post(fresh_api, "/consolidation/run")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["dry_run"] is False
    moved = body["removed_cases"] + body["merged_cases"] + body["archived_cases"]
    assert moved > 0
    # the dry-run predicted exactly what the run did
    assert {k: plan[k] for k in ("removed_cases", "merged_cases", "archived_cases")} == {
        k: body[k] for k in ("removed_cases", "merged_cases", "archived_cases")
    }
    live1, archived1 = run(counts(fresh_api.dsn))
    assert live1 + archived1 == live0 + archived0
    assert live1 == live0 - moved
    # a second run finds nothing more to do with the same thresholds
    again = post(fresh_api, "/consolidation/run").json()
    assert again["removed_cases"] == again["merged_cases"] == again["archived_cases"] == 0


async def _wait_for_lock_wait(dsn: str, timeout: float = 30.0) -> None:
    """Until some backend waits for a lock on case_bank (the first run is blocked mid-run)."""
    conn = await asyncpg.connect(dsn)
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            waiting = await conn.fetchval(
                "SELECT count(*) FROM pg_locks"
                " WHERE NOT granted AND relation = 'case_bank'::regclass"
            )
            if waiting:
                return
            await asyncio.sleep(0.05)
        raise AssertionError("the first run never reached its writes")
    finally:
        await conn.close()


def test_concurrent_runs_one_wins_one_409(fresh_api):
    live0, archived0 = run(counts(fresh_api.dsn))

    async def scenario():
        # Hold a SHARE lock so that run 1 blocks at its first write, inside its transaction,
        # while it holds the advisory lock: run 2 then arrives during run 1, deterministically.
        blocker = await asyncpg.connect(fresh_api.dsn)
        tx = blocker.transaction()
        await tx.start()
        await blocker.execute("LOCK TABLE case_bank IN SHARE MODE")
        loop = asyncio.get_running_loop()
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            first = loop.run_in_executor(pool, post, fresh_api, "/consolidation/run")
            await _wait_for_lock_wait(fresh_api.dsn)
            second = await loop.run_in_executor(pool, post, fresh_api, "/consolidation/run")
            await tx.rollback()
            await blocker.close()
            return await first, second

    first, second = run(scenario())
    assert first.status_code == 200, first.text
    assert second.status_code == 409, second.text
    assert second.json()["status"] == 409
    live1, archived1 = run(counts(fresh_api.dsn))
    assert live1 + archived1 == live0 + archived0
    assert live1 < live0


async def _install_failing_trigger(dsn: str) -> None:
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute(
            """
            CREATE FUNCTION fail_on_inactive() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.archived_reason = 'inactive' THEN
                    RAISE EXCEPTION 'forced failure in the middle of consolidation';
                END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER fail_on_inactive BEFORE INSERT ON case_bank_archive
                FOR EACH ROW EXECUTE FUNCTION fail_on_inactive();
            """
        )
    finally:
        await conn.close()


def test_run_failing_halfway_changes_nothing(fresh_api):
    # Steps 1 (low performers) and 2 (duplicates) write before step 3 (inactive) fails.
    plan = post(fresh_api, "/consolidation/dry-run").json()
    assert plan["removed_cases"] > 0 and plan["archived_cases"] > 0
    run(_install_failing_trigger(fresh_api.dsn))
    before = run(checksums(fresh_api.dsn))
    r = post(fresh_api, "/consolidation/run")
    assert r.status_code == 500, r.text
    assert "forced failure" not in r.text and "Traceback" not in r.text
    assert run(checksums(fresh_api.dsn)) == before
    # and the lock was released: the next dry-run is served
    assert post(fresh_api, "/consolidation/dry-run").status_code == 200
