"""Locust users of the load A/B: each one sends every request of the mix to both arms.

perfci writes the plan to the JSON file named by PERFCI_LOADAB_PLAN: the two arms' URLs and
headers, per endpoint its weight, the status a valid response has and its concrete requests
(perf.driver resolved payloads). A user draws a request from the weighted mix and sends it to
one arm, then the same request to the other; which arm goes first alternates from pair to pair
and between users. So at every moment the arms receive the same mix at the same concurrency,
and a burst of machine noise hits both alike. Each request is timed here with
time.perf_counter() around the call (Locust's own histogram rounds) and appended, at the end of
the test, to PERFCI_LOADAB_SAMPLES as one JSON line per pair: start time, endpoint, and per
arm the latency in seconds or null for a failed request. Each request carries the header
X-Perfci-Endpoint (the endpoint's name) for perfci's event-loop watch in the server. Nothing
of the service, and nothing of perfci, is imported here.
"""

from __future__ import annotations

import json
import os
import random
import time
from itertools import count
from pathlib import Path

from locust import FastHttpUser, constant, events, task

PLAN = json.loads(Path(os.environ["PERFCI_LOADAB_PLAN"]).read_text())
ENDPOINTS = [e for e in PLAN["endpoints"] if e["weight"] > 0]
WEIGHTS = [e["weight"] for e in ENDPOINTS]
ARMS = PLAN["arms"]  # {"base": {"url": ..., "headers": {...}}, "head": {...}}
PAIRS: list[str] = []
T0 = time.time()
USER_IDS = count()


@events.test_stop.add_listener
def _dump(environment, **kw) -> None:
    with open(os.environ["PERFCI_LOADAB_SAMPLES"], "a") as fh:
        fh.write("".join(PAIRS))


class PairUser(FastHttpUser):
    wait_time = constant(0)  # closed loop: each user keeps one request in flight
    host = ARMS["base"]["url"]

    def on_start(self) -> None:
        self.index = next(USER_IDS)
        self.rng = random.Random(PLAN["seed"] * 1000 + self.index)
        self.pair = 0

    def _one(self, arm: str, e: dict, req: dict) -> float | None:
        kwargs = {"json": req["json"]} if "json" in req else {}
        started = time.perf_counter()
        with self.client.request(
            req["method"],
            ARMS[arm]["url"] + req["url"],
            headers={**ARMS[arm]["headers"], "X-Perfci-Endpoint": e["name"]},
            name=f"{arm} {e['name']}",
            catch_response=True,
            **kwargs,
        ) as r:
            took = time.perf_counter() - started
            if r.status_code == e["expect_status"]:
                r.success()
                return took
            r.failure(f"HTTP {r.status_code} (expected {e['expect_status']})")
            return None

    @task
    def pair(self) -> None:
        e = self.rng.choices(ENDPOINTS, WEIGHTS)[0]
        req = self.rng.choice(e["requests"])
        order = ("base", "head") if (self.pair + self.index) % 2 == 0 else ("head", "base")
        self.pair += 1
        t = time.time() - T0
        got = {arm: self._one(arm, e, req) for arm in order}
        PAIRS.append(
            json.dumps({"t": round(t, 4), "e": e["name"], "first": order[0], **got}) + "\n"
        )
