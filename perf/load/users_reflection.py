"""Locust users for reflection: analyze of one case, and the seed's analyze : batch = 3 : 1."""

from __future__ import annotations

from locust import task

from perf.load.common import DATA, PerfciUser


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
