-- name: consolidation_summary_counts
-- source: dtrag/db/repo.py fetch_summary_counts (GET /consolidation/summary)
-- params: [30.0, 90]
SELECT count(*) AS total,
       count(*) FILTER (WHERE low) AS low,
       count(*) FILTER (WHERE inactive) AS inactive,
       count(*) FILTER (WHERE low OR inactive) AS either
FROM (SELECT success_rate < $1 AND usage_count > 10 AS low,
             coalesce(last_used_at < now() - make_interval(days => $2), false)
                 AND usage_count < 100 AS inactive
      FROM case_bank WHERE status = 'active') s
