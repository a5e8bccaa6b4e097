-- name: batch_recent_logs_many
-- source: dtrag/db/repo.py fetch_recent_logs_many (POST /reflection/batch)
-- params-sql: SELECT array_agg(case_id ORDER BY case_id) FROM (SELECT case_id FROM execution_log GROUP BY case_id HAVING count(*) >= 10) q
-- params: [100]
SELECT case_id, success, error_type, execution_time_ms
FROM (SELECT case_id, success, error_type, execution_time_ms, created_at,
             row_number() OVER (PARTITION BY case_id ORDER BY created_at DESC) AS rn
      FROM execution_log WHERE case_id = ANY($1::text[])) recent
WHERE rn <= $2
ORDER BY case_id, created_at DESC
