"""Locust users for consolidation. A run under concurrency legitimately answers 409 (another
run holds the advisory lock): counted as expected_409, not as an error."""

from __future__ import annotations

from locust import task

from perf.load.common import DATA, PerfciUser


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
