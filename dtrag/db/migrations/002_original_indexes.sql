-- The original dt-rag index set, in a migration of its own so the pipeline can measure the
-- schema without and with it. Indexes the original lacked (full-text GIN on chunks, a status
-- index, execution_log (case_id, created_at DESC)) are deliberately absent: finding them is
-- the index advisor's job.

CREATE INDEX idx_case_bank_category_path ON case_bank USING GIN (category_path);
CREATE INDEX idx_case_bank_quality_score ON case_bank (quality_score DESC);
CREATE INDEX idx_case_bank_usage_count ON case_bank (usage_count DESC);
CREATE INDEX idx_case_bank_success_rate ON case_bank (success_rate DESC);
CREATE INDEX idx_case_bank_created_at ON case_bank (created_at DESC);
CREATE INDEX idx_case_bank_last_used_at ON case_bank (last_used_at DESC);

CREATE INDEX idx_execution_log_case_id ON execution_log (case_id);
CREATE INDEX idx_execution_log_created_at ON execution_log (created_at DESC);
CREATE INDEX idx_execution_log_success ON execution_log (success);
CREATE INDEX idx_execution_log_case_success_created
    ON execution_log (case_id, success, created_at DESC);
