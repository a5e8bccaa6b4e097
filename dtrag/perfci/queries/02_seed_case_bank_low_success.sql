-- name: seed_case_bank_low_success
-- source: seed plan task 5.1
SELECT * FROM case_bank WHERE success_rate < 30
