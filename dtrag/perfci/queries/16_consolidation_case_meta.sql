-- name: consolidation_case_meta
-- source: dtrag/db/repo.py fetch_case_meta (POST /consolidation/run, dry-run: every request; figures and row xmin, no vectors)
-- params: [90]
SELECT (SELECT oid FROM pg_database WHERE datname = current_database())::bigint AS db,
       (extract(epoch FROM now() - make_interval(days => $1)) * 1000000)::bigint AS cutoff,
       array_agg(s.case_id) AS ids, array_agg(s.x) AS xs, array_agg(s.usage_count) AS usage,
       array_agg(s.success_rate) AS rates, array_agg(s.last_used_us) AS last
FROM (SELECT c.case_id, c.xmin::text::bigint AS x, c.usage_count, c.success_rate,
             CASE WHEN c.last_used_at IS NULL OR c.last_used_at = 'infinity'
                      THEN '9223372036854775807'::bigint
                  WHEN c.last_used_at = '-infinity' THEN '-9223372036854775808'::bigint
                  ELSE (extract(epoch FROM c.last_used_at) * 1000000)::bigint END AS last_used_us
      FROM case_bank c WHERE c.status = 'active'
      ORDER BY c.case_id) s
