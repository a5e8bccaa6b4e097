"""dtrag's perfci plugin: what perfci needs of dtrag beyond its configuration (`perfci.toml`
names this module as `[service] plugin`). perfci imports it by that name and never imports
dtrag itself.

- payload sources (`payloads = "<name>"` of an endpoint): `async def name(conn) -> list[body]`,
  bodies drawn from the seeded database;
- response checks (`expect = "<name>"`): `def name(body) -> None`, raising AssertionError when
  the response is not the non-empty one the benchmark claims to time.
"""

from dtrag.perfci.checks import (  # noqa: F401
    analyzed_logs,
    batch_analyzed,
    classified,
    consolidated,
    consolidation_planned,
    health_ok,
    search_hits,
    taxonomy_nodes,
)
from dtrag.perfci.payloads import classify_texts, hot_cases, search_queries  # noqa: F401

# Where perf.eval.detection injects its known slowdowns and its N+1 (scratch commits): right
# after this line of reflection analyze's path; the N+1 adds one query per log.
DETECTION = {
    "file": "dtrag/engines/reflection.py",
    "anchor": "        logs = await repo.fetch_recent_logs(conn, case_id, limit)\n",
    "endpoint": "reflection_analyze",
    "nplus1": "        for _log in logs[:10]:\n            await conn.fetchval('SELECT 1')\n",
    # Concurrency-only scenarios of the load A/B (`lock`, `blocking`): a line with an `await`
    # on the endpoint's path, the search's read of every chunk vector (its longest wait).
    "concurrency": {
        "file": "dtrag/engines/search.py",
        "anchor": "        ids, matrix = await repo.fetch_chunk_vectors(conn, filters, dim)\n",
        "endpoint": "search",
    },
}
