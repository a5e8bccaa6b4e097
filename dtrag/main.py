"""The app factory: `uvicorn dtrag.main:create_app --factory`."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI

from dtrag import __version__
from dtrag.api.deps import RateLimiter
from dtrag.api.errors import install_error_handling
from dtrag.api.routes import classify, consolidation, health, metrics, reflection, search, taxonomy
from dtrag.core.config import Settings
from dtrag.metrics import Metrics, MetricsMiddleware

POOL_CLOSE_TIMEOUT_SECONDS = 10.0

log = logging.getLogger("dtrag")


async def create_pool(settings: Settings) -> asyncpg.Pool:
    return await asyncpg.create_pool(
        settings.database_url,
        min_size=settings.pool_min,
        max_size=settings.pool_max,
        server_settings={"application_name": "dtrag"},
    )


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the API; settings from the environment (Settings.from_env) when not given."""
    settings = settings or Settings.from_env()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.pool = await create_pool(settings)
        try:
            yield
        finally:
            pool, app.state.pool = app.state.pool, None
            try:
                await asyncio.wait_for(pool.close(), POOL_CLOSE_TIMEOUT_SECONDS)
            except TimeoutError:
                log.warning("pool did not close in %s s, terminating", POOL_CLOSE_TIMEOUT_SECONDS)
                pool.terminate()

    app = FastAPI(
        title="dt-rag Phase 1-3 API",
        version=__version__,
        description="Re-implementation of the dt-rag Phase 1-3 API measured by perfci.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.pool = None
    app.state.rate_limiter = RateLimiter(settings.rate_limit, settings.rate_window_seconds)
    app.state.metrics = Metrics(lambda: app.state.pool)

    install_error_handling(app)
    # Added last = outermost: it also counts the 500s the error middleware produces.
    app.add_middleware(MetricsMiddleware, metrics=app.state.metrics)
    for module in (health, metrics, classify, search, taxonomy, reflection, consolidation):
        app.include_router(module.router)
    return app
