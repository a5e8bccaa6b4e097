"""`perfci sql`: the catalog, the advisor and the before/after on the stack's database; writes
plans beside run.json and the results into its `stages["sql"]`."""

from __future__ import annotations

import asyncio
import secrets
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import asyncpg

from perf.errors import EnvironmentFailure
from perf.progress import Progress
from perf.results import Run, Verdict, merge_into
from perf.sql.advisor import AdvisorSettings, WorkloadQuery, advise
from perf.sql.beforeafter import compare_databases, find_migration
from perf.sql.catalog import SLOW_MS, load_catalog, run_catalog
from perf.sql.pgss import StatementCollector, ensure_extensions
from perf.stack import DataSpec, Stack, _create_from_template, _drop_database


@dataclass
class SqlSettings:
    catalog: bool = True
    advise: bool = True
    before_after: str | None = None
    repeats: int = 20
    only: list[str] | None = None
    profile: str = "default"
    seed: int = 42
    top: int = 10
    endpoints: bool = False
    transactions: bool = False
    smoke_calls: int = 3
    endpoint_calls: int = 3
    transaction_runs: int = 3
    config: Path | None = None
    ba_endpoint_calls: int = 10  # per arm and endpoint in --before-after; 0: none
    config_loaded: object | None = None  # the perfci.toml Config, loaded by run_sql
    advisor: AdvisorSettings = field(default_factory=AdvisorSettings)


def _connect_error(exc: Exception) -> EnvironmentFailure:
    return EnvironmentFailure(f"cannot reach the run database: {exc}")


async def _catalog_and_advice(dsn: str, settings: SqlSettings, out: Path, progress: Progress):
    conn = await asyncpg.connect(dsn)
    try:
        ext = await ensure_extensions(conn)
        for note in ext.notes:
            progress.line(note)
        await conn.execute("VACUUM ANALYZE")
        queries = load_catalog(only=settings.only)
        stage: dict = {"extensions": ext.as_dict(), "statements": []}
        if settings.catalog:
            collector = StatementCollector(conn, settings.top)
            await collector.start()

            def done(t) -> None:
                progress.line(f"  {t.name}: P50 {t.p50_ms:.2f} ms, P95 {t.p95_ms:.2f} ms")

            timings = await run_catalog(conn, queries, settings.repeats, out / "plans", done)
            stage["catalog"] = [t.as_dict() for t in timings]
            stage["statements"].append((await collector.finish("catalog")).as_dict())
        if settings.advise:
            workload = [WorkloadQuery(q.name, q.sql, tuple(await q.bind(conn))) for q in queries]
            rejected: list[dict] = []
            recs = await advise(conn, workload, settings.advisor, rejected)
            stage["advisor"] = asdict(settings.advisor)
            stage["recommendations"] = [r.as_dict() for r in recs]
            stage["rejected"] = rejected
            (out / "recommendations.sql").write_text(
                "".join(
                    f"-- {r['reason']}; estimated gain {r['estimated_gain']:.0%} "
                    f"({r['what_if']}); helps {', '.join(e['query'] for e in r['evidence'])}\n"
                    f"{r['create_index']}\n"
                    for r in stage["recommendations"]
                )
                or "-- no recommendation\n"
            )
        return stage
    finally:
        await conn.close()


async def _before_after(stack: Stack, settings: SqlSettings, out: Path, progress: Progress):
    migration, _previous = find_migration(settings.before_after or "")
    server = stack.server
    assert server is not None and stack.info is not None
    after_db = f"{stack.info.database}_after_{secrets.token_hex(2)}"
    await _create_from_template(server, stack.info.template, after_db)
    try:
        before = await asyncpg.connect(stack.info.dsn)
        after = await asyncpg.connect(server.dsn_for(after_db))
        try:
            from dtrag.db.migrate import apply_migrations

            applied = await apply_migrations(after, migration.version)
            progress.line(f"after database {after_db}: applied {', '.join(applied)}")
            for conn in (before, after):
                await ensure_extensions(conn)
                await conn.execute("VACUUM ANALYZE")

            def done(c) -> None:
                progress.line(
                    f"  {c.name}: P95 {c.before.p95_ms:.2f} → {c.after.p95_ms:.2f} ms "
                    f"({c.scan_change()})"
                )

            changes = await compare_databases(
                before, after, load_catalog(only=settings.only), settings.repeats, out, done
            )
            endpoints = []
            if settings.config_loaded is not None and settings.ba_endpoint_calls:
                endpoints = await _endpoints_side_by_side(
                    stack, (before, after), after_db, settings, progress
                )
        finally:
            await before.close()
            await after.close()
    finally:
        await _drop_database(server, after_db)
    return {
        "migration": migration.name,
        "applied": applied,
        "template": stack.info.template,
        "queries": [c.as_dict() for c in changes],
        "endpoints": endpoints,
        "over_target_before": [c.name for c in changes if c.before.p95_ms >= SLOW_MS],
        "over_target_after": [c.name for c in changes if c.after.p95_ms >= SLOW_MS],
    }


async def _endpoints_side_by_side(stack: Stack, conns, after_db: str, settings, progress):
    """Both databases behind an API each; the non-mutating endpoints called alternately."""
    import httpx

    from perf.sql.workload import compare_endpoints, load_requests
    from perf.stack import ApiProcess, free_port

    config = settings.config_loaded
    assert stack.server is not None and stack.info is not None and stack.workdir is not None
    key = secrets.token_urlsafe(12)
    apis = [
        ApiProcess(
            dsn=dsn,
            port=free_port(),
            api_keys=[key],
            logfile=stack.workdir / f"api-{arm}.log",
            rate_limit=1_000_000_000,
        )
        for arm, dsn in (("before", stack.info.dsn), ("after", stack.server.dsn_for(after_db)))
    ]
    try:
        with progress.step("APIs on both databases"):
            for api in apis:
                api.start()
        req = await load_requests(conns[0], config)
        headers = {config.api_key_header: key}
        async with (
            httpx.AsyncClient(base_url=apis[0].base_url, headers=headers, timeout=300) as cb,
            httpx.AsyncClient(base_url=apis[1].base_url, headers=headers, timeout=300) as ca,
        ):
            with progress.step("endpoints side by side"):
                return await compare_endpoints(
                    (conns[0], cb), (conns[1], ca), req, settings.ba_endpoint_calls
                )
    finally:
        for api in apis:
            api.stop()


async def _service_workload(info, config, key: str, settings: SqlSettings, progress: Progress):
    import httpx

    from perf.sql.workload import load_requests, smoke_and_per_endpoint, transactions

    out: dict = {}
    conn = await asyncpg.connect(info.dsn)
    try:
        await ensure_extensions(conn)
        req = await load_requests(conn, config)
        headers = {config.api_key_header: key}
        async with httpx.AsyncClient(
            base_url=info.base_url, headers=headers, timeout=300
        ) as client:
            if settings.endpoints:
                with progress.step("smoke load and statements per endpoint"):
                    smoke, per_endpoint = await smoke_and_per_endpoint(
                        conn,
                        client,
                        req,
                        settings.smoke_calls,
                        settings.endpoint_calls,
                        settings.top,
                    )
                out["smoke"] = smoke
                out["endpoints"] = per_endpoint
            if settings.transactions:
                with progress.step("transactions of consolidation and reflection batch"):
                    out["transactions"] = await transactions(
                        conn, info.dsn, client, req, settings.transaction_runs
                    )
    finally:
        await conn.close()
    return out


def run_sql(settings: SqlSettings, out: Path, dsn: str | None, progress: Progress) -> Run:
    from perf.fingerprint import environment

    started = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    stage: dict = {"repeats": settings.repeats, "target_p95_ms": SLOW_MS}
    version = ""
    if settings.catalog or settings.advise:
        spec = DataSpec(profile=settings.profile, seed=settings.seed)
        with Stack(spec, dsn=dsn, progress=progress, start_api=False) as info:
            version = info.postgres_version
            stage["template"] = info.template
            with progress.section("catalog and index advice"):
                try:
                    stage.update(
                        asyncio.run(_catalog_and_advice(info.dsn, settings, out, progress))
                    )
                except OSError as exc:
                    raise _connect_error(exc) from exc
    if settings.endpoints or settings.transactions:
        from perf.config import load_config

        config = load_config(settings.config)
        key = secrets.token_urlsafe(12)
        spec = DataSpec(profile=settings.profile, seed=settings.seed)
        stack = Stack(spec, dsn=dsn, progress=progress, api_keys=[key], rate_limit=1_000_000_000)
        with stack as info, progress.section("statements under the service's requests"):
            version = info.postgres_version
            try:
                found = asyncio.run(_service_workload(info, config, key, settings, progress))
            except OSError as exc:
                raise _connect_error(exc) from exc
            if "smoke" in found:
                stage.setdefault("statements", []).append(found.pop("smoke"))
            stage.update(found)
    if settings.before_after:
        from perf.config import load_config

        settings.config_loaded = load_config(settings.config)
        migration, previous = find_migration(settings.before_after)
        spec = DataSpec(profile=settings.profile, seed=settings.seed, migrations_target=previous)
        stack = Stack(spec, dsn=dsn, progress=progress, start_api=False)
        with stack as info, progress.section(f"before/after {migration.name}"):
            version = info.postgres_version
            try:
                stage["before_after"] = asyncio.run(_before_after(stack, settings, out, progress))
            except OSError as exc:
                raise _connect_error(exc) from exc
    run = Run(
        kind="sql",
        environment=environment(version),
        config={"profile": settings.profile, "seed": settings.seed, "repeats": settings.repeats},
    )
    run.stages["sql"] = stage
    over = [q["name"] for q in stage.get("catalog", []) if q["over_target"]]
    if "catalog" in stage:
        run.verdicts.append(
            Verdict(
                "sql_catalog",
                "sql-target",
                "notice" if over else "pass",
                f"over {SLOW_MS:.0f} ms P95: {', '.join(over)}"
                if over
                else f"every catalog query under {SLOW_MS:.0f} ms P95",
            )
        )
    tx = stage.get("transactions")
    if tx:
        c = tx["concurrent"]
        over = c["longest_lock_wait_s"] > c["limit_s"]
        run.verdicts.append(
            Verdict(
                "sql_lock_wait",
                "sql-transactions",
                "fail" if over else "pass",
                f"longest lock wait {c['longest_lock_wait_s']:.3f} s with "
                f"{' and '.join(c['endpoints'])} at once (limit {c['limit_s']:.0f} s)",
            )
        )
    if stage.get("catalog"):
        run.artifacts["sql_plans"] = "plans/"
    if "recommendations" in stage:
        run.artifacts["sql_recommendations"] = "recommendations.sql"
    run.wall_seconds = time.perf_counter() - started
    merge_into(out, run)
    return run
