"""Engine benchmarks: the hot internals without HTTP (dtrag-specific).

reflection analysis of one case (engine + its SQL), duplicate detection over every active case
vector (NumPy), and the search fusion + rerank step on realistic candidate legs (pure Python).
"""

from __future__ import annotations

import pytest

from dtrag.embedding import embed, matrix_from_bytes
from dtrag.engines import consolidation, reflection, search


@pytest.fixture(scope="module")
def hot_case(bench) -> str:
    case_id = bench.run(
        bench.conn.fetchval(
            "SELECT case_id FROM execution_log GROUP BY case_id ORDER BY count(*) DESC LIMIT 1"
        )
    )
    assert case_id, "no case with execution logs"
    return case_id


def test_engine_reflection_analyze_case(benchmark, bench, hot_case):
    pool = bench.app.state.pool

    def analyze():
        return bench.run(reflection.analyze_case(pool, hot_case, 100))

    benchmark.extra_info.update(perfci_name="engine_reflection_analyze", kind="engine")
    result = benchmark(analyze)
    assert result.total_executions == 100


def test_engine_duplicate_detection(benchmark, bench):
    dim = bench.app.state.settings.embedding_dim
    rows = bench.run(bench.conn.fetch("SELECT query_vector FROM case_bank WHERE status = 'active'"))
    vectors = matrix_from_bytes([r[0] for r in rows], dim)
    benchmark.extra_info.update(
        perfci_name="engine_duplicate_detection", kind="engine", vectors=len(rows)
    )
    i, _, _ = benchmark.pedantic(
        consolidation.duplicate_pairs, args=(vectors, 0.95), rounds=10, warmup_rounds=1
    )
    assert len(i) > 0, "no duplicate pair found: the data has planted near-duplicates"


def test_engine_search_fusion(benchmark, bench):
    dim = bench.app.state.settings.embedding_dim
    query = "vector search nearest neighbour cosine"
    rows = bench.run(bench.conn.fetch("SELECT chunk_id, text, embedding FROM chunks"))
    ids = [str(r["chunk_id"]) for r in rows]
    texts = dict(zip(ids, (r["text"] for r in rows), strict=True))
    matrix = matrix_from_bytes([r["embedding"] for r in rows], dim)
    vector_leg = search.vector_top_k(ids, matrix, embed(query, dim), 100)
    bm25_leg = [(cid, 1.0 / (rank + 1)) for rank, (cid, _) in enumerate(vector_leg[::-1])]
    tokens = set(query.split())

    def fuse_and_rerank():
        fused = search.fuse(bm25_leg, vector_leg)[:50]
        return sorted(
            ((cid, search.rerank_score(s, tokens, texts[cid])) for cid, s in fused),
            key=lambda kv: -kv[1],
        )

    benchmark.extra_info.update(perfci_name="engine_search_fusion", kind="engine")
    ranked = benchmark(fuse_and_rerank)
    assert ranked, "fusion produced no candidate"
