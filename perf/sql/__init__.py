"""SQL profiling: pg_stat_statements, the EXPLAIN catalog, the index advisor, before/after."""
