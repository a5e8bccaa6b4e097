"""Request and response models of the HTTP API (API-CONTRACT.md), shared by routes and engines."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Literal
from uuid import UUID

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

_NOT_PG_SAFE = re.compile("[\x00\ud800-\udfff]")


def pg_safe_text(value: str) -> str:
    """Make a string storable in PostgreSQL text: NUL and lone surrogates become U+FFFD.

    PostgreSQL rejects NUL bytes and asyncpg cannot encode lone surrogates, so without this
    an odd but valid JSON string would turn into a 500. Replacing (not stripping) keeps a
    case id containing NUL from matching a different, real id.
    """
    if not _NOT_PG_SAFE.search(value):
        return value
    value = value.replace("\x00", "\ufffd")
    return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


PgText = Annotated[str, AfterValidator(pg_safe_text)]


def _integral_float_to_int(value: object) -> object:
    """JSON Schema counts 55.0 as an integer; strict validation would not."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


WholeNumber = Annotated[int, BeforeValidator(_integral_float_to_int)]


class StrictRequest(BaseModel):
    """Base of every request body model: what the OpenAPI schema calls invalid is a 422.

    - no lax coercion ("5" or true for a number);
    - no unknown fields (`additionalProperties: false`): a misspelt field such as `dryrun` or
      `treshold` must not be dropped silently, since the defaults it leaves in place can change
      what a request does (a real consolidation run instead of a dry run);
    - no NaN or Infinity (Python's JSON parser accepts those literals) in a number field.
    """

    model_config = ConfigDict(strict=True, extra="forbid", allow_inf_nan=False)


# --- errors -------------------------------------------------------------------------------


class Problem(BaseModel):
    """An HTTP error in RFC 7807 shape."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    instance: str


# --- health -------------------------------------------------------------------------------


class HealthResponse(BaseModel):
    status: Literal["ok", "error"]
    database: Literal["connected", "unavailable"]


class ServiceHealthResponse(BaseModel):
    status: Literal["healthy"] = "healthy"
    service: Literal["reflection", "consolidation"]
    timestamp: datetime


# --- classify -----------------------------------------------------------------------------


class ClassifyRequest(StrictRequest):
    text: PgText = Field(
        min_length=1, max_length=10000, examples=["How do I tune hybrid retrieval for RAG?"]
    )
    chunk_id: str | None = None


class ClassifyCandidate(BaseModel):
    node_id: str
    label: str
    canonical_path: list[str]
    version: str
    confidence: float = Field(ge=0.0, le=1.0)


class ClassifyResponse(BaseModel):
    canonical: list[str]
    candidates: list[ClassifyCandidate]
    hitl: bool
    confidence: float = Field(ge=0.0, le=1.0)
    reasoning: list[str]
    request_id: UUID
    taxonomy_version: str


# --- search -------------------------------------------------------------------------------


class SearchFilters(StrictRequest):
    canonical_in: list[list[PgText]] | None = Field(
        default=None,
        description="Taxonomy path prefixes; a chunk matches when its path starts with one of "
        "them. An empty list means no restriction.",
    )
    doc_type: list[PgText] | None = Field(
        default=None,
        description="Allowed documents.content_type values. An empty list means no restriction.",
    )


class SearchRequest(StrictRequest):
    q: PgText = Field(min_length=1, max_length=10000, examples=["vector search reranking"])
    filters: SearchFilters | None = None
    bm25_topk: WholeNumber = Field(default=12, ge=1, le=100)
    vector_topk: WholeNumber = Field(default=12, ge=1, le=100)
    rerank_candidates: WholeNumber = Field(default=50, ge=1, le=1000)
    final_topk: WholeNumber = Field(default=5, ge=1, le=50)


class SearchSource(BaseModel):
    doc_id: str
    title: str
    url: str | None
    content_type: str


class SearchHit(BaseModel):
    chunk_id: str
    score: float
    text: str
    taxonomy_path: list[str]
    source: SearchSource


class SearchResponse(BaseModel):
    hits: list[SearchHit]
    latency: float = Field(description="Server-side processing time in seconds.")
    request_id: UUID
    total_candidates: int = Field(description="Distinct chunks after fusing both legs.")
    sources_count: int = Field(description="Distinct documents among the hits.")
    taxonomy_version: str


# --- taxonomy -----------------------------------------------------------------------------


class TaxonomyVersionsResponse(BaseModel):
    versions: list[str]
    latest: str | None


class TaxonomyNode(BaseModel):
    node_id: str
    label: str
    canonical_path: list[str]
    version: str
    parent_id: str | None
    description: str | None = None
    children: list[TaxonomyNode] = Field(default_factory=list)


class TaxonomyTreeResponse(BaseModel):
    version: str
    nodes: list[TaxonomyNode]
    total_nodes: int


# --- reflection ---------------------------------------------------------------------------


class AnalyzeRequest(StrictRequest):
    case_id: PgText = Field(min_length=1, max_length=255, examples=["test-001"])
    limit: WholeNumber = Field(default=100, ge=1, le=1000)


class CommonError(BaseModel):
    error_type: str
    count: int
    percentage: float


class CasePerformance(BaseModel):
    case_id: str
    total_executions: int
    successful_executions: int
    failed_executions: int
    success_rate: float = Field(description="Percent of successful executions, 2 dp.")
    avg_execution_time_ms: float
    common_errors: list[CommonError]
    timestamp: datetime


class BatchRequest(StrictRequest):
    min_logs: WholeNumber = Field(default=10, ge=1, le=10000)


class CaseSuggestions(BaseModel):
    case_id: str
    performance: CasePerformance
    suggestions: list[str]


class BatchResponse(BaseModel):
    analyzed_cases: int
    low_performance_cases: int
    suggestions: list[CaseSuggestions]
    timestamp: datetime


# --- consolidation ------------------------------------------------------------------------


class ConsolidationRequest(StrictRequest):
    dry_run: bool = False
    threshold: float = Field(default=30.0, ge=0.0, le=100.0)
    similarity_threshold: float = Field(default=0.95, ge=0.0, le=1.0)
    inactive_days: WholeNumber = Field(default=90, ge=1)


class MergedPair(BaseModel):
    keeper: str
    removed: str
    similarity: float


class ConsolidationDetails(BaseModel):
    removed: list[str]
    merged: list[MergedPair]
    archived: list[str]


class ConsolidationResponse(BaseModel):
    removed_cases: int = Field(description="Low performers archived (step 1).")
    merged_cases: int = Field(description="Duplicates merged into a keeper and archived (step 2).")
    archived_cases: int = Field(description="Inactive cases archived (step 3).")
    dry_run: bool
    details: ConsolidationDetails
    timestamp: datetime


class ConsolidationSummary(BaseModel):
    total_active_cases: int
    low_performance_candidates: int
    inactive_candidates: int
    potential_savings: int = Field(
        description="Distinct active cases that are low performers or inactive under the default "
        "thresholds: a lower bound of what a run removes (duplicates need the vector scan and "
        "are not counted here)."
    )
    timestamp: datetime
