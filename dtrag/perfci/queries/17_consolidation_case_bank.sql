-- name: consolidation_case_bank
-- source: dtrag/db/repo.py fetch_case_bank (POST /consolidation/run; dry-run without a state or after most cases changed)
-- params: [90]
SELECT (SELECT oid FROM pg_database WHERE datname = current_database())::bigint,
       (SELECT (extract(epoch FROM now() - make_interval(days => $1)) * 1000000)::bigint),
       c.case_id, c.xmin::text::bigint AS x, c.usage_count, c.success_rate,
       CASE WHEN c.last_used_at IS NULL OR c.last_used_at = 'infinity'
                THEN '9223372036854775807'::bigint
            WHEN c.last_used_at = '-infinity' THEN '-9223372036854775808'::bigint
            ELSE (extract(epoch FROM c.last_used_at) * 1000000)::bigint END AS last_used_us,
       c.query_vector
FROM case_bank c WHERE c.status = 'active'
ORDER BY c.case_id
