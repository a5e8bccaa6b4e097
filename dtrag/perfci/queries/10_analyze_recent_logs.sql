-- name: analyze_recent_logs
-- source: dtrag/db/repo.py fetch_recent_logs (POST /reflection/analyze)
-- params-sql: SELECT case_id FROM execution_log GROUP BY case_id ORDER BY count(*) DESC, case_id LIMIT 1
-- params: [100]
SELECT success, error_type, execution_time_ms
FROM execution_log WHERE case_id = $1
ORDER BY created_at DESC LIMIT $2
