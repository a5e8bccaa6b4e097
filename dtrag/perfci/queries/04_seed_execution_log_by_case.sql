-- name: seed_execution_log_by_case
-- source: seed plan task 5.2 (test-001 is a well-known case of every data profile)
-- params: ["test-001"]
SELECT * FROM execution_log WHERE case_id = $1
