"""`perfci sql`: the catalog, the advisor and the before/after on the stack's database; writes
plans beside run.json and the results into its `stages["sql"]`.

The service is reached through its config only: the catalog is the directory `[sql] catalog`
names or is recorded from the service's workload (perf/sql/recorded.py), a migration is applied
by the service's own migrate step with a target, and requests go through perf.driver.
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import asyncpg

from perf.config import Config, load_config
from perf.errors import EnvironmentFailure, UsageError
from perf.progress import Progress
from perf.results import Run, Verdict, merge_into
from perf.service import run_step
from perf.sql.advisor import AdvisorSettings, WorkloadQuery, advise
from perf.sql.beforeafter import compare_databases, schema_fingerprint
from perf.sql.catalog import SLOW_MS, CatalogQuery, load_catalog, run_catalog, select
from perf.sql.pgss import ensure_extensions
from perf.sql.recorded import NO_DSN, record
from perf.sql.settings import Migration, SqlConfig, sql_config
from perf.stack import (
    ApiProcess,
    DataSpec,
    Stack,
    create_from_template,
    drop_database,
    external_server,
    free_port,
    new_run_database_name,
)


@dataclass
class SqlSettings:
    catalog: bool = True
    advise: bool = True
    before_after: str | None = None
    repeats: int = 20
    only: list[str] | None = None
    profile: str | None = None  # None: the config's [service] profile
    seed: int = 42
    top: int = 10  # statements per stage, and the size of a recorded catalog
    endpoints: bool = False
    transactions: bool = False
    smoke_calls: int = 3
    endpoint_calls: int = 3
    transaction_runs: int = 3
    record_calls: int = 5  # calls per endpoint while a catalog is recorded
    config: Path | None = None  # read when run_sql is not handed the loaded config
    ba_endpoint_calls: int = 10  # per arm and endpoint in --before-after; 0: none
    advisor: AdvisorSettings = field(default_factory=AdvisorSettings)


def _connect_error(exc: Exception) -> EnvironmentFailure:
    return EnvironmentFailure(f"cannot reach the run database: {exc}")


# --------------------------------------------------------------------------- the catalog


def _api_starter(stack: Stack, config: Config, dsn: str, arm: str, progress: Progress):
    """`start(api_key) -> (base_url, stop)` for the service on `dsn`, in the stack's tree."""

    def start(key: str) -> tuple[str, Callable[[], None]]:
        assert stack.workdir is not None
        api = ApiProcess(
            service=config.service,
            dsn=dsn,
            port=free_port(),
            logfile=stack.workdir / f"api-{arm}.log",
            api_keys=[key],
            root=stack.spec.tree,
        )
        try:
            with progress.step(f"starting the API ({arm})"):
                api.start()
        except BaseException:
            api.stop()
            raise
        return api.base_url, api.stop

    return start


async def _queries(
    stack: Stack, config: Config, sql: SqlConfig, settings: SqlSettings, progress: Progress
) -> tuple[list[CatalogQuery], dict]:
    """The catalog (the named directory, or recorded on the stack's database) and what the
    stage records about where it came from."""
    if sql.catalog is not None:
        where = sql.catalog
        with contextlib.suppress(ValueError):
            where = where.relative_to(config.service.root)
        return load_catalog(sql.catalog, settings.only), {"catalog_source": f"files: {where}"}
    assert stack.info is not None
    assert stack.server is not None
    logfile = stack.cluster.logfile if stack.cluster is not None else stack.server.logfile
    if logfile is None:  # a server perfci did not start: its log is not readable here
        raise UsageError(NO_DSN)
    rec = await record(
        config,
        stack.info.dsn,
        stack.info.database,
        logfile,
        _api_starter(stack, config, stack.info.dsn, "recording", progress),
        settings.top,
        settings.record_calls,
        progress,
    )
    for note in rec.notes:
        progress.line(note)
    progress.line(
        f"recorded catalog: {len(rec.queries)} statements "
        f"({', '.join(q.name for q in rec.queries)})"
    )
    extra = {
        "catalog_source": "recorded",
        "recorded": rec.recorded,
        "recorded_notes": rec.notes,
        "statements": [rec.statements],
    }
    return select(rec.queries, settings.only), extra


async def _catalog_and_advice(
    stack: Stack, config: Config, sql: SqlConfig, settings: SqlSettings, out: Path, progress
) -> dict:
    assert stack.info is not None
    queries, stage = await _queries(stack, config, sql, settings, progress)
    stage.setdefault("statements", [])
    conn = await asyncpg.connect(stack.info.dsn)
    try:
        ext = await ensure_extensions(conn)
        for note in ext.notes:
            progress.line(note)
        await conn.execute("VACUUM ANALYZE")
        stage["extensions"] = ext.as_dict()
        if settings.catalog:
            # No "top statements" of this stage: its statements are perfci's own EXPLAIN
            # ANALYZE runs and parameter draws, the measurement measuring itself; the catalog's
            # own table (P50/P95 per query, plans) is what it measured.

            def done(t) -> None:
                progress.line(f"  {t.name}: P50 {t.p50_ms:.2f} ms, P95 {t.p95_ms:.2f} ms")

            timings = await run_catalog(conn, queries, settings.repeats, out / "plans", done)
            stage["catalog"] = [t.as_dict() for t in timings]
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


# --------------------------------------------------------------------------- before/after


async def _migrate(stack: Stack, config: Config, dsn: str, migration: Migration) -> None:
    """The service's migrate step on `dsn`, up to `migration`; a step that ignores its target
    (the schema did not change) is a usage error that says how to pass it."""
    step = config.service.database.migrate
    assert step is not None and stack.info is not None
    conn = await asyncpg.connect(dsn)
    try:
        before = await schema_fingerprint(conn)
        await asyncio.to_thread(
            run_step,
            config.service,
            step,
            stack.spec.tree,
            dsn,
            stack.spec.profile,
            stack.spec.seed,
            "migrate",
            migration.target,
        )
        if await schema_fingerprint(conn) == before:
            raise UsageError(
                f"{config.service.where}.database.migrate ({step.describe()}) left the schema "
                f"unchanged with target {migration.target!r} ({migration.name}): the step must "
                "migrate up to its target, $PERFCI_MIGRATION_TARGET for a command (e.g. "
                "'alembic upgrade ${{PERFCI_MIGRATION_TARGET:-head}}') or the `target` argument "
                "of a callable; a migration that changes data only cannot be compared this way"
            )
    finally:
        await conn.close()


async def _before_after(
    stack: Stack,
    config: Config,
    sql: SqlConfig,
    migration: Migration,
    settings: SqlSettings,
    out: Path,
    progress: Progress,
) -> dict:
    server, info = stack.server, stack.info
    assert server is not None and info is not None
    queries, source = await _queries(stack, config, sql, settings, progress)
    after_db = new_run_database_name(f"{stack.spec.profile}_after")
    await create_from_template(server, info.template, after_db)
    try:
        after_dsn = server.dsn_for(after_db)
        with progress.step(f"after database {after_db}: migrate to {migration.target}"):
            await _migrate(stack, config, after_dsn, migration)
        before = await asyncpg.connect(info.dsn)
        after = await asyncpg.connect(after_dsn)
        try:
            for conn in (before, after):
                await ensure_extensions(conn)
                await conn.execute("VACUUM ANALYZE")

            def done(c) -> None:
                progress.line(
                    f"  {c.name}: P95 {c.before.p95_ms:.2f} → {c.after.p95_ms:.2f} ms "
                    f"({c.scan_change()})"
                )

            changes = await compare_databases(before, after, queries, settings.repeats, out, done)
            endpoints = []
            if settings.ba_endpoint_calls:
                endpoints = await _endpoints_side_by_side(
                    stack, config, (before, after), after_dsn, settings, progress
                )
        finally:
            await before.close()
            await after.close()
    finally:
        await drop_database(server, after_db)
    return {
        "migration": migration.name,
        "target": migration.target,
        "applied": [migration.name],
        "template": info.template,
        "catalog_source": source["catalog_source"],
        "queries": [c.as_dict() for c in changes],
        "endpoints": endpoints,
        "over_target_before": [c.name for c in changes if c.before.p95_ms >= SLOW_MS],
        "over_target_after": [c.name for c in changes if c.after.p95_ms >= SLOW_MS],
    }


async def _endpoints_side_by_side(
    stack: Stack, config: Config, conns, after_dsn: str, settings: SqlSettings, progress
) -> list[dict]:
    """Both databases behind an API each; the endpoints without `restore` called
    alternately."""
    from perf.sql.workload import Workload, compare_endpoints, endpoint_requests, open_client

    assert stack.info is not None
    requests = await endpoint_requests(config, conns[0])
    stops: list[Callable[[], None]] = []
    works: list[Workload] = []
    try:
        for arm, dsn, conn in (
            ("before", stack.info.dsn, conns[0]),
            ("after", after_dsn, conns[1]),
        ):
            key = secrets.token_urlsafe(12)
            base_url, stop = _api_starter(stack, config, dsn, arm, progress)(key)
            stops.append(stop)
            works.append(Workload(config, await open_client(config, base_url, key), conn, requests))
        with progress.step("endpoints side by side"):
            return await compare_endpoints(works[0], works[1], settings.ba_endpoint_calls)
    finally:
        for w in works:
            await w.client.aclose()
        for stop in stops:
            stop()


# --------------------------------------------------------------------------- workload


async def _service_workload(
    info, config: Config, key: str, sql: SqlConfig, settings: SqlSettings, progress: Progress
) -> dict:
    from perf.sql.workload import (
        Workload,
        endpoint_requests,
        open_client,
        smoke_and_per_endpoint,
        transactions,
    )

    out: dict = {}
    conn = await asyncpg.connect(info.dsn)
    try:
        await ensure_extensions(conn)
        requests = await endpoint_requests(config, conn)
        work = Workload(config, await open_client(config, info.base_url, key), conn, requests)
        try:
            await work.snapshot()
            if settings.endpoints:
                with progress.step("smoke load and statements per endpoint"):
                    smoke, per_endpoint = await smoke_and_per_endpoint(
                        work, settings.smoke_calls, settings.endpoint_calls, settings.top
                    )
                out["smoke"] = smoke
                out["endpoints"] = per_endpoint
            if settings.transactions and not sql.transactions:
                progress.line(
                    "--transactions: no endpoint to analyse ([sql] transactions, or endpoints "
                    "that declare restore)"
                )
            elif settings.transactions:
                names = " and ".join(sql.transactions)
                with progress.step(f"transactions of {names}"):
                    out["transactions"] = await transactions(
                        work, info.dsn, sql.transactions, settings.transaction_runs
                    )
        finally:
            await work.client.aclose()
    finally:
        await conn.close()
    return out


# --------------------------------------------------------------------------- the stage


def run_sql(
    settings: SqlSettings,
    out: Path,
    dsn: str | None,
    progress: Progress,
    config: Config | None = None,
) -> Run:
    from perf.fingerprint import environment

    started = time.perf_counter()
    config = (config or load_config(settings.config)).with_profile(settings.profile)
    sql = sql_config(config)
    migration = previous = None
    if settings.before_after:
        migration, previous = sql.find_migration(settings.before_after)
        if config.service.database.migrate is None:
            raise UsageError(
                f"--before-after needs {config.service.where}.database.migrate (the step that "
                "applies the service's migrations)"
            )
    needs_catalog = settings.catalog or settings.advise or settings.before_after
    if needs_catalog and sql.catalog is None and dsn and external_server(dsn).logfile is None:
        raise UsageError(NO_DSN)  # a server perfci did not start: its log is not readable here
    out.mkdir(parents=True, exist_ok=True)
    stage: dict = {"repeats": settings.repeats, "target_p95_ms": SLOW_MS}
    version = ""
    if settings.catalog or settings.advise:
        spec = DataSpec(config.service, config.profile, settings.seed)
        stack = Stack(spec, dsn=dsn, progress=progress, start_api=False)
        with stack as info:
            version = info.postgres_version
            stage["template"] = info.template
            with progress.section("catalog and index advice"):
                try:
                    stage.update(
                        asyncio.run(
                            _catalog_and_advice(stack, config, sql, settings, out, progress)
                        )
                    )
                except OSError as exc:
                    raise _connect_error(exc) from exc
    if settings.endpoints or settings.transactions:
        key = secrets.token_urlsafe(12)
        spec = DataSpec(config.service, config.profile, settings.seed)
        stack = Stack(spec, dsn=dsn, progress=progress, api_keys=[key])
        with stack as info, progress.section("statements under the service's requests"):
            version = info.postgres_version
            try:
                found = asyncio.run(_service_workload(info, config, key, sql, settings, progress))
            except OSError as exc:
                raise _connect_error(exc) from exc
            if "smoke" in found:
                stage.setdefault("statements", []).append(found.pop("smoke"))
            stage.update(found)
    if migration is not None and previous is not None:
        spec = DataSpec(
            config.service, config.profile, settings.seed, migrations_target=previous.target
        )
        stack = Stack(spec, dsn=dsn, progress=progress, start_api=False)
        with stack as info, progress.section(f"before/after {migration.name}"):
            version = info.postgres_version
            try:
                stage["before_after"] = asyncio.run(
                    _before_after(stack, config, sql, migration, settings, out, progress)
                )
            except OSError as exc:
                raise _connect_error(exc) from exc
    run = Run(
        kind="sql",
        environment=environment(version),
        config={"profile": config.profile, "seed": settings.seed, "repeats": settings.repeats},
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
