"""GET /metrics: Prometheus exposition of this app's registry (no auth)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST

router = APIRouter(tags=["metrics"])


@router.get("/metrics", response_class=PlainTextResponse)
async def metrics(request: Request) -> Response:
    """Request counts and latency per route template and status, in-flight requests, DB pool."""
    return Response(request.app.state.metrics.render(), media_type=CONTENT_TYPE_LATEST)
