-- name: seed_case_bank_top_usage
-- source: seed plan task 5.1
SELECT * FROM case_bank ORDER BY usage_count DESC LIMIT 100
