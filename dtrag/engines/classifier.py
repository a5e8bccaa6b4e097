"""Text classification onto the latest taxonomy: embedding similarity with a keyword fallback."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from dtrag.db import repo
from dtrag.embedding import embed, embed_many, tokenize
from dtrag.engines.taxonomy import latest_version
from dtrag.schemas import ClassifyCandidate, ClassifyResponse

HITL_THRESHOLD = 0.70
# A cosine of FULL_CONFIDENCE_SIMILARITY or more between two hashed bag-of-words vectors means
# most of the text's tokens appear in the node's label and description.
FULL_CONFIDENCE_SIMILARITY = 0.5
# Below this best similarity the embedding carries too little signal: try keywords instead.
WEAK_SIMILARITY = 0.10
# Keyword evidence alone never clears the HITL threshold.
KEYWORD_CONFIDENCE_CAP = 0.60
TOP_CANDIDATES = 3


class TaxonomyUnavailable(RuntimeError):
    """No taxonomy node exists, so nothing can be classified."""


@dataclass(frozen=True)
class NodeScore:
    node: repo.TaxonomyNodeRow
    confidence: float


def similarity_confidence(similarity: float) -> float:
    """Confidence from cosine similarity: `similarity / 0.5`, clipped to 0..1, 4 dp.

    The mapping is linear so that candidates keep the order of their similarities; a cosine
    of 0.5 or more (most tokens shared) is full confidence, 0.35 reaches the 0.70 HITL line.
    """
    return round(float(np.clip(similarity / FULL_CONFIDENCE_SIMILARITY, 0.0, 1.0)), 4)


def keyword_confidence(overlap: float) -> float:
    """Confidence from keyword overlap (0..1 share of a node's label/path tokens found in the
    text): `0.6 * overlap`, 4 dp, so a keyword-only match always goes to human review."""
    return round(KEYWORD_CONFIDENCE_CAP * float(np.clip(overlap, 0.0, 1.0)), 4)


def node_text(node: repo.TaxonomyNodeRow) -> str:
    """What a node is embedded from: its label and description."""
    return f"{node.label} {node.description}"


def keyword_overlap(text_tokens: set[str], node: repo.TaxonomyNodeRow) -> float:
    """Share of the node's label and path tokens that occur in the text."""
    node_tokens = set(tokenize(" ".join([node.label, *node.canonical_path])))
    if not node_tokens:
        return 0.0
    return len(node_tokens & text_tokens) / len(node_tokens)


def rank_by_similarity(
    text_vec: np.ndarray, nodes: Sequence[repo.TaxonomyNodeRow], dim: int
) -> tuple[np.ndarray, np.ndarray]:
    """Cosine similarity of the text with every node, and node indices best first (stable)."""
    # Structural cost kept from the original: node descriptions (and the text) are embedded
    # on every request, no cache.
    matrix = embed_many((node_text(n) for n in nodes), dim)
    sims = matrix @ text_vec
    order = np.argsort(-sims, kind="stable")
    return sims, order


def classify_text(text: str, nodes: Sequence[repo.TaxonomyNodeRow], dim: int) -> ClassifyResponse:
    """Classify `text` against `nodes` (all of one taxonomy version, non-empty)."""
    version = nodes[0].version
    text_tokens = tokenize(text)
    text_vec = embed(text, dim)
    sims, order = rank_by_similarity(text_vec, nodes, dim)
    best_sim = float(sims[order[0]])
    reasoning = [
        f"Compared {len(text_tokens)} text token(s) with {len(nodes)} node(s) "
        f"of taxonomy {version}",
    ]

    scored = [NodeScore(nodes[i], similarity_confidence(float(sims[i]))) for i in order]
    method = "embedding"
    if best_sim < WEAK_SIMILARITY:
        token_set = set(text_tokens)
        overlaps = [keyword_overlap(token_set, n) for n in nodes]
        if max(overlaps, default=0.0) > 0.0:
            method = "keyword"
            ranked = sorted(range(len(nodes)), key=lambda i: (-overlaps[i], -sims[i], i))
            scored = [NodeScore(nodes[i], keyword_confidence(overlaps[i])) for i in ranked]
            reasoning.append(
                f"Best cosine similarity {best_sim:.4f} is below {WEAK_SIMILARITY}: "
                "keyword fallback on node labels and paths"
            )
        else:
            reasoning.append(
                f"Best cosine similarity {best_sim:.4f} is below {WEAK_SIMILARITY} "
                "and no keyword matches a node label"
            )

    best = scored[0]
    if method == "embedding":
        reasoning.append(
            f"Best match '{best.node.label}' with cosine similarity {best_sim:.4f} "
            f"(confidence {best.confidence:.4f})"
        )
    else:
        reasoning.append(
            f"Best keyword match '{best.node.label}' (confidence {best.confidence:.4f})"
        )
    hitl = best.confidence < HITL_THRESHOLD
    if hitl:
        reasoning.append(f"Confidence below {HITL_THRESHOLD:.2f}: flagged for human review")

    return ClassifyResponse(
        canonical=best.node.canonical_path,
        candidates=[
            ClassifyCandidate(
                node_id=s.node.node_id,
                label=s.node.label,
                canonical_path=s.node.canonical_path,
                version=s.node.version,
                confidence=s.confidence,
            )
            for s in scored[:TOP_CANDIDATES]
        ],
        hitl=hitl,
        confidence=best.confidence,
        reasoning=reasoning,
        request_id=uuid.uuid4(),
        taxonomy_version=version,
    )


async def classify(db: repo.Db, text: str, dim: int) -> ClassifyResponse:
    """Classify against the newest taxonomy version (by semantic version)."""
    version = latest_version(await repo.fetch_taxonomy_versions(db))
    if version is None:
        raise TaxonomyUnavailable("No taxonomy is loaded")
    nodes = await repo.fetch_taxonomy_nodes(db, version)
    if not nodes:  # the version vanished between the two reads
        raise TaxonomyUnavailable(f"Taxonomy {version} has no node")
    return classify_text(text, nodes, dim)
