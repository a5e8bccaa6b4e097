-- name: search_fulltext
-- source: dtrag/db/repo.py bm25_search without filters (POST /search, full-text leg)
-- params-sql: SELECT label || ' ' || split_part(description, ' ', 1) FROM taxonomy_nodes WHERE version = '1.8.1' AND cardinality(canonical_path) = 3 ORDER BY node_id LIMIT 1
-- params: [12]
SELECT c.chunk_id::text AS chunk_id,
       ts_rank_cd(to_tsvector('english', c.text), q.query) AS score
FROM chunks c,
     websearch_to_tsquery('english', $1) AS q(query)
WHERE to_tsvector('english', c.text) @@ q.query AND TRUE
ORDER BY score DESC, c.chunk_id
LIMIT $2
