-- name: seed_case_bank_by_status
-- source: seed plan task 5.1
SELECT * FROM case_bank WHERE status = 'active'
