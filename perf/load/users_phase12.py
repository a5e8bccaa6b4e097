"""Locust users for the Phase 1–2 endpoints: classify, hybrid search, the taxonomy tree."""

from __future__ import annotations

from locust import task

from perf.load.common import PerfciUser


class Phase12User(PerfciUser):
    """Classify and search with texts from the seeded data (case queries, taxonomy wording),
    and the taxonomy tree."""

    abstract = False

    @task(2)
    def classify(self) -> None:
        self.call("POST", "/classify", "classify", {"text": self.pick("classify_texts")})

    @task(2)
    def search(self) -> None:
        self.call("POST", "/search", "search", {"q": self.pick("search_queries")})

    @task(1)
    def taxonomy_tree(self) -> None:
        self.call("GET", "/taxonomy/latest/tree", "taxonomy_tree")
