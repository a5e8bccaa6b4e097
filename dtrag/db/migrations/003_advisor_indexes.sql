-- Indexes found by the index advisor (`perfci sql --catalog --advise`, default profile) from the
-- plans of the service's own hot queries; before/after: `perfci sql --before-after 003`.
-- How to apply them in production without blocking writes: docs/index-migration-guide.md.

-- Search, full-text leg (repo.bm25_search): every request parsed all chunks with to_tsvector
-- under a Seq Scan whose filter kept 0.01 % of them. The expression matches the query's
-- `to_tsvector('english', c.text)`, so the planner uses a Bitmap Index Scan on it.
CREATE INDEX idx_chunks_text_fts ON chunks USING GIN ((to_tsvector('english', text)));

-- Reflection analyze (repo.fetch_recent_logs: a case's latest N logs) and batch
-- (repo.fetch_recent_logs_many: row_number() OVER (PARTITION BY case_id ORDER BY created_at
-- DESC)): both read a case's logs and sorted them. In (case_id, created_at DESC) order, with
-- the three columns they return, an index-only scan serves both without the sort.
CREATE INDEX idx_execution_log_case_id_created_at_cov
    ON execution_log (case_id, created_at DESC)
    INCLUDE (success, error_type, execution_time_ms);
