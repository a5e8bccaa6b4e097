-- name: consolidation_active_cases
-- source: dtrag/db/repo.py fetch_active_cases_for_consolidation (the dry-run's fallback when a case
-- changed between two of its statements under READ COMMITTED, and the reference the state is tested against)
-- params: [90]
SELECT case_id, usage_count, success_rate, query_vector,
       coalesce(last_used_at < now() - make_interval(days => $1), false) AS stale
FROM case_bank WHERE status = 'active'
ORDER BY case_id
