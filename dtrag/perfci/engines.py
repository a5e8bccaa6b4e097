"""dtrag's engine profile targets: the heavy engines `perfci profile` runs under cProfile.

`perfci.toml` names `targets` as `[profile] engines`. perfci calls it in dtrag's tree with the
environment the API gets, and calls each target's `make(pool)` on an asyncpg pool of the seeded
run database: the reflection batch, the consolidation dry run and the hybrid search, with the
embedding dimension the service is configured with.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import NamedTuple

import asyncpg

from dtrag.core.config import Settings
from dtrag.engines import consolidation, reflection, search
from dtrag.schemas import ConsolidationRequest, SearchRequest


class Target(NamedTuple):
    name: str
    calls: int  # profiled calls, after one warm-up call
    make: Callable[[asyncpg.Pool], Awaitable]  # one call of the engine


def targets() -> list[Target]:
    dim = Settings.from_env().embedding_dim
    return [
        Target("reflection_batch", 2, lambda pool: reflection.analyze_batch(pool, 10)),
        Target(
            "consolidation_dry_run",
            2,
            lambda pool: consolidation.consolidate(pool, ConsolidationRequest(dry_run=True), dim),
        ),
        Target(
            "search",
            5,
            lambda pool: search.hybrid_search(
                pool, SearchRequest(q="vector search reranking latency"), dim
            ),
        ),
    ]
