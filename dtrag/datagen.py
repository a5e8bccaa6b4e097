"""Deterministic data generator for dt-rag: taxonomy, documents/chunks, case bank and execution
logs, in the profiles `small`, `default` and `large` (API-CONTRACT.md, "Data sets").

The same seed gives the same rows, except the timestamps that must be relative to the time of
loading because the service compares them with now(): `case_bank.last_used_at` and
`execution_log.created_at` (each case's logs end at its last use). Their offsets from now are
deterministic too. Loading uses COPY (asyncpg's `copy_records_to_table`), one call per table
inside one transaction, followed by VACUUM (ANALYZE).

Well-known ids in every profile, in disjoint groups:
- `test-001`: 100 logs, exactly 85 successful, success_rate 85.0, usage_count 150;
- `hot-NNN`: the cases reflection batch analyzes (100-500 logs each at default scale; every
  other case has fewer than 10 logs, so with test-001 exactly `hot_cases + 1` cases have >= 10);
  a fixed mix of tiers: 10 % under 30 % success, 10 % between 30 and 50 %, 15 % slow (average
  execution time over 5 s);
- `low-NNN`: low performers (success_rate < 30, usage_count > 10);
- `dup-NNNa`/`dup-NNNb`: near-duplicate pairs (query differs by one appended word, cosine of the
  query vectors > 0.95, the `b` side used less);
- `inactive-NNN`: last used more than 90 days ago, usage_count < 100.
Every other case (`case-NNNNNN`) has success_rate >= 40 and was last used within 45 days, so
no ordinary case meets a consolidation rule, and no two queries outside the designed pairs are
near-duplicates.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import asyncpg
import numpy as np

from dtrag.embedding import embed, to_bytes

GENERATOR_VERSION = "3"

BASE_TIME = datetime(2026, 1, 1, tzinfo=UTC)  # fixed origin of every clock-independent timestamp
TAXONOMY_VERSION = "1.8.1"
OLD_TAXONOMY_VERSION = "1.7.0"
DAY_US = 86_400_000_000


@dataclass(frozen=True)
class Profile:
    name: str
    cases: int  # total, well-known groups included
    hot_cases: int  # hot-NNN; with test-001 these are the only cases with >= 10 logs
    hot_logs: tuple[int, int]  # inclusive range of logs per hot case
    documents: int
    chunks: int
    low_performers: int
    duplicate_pairs: int
    inactive: int


PROFILES: dict[str, Profile] = {
    "small": Profile("small", 200, 19, (100, 250), 100, 500, 3, 2, 4),
    "default": Profile("default", 10_000, 99, (100, 500), 2_000, 10_000, 100, 50, 200),
    "large": Profile("large", 100_000, 999, (100, 500), 20_000, 100_000, 1_000, 500, 2_000),
}

# Logs per case outside test-001 and the hot cases: 0-9, skewed high so that the default profile
# reaches about 100,000 logs while reflection batch (min_logs=10) still sees only the hot cases.
OTHER_LOG_WEIGHTS = np.array([1, 1, 2, 3, 5, 8, 12, 18, 22, 28], dtype=float) / 100.0


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

# label -> (keywords, children); three levels, 51 nodes in 1.8.1, the first two levels
# (21 nodes) in 1.7.0.
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
    keywords: tuple[str, ...]  # its own four, then the first two of its parent's
    vocabulary: tuple[str, ...]  # its own keywords, then all of its ancestors'

    @property
    def description(self) -> str:
        words = ", ".join(self.keywords)
        where = f" within {' / '.join(self.path[:-1])}" if len(self.path) > 1 else ""
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
                tuple(keywords) + (parent.vocabulary if parent else ()),
            )
            nodes.append(node)
            walk(children, node)

    walk(TREE, None)
    return nodes


def leaf_nodes() -> list[Node]:
    """The third-level nodes of 1.8.1: every chunk and case is filed under one of them."""
    return [n for n in taxonomy_nodes(3) if len(n.path) == 3]


# --------------------------------------------------------------------------- vocabulary

# fmt: off
GENERIC = (
    "system", "team", "service", "request", "result", "value", "method", "process", "approach",
    "quality", "users", "cost", "example", "problem", "solution", "design", "change", "update",
    "workflow", "document", "guide", "policy", "review", "configuration", "baseline", "budget",
    "limit", "report", "setting", "pattern",
)
ADJECTIVES = (
    "large", "small", "fast", "slow", "reliable", "simple", "complex", "daily", "stable",
    "robust", "careful", "consistent", "efficient", "accurate", "scalable", "predictable",
)
VERBS = (
    "improves", "reduces", "explains", "configures", "measures", "compares", "stores", "tracks",
    "detects", "builds", "handles", "optimizes", "validates", "describes", "supports",
)
CASE_VERBS = (
    "reset", "configure", "export", "import", "debug", "monitor", "rotate", "migrate", "tune",
    "schedule", "restore", "validate", "share", "archive", "refresh", "deploy", "reindex",
    "scale", "audit", "rename", "merge", "split", "retry", "purge", "filter", "tag", "encrypt",
    "compare", "unlock", "revoke", "approve", "disable", "enable", "clone", "sort", "resize",
    "pause", "resume", "preview", "publish", "sync", "throttle", "backfill", "forward", "limit",
)
CASE_NOUNS = (
    "account", "invoice", "report", "dashboard", "password", "token", "cluster", "index",
    "query", "pipeline", "model", "embedding", "chunk", "ranking", "latency", "error", "timeout",
    "backup", "migration", "upgrade", "permission", "role", "project", "forecast", "alert",
    "incident", "metric", "rollback", "canary", "feature", "flag", "webhook", "integration",
    "cache", "memory", "storage", "bucket", "region", "language", "summary", "translation",
    "image", "dataset", "training", "evaluation", "benchmark", "profile", "trace", "span", "log",
    "audit", "consent", "retention", "subscription", "refund", "payment", "trial", "onboarding",
    "tutorial", "survey", "experiment", "variant", "funnel", "conversion", "kpi", "quota", "api",
    "header", "scope", "grant", "session", "cookie", "browser", "mobile", "desktop", "printer",
    "network", "proxy", "firewall", "certificate", "domain", "email", "calendar",
    "notification", "reminder", "template", "approval", "ticket", "escalation", "sla",
    "priority", "tenant", "workspace", "schema", "column", "partition", "replica", "snapshot",
    "volume", "container", "secret", "sandbox", "receipt", "ledger", "catalog", "vendor",
    "contract", "license", "badge", "avatar", "comment", "thread", "attachment", "folder",
    "upload", "download", "shortcut", "widget", "chart", "invite", "group", "channel", "playlist",
    "coupon", "discount", "shipment", "warehouse", "order", "cart", "checkout", "address",
    "phone", "device", "sensor", "firmware", "driver", "plugin", "extension", "theme", "font",
    "locale", "timezone", "currency", "tax", "vat", "payroll", "timesheet", "holiday", "shift",
)
CASE_CONTEXTS = (
    "after upgrading", "in production", "on staging", "for new tenants", "overnight",
    "behind a proxy", "on android", "on ios", "for huge files", "with readonly access",
    "after restoring", "in frankfurt", "under load", "for archived records", "with sso",
    "in sandbox", "on free plans", "since yesterday", "for external guests", "with 2fa",
    "in shared workspaces", "mid migration", "on slow wifi", "via the cli", "through the api",
    "from safari", "from firefox", "on windows", "on linux", "on macos", "during failover",
    "at month end", "for admins only", "for legacy users", "in dark mode", "offline",
    "with vpn enabled", "in bulk", "on a schedule", "per region",
)
# fmt: on
# Every template has at least 11 tokens besides the context, so that appending one word keeps
# the cosine above 0.95 (sqrt(n / (n + 1)) for n distinct tokens) for the designed duplicates.
CASE_TEMPLATES = (
    "how do I {v1} the {n1} {n2} {ctx} when {n3} {n4} uses {kw}",
    "why does {v1} {n1} fail {ctx} with {n2} {n3} and {n4} {kw}",
    "best way to {v1} {n1} {n2} then {v2} {n3} {n4} {ctx} {kw}",
    "the {n1} {n2} breaks {ctx} right after the {n3} team tried to {v1} {kw} {n4}",
    "steps to {v1} my {n1} {n2} without losing {n3} {n4} {ctx} {kw}",
    "can I {v1} the {n1} {n2} before I {v2} {n3} {n4} {kw} {ctx}",
    "where do I {v1} {n1} settings for {n2} {n3} {n4} {kw} {ctx}",
    "our {n1} {n2} is not working {ctx} once I {v1} {n3} {n4} {kw}",
    "we need to {v1} {n1} per {n2} {ctx} using {kw} {n3} {n4}",
    "getting an error when I {v1} the {n1} {ctx} {kw} {n2} {n3} {n4}",
    "is it possible to {v1} {n1} {n2} {ctx} and {v2} {n3} {n4} with {kw}",
    "please help me {v1} {n1} {n2} and {n3} {ctx} for {kw} {n4}",
)
SENTENCES = (
    "The {k1} {g1} {v} {k2} {g2} for the {g3} in {label}.",
    "In {parent}, {k1} {v} the {a} {g1} when {k2} matters.",
    "Teams working on {label} use {k1} and {k2} to keep the {g1} {a}.",
    "A {a} {k1} {g1} {v} {k2} across {root} {g2} work.",
    "This {g1} on {parent} and {label} {v} {k1}, {k2} and the {g2}.",
    "Good {label} practice {v} the {k1} {g1} before the {k2} {g2} changes.",
)
ANSWERS = (
    "Open the {n1} settings, {v1} the {kw} option and save; the change applies to every {n2}.",
    "This usually means the {kw} {n1} is stale: {v1} it and run the {n2} check again.",
    "{v1_cap} the {n1} from the admin page, then confirm the {kw} status of the {n2}.",
    "Ask an owner to {v1} the {n1}; {kw} changes need permission on the {n2}.",
)
DUPLICATE_SUFFIXES = ("please", "today", "again", "quickly", "now", "asap", "thanks", "urgently")
ERROR_TYPES = ("TimeoutError", "ValidationError", "RetrievalError", "LLMError", "RateLimitError")
ERROR_MESSAGES = {
    "TimeoutError": ("LLM call exceeded 30 s", "retrieval timed out after 10 s"),
    "ValidationError": ("response failed schema validation", "query exceeds 10000 characters"),
    "RetrievalError": ("no chunks above the relevance floor", "vector index unavailable"),
    "LLMError": ("model returned an empty completion", "upstream model error 502"),
    "RateLimitError": ("provider rate limit reached (429)", "token budget exhausted"),
    None: ("unclassified failure",),
}
CONTENT_TYPES = ("text/markdown", "application/pdf", "text/html", "text/plain")
URL_SUFFIX = {
    "text/markdown": "md",
    "application/pdf": "pdf",
    "text/html": "html",
    "text/plain": "txt",
}
TITLE_WORDS = ("guide", "handbook", "FAQ", "runbook", "overview", "notes", "reference", "playbook")


def _slug(label: str) -> str:
    return label.lower().replace(" ", "-")


def _take(words: Sequence[str], u: float) -> str:
    """The word a uniform draw in [0, 1) selects (draws are made in bulk, then mapped)."""
    return words[int(u * len(words))]


# --------------------------------------------------------------------------- text


CHUNK_MIN, CHUNK_MAX = 120, 480


def chunk_texts(rng: np.random.Generator, nodes: Sequence[Node]) -> list[str]:
    """One chunk text per node: 120-480 characters (about 300 on average) of English-like
    sentences with the node's path labels, its keywords and its ancestors' (so that a query
    such as "machine learning model training" finds deep-learning chunks in both search legs).

    The length matters: search computes to_tsvector over every chunk per request (a cost kept
    from the original), about 50 us per 400 characters here.
    """
    max_sentences = 10
    targets = rng.integers(CHUNK_MIN, CHUNK_MAX - 40, size=len(nodes))
    draws = rng.random((len(nodes), max_sentences, 8))
    texts = []
    for node, target, d in zip(nodes, targets.tolist(), draws, strict=True):
        root, parent, label = node.path[0], node.path[-2].lower(), node.label.lower()
        text = ""
        for s in d.tolist():
            sentence = _take(SENTENCES, s[0]).format(
                k1=_take(node.keywords, s[1]),
                k2=_take(node.vocabulary, s[2]),
                g1=_take(GENERIC, s[3]),
                g2=_take(GENERIC, s[4]),
                g3=_take(GENERIC, s[5]),
                v=_take(VERBS, s[6]),
                a=_take(ADJECTIVES, s[7]),
                label=label,
                parent=parent,
                root=root,
            )
            candidate = f"{text} {sentence}" if text else sentence
            if len(candidate) > CHUNK_MAX:
                break
            text = candidate
            if len(text) >= target:
                break
        texts.append(text)
    return texts


def case_texts(rng: np.random.Generator, nodes: Sequence[Node]) -> list[tuple[str, str]]:
    """(query, response_text) per node, from templates and a large vocabulary, so that two
    random queries are far from near-duplicates (see `near_duplicate` for designed ones)."""
    draws = rng.random((len(nodes), 12))
    out = []
    for node, d in zip(nodes, draws.tolist(), strict=True):
        words = {
            "v1": _take(CASE_VERBS, d[1]),
            "v2": _take(CASE_VERBS, d[2]),
            "n1": _take(CASE_NOUNS, d[3]),
            "n2": _take(CASE_NOUNS, d[4]),
            "n3": _take(CASE_NOUNS, d[5]),
            "n4": _take(CASE_NOUNS, d[6]),
            "ctx": _take(CASE_CONTEXTS, d[7]),
            "kw": _take(node.keywords, d[8]),
        }
        query = _take(CASE_TEMPLATES, d[0]).format(**words)
        answer = _take(ANSWERS, d[9]).format(v1_cap=words["v1"].capitalize(), **words)
        out.append((query, answer))
    return out


def near_duplicate(text: str, dim: int) -> str | None:
    """`text` plus one appended word, chosen so that the cosine of the two embeddings is above
    0.95 with a margin; None when no word does (hashed tokens that collide and cancel leave
    too few dimensions: the caller then picks another text)."""
    base = embed(text, dim)
    for extra in DUPLICATE_SUFFIXES:
        other = f"{text} {extra}"
        if float(base @ embed(other, dim)) > 0.955:
            return other
    return None


# --------------------------------------------------------------------------- generation


@dataclass
class Tables:
    """All rows of a profile, as the COPY records of each table."""

    taxonomy: list[tuple]
    documents: list[tuple]
    chunks: list[tuple]
    cases: list[tuple]
    logs: list[tuple]


TAXONOMY_COLUMNS = ("node_id", "version", "label", "canonical_path", "parent_id", "description")
DOCUMENT_COLUMNS = ("doc_id", "title", "source_url", "content_type", "metadata", "created_at")
CHUNK_COLUMNS = ("chunk_id", "doc_id", "chunk_index", "text", "taxonomy_path", "embedding")
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


def _fixed_times(offsets_us: np.ndarray) -> list[datetime]:
    """BASE_TIME minus each offset (microseconds): timestamps that never depend on the clock."""
    return [BASE_TIME - timedelta(microseconds=x) for x in offsets_us.tolist()]


def _taxonomy_rows() -> list[tuple]:
    rows = []
    for version, depth in ((OLD_TAXONOMY_VERSION, 2), (TAXONOMY_VERSION, 3)):
        for n in taxonomy_nodes(depth):
            rows.append((n.node_id, version, n.label, list(n.path), n.parent_id, n.description))
    return rows


def _documents_and_chunks(
    rng: np.random.Generator, profile: Profile, leaves: list[Node], dim: int
) -> tuple[list[tuple], list[tuple]]:
    n_docs = profile.documents
    doc_ids = _uuids(rng, n_docs)
    doc_topic = rng.integers(0, len(leaves), size=n_docs)
    title_word = rng.integers(0, len(TITLE_WORDS), size=n_docs)
    pages = rng.integers(1, 80, size=n_docs)
    created = _fixed_times(rng.integers(0, 365 * DAY_US, size=n_docs))
    documents = []
    for i in range(n_docs):
        node = leaves[doc_topic[i]]
        ctype = CONTENT_TYPES[i % len(CONTENT_TYPES)]
        metadata = {
            "topic": node.label,
            "taxonomy_path": list(node.path),
            "pages": int(pages[i]),
            "language": "en",
        }
        doc_id = doc_ids[i]
        documents.append(
            (
                doc_id,
                f"{node.label} {TITLE_WORDS[title_word[i]]} {i + 1}",
                f"https://example.com/docs/{_slug(node.path[0])}/{_slug(node.label)}/"
                f"{doc_id.hex[:12]}.{URL_SUFFIX[ctype]}",
                ctype,
                json.dumps(metadata, sort_keys=True),
                created[i],
            )
        )

    chunk_ids = _uuids(rng, profile.chunks)
    # Every document gets at least one chunk; the rest are spread at random.
    owners = np.concatenate(
        [np.arange(n_docs), rng.integers(0, n_docs, size=profile.chunks - n_docs)]
    )
    owners.sort(kind="stable")
    starts = np.searchsorted(owners, owners, side="left")
    index_in_doc = np.arange(profile.chunks) - starts
    nodes = [leaves[doc_topic[o]] for o in owners.tolist()]
    texts = chunk_texts(rng, nodes)
    chunks = [
        (chunk_ids[i], doc_ids[o], k, text, list(node.path), to_bytes(embed(text, dim)))
        for i, (o, k, text, node) in enumerate(
            zip(owners.tolist(), index_in_doc.tolist(), texts, nodes, strict=True)
        )
    ]
    return documents, chunks


@dataclass
class CasePlan:
    """The case bank as columns (one entry per case), before rows and logs are derived."""

    case_ids: list[str]
    nodes: list[Node]
    queries: list[str]
    answers: list[str]
    usage: np.ndarray  # int
    rate: np.ndarray  # stored success_rate, percent
    log_rate: np.ndarray  # the success rate the case's logs show, percent
    logs: np.ndarray  # int, number of execution_log rows
    slow: np.ndarray  # bool: average execution time over 5 s
    last_used_days: np.ndarray  # float, days before the load
    created_days: np.ndarray  # float, days before BASE_TIME

    def __len__(self) -> int:
        return len(self.case_ids)


def _plan_cases(
    rng: np.random.Generator, profile: Profile, leaves: list[Node], dim: int
) -> CasePlan:
    n_low, n_pairs, n_inactive = profile.low_performers, profile.duplicate_pairs, profile.inactive
    n_hot = profile.hot_cases
    n_ordinary = profile.cases - 1 - n_hot - n_low - 2 * n_pairs - n_inactive
    if n_ordinary < 0:
        raise ValueError(f"profile {profile.name} has fewer cases than well-known ids")

    ids = ["test-001"]
    ids += [f"hot-{i + 1:03d}" for i in range(n_hot)]
    ids += [f"low-{i + 1:03d}" for i in range(n_low)]
    ids += [f"dup-{i + 1:03d}{s}" for i in range(n_pairs) for s in "ab"]
    ids += [f"inactive-{i + 1:03d}" for i in range(n_inactive)]
    ids += [f"case-{i + 1:06d}" for i in range(n_ordinary)]
    n = len(ids)
    hot = slice(1, 1 + n_hot)
    low = slice(hot.stop, hot.stop + n_low)
    dup = slice(low.stop, low.stop + 2 * n_pairs)
    inactive = slice(dup.stop, dup.stop + n_inactive)

    by_label = {leaf.label: leaf for leaf in leaves}
    topic = rng.integers(0, len(leaves), size=n)
    nodes = [leaves[t] for t in topic.tolist()]
    nodes[0] = by_label["API Keys"]
    texts = case_texts(rng, nodes)
    queries = [q for q, _ in texts]
    answers = [a for _, a in texts]
    queries[0] = "how do I reset the password for my account"
    answers[0] = "Open Settings, choose Security, then Reset password; a link is sent by email."
    for k in range(dup.start, dup.stop, 2):  # the b side repeats the a side plus one word
        while (twin := near_duplicate(queries[k], dim)) is None:
            ((queries[k], answers[k]),) = case_texts(rng, [nodes[k]])
        nodes[k + 1], queries[k + 1], answers[k + 1] = nodes[k], twin, answers[k]

    logs = rng.choice(10, size=n, p=OTHER_LOG_WEIGHTS)
    logs[0] = 100
    lo, hi = profile.hot_logs
    logs[hot] = rng.integers(lo, hi + 1, size=n_hot)

    # Stored success rates: ordinary and duplicate cases >= 40 (never low performers),
    # low performers under 30, inactive cases >= 40 (only the inactive rule applies to them).
    rate = rng.uniform(40.0, 100.0, size=n)
    rate[dup] = rng.uniform(45.0, 98.0, size=2 * n_pairs)
    rate[low] = rng.uniform(3.0, 29.0, size=n_low)
    rate = np.round(rate, 2)
    rate[0] = 85.0
    log_rate = rate.copy()

    # Hot tiers by position, so every profile has each kind: 10 % critical (< 30 %), 10 % between
    # 30 and 50 %, the rest 50-99 %; 15 % slow, spread over the tiers.
    tier = np.arange(n_hot) % 10
    hot_rate = np.where(
        tier == 0,
        rng.uniform(8.0, 29.0, size=n_hot),
        np.where(tier == 1, rng.uniform(31.0, 49.0, size=n_hot), rng.uniform(51.0, 99.0, n_hot)),
    )
    hot_logs = logs[hot]
    # Exact rates of whole success counts, so the stored value matches what analyze computes.
    hot_rate = np.round(np.round(hot_rate / 100.0 * hot_logs) / hot_logs * 100.0, 2)
    log_rate[hot] = hot_rate
    # The critical hot cases' stored rate is stale (from before their latest logs): it stays
    # >= 30 so they are not low performers until reflection batch writes the real value, which
    # keeps the well-known groups disjoint.
    rate[hot] = np.where(tier == 0, np.round(hot_rate + 25.0, 2), hot_rate)
    slow = np.zeros(n, dtype=bool)
    slow[hot] = np.isin(np.arange(n_hot) % 20, (0, 1, 5))

    # usage_count >= the case's logs; hot cases and test-001 are used >= 100 times (never
    # inactive), low performers > 10, inactive cases < 100, duplicate b < its a.
    usage = logs + rng.integers(0, 400, size=n)
    usage[0] = 150
    usage[hot] = logs[hot] + rng.integers(50, 1500, size=n_hot)
    usage[low] = logs[low] + rng.integers(11, 200, size=n_low)
    a_side = np.arange(dup.start, dup.stop, 2)
    usage[a_side] = logs[a_side] + rng.integers(60, 400, size=n_pairs)
    usage[a_side + 1] = np.minimum(
        logs[a_side + 1] + rng.integers(1, 50, n_pairs), usage[a_side] - 1
    )
    usage[inactive] = logs[inactive] + rng.integers(0, 90, size=n_inactive)

    # Mostly within the last 30 days, never beyond 45 for ordinary cases: a template database
    # may age up to 45 days before an ordinary case crosses the 90-day inactive line.
    last_used = np.minimum(rng.exponential(10.0, size=n), 45.0)
    last_used[0] = 2.0
    last_used[hot] = rng.uniform(0.0, 7.0, size=n_hot)
    last_used[inactive] = rng.uniform(91.0, 365.0, size=n_inactive)
    created = rng.uniform(30.0, 500.0, size=n)
    created[inactive] = rng.uniform(450.0, 800.0, size=n_inactive)

    return CasePlan(
        case_ids=ids,
        nodes=nodes,
        queries=queries,
        answers=answers,
        usage=usage,
        rate=rate,
        log_rate=log_rate,
        logs=logs,
        slow=slow,
        last_used_days=last_used,
        created_days=created,
    )


def _case_rows(rng: np.random.Generator, plan: CasePlan, now: datetime, dim: int) -> list[tuple]:
    n = len(plan)
    quality = np.round(np.clip(plan.rate / 100.0 * 0.7 + rng.uniform(0.0, 0.3, n), 0, 1), 3)
    created_us = (plan.created_days * DAY_US).astype(np.int64)
    created = _fixed_times(created_us)
    updated = _fixed_times(created_us - rng.integers(0, 20 * DAY_US, size=n))
    last_used_us = (plan.last_used_days * DAY_US).astype(np.int64).tolist()
    return [
        (
            plan.case_ids[i],
            plan.queries[i],
            plan.answers[i],
            list(plan.nodes[i].path),
            to_bytes(embed(plan.queries[i], dim)),
            float(quality[i]),
            int(plan.usage[i]),
            float(plan.rate[i]),
            "active",
            created[i],
            now - timedelta(microseconds=last_used_us[i]),
            updated[i],
        )
        for i in range(n)
    ]


def _contexts() -> list[str]:
    return [
        json.dumps({"source": s, "attempt": a, "top_k": k, "model": m}, sort_keys=True)
        for s in ("api", "batch", "ui")
        for a in (1, 2, 3)
        for k in (5, 12)
        for m in ("local-small", "local-large")
    ]


def _log_rows(rng: np.random.Generator, plan: CasePlan, now: datetime) -> list[tuple]:
    """Execution logs, vectorised, in the order they happened (physical order = time order, as
    an append-only log has; log_id follows it)."""
    counts = plan.logs.astype(np.int64)
    total = int(counts.sum())
    n_cases = len(plan)
    owner = np.repeat(np.arange(n_cases), counts)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])

    # Exactly round(rate * n) successes per case, in random order (test-001: 85 of 100).
    k_success = np.round(plan.log_rate / 100.0 * counts).astype(np.int64)
    rank = np.empty(total, dtype=np.int64)
    order = np.lexsort((rng.random(total), owner))
    rank[order] = np.arange(total) - starts[owner[order]]
    success = rank < k_success[owner]

    # Execution time: lognormal per row around a per-case median; slow cases x12.
    case_median = 450.0 * rng.lognormal(0.0, 0.5, size=n_cases)
    case_median[plan.slow] = rng.uniform(6_500.0, 9_000.0, size=int(plan.slow.sum()))
    times = case_median[owner] * rng.lognormal(-0.18, 0.6, size=total)  # mean ~ case median
    times = np.clip(times, 5, 120_000).astype(np.int64)

    # Failures: each case has a dominant error type (half its typed failures); 15 % untyped.
    dominant = rng.integers(0, len(ERROR_TYPES), size=n_cases)
    err = np.where(
        rng.random(total) < 0.5, dominant[owner], rng.integers(0, len(ERROR_TYPES), size=total)
    )
    untyped = rng.random(total) < 0.15
    message_pick = rng.integers(0, 2, size=total)
    ctx_pick = rng.integers(0, len(_contexts()), size=total)

    # Each case's logs fall in the 60 days before its last use; microsecond offsets are
    # practically distinct, so "latest N logs" is well defined.
    last_used_us = (plan.last_used_days * DAY_US).astype(np.int64)
    offset_us = last_used_us[owner] + rng.integers(0, 60 * DAY_US, size=total)
    by_time = np.argsort(-offset_us, kind="stable")  # oldest first

    contexts = _contexts()
    case_ids = plan.case_ids
    owner_l, success_l, times_l = owner.tolist(), success.tolist(), times.tolist()
    err_l, untyped_l, pick_l = err.tolist(), untyped.tolist(), message_pick.tolist()
    ctx_l, offset_l = ctx_pick.tolist(), offset_us.tolist()
    rows = []
    for i in by_time.tolist():
        ok = success_l[i]
        if ok:
            etype, message = None, None
        else:
            etype = None if untyped_l[i] else ERROR_TYPES[err_l[i]]
            choices = ERROR_MESSAGES[etype]
            message = choices[pick_l[i] % len(choices)]
        rows.append(
            (
                case_ids[owner_l[i]],
                ok,
                etype,
                message,
                times_l[i],
                contexts[ctx_l[i]],
                now - timedelta(microseconds=offset_l[i]),
            )
        )
    return rows


def generate(
    profile_name: str, *, seed: int = 42, dim: int = 384, now: datetime | None = None
) -> Tables:
    """All rows of a profile, in memory. Deterministic for a given seed; `now` (default: the
    current time, whole seconds) only shifts last_used_at and the log timestamps."""
    if profile_name not in PROFILES:
        raise ValueError(f"unknown profile {profile_name!r}; choose one of {', '.join(PROFILES)}")
    profile = PROFILES[profile_name]
    now = now or datetime.now(UTC).replace(microsecond=0)
    # Independent streams per table, so changing one table's generator leaves the others alone.
    docs_rng, cases_rng, logs_rng = (
        np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(3)
    )
    leaves = leaf_nodes()
    documents, chunks = _documents_and_chunks(docs_rng, profile, leaves, dim)
    plan = _plan_cases(cases_rng, profile, leaves, dim)
    return Tables(
        taxonomy=_taxonomy_rows(),
        documents=documents,
        chunks=chunks,
        cases=_case_rows(cases_rng, plan, now, dim),
        logs=_log_rows(logs_rng, plan, now),
    )


# --------------------------------------------------------------------------- loading


async def _plain_indexes(conn: asyncpg.Connection, tables: Sequence[str]) -> list[tuple[str, str]]:
    """(name, definition) of the loaded tables' indexes that back no constraint."""
    rows = await conn.fetch(
        """SELECT i.relname AS name, pg_get_indexdef(x.indexrelid) AS definition
             FROM pg_index x
             JOIN pg_class i ON i.oid = x.indexrelid
            WHERE x.indrelid = ANY (SELECT to_regclass(n) FROM unnest($1::text[]) AS n)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
            ORDER BY i.relname""",
        list(tables),
    )
    return [(r["name"], r["definition"]) for r in rows]


async def seed(
    conn: asyncpg.Connection,
    profile: str,
    *,
    seed: int = 42,
    dim: int = 384,
    progress: Callable[[str], None] | None = None,
) -> SeedSummary:
    """Load a profile into a migrated database whose tables are empty: COPY, then VACUUM (ANALYZE).

    Secondary indexes are dropped for the COPY and recreated from their exact definitions in
    the same transaction (a sorted build is several times faster than row-by-row insertion);
    the schema afterwards is the one the migrations made.
    """
    if profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r}; choose one of {', '.join(PROFILES)}")
    say = progress or (lambda _msg: None)
    if await conn.fetchval("SELECT EXISTS (SELECT 1 FROM case_bank)"):
        raise ValueError("case_bank is not empty: seed needs a freshly migrated database")
    started = time.perf_counter()
    tables = generate(profile, seed=seed, dim=dim)
    say(f"generated {profile} in {time.perf_counter() - started:.1f} s")
    plan = (
        ("taxonomy_nodes", tables.taxonomy, TAXONOMY_COLUMNS),
        ("documents", tables.documents, DOCUMENT_COLUMNS),
        ("chunks", tables.chunks, CHUNK_COLUMNS),
        ("case_bank", tables.cases, CASE_COLUMNS),
        ("execution_log", tables.logs, LOG_COLUMNS),
    )
    async with conn.transaction():
        await conn.execute("SET LOCAL maintenance_work_mem = '256MB'")
        indexes = await _plain_indexes(conn, [table for table, _, _ in plan])
        for name, _ in indexes:
            await conn.execute(f'DROP INDEX "{name}"')
        for table, rows, columns in plan:
            t0 = time.perf_counter()
            await conn.copy_records_to_table(table, records=rows, columns=list(columns))
            say(f"{table}: {len(rows):,} rows in {time.perf_counter() - t0:.1f} s")
        t0 = time.perf_counter()
        for _, definition in indexes:
            await conn.execute(definition)
        if indexes:
            say(f"{len(indexes)} indexes rebuilt in {time.perf_counter() - t0:.1f} s")
    # VACUUM as well as ANALYZE: a production database has been vacuumed (autovacuum), so its
    # visibility map lets index-only scans skip the heap. Straight after COPY nothing is marked
    # all-visible, and the planner prices index-only scans as heap scans (the batch's latest-logs
    # read then sorted every log of its cases: 67 ms against 17 ms).
    t0 = time.perf_counter()
    await conn.execute("VACUUM (ANALYZE)")
    say(f"vacuum and analyze in {time.perf_counter() - t0:.1f} s")
    return SeedSummary(
        profile=profile,
        taxonomy_nodes=len(tables.taxonomy),
        documents=len(tables.documents),
        chunks=len(tables.chunks),
        cases=len(tables.cases),
        execution_logs=len(tables.logs),
        seconds=time.perf_counter() - started,
    )


async def _main(dsn: str, profile: str, seed_value: int, dim: int) -> SeedSummary:
    from dtrag.db.migrate import apply_migrations

    conn = await asyncpg.connect(dsn)
    try:
        await apply_migrations(conn)
        return await seed(conn, profile, seed=seed_value, dim=dim, progress=print)
    finally:
        await conn.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m dtrag.datagen",
        description="Migrate a database and load a dt-rag data profile into it.",
    )
    parser.add_argument("--dsn", required=True, help="PostgreSQL DSN of an empty database")
    parser.add_argument("--profile", choices=list(PROFILES), default="small")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--dim", type=int, default=384, help="embedding dimension")
    args = parser.parse_args(argv)
    try:
        summary = asyncio.run(_main(args.dsn, args.profile, args.seed, args.dim))
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except (OSError, asyncpg.PostgresError) as exc:
        print(f"error: database {args.dsn!r}: {exc}", file=sys.stderr)
        return 3
    print(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
