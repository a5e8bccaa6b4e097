"""Locust user for the profiling pass: the scenario's endpoints in a closed loop.

perfci writes the plan to the JSON file named by PERFCI_PROFILE_PLAN: per endpoint its weight,
the status a valid response has and its concrete requests (perf.driver resolved payloads,
sampled path parameters and query strings), and the headers that authenticate (perf.driver's
auth, logged in once by perfci before the pass). Every successful request's latency is
appended to PERFCI_PROFILE_SAMPLES (seconds, one per line) at the end of the test, so that P95
is computed exactly rather than from Locust's rounded histogram. Nothing of the service, and
nothing of perfci, is imported here.
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

from locust import FastHttpUser, constant, events, task

PLAN = json.loads(Path(os.environ["PERFCI_PROFILE_PLAN"]).read_text())
ENDPOINTS = [e for e in PLAN["endpoints"] if e["weight"] > 0]
WEIGHTS = [e["weight"] for e in ENDPOINTS]
LATENCIES: list[float] = []


@events.request.add_listener
def _record(request_type, name, response_time, response_length, exception, **kw) -> None:
    if exception is None:
        LATENCIES.append(response_time / 1000.0)


@events.test_stop.add_listener
def _dump(environment, **kw) -> None:
    with open(os.environ["PERFCI_PROFILE_SAMPLES"], "a") as fh:
        fh.write("".join(f"{v:.6f}\n" for v in LATENCIES))


class EndpointUser(FastHttpUser):
    wait_time = constant(0)  # closed loop: throughput is what the server can do

    def on_start(self) -> None:
        self.rng = random.Random(PLAN["seed"])

    @task
    def call(self) -> None:
        e = self.rng.choices(ENDPOINTS, WEIGHTS)[0]
        req = self.rng.choice(e["requests"])
        kwargs = {"json": req["json"]} if "json" in req else {}
        with self.client.request(
            req["method"],
            req["url"],
            headers=PLAN["headers"],
            name=e["name"],
            catch_response=True,
            **kwargs,
        ) as r:
            if r.status_code == e["expect_status"]:
                r.success()
            else:
                r.failure(f"HTTP {r.status_code} (expected {e['expect_status']})")
