"""dtrag's Locust users for `perfci load` (named by perfci.toml's `[load] users`): the seed's
user model per area, on request data drawn from the seeded database by
dtrag.perfci.users_data (`[load] data`).

Every user subclasses perfci's `PerfciUser`: think time between(1, 3) s, an X-API-Key of its
own (dtrag's limit of 100 requests per key per minute stays on: a user sends at most 60), every
request recorded exactly. A consolidation run under concurrency legitimately answers 409
(another run holds the advisory lock): counted as expected_409, not as an error.
"""

from __future__ import annotations

from locust import task

from perf.load.common import DATA, PerfciUser


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


# --------------------------------------------------------------------------- reflection


def _analyze(user: PerfciUser) -> None:
    body = {"case_id": user.pick("case_ids"), "limit": 100}
    user.call("POST", "/reflection/analyze", "reflection_analyze", body)


class AnalyzeUser(PerfciUser):
    """POST /reflection/analyze only, a random case with logs each time (SPEC Task 3.1)."""

    abstract = False

    @task
    def analyze(self) -> None:
        _analyze(self)


class ReflectionUser(PerfciUser):
    """The seed's ReflectionLoadTest: analyze (weight 3) and batch (weight 1) (Task 3.2)."""

    abstract = False

    @task(3)
    def analyze(self) -> None:
        _analyze(self)

    @task(1)
    def batch(self) -> None:
        self.call("POST", "/reflection/batch", "reflection_batch", DATA["batch_body"])


# --------------------------------------------------------------------------- consolidation


def _run(user: PerfciUser) -> None:
    user.call("POST", "/consolidation/run", "consolidation_run", DATA["consolidation_body"], True)


def _dry_run(user: PerfciUser) -> None:
    user.call("POST", "/consolidation/dry-run", "consolidation_dry_run", DATA["consolidation_body"])


class ConsolidationRunUser(PerfciUser):
    """POST /consolidation/run only (SPEC Task 4.1)."""

    abstract = False

    @task
    def consolidation_run(self) -> None:
        _run(self)


class DryRunUser(PerfciUser):
    """POST /consolidation/dry-run only (SPEC Task 4.2)."""

    abstract = False

    @task
    def dry_run(self) -> None:
        _dry_run(self)


class ConsolidationUser(PerfciUser):
    """Both, for mixed scenarios: mostly dry runs, sometimes a real run."""

    abstract = False

    @task(3)
    def dry_run(self) -> None:
        _dry_run(self)

    @task(1)
    def consolidation_run(self) -> None:
        _run(self)
