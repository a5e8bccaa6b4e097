"""Locust user for the profiling pass: the configured endpoints in a closed loop.

perfci writes the plan (endpoints with their request bodies, the key header and one API key
per user) to the JSON file named by PERFCI_PROFILE_PLAN; every request's latency is appended
to PERFCI_PROFILE_SAMPLES (seconds, one per line) at the end of the test, so that P95 is
computed exactly rather than from Locust's rounded histogram.
"""

from __future__ import annotations

import itertools
import json
import os
import random
from pathlib import Path

from locust import FastHttpUser, constant, events, task

PLAN = json.loads(Path(os.environ["PERFCI_PROFILE_PLAN"]).read_text())
KEYS = itertools.cycle(PLAN["api_keys"])
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
        self.headers = {PLAN["key_header"]: next(KEYS)}
        self.rng = random.Random(PLAN["seed"])

    @task
    def call(self) -> None:
        e = self.rng.choice(PLAN["endpoints"])
        body = self.rng.choice(e["bodies"]) if e["bodies"] else None
        with self.client.request(
            e["method"],
            e["path"],
            json=body,
            headers=self.headers,
            name=e["name"],
            catch_response=True,
        ) as r:
            if r.status_code >= 400 and r.status_code != 409:
                r.failure(f"HTTP {r.status_code}")
            else:
                r.success()
