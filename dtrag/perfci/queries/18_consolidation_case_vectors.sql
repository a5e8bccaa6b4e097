-- name: consolidation_case_vectors
-- source: dtrag/db/repo.py fetch_case_vectors (POST /consolidation/run, dry-run: the vectors of the few cases whose row changed)
-- params-sql: SELECT array_agg(case_id ORDER BY case_id) FROM (SELECT case_id FROM case_bank WHERE status = 'active' ORDER BY case_id LIMIT 5) q
SELECT case_id, xmin::text::bigint AS x, query_vector
FROM case_bank WHERE case_id = ANY($1::text[])
