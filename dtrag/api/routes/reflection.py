"""Reflection endpoints: per-case performance, the batch pass, and the service health."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Body, HTTPException

from dtrag.api.deps import BODY_RESPONSES, PROTECTED, PoolDep
from dtrag.api.errors import problem_doc
from dtrag.engines import reflection
from dtrag.schemas import (
    AnalyzeRequest,
    BatchRequest,
    BatchResponse,
    CasePerformance,
    ServiceHealthResponse,
)

router = APIRouter(prefix="/reflection", tags=["reflection"])


@router.post(
    "/analyze",
    dependencies=PROTECTED,
    responses={**BODY_RESPONSES, 404: problem_doc("Case not found")},
)
async def analyze(body: AnalyzeRequest, pool: PoolDep) -> CasePerformance:
    """Performance of a case over its `limit` most recent execution logs."""
    try:
        return await reflection.analyze_case(pool, body.case_id, body.limit)
    except reflection.CaseNotFound as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from exc


@router.post("/batch", dependencies=PROTECTED, responses=BODY_RESPONSES)
async def batch(
    pool: PoolDep, body: Annotated[BatchRequest | None, Body()] = None
) -> BatchResponse:
    """Analyze every active case with at least `min_logs` logs and store its success rate."""
    request = body or BatchRequest()
    return await reflection.analyze_batch(pool, request.min_logs)


@router.get("/health")
async def health() -> ServiceHealthResponse:
    return ServiceHealthResponse(service="reflection", timestamp=datetime.now(UTC))
