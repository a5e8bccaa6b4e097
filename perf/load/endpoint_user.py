"""perf's generic Locust user: the config's endpoints, each chosen by its `weight`.

A service needs no hand-written users for a load test: this user sends the endpoints of the
scenario (every `[[endpoints]]` entry of weight above 0, a matrix row's `endpoint`, or a
scenario's `endpoints = [...]`), each request drawn at random from the ones perf.driver made
for that endpoint on the seeded database (payload source, sampled rows or the literal body),
with the service's auth (perf.load.common.PerfciUser). A response is a success when its status
is the endpoint's `expect.status` (200 unless configured); the response checks of the benchmarks
are not run here, they would spend the load generator's CPU on parsing every body.
"""

from __future__ import annotations

from locust import task

from perf.driver import Request
from perf.load.common import PLAN, PerfciUser

# endpoint name → the requests drawn for it (perf.driver.requests_for), as written in the plan
REQUESTS: dict[str, list[Request]] = {
    name: [Request(r["method"], r["path"], r["json"], r["params"]) for r in requests]
    for name, requests in PLAN.get("requests", {}).items()
}


class EndpointUser(PerfciUser):
    """Each task: one endpoint of the scenario by weight, one of its requests at random."""

    abstract = False

    def on_start(self) -> None:
        super().on_start()
        self.endpoints = list(PLAN.get("endpoints", []))
        self.weights = [e["weight"] for e in self.endpoints]

    @task
    def send(self) -> None:
        endpoint = self.rng.choices(self.endpoints, self.weights)[0]
        request = self.rng.choice(REQUESTS[endpoint["name"]])
        kwargs = request.kwargs()
        self.call(
            request.method,
            request.path,
            endpoint["name"],
            kwargs.get("json"),
            params=kwargs.get("params"),
            expect_status=endpoint["expect_status"],
        )
