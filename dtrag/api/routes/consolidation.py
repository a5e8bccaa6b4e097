"""Consolidation endpoints: run, dry-run, summary, and the service health."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Body, HTTPException

from dtrag.api.deps import BODY_RESPONSES, PROTECTED, PROTECTED_RESPONSES, PoolDep, SettingsDep
from dtrag.api.errors import problem_doc
from dtrag.engines import consolidation
from dtrag.schemas import (
    ConsolidationRequest,
    ConsolidationResponse,
    ConsolidationSummary,
    ServiceHealthResponse,
)

router = APIRouter(prefix="/consolidation", tags=["consolidation"])


@router.post(
    "/run",
    dependencies=PROTECTED,
    responses={**BODY_RESPONSES, 409: problem_doc("Another consolidation run is in progress")},
)
async def run(
    pool: PoolDep,
    settings: SettingsDep,
    body: Annotated[ConsolidationRequest | None, Body()] = None,
) -> ConsolidationResponse:
    """Archive low performers, merge duplicates, archive inactive cases: one atomic run
    (or, with `dry_run`, only the report)."""
    request = body or ConsolidationRequest()
    try:
        return await consolidation.consolidate(pool, request, settings.embedding_dim)
    except consolidation.ConsolidationBusy as exc:
        raise HTTPException(status_code=409, detail=str(exc)) from exc


@router.post("/dry-run", dependencies=PROTECTED, responses=BODY_RESPONSES)
async def dry_run(
    pool: PoolDep,
    settings: SettingsDep,
    body: Annotated[ConsolidationRequest | None, Body()] = None,
) -> ConsolidationResponse:
    """What a run with these parameters would do; writes nothing (`dry_run` is forced on)."""
    request = (body or ConsolidationRequest()).model_copy(update={"dry_run": True})
    return await consolidation.consolidate(pool, request, settings.embedding_dim)


@router.get("/summary", dependencies=PROTECTED, responses=PROTECTED_RESPONSES)
async def summary(pool: PoolDep) -> ConsolidationSummary:
    """Candidate counts under the default thresholds."""
    return await consolidation.summary(pool)


@router.get("/health")
async def health() -> ServiceHealthResponse:
    return ServiceHealthResponse(service="consolidation", timestamp=datetime.now(UTC))
