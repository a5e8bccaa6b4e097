-- dt-rag Phase 1-3 schema (API-CONTRACT.md, "Data model").
-- Embeddings are float32 BYTEA: pgvector is not available, similarity is computed in NumPy.

CREATE TABLE taxonomy_nodes (
    node_id        TEXT NOT NULL,
    version        TEXT NOT NULL,
    label          TEXT NOT NULL,
    canonical_path TEXT[] NOT NULL,
    parent_id      TEXT,
    description    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (version, node_id)
);

CREATE TABLE documents (
    doc_id       UUID PRIMARY KEY,
    title        TEXT NOT NULL,
    source_url   TEXT,
    content_type TEXT NOT NULL DEFAULT 'text/plain',
    metadata     JSONB NOT NULL DEFAULT '{}'::jsonb,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE chunks (
    chunk_id      UUID PRIMARY KEY,
    doc_id        UUID NOT NULL REFERENCES documents (doc_id),
    chunk_index   INT NOT NULL,
    text          TEXT NOT NULL,
    taxonomy_path TEXT[] NOT NULL DEFAULT '{}',
    embedding     BYTEA NOT NULL
);

CREATE TABLE case_bank (
    case_id       VARCHAR(255) PRIMARY KEY,
    query         TEXT NOT NULL,
    response_text TEXT NOT NULL DEFAULT '',
    category_path TEXT[] NOT NULL DEFAULT '{}',
    query_vector  BYTEA NOT NULL,
    quality_score REAL NOT NULL DEFAULT 0,
    usage_count   INT NOT NULL DEFAULT 0,
    success_rate  REAL NOT NULL DEFAULT 0,  -- percent, 0-100
    status        VARCHAR(50) NOT NULL DEFAULT 'active',
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_used_at  TIMESTAMPTZ,
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- case_id refers to case_bank or, once a case is consolidated away, to case_bank_archive.
-- No foreign key: the contract keeps an archived case's logs reachable by case_id.
CREATE TABLE execution_log (
    log_id            BIGSERIAL PRIMARY KEY,
    case_id           VARCHAR(255) NOT NULL,
    success           BOOLEAN NOT NULL,
    error_type        VARCHAR(100),
    error_message     TEXT,
    execution_time_ms INT NOT NULL DEFAULT 0,
    context           JSONB NOT NULL DEFAULT '{}'::jsonb,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE case_bank_archive (
    archive_id      BIGSERIAL PRIMARY KEY,
    case_id         VARCHAR(255) NOT NULL,
    query           TEXT NOT NULL,
    response_text   TEXT NOT NULL,
    category_path   TEXT[] NOT NULL,
    query_vector    BYTEA NOT NULL,
    quality_score   REAL NOT NULL,
    usage_count     INT NOT NULL,
    success_rate    REAL NOT NULL,
    status          VARCHAR(50) NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    last_used_at    TIMESTAMPTZ,
    updated_at      TIMESTAMPTZ NOT NULL,
    archived_reason VARCHAR(50) NOT NULL
        CHECK (archived_reason IN ('low_performance', 'duplicate', 'inactive')),
    archived_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
