"""Hybrid search: PostgreSQL full-text leg + NumPy cosine leg, fused 0.5/0.5, heuristic rerank."""

from __future__ import annotations

import time
import uuid
from collections.abc import Sequence

import numpy as np

from dtrag.db import repo
from dtrag.embedding import embed, tokenize
from dtrag.engines.taxonomy import latest_version
from dtrag.schemas import SearchFilters, SearchHit, SearchRequest, SearchResponse, SearchSource

BM25_WEIGHT = 0.5
VECTOR_WEIGHT = 0.5
# Rerank: + OVERLAP_BONUS x (share of query tokens present in the chunk), minus up to
# LENGTH_PENALTY for chunks shorter than SHORT_TOKENS or longer than LONG_TOKENS tokens.
OVERLAP_BONUS = 0.2
LENGTH_PENALTY = 0.1
SHORT_TOKENS = 20
LONG_TOKENS = 400
NO_TAXONOMY = "none"


def min_max(scores: Sequence[float]) -> list[float]:
    """Min-max normalise to 0..1; all-equal scores map to 1.0 (each is the leg's best)."""
    if not scores:
        return []
    arr = np.asarray(scores, dtype=np.float64)
    lo, hi = float(arr.min()), float(arr.max())
    if hi - lo <= 1e-12:
        return [1.0] * len(scores)
    return ((arr - lo) / (hi - lo)).tolist()


def fuse(
    bm25: Sequence[tuple[str, float]], vector: Sequence[tuple[str, float]]
) -> list[tuple[str, float]]:
    """Weighted sum by chunk_id of the legs' normalised scores (absent = 0), best first."""
    fused: dict[str, float] = {}
    for weight, leg in ((BM25_WEIGHT, bm25), (VECTOR_WEIGHT, vector)):
        for (chunk_id, _), norm in zip(leg, min_max([s for _, s in leg]), strict=True):
            fused[chunk_id] = fused.get(chunk_id, 0.0) + weight * norm
    return sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))


def vector_top_k(
    ids: Sequence[object], matrix: np.ndarray, query_vec: np.ndarray, k: int
) -> list[tuple[str, float]]:
    """The k chunks with the highest cosine similarity to the query, best first."""
    n = len(ids)
    if n == 0 or k <= 0 or not np.any(query_vec):
        return []
    norms = np.linalg.norm(matrix, axis=1)
    norms[norms == 0.0] = 1.0
    sims = (matrix @ query_vec) / norms / float(np.linalg.norm(query_vec))
    top = np.argpartition(-sims, k - 1)[:k] if k < n else np.arange(n)
    top = top[np.lexsort((top, -sims[top]))]
    return [(str(ids[i]), float(sims[i])) for i in top]


def length_penalty(n_tokens: int) -> float:
    if n_tokens < SHORT_TOKENS:
        return LENGTH_PENALTY * (1.0 - n_tokens / SHORT_TOKENS)
    if n_tokens > LONG_TOKENS:
        return LENGTH_PENALTY * min(1.0, (n_tokens - LONG_TOKENS) / LONG_TOKENS)
    return 0.0


def rerank_score(fused: float, query_tokens: set[str], text: str) -> float:
    tokens = tokenize(text)
    overlap = len(query_tokens & set(tokens)) / len(query_tokens) if query_tokens else 0.0
    return fused + OVERLAP_BONUS * overlap - length_penalty(len(tokens))


def chunk_filter(filters: SearchFilters | None) -> repo.ChunkFilter:
    """Request filters as the data layer's; empty lists mean no restriction."""
    if filters is None:
        return repo.ChunkFilter()
    return repo.ChunkFilter(
        path_prefixes=filters.canonical_in or None, content_types=filters.doc_type or None
    )


async def hybrid_search(db: repo.Db, request: SearchRequest, dim: int) -> SearchResponse:
    started = time.perf_counter()
    filters = chunk_filter(request.filters)
    async with repo.connection(db) as conn:
        bm25 = await repo.bm25_search(conn, request.q, request.bm25_topk, filters)
        # Structural cost kept from the original: the query is embedded on every request (no
        # cache) and all chunk embeddings are read and compared on every request.
        query_vec = embed(request.q, dim)
        ids, matrix = await repo.fetch_chunk_vectors(conn, filters, dim)
        vector = vector_top_k(ids, matrix, query_vec, request.vector_topk)
        fused = fuse(bm25, vector)
        candidates = fused[: request.rerank_candidates]
        chunks = await repo.fetch_chunks(conn, [c for c, _ in candidates])
        version = latest_version(await repo.fetch_taxonomy_versions(conn)) or NO_TAXONOMY

    rows = {r.chunk_id: r for r in chunks}
    query_tokens = set(tokenize(request.q))
    reranked = sorted(
        (
            (rerank_score(score, query_tokens, rows[cid].text), cid)
            for cid, score in candidates
            if cid in rows
        ),
        key=lambda sc: (-sc[0], sc[1]),
    )[: request.final_topk]
    hits = [
        SearchHit(
            chunk_id=cid,
            score=round(score, 6),
            text=rows[cid].text,
            taxonomy_path=rows[cid].taxonomy_path,
            source=SearchSource(
                doc_id=rows[cid].doc_id,
                title=rows[cid].title,
                url=rows[cid].source_url,
                content_type=rows[cid].content_type,
            ),
        )
        for score, cid in reranked
    ]
    return SearchResponse(
        hits=hits,
        latency=round(time.perf_counter() - started, 6),
        request_id=uuid.uuid4(),
        total_candidates=len(fused),
        sources_count=len({h.source.doc_id for h in hits}),
        taxonomy_version=version,
    )
