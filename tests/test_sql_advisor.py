"""The index advisor on a table and workload it has never seen (created here, on a real
embedded PostgreSQL): a selective predicate gets its index, a non-selective one gets none."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import asyncpg
import pytest

from perf.progress import Progress
from perf.sql.advisor import AdvisorSettings, WorkloadQuery, advise
from perf.sql.pgss import ensure_extensions
from perf.stack import EmbeddedCluster

TABLE = """
CREATE TABLE shipment (
    shipment_id BIGINT PRIMARY KEY,
    tracking_code TEXT NOT NULL,
    express BOOLEAN NOT NULL,
    weight_g INT NOT NULL,
    note TEXT NOT NULL
);
INSERT INTO shipment
SELECT i, 'TRK-' || (i % 20000), i % 2 = 0, (i * 37) % 5000, repeat('x', 60)
FROM generate_series(1, 40000) AS i;
"""


@pytest.fixture(scope="module")
def cluster_dsn(tmp_path_factory) -> Iterator[str]:
    cluster = EmbeddedCluster(tmp_path_factory.mktemp("sqlcache"), Progress(quiet=True))
    try:
        server = cluster.start()
        yield server.admin_dsn
    finally:
        cluster.close()


async def _advise(dsn: str, sql: str, params: tuple) -> tuple[list, list]:
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute("DROP TABLE IF EXISTS shipment")
        await conn.execute(TABLE)
        await conn.execute("VACUUM ANALYZE shipment")
        await ensure_extensions(conn)
        rejected: list[dict] = []
        recs = await advise(conn, [WorkloadQuery("q", sql, params)], AdvisorSettings(), rejected)
        return recs, rejected
    finally:
        await conn.close()


def test_selective_predicate_gets_its_index(cluster_dsn):
    recs, _ = asyncio.run(
        _advise(cluster_dsn, "SELECT * FROM shipment WHERE tracking_code = $1", ("TRK-4242",))
    )
    assert len(recs) == 1
    rec = recs[0].as_dict()
    assert rec["table"] == "shipment" and rec["columns"] == ["tracking_code"]
    assert rec["create_index"] == (
        "CREATE INDEX idx_shipment_tracking_code ON shipment (tracking_code);"
    )
    ev = rec["evidence"][0]
    assert "Seq Scan on shipment" in ev["finding"]
    assert (
        ev["plan_before"] == ["Seq Scan on shipment"] or "Seq Scan on shipment" in ev["plan_before"]
    )
    assert ev["cost_after"] < ev["cost_before"] / 2
    assert any("tracking_code" in n for n in ev["plan_after"])


def test_non_selective_predicate_gets_none(cluster_dsn):
    recs, rejected = asyncio.run(
        _advise(cluster_dsn, "SELECT * FROM shipment WHERE express = $1", (True,))
    )
    assert recs == []
    assert rejected == []  # not even a candidate: half the table matches


def test_external_server_without_preload_says_how_to_fix(tmp_path, monkeypatch, capsys):
    """A server started without shared_preload_libraries (as a plain service container is):
    `perfci sql --dsn` ends with exit 3 and the fix, not an obscure error."""
    from perf import stack as stack_module
    from perf.cli import main

    settings = dict(stack_module.BENCHMARK_SETTINGS)
    settings.pop("shared_preload_libraries")
    settings.pop("pg_stat_statements.track")
    settings.pop("pg_stat_statements.max")
    monkeypatch.setattr(stack_module, "BENCHMARK_SETTINGS", settings)
    cluster = EmbeddedCluster(tmp_path / "cache", Progress(quiet=True))
    try:
        dsn = cluster.start().admin_dsn
        monkeypatch.setenv("PERFCI_CACHE_DIR", str(tmp_path / "cache"))
        code = main(
            [
                "-q",
                "sql",
                "--catalog",
                "--profile",
                "small",
                "--dsn",
                dsn,
                "--out",
                str(tmp_path / "run"),
            ]
        )
    finally:
        cluster.close()
    err = capsys.readouterr().err
    assert code == 3
    assert "shared_preload_libraries=pg_stat_statements" in err and "Traceback" not in err
