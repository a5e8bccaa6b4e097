-- name: batch_qualifying_cases
-- source: dtrag/db/repo.py fetch_active_cases_with_min_logs (POST /reflection/batch)
-- params: [10]
SELECT c.case_id
FROM case_bank c
JOIN (SELECT case_id FROM execution_log
      GROUP BY case_id HAVING count(*) >= $1) l ON l.case_id = c.case_id
WHERE c.status = 'active'
ORDER BY c.case_id
