"""POST /classify: map a text onto the latest taxonomy."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException

from dtrag.api.deps import BODY_RESPONSES, PROTECTED, PoolDep, SettingsDep
from dtrag.api.errors import problem_doc
from dtrag.engines import classifier
from dtrag.schemas import ClassifyRequest, ClassifyResponse

router = APIRouter(tags=["classify"])


@router.post(
    "/classify",
    dependencies=PROTECTED,
    responses={**BODY_RESPONSES, 503: problem_doc("No taxonomy is loaded")},
)
async def classify(body: ClassifyRequest, pool: PoolDep, settings: SettingsDep) -> ClassifyResponse:
    """Classify a text: cosine similarity to the nodes of the newest taxonomy version."""
    try:
        return await classifier.classify(pool, body.text, settings.embedding_dim)
    except classifier.TaxonomyUnavailable as exc:
        raise HTTPException(status_code=503, detail=str(exc)) from exc
