"""GET /health: liveness of the service and its database (no auth)."""

from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from dtrag.api.deps import PoolDep
from dtrag.db import repo
from dtrag.schemas import HealthResponse

DB_TIMEOUT_SECONDS = 2.0

log = logging.getLogger("dtrag.health")
router = APIRouter(tags=["health"])


@router.get(
    "/health",
    response_model=HealthResponse,
    responses={503: {"model": HealthResponse, "description": "The database is unreachable"}},
)
async def health(pool: PoolDep) -> HealthResponse | JSONResponse:
    """`SELECT 1` on the pool within 2 s: 200 when it answers, 503 otherwise."""
    try:
        async with asyncio.timeout(DB_TIMEOUT_SECONDS):
            await repo.ping(pool)
    except Exception as exc:  # any failure to answer means "unavailable", whatever its type
        log.warning("health check failed: %r", exc)
        down = HealthResponse(status="error", database="unavailable")
        return JSONResponse(down.model_dump(), status_code=503)
    return HealthResponse(status="ok", database="connected")
