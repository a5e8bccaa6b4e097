-- name: acceptance_low_active_top_usage
-- source: seed plan acceptance criteria (the combined case bank query)
SELECT * FROM case_bank
WHERE status = 'active' AND success_rate < 30
ORDER BY usage_count DESC LIMIT 100
