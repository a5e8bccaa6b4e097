"""Payload sources for dtrag's endpoint benchmarks, drawn from the seeded data.

A source is `async def name(conn) -> list[body]`; the benchmark cycles through the bodies in
order, so both arms of a comparison send the same sequence.
"""

from __future__ import annotations

import asyncpg


async def hot_cases(conn: asyncpg.Connection) -> list[dict]:
    """Analyze requests for the cases with the most logs (the ones that cost something)."""
    rows = await conn.fetch(
        "SELECT case_id FROM execution_log GROUP BY case_id"
        " HAVING count(*) >= 100 ORDER BY count(*) DESC, case_id LIMIT 20"
    )
    return [{"case_id": r["case_id"], "limit": 100} for r in rows]


async def classify_texts(conn: asyncpg.Connection) -> list[dict]:
    """Texts made from case queries: real phrasing, spread over the taxonomy."""
    rows = await conn.fetch("SELECT query FROM case_bank ORDER BY case_id LIMIT 20")
    return [{"text": r["query"]} for r in rows]


async def search_queries(conn: asyncpg.Connection) -> list[dict]:
    """Queries built from taxonomy labels and descriptions, so that both legs find chunks."""
    rows = await conn.fetch(
        "SELECT label, description FROM taxonomy_nodes"
        " WHERE version = '1.8.1' AND cardinality(canonical_path) = 3 ORDER BY node_id LIMIT 20"
    )
    queries = []
    for r in rows:
        words = r["description"].split(":", 1)[-1].replace(",", " ").split()[2:5]
        queries.append({"q": f"{r['label']} {' '.join(words)}"})
    return queries
