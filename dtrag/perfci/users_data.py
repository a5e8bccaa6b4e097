"""Request data of dtrag's Locust users (dtrag.perfci.users), drawn once from the seeded
database before a load test (perfci.toml's `[load] data`): the users read it as
`perf.load.common.DATA`. No Locust here: perfci calls this in its own process.
"""

from __future__ import annotations

import asyncpg

BATCH_MIN_LOGS = 10  # POST /reflection/batch body: cases with at least this many logs


async def request_data(conn: asyncpg.Connection, limit: int = 2000) -> dict:
    """Many case ids and query texts from the seeded database (a fixed pseudo-random sample):
    up to 2,000 case ids that have logs, 500 case queries as classify texts, taxonomy wording
    and case queries as search texts."""
    cases = await conn.fetch(
        "SELECT case_id FROM execution_log GROUP BY case_id ORDER BY md5(case_id) LIMIT $1",
        limit,
    )
    texts = await conn.fetch(
        "SELECT query FROM case_bank WHERE length(query) > 0 ORDER BY md5(case_id) LIMIT $1",
        limit // 4,
    )
    nodes = await conn.fetch(
        "SELECT label, description FROM taxonomy_nodes WHERE description IS NOT NULL"
        " ORDER BY node_id"
    )
    search = []
    for r in nodes:
        words = (r["description"] or "").split(":", 1)[-1].replace(",", " ").split()[2:5]
        search.append(f"{r['label']} {' '.join(words)}".strip())
    search += [r["query"][:200] for r in texts[:200]]
    data = {
        "case_ids": [r["case_id"] for r in cases],
        "classify_texts": [r["query"][:2000] for r in texts],
        "search_queries": search,
        "batch_body": {"min_logs": BATCH_MIN_LOGS},
        "consolidation_body": {},
    }
    empty = [k for k, v in data.items() if isinstance(v, list) and not v]
    if empty:
        raise RuntimeError(f"the seeded database has no data for {', '.join(empty)}")
    return data
