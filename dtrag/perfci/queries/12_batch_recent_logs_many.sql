-- name: batch_recent_logs_many
-- source: dtrag/db/repo.py fetch_recent_log_groups (POST /reflection/batch)
-- params-sql: SELECT array_agg(case_id ORDER BY case_id) FROM (SELECT case_id FROM execution_log GROUP BY case_id HAVING count(*) >= 10) q
-- params: [100]
SELECT q.case_id, l.success, l.error_type, count(*) AS n, sum(l.execution_time_ms) AS total_ms
FROM unnest($1::text[]) AS q(case_id)
CROSS JOIN LATERAL (SELECT e.success, e.error_type, e.execution_time_ms
                    FROM execution_log e
                    WHERE e.case_id = q.case_id
                    ORDER BY e.created_at DESC
                    LIMIT $2) l
GROUP BY q.case_id, l.success, l.error_type
