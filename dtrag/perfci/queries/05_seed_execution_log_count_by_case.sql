-- name: seed_execution_log_count_by_case
-- source: seed plan task 5.2
SELECT case_id, COUNT(*) FROM execution_log GROUP BY case_id
