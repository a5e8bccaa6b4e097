"""Response checks: every benchmark proves it timed the successful, non-empty response it
claims to time (a benchmark of an empty-data path is worse than none).

A check is `def name(body) -> None` raising AssertionError with the reason.
"""

from __future__ import annotations

from typing import Any


class EmptyResult(AssertionError):
    """The endpoint answered, but with nothing: the benchmark would time the wrong path."""


def require(condition: bool, message: str) -> None:
    if not condition:
        raise EmptyResult(message)


def health_ok(body: Any) -> None:
    require(body.get("database") == "connected", f"database not connected: {body}")


def classified(body: Any) -> None:
    require(bool(body.get("candidates")), "classify returned no candidate")


def search_hits(body: Any) -> None:
    require(bool(body.get("hits")), "search returned no hits")


def taxonomy_nodes(body: Any) -> None:
    require(body.get("total_nodes", 0) > 0 and bool(body.get("nodes")), "empty taxonomy tree")


def analyzed_logs(body: Any) -> None:
    require(body.get("total_executions", 0) > 0, f"case {body.get('case_id')} has no logs")


def batch_analyzed(body: Any) -> None:
    require(body.get("analyzed_cases", 0) > 0, "reflection batch analyzed no case")


def consolidated(body: Any) -> None:
    moved = body.get("removed_cases", 0) + body.get("merged_cases", 0)
    moved += body.get("archived_cases", 0)
    require(moved > 0 and body.get("dry_run") is False, "consolidation run moved no case")


def consolidation_planned(body: Any) -> None:
    moved = body.get("removed_cases", 0) + body.get("merged_cases", 0)
    moved += body.get("archived_cases", 0)
    require(moved > 0 and body.get("dry_run") is True, "consolidation dry-run found nothing")
