"""GET /taxonomy/versions and GET /taxonomy/{version}/tree."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException

from dtrag.api.deps import PROTECTED, PROTECTED_RESPONSES, PoolDep
from dtrag.api.errors import problem_doc
from dtrag.engines import taxonomy
from dtrag.schemas import TaxonomyTreeResponse, TaxonomyVersionsResponse

router = APIRouter(tags=["taxonomy"])


@router.get("/taxonomy/versions", dependencies=PROTECTED, responses=PROTECTED_RESPONSES)
async def versions(pool: PoolDep) -> TaxonomyVersionsResponse:
    """All taxonomy versions, oldest to newest by semantic version."""
    return await taxonomy.list_versions(pool)


@router.get(
    "/taxonomy/{version}/tree",
    dependencies=PROTECTED,
    responses={**PROTECTED_RESPONSES, 404: problem_doc("Unknown taxonomy version")},
)
async def tree(version: str, pool: PoolDep) -> TaxonomyTreeResponse:
    """The nodes of `version` ("latest" = newest by semantic version) nested by parent_id."""
    try:
        return await taxonomy.get_tree(pool, version)
    except taxonomy.TaxonomyVersionNotFound as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from exc
