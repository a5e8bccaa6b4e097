"""POST /search: hybrid full-text + vector search over chunks."""

from __future__ import annotations

from fastapi import APIRouter

from dtrag.api.deps import BODY_RESPONSES, PROTECTED, PoolDep, SettingsDep
from dtrag.engines import search as search_engine
from dtrag.schemas import SearchRequest, SearchResponse

router = APIRouter(tags=["search"])


@router.post("/search", dependencies=PROTECTED, responses=BODY_RESPONSES)
async def search(body: SearchRequest, pool: PoolDep, settings: SettingsDep) -> SearchResponse:
    """BM25 (PostgreSQL full-text) and cosine legs fused 0.5/0.5, reranked, top `final_topk`."""
    return await search_engine.hybrid_search(pool, body, settings.embedding_dim)
