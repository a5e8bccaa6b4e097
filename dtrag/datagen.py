"""Deterministic data generator for dt-rag: taxonomy, documents/chunks, case bank and execution
logs, in the profiles `small`, `default` and `large` (API-CONTRACT.md, "Data sets").

The same seed gives the same rows, except `last_used_at`, which is relative to the time of
loading because consolidation compares it with now(). Loading uses COPY (asyncpg's
`copy_records_to_table`) inside one transaction, followed by ANALYZE.

Well-known ids in every profile: `test-001` (100 logs, exactly 85 successful), `hot-NNN` (the
cases reflection batch analyzes: 100-500 logs each at default scale), `low-NNN` (low performers),
`dup-NNNa`/`dup-NNNb` (near-duplicate pairs, cosine > 0.95), `inactive-NNN` (unused > 90 days).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import asyncpg
import numpy as np

from dtrag.embedding import embed, to_bytes

GENERATOR_VERSION = "2"

BASE_TIME = datetime(2026, 1, 1, tzinfo=UTC)  # fixed origin of created_at values
TAXONOMY_VERSION = "1.8.1"
OLD_TAXONOMY_VERSION = "1.7.0"


@dataclass(frozen=True)
class Profile:
    name: str
    cases: int  # total, well-known groups included
    hot_cases: int  # hot-NNN; with test-001 these are the cases with >= 10 logs
    hot_logs: tuple[int, int]  # inclusive range of logs per hot case
    other_logs: tuple[int, int]  # inclusive range for every other case (kept under 10)
    documents: int
    chunks: int
    low_performers: int
    duplicate_pairs: int
    inactive: int


PROFILES: dict[str, Profile] = {
    "small": Profile("small", 200, 19, (100, 250), (0, 9), 100, 500, 4, 3, 5),
    "default": Profile("default", 10_000, 99, (100, 500), (4, 9), 2_000, 10_000, 100, 50, 200),
    "large": Profile("large", 100_000, 999, (100, 500), (4, 9), 20_000, 100_000, 1_000, 500, 2_000),
}


@dataclass(frozen=True)
class SeedSummary:
    profile: str
    taxonomy_nodes: int
    documents: int
    chunks: int
    cases: int
    execution_logs: int
    seconds: float


# --------------------------------------------------------------------------- taxonomy

# label -> (keywords, children); three levels, 51 nodes in 1.8.1.
TREE: dict[str, tuple[list[str], dict]] = {
    "AI": (
        ["artificial", "intelligence", "model", "learning"],
        {
            "Machine Learning": (
                ["training", "features", "supervised", "regression"],
                {
                    "Deep Learning": (["neural", "network", "gpu", "backpropagation"], {}),
                    "Reinforcement Learning": (["reward", "policy", "agent", "environment"], {}),
                },
            ),
            "NLP": (
                ["language", "text", "tokens", "linguistics"],
                {
                    "Embeddings": (["vector", "semantic", "similarity", "dimension"], {}),
                    "Summarization": (["summary", "abstractive", "extractive", "condense"], {}),
                },
            ),
            "Computer Vision": (
                ["image", "pixels", "vision", "camera"],
                {
                    "Object Detection": (["bounding", "boxes", "detector", "yolo"], {}),
                    "Segmentation": (["mask", "segment", "region", "contour"], {}),
                },
            ),
        },
    ),
    "RAG": (
        ["retrieval", "augmented", "generation", "context"],
        {
            "Retrieval": (
                ["search", "index", "recall", "candidates"],
                {
                    "BM25": (["lexical", "term", "frequency", "ranking"], {}),
                    "Vector Search": (["nearest", "neighbour", "cosine", "ann"], {}),
                },
            ),
            "Reranking": (
                ["rerank", "relevance", "precision", "ordering"],
                {
                    "Cross Encoders": (["cross", "encoder", "pairwise", "scoring"], {}),
                    "Heuristic Rerank": (["heuristic", "overlap", "length", "penalty"], {}),
                },
            ),
            "Chunking": (
                ["chunk", "split", "passage", "window"],
                {
                    "Semantic Chunking": (["boundary", "topic", "coherent", "paragraph"], {}),
                    "Fixed Chunking": (["fixed", "size", "overlap", "characters"], {}),
                },
            ),
        },
    ),
    "Data": (
        ["data", "records", "pipeline", "storage"],
        {
            "Databases": (
                ["database", "sql", "query", "tables"],
                {
                    "PostgreSQL": (["postgres", "vacuum", "planner", "wal"], {}),
                    "Indexing": (["btree", "gin", "scan", "selectivity"], {}),
                },
            ),
            "ETL": (
                ["extract", "transform", "load", "batch"],
                {
                    "Streaming": (["stream", "kafka", "events", "realtime"], {}),
                    "Data Quality": (["validation", "duplicates", "schema", "cleaning"], {}),
                },
            ),
        },
    ),
    "Infrastructure": (
        ["infrastructure", "deployment", "servers", "operations"],
        {
            "Cloud": (
                ["cloud", "compute", "region", "instances"],
                {
                    "Kubernetes": (["kubernetes", "pods", "cluster", "helm"], {}),
                    "Serverless": (["serverless", "functions", "coldstart", "lambda"], {}),
                },
            ),
            "Observability": (
                ["monitoring", "metrics", "logs", "tracing"],
                {
                    "Alerting": (["alert", "pager", "threshold", "incident"], {}),
                    "Performance": (["latency", "throughput", "profiling", "benchmark"], {}),
                },
            ),
            "CI CD": (
                ["continuous", "integration", "delivery", "release"],
                {
                    "Testing": (["tests", "coverage", "regression", "fixtures"], {}),
                    "Release Management": (["version", "rollout", "canary", "rollback"], {}),
                },
            ),
        },
    ),
    "Security": (
        ["security", "threat", "protection", "risk"],
        {
            "Authentication": (
                ["login", "password", "identity", "credentials"],
                {
                    "API Keys": (["key", "header", "token", "rotation"], {}),
                    "OAuth": (["oauth", "scope", "grant", "consent"], {}),
                },
            ),
            "Privacy": (
                ["privacy", "personal", "consent", "gdpr"],
                {
                    "Anonymization": (["anonymize", "mask", "pseudonym", "redact"], {}),
                    "Data Retention": (["retention", "delete", "archive", "policy"], {}),
                },
            ),
        },
    ),
    "Product": (
        ["product", "customers", "features", "roadmap"],
        {
            "Support": (
                ["support", "ticket", "customer", "issue"],
                {
                    "Billing": (["invoice", "payment", "refund", "subscription"], {}),
                    "Onboarding": (["onboarding", "setup", "tutorial", "welcome"], {}),
                },
            ),
            "Analytics": (
                ["analytics", "dashboard", "usage", "funnel"],
                {
                    "Experiments": (["experiment", "variant", "conversion", "significance"], {}),
                    "Reporting": (["report", "weekly", "kpi", "export"], {}),
                },
            ),
        },
    ),
}


@dataclass(frozen=True)
class Node:
    node_id: str
    label: str
    path: tuple[str, ...]
    parent_id: str | None
    keywords: tuple[str, ...]

    @property
    def description(self) -> str:
        words = ", ".join(self.keywords)
        where = f" within {self.path[-2]}" if len(self.path) > 1 else ""
        return f"{self.label}{where}: knowledge about {words}."


def taxonomy_nodes(max_depth: int = 3) -> list[Node]:
    """The tree flattened depth-first, with stable node ids n-001, n-002, ..."""
    nodes: list[Node] = []

    def walk(tree: dict, parent: Node | None) -> None:
        for label, (keywords, children) in tree.items():
            path = (*parent.path, label) if parent else (label,)
            if len(path) > max_depth:
                continue
            inherited = tuple(keywords) + (parent.keywords[:2] if parent else ())
            node = Node(
                f"n-{len(nodes) + 1:03d}",
                label,
                path,
                parent.node_id if parent else None,
                inherited,
            )
            nodes.append(node)
            walk(children, node)

    walk(TREE, None)
    return nodes


# --------------------------------------------------------------------------- text

GENERIC = [
    "system",
    "team",
    "service",
    "request",
    "result",
    "value",
    "method",
    "process",
    "approach",
    "quality",
    "users",
    "cost",
    "example",
    "problem",
    "solution",
    "design",
    "change",
    "update",
    "version",
    "large",
    "small",
    "fast",
    "slow",
    "reliable",
    "simple",
    "complex",
    "daily",
    "weekly",
    "production",
    "staging",
    "workflow",
    "document",
    "guide",
    "policy",
    "review",
]
VERBS = [
    "improves",
    "reduces",
    "explains",
    "configures",
    "measures",
    "compares",
    "stores",
    "tracks",
    "detects",
    "builds",
    "handles",
    "optimizes",
    "validates",
    "describes",
    "supports",
]
CASE_VOCAB = [
    "account",
    "invoice",
    "export",
    "report",
    "dashboard",
    "password",
    "token",
    "cluster",
    "index",
    "query",
    "pipeline",
    "model",
    "embedding",
    "chunk",
    "ranking",
    "latency",
    "error",
    "timeout",
    "retry",
    "schedule",
    "backup",
    "restore",
    "migration",
    "upgrade",
    "permission",
    "role",
    "team",
    "project",
    "budget",
    "forecast",
    "alert",
    "incident",
    "metric",
    "deploy",
    "rollback",
    "canary",
    "feature",
    "flag",
    "webhook",
    "integration",
    "sync",
    "cache",
    "memory",
    "storage",
    "bucket",
    "region",
    "language",
    "summary",
    "translation",
    "image",
    "label",
    "dataset",
    "training",
    "evaluation",
    "benchmark",
    "profile",
    "trace",
    "span",
    "log",
    "audit",
    "consent",
    "retention",
    "archive",
    "delete",
    "anonymize",
    "subscription",
    "refund",
    "payment",
    "trial",
    "onboarding",
    "tutorial",
    "survey",
    "experiment",
    "variant",
    "funnel",
    "conversion",
    "kpi",
    "quota",
    "limit",
    "throttle",
    "api",
    "key",
    "header",
    "scope",
    "grant",
    "session",
    "cookie",
    "browser",
    "mobile",
    "desktop",
    "printer",
    "network",
    "proxy",
    "firewall",
    "certificate",
    "domain",
    "email",
    "calendar",
    "notification",
    "reminder",
    "template",
    "workflow",
    "approval",
    "ticket",
    "escalation",
    "sla",
    "priority",
]
CASE_TEMPLATES = (
    "how do I {a} the {b} for {c} {d}",
    "why does the {a} {b} fail after {c} {d}",
    "what is the best way to {a} {b} with {c} and {d}",
    "can you explain {a} {b} when {c} {d} changes",
    "steps to {a} my {b} {c} without losing {d}",
)
ERROR_TYPES = ("TimeoutError", "ValidationError", "RetrievalError", "LLMError", "RateLimitError")
CONTENT_TYPES = ("text/markdown", "application/pdf", "text/html", "text/plain")


def _pick(rng: np.random.Generator, words: list[str] | tuple[str, ...], k: int) -> list[str]:
    return [words[i] for i in rng.integers(0, len(words), size=k)]


def chunk_text(rng: np.random.Generator, node: Node) -> str:
    """120-480 characters (about 300 on average) of English-like sentences about the topic.

    The length matters: search computes to_tsvector over every chunk per request (a cost kept
    from the original), about 50 us per 400 characters here.
    """
    sentences: list[str] = []
    target = int(rng.integers(120, 440))
    while sum(len(s) + 1 for s in sentences) < target:
        kw = _pick(rng, node.keywords, 2)
        gen = _pick(rng, GENERIC, 3)
        verb = _pick(rng, VERBS, 1)[0]
        sentences.append(
            f"The {kw[0]} {gen[0]} {verb} {kw[1]} {gen[1]} for the {gen[2]} "
            f"in {node.label.lower()}."
        )
    return " ".join(sentences)[:480]


def case_query(rng: np.random.Generator, node: Node) -> str:
    template = CASE_TEMPLATES[int(rng.integers(0, len(CASE_TEMPLATES)))]
    words = _pick(rng, CASE_VOCAB, 6)
    text = template.format(a=words[0], b=words[1], c=words[2], d=words[3])
    return f"{text} {words[4]} {words[5]} {node.keywords[int(rng.integers(0, len(node.keywords)))]}"


def near_duplicate(text: str, dim: int) -> str:
    """`text` plus one word, chosen so that the cosine of the two embeddings is above 0.95."""
    base = embed(text, dim)
    for extra in ("please", "today", "again", "quickly", "now", "asap"):
        other = f"{text} {extra}"
        if float(base @ embed(other, dim)) > 0.955:
            return other
    return text  # identical text: similarity 1.0


# --------------------------------------------------------------------------- generation


@dataclass
class Tables:
    taxonomy: list[tuple]
    documents: list[tuple]
    chunks: list[tuple]
    cases: list[tuple]
    logs: list[tuple]


CASE_COLUMNS = (
    "case_id",
    "query",
    "response_text",
    "category_path",
    "query_vector",
    "quality_score",
    "usage_count",
    "success_rate",
    "status",
    "created_at",
    "last_used_at",
    "updated_at",
)
LOG_COLUMNS = (
    "case_id",
    "success",
    "error_type",
    "error_message",
    "execution_time_ms",
    "context",
    "created_at",
)


def _uuids(rng: np.random.Generator, n: int) -> list[uuid.UUID]:
    raw = rng.bytes(16 * n)
    return [uuid.UUID(bytes=raw[16 * i : 16 * i + 16], version=4) for i in range(n)]


def _taxonomy_rows() -> list[tuple]:
    rows = []
    for version, depth in ((OLD_TAXONOMY_VERSION, 2), (TAXONOMY_VERSION, 3)):
        for n in taxonomy_nodes(depth):
            rows.append((n.node_id, version, n.label, list(n.path), n.parent_id, n.description))
    return rows


def _documents_and_chunks(
    rng: np.random.Generator, profile: Profile, leaves: list[Node], dim: int
) -> tuple[list[tuple], list[tuple]]:
    doc_ids = _uuids(rng, profile.documents)
    doc_topic = rng.integers(0, len(leaves), size=profile.documents)
    documents = []
    for i, doc_id in enumerate(doc_ids):
        node = leaves[doc_topic[i]]
        ctype = CONTENT_TYPES[i % len(CONTENT_TYPES)]
        documents.append(
            (
                doc_id,
                f"{node.label} guide {i + 1}",
                f"https://docs.example.com/{node.path[0].lower()}/{i + 1}",
                ctype,
                json.dumps({"topic": node.label, "pages": int(rng.integers(1, 40))}),
                BASE_TIME - timedelta(days=int(rng.integers(0, 365))),
            )
        )
    chunk_ids = _uuids(rng, profile.chunks)
    # Every document gets at least one chunk; the rest are spread at random.
    owners = np.concatenate(
        [
            np.arange(profile.documents),
            rng.integers(0, profile.documents, size=profile.chunks - profile.documents),
        ]
    )
    owners.sort(kind="stable")
    chunks = []
    index_in_doc: dict[int, int] = {}
    for i, owner in enumerate(owners):
        owner = int(owner)
        node = leaves[doc_topic[owner]]
        text = chunk_text(rng, node)
        k = index_in_doc.get(owner, 0)
        index_in_doc[owner] = k + 1
        chunks.append(
            (chunk_ids[i], doc_ids[owner], k, text, list(node.path), to_bytes(embed(text, dim)))
        )
    return documents, chunks


@dataclass
class _Case:
    case_id: str
    node: Node
    query: str
    usage: int
    rate: float  # percent
    last_used_days: float
    logs: int
    slow: bool = False


def _plan_cases(
    rng: np.random.Generator, profile: Profile, leaves: list[Node], dim: int
) -> list[_Case]:
    def node() -> Node:
        return leaves[int(rng.integers(0, len(leaves)))]

    cases: list[_Case] = []
    test_node = leaves[0]
    cases.append(
        _Case(
            "test-001", test_node, "how do I reset the password for my account", 150, 85.0, 2.0, 100
        )
    )
    lo, hi = profile.hot_logs
    for i in range(profile.hot_cases):
        rate = float(rng.choice([15.0, 25.0, 40.0, 60.0, 75.0, 90.0, 97.0]) + rng.uniform(0, 4))
        n = node()
        cases.append(
            _Case(
                f"hot-{i + 1:03d}",
                n,
                case_query(rng, n),
                int(rng.integers(150, 2000)),
                round(rate, 2),
                float(rng.uniform(0, 7)),
                int(rng.integers(lo, hi + 1)),
                slow=bool(i % 10 == 3),
            )
        )
    olo, ohi = profile.other_logs
    for i in range(profile.low_performers):
        n = node()
        cases.append(
            _Case(
                f"low-{i + 1:03d}",
                n,
                case_query(rng, n),
                int(rng.integers(11, 200)),
                round(float(rng.uniform(3, 29)), 2),
                float(rng.uniform(0, 30)),
                int(rng.integers(olo, ohi + 1)),
            )
        )
    for i in range(profile.duplicate_pairs):
        n = node()
        text = case_query(rng, n)
        usage_a = int(rng.integers(50, 400))
        for suffix, query, usage in (
            ("a", text, usage_a),
            ("b", near_duplicate(text, dim), int(rng.integers(1, usage_a))),
        ):
            cases.append(
                _Case(
                    f"dup-{i + 1:03d}{suffix}",
                    n,
                    query,
                    usage,
                    round(float(rng.uniform(45, 98)), 2),
                    float(rng.uniform(0, 30)),
                    int(rng.integers(olo, ohi + 1)),
                )
            )
    for i in range(profile.inactive):
        n = node()
        cases.append(
            _Case(
                f"inactive-{i + 1:03d}",
                n,
                case_query(rng, n),
                int(rng.integers(0, 100)),
                round(float(rng.uniform(40, 99)), 2),
                float(rng.uniform(91, 400)),
                int(rng.integers(olo, ohi + 1)),
            )
        )
    ordinary = profile.cases - len(cases)
    if ordinary < 0:
        raise ValueError(f"profile {profile.name} has fewer cases than well-known ids")
    for i in range(ordinary):
        n = node()
        cases.append(
            _Case(
                f"case-{i + 1:06d}",
                n,
                case_query(rng, n),
                int(rng.integers(0, 500)),
                round(float(rng.uniform(40, 100)), 2),
                float(rng.uniform(0, 60)),
                int(rng.integers(olo, ohi + 1)),
            )
        )
    return cases


def _case_rows(
    rng: np.random.Generator, cases: list[_Case], now: datetime, dim: int
) -> list[tuple]:
    rows = []
    for c in cases:
        created = BASE_TIME - timedelta(days=int(rng.integers(30, 500)))
        rows.append(
            (
                c.case_id,
                c.query,
                f"Answer for: {c.query}",
                list(c.node.path),
                to_bytes(embed(c.query, dim)),
                round(float(rng.uniform(0.2, 1.0)), 3),
                c.usage,
                c.rate,
                "active",
                created,
                now - timedelta(days=c.last_used_days),
                created,
            )
        )
    return rows


def _log_rows(rng: np.random.Generator, cases: list[_Case]) -> list[tuple]:
    counts = np.array([c.logs for c in cases], dtype=np.int64)
    total = int(counts.sum())
    owner = np.repeat(np.arange(len(cases)), counts)
    success = np.zeros(total, dtype=bool)
    start = 0
    for c, n in zip(cases, counts, strict=True):
        n = int(n)
        if n:
            # Exactly round(rate * n) successes, in random order: test-001 has exactly 85/100.
            k = int(round(c.rate / 100.0 * n))
            flags = np.zeros(n, dtype=bool)
            flags[:k] = True
            success[start : start + n] = rng.permutation(flags)
        start += n
    slow = np.array([c.slow for c in cases])[owner]
    times = rng.lognormal(mean=6.3, sigma=0.6, size=total)  # median ~550 ms
    times = np.where(slow, times * 12.0, times).astype(np.int64)
    error_idx = rng.integers(0, len(ERROR_TYPES) + 1, size=total)  # last index = no type
    # created_at: distinct per row, spread over the 60 days before BASE_TIME + 300 days
    offsets = rng.permutation(total) * (60 * 86400 // max(total, 1)) + rng.integers(
        0, 60, size=total
    )
    log_base = BASE_TIME + timedelta(days=300 - 60)
    contexts = [
        json.dumps({"source": s, "attempt": a}) for s in ("api", "batch", "ui") for a in (1, 2)
    ]
    ctx_idx = rng.integers(0, len(contexts), size=total)
    rows = []
    for i in range(total):
        ok = bool(success[i])
        etype = None if ok or error_idx[i] == len(ERROR_TYPES) else ERROR_TYPES[error_idx[i]]
        rows.append(
            (
                cases[owner[i]].case_id,
                ok,
                etype,
                None if ok else f"{etype or 'Error'} while answering",
                int(times[i]),
                contexts[ctx_idx[i]],
                log_base + timedelta(seconds=int(offsets[i])),
            )
        )
    return rows


def generate(
    profile_name: str, *, seed: int = 42, dim: int = 384, now: datetime | None = None
) -> Tables:
    """All rows of a profile, in memory (deterministic for a given seed, except last_used_at)."""
    if profile_name not in PROFILES:
        raise ValueError(f"unknown profile {profile_name!r}; choose one of {', '.join(PROFILES)}")
    profile = PROFILES[profile_name]
    now = now or datetime.now(UTC)
    rng = np.random.default_rng(seed)
    leaves = [n for n in taxonomy_nodes(3) if len(n.path) == 3]
    documents, chunks = _documents_and_chunks(rng, profile, leaves, dim)
    cases = _plan_cases(rng, profile, leaves, dim)
    return Tables(
        taxonomy=_taxonomy_rows(),
        documents=documents,
        chunks=chunks,
        cases=_case_rows(rng, cases, now, dim),
        logs=_log_rows(rng, cases),
    )


async def seed(
    conn: asyncpg.Connection,
    profile: str,
    *,
    seed: int = 42,
    dim: int = 384,
    progress: Callable[[str], None] | None = None,
) -> SeedSummary:
    """Load a profile into a migrated database whose tables are empty, with COPY, then ANALYZE."""
    if profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r}; choose one of {', '.join(PROFILES)}")
    say = progress or (lambda _msg: None)
    if await conn.fetchval("SELECT EXISTS (SELECT 1 FROM case_bank)"):
        raise ValueError("case_bank is not empty: seed needs a freshly migrated database")
    started = time.perf_counter()
    tables = generate(profile, seed=seed, dim=dim)
    say(f"generated {profile} in {time.perf_counter() - started:.1f} s")
    plan = (
        (
            "taxonomy_nodes",
            tables.taxonomy,
            ("node_id", "version", "label", "canonical_path", "parent_id", "description"),
        ),
        (
            "documents",
            tables.documents,
            ("doc_id", "title", "source_url", "content_type", "metadata", "created_at"),
        ),
        (
            "chunks",
            tables.chunks,
            ("chunk_id", "doc_id", "chunk_index", "text", "taxonomy_path", "embedding"),
        ),
        ("case_bank", tables.cases, CASE_COLUMNS),
        ("execution_log", tables.logs, LOG_COLUMNS),
    )
    async with conn.transaction():
        for table, rows, columns in plan:
            t0 = time.perf_counter()
            await conn.copy_records_to_table(table, records=rows, columns=list(columns))
            say(f"{table}: {len(rows):,} rows in {time.perf_counter() - t0:.1f} s")
    t0 = time.perf_counter()
    await conn.execute("ANALYZE")
    say(f"analyze in {time.perf_counter() - t0:.1f} s")
    return SeedSummary(
        profile=profile,
        taxonomy_nodes=len(tables.taxonomy),
        documents=len(tables.documents),
        chunks=len(tables.chunks),
        cases=len(tables.cases),
        execution_logs=len(tables.logs),
        seconds=time.perf_counter() - started,
    )


async def _main(dsn: str, profile: str, seed_value: int) -> None:
    from dtrag.db.migrate import apply_migrations

    conn = await asyncpg.connect(dsn)
    try:
        await apply_migrations(conn)
        summary = await seed(conn, profile, seed=seed_value, progress=print)
        print(summary)
    finally:
        await conn.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Load a dt-rag data profile into a database.")
    parser.add_argument("--dsn", required=True)
    parser.add_argument("--profile", choices=sorted(PROFILES), default="small")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    asyncio.run(_main(args.dsn, args.profile, args.seed))
