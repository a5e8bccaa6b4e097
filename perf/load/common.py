"""What every load locustfile shares: the plan perfci wrote, the base class of every user (one
API key or login per simulated user, the seed's user model), and the recording of every
request with microsecond resolution.

perfci writes the plan (request data drawn from the seeded database, API keys, the service's
auth, think time, the shape) to the JSON file named by PERFCI_LOAD_PLAN. Every request event
(Locust's `events.request`) becomes a row: start time, end time (epoch seconds), latency
(seconds, from Locust's float milliseconds: Locust rounds only in its own statistics), request
name and outcome (ok, fail, expected_409, unfinished). A local run appends them to
`samples-<pid>.tsv` in the plan's sample directory; workers (`--processes N`, or on other
machines) send them to the master with Locust's message channel, which writes one file per
worker. The master (or the local runner) writes the user count per second and Locust's CPU
warning to its status file.

A service's own users subclass `PerfciUser` (like Locust's users subclass `User`): `self.call`
sends one request with the user's auth headers and records it, `self.pick(key)` draws from the
request data the config's `[load] data` function returned (`DATA`).
"""

from __future__ import annotations

import itertools
import json
import os
import random
import time
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import Request, urlopen

import gevent
import locust.runners
from gevent import GreenletExit
from locust import FastHttpUser, between, events
from locust.exception import StopUser
from locust.runners import MasterRunner, WorkerRunner

from perf.driver import auth_headers
from perf.errors import PerfciError
from perf.service import Auth

PLAN_ENV = "PERFCI_LOAD_PLAN"
# Test hooks: lower Locust's CPU-warning threshold / monitor interval (its own mechanism).
CPU_THRESHOLD_ENV = "PERFCI_LOAD_CPU_WARNING_THRESHOLD"
CPU_INTERVAL_ENV = "PERFCI_LOAD_CPU_MONITOR_INTERVAL"


def _load_plan() -> dict:
    path = os.environ.get(PLAN_ENV)
    if not path:
        raise RuntimeError(
            f"{PLAN_ENV} is not set: it names the plan JSON that `perfci load` writes "
            "(see docs/load-testing.md for running these locustfiles by hand)"
        )
    return json.loads(Path(path).read_text())


PLAN = _load_plan()
DATA = PLAN["data"]
SAMPLES_DIR = Path(PLAN["samples_dir"])

if os.environ.get(CPU_THRESHOLD_ENV):
    locust.runners.CPU_WARNING_THRESHOLD = float(os.environ[CPU_THRESHOLD_ENV])
if os.environ.get(CPU_INTERVAL_ENV):
    locust.runners.CPU_MONITOR_INTERVAL = float(os.environ[CPU_INTERVAL_ENV])


class Recorder:
    """Rows of this process, appended to its own file every second and at the end."""

    def __init__(self) -> None:
        self.rows: list[str] = []

    def add(self, start: float, end: float, seconds: float, name: str, outcome: str) -> None:
        self.rows.append(f"{start:.6f}\t{end:.6f}\t{seconds:.6f}\t{name}\t{outcome}\n")

    def flush(self) -> None:
        """Locally (one process, or the master): append to this process's file. On a worker:
        send them to the master with Locust's own message channel, so that workers on other
        machines need no shared disk."""
        if not self.rows:
            return
        rows, self.rows = self.rows, []
        runner = ENV.runner if ENV is not None else None
        if isinstance(runner, WorkerRunner):
            runner.send_message(SAMPLES_MESSAGE, rows)
        else:
            write_rows(f"samples-{os.getpid()}.tsv", rows)


def write_rows(filename: str, rows: list[str]) -> None:
    with open(SAMPLES_DIR / filename, "a") as fh:
        fh.write("".join(rows))


def _on_worker_samples(environment, msg, **kw) -> None:
    """Master: a worker's rows go to a file of that worker's."""
    node = "".join(c if c.isalnum() or c in "-_" else "_" for c in str(msg.node_id))
    write_rows(f"samples-{node}.tsv", list(msg.data))


RECORDER = Recorder()
SAMPLES_MESSAGE = "perfci_samples"
ENV = None  # the Locust environment of this process (set at init)


@events.request.add_listener
def _record(request_type, name, response_time, response_length, exception=None, **kw) -> None:
    end = time.time()
    seconds = response_time / 1000.0
    start = kw.get("start_time") or end - seconds
    response = kw.get("response")
    status = getattr(response, "status_code", 0) or 0
    outcome = "fail" if exception else ("expected_409" if status == 409 else "ok")
    RECORDER.add(start, end, seconds, name, outcome)


def _flush_every_second() -> None:
    while True:
        gevent.sleep(1.0)
        RECORDER.flush()


def _users_every_second(environment) -> None:
    with open(SAMPLES_DIR / "users.tsv", "a") as fh:
        while True:
            runner = environment.runner
            if runner is not None:
                fh.write(f"{time.time():.3f}\t{runner.user_count}\n")
                fh.flush()
            gevent.sleep(1.0)


@events.init.add_listener
def _on_init(environment, **kw) -> None:
    global ENV
    ENV = environment
    if os.environ.get("PERFCI_DIE_WITH_PARENT"):
        # set by perfci for the Locust it starts, inherited by the workers that Locust forks
        # (--processes): they die with their master, as the master dies with perfci
        from perf.procs import set_parent_death_signal

        set_parent_death_signal()
    if isinstance(environment.runner, MasterRunner):
        environment.runner.register_message(SAMPLES_MESSAGE, _on_worker_samples)
    gevent.spawn(_flush_every_second)
    if not isinstance(environment.runner, WorkerRunner):
        gevent.spawn(_users_every_second, environment)


@events.test_start.add_listener
def _on_test_start(environment, **kw) -> None:
    if not isinstance(environment.runner, WorkerRunner):
        (SAMPLES_DIR / "start.txt").write_text(f"{time.time():.6f}")


@events.test_stop.add_listener
def _on_test_stop(environment, **kw) -> None:
    RECORDER.flush()


@events.quitting.add_listener
def _on_quitting(environment, **kw) -> None:
    RECORDER.flush()
    runner = environment.runner
    if runner is None or isinstance(runner, WorkerRunner):
        return
    status = {
        "cpu_warning": bool(runner.cpu_warning_emitted),
        "worker_cpu_warning": bool(getattr(runner, "worker_cpu_warning_emitted", False)),
        "cpu_threshold": locust.runners.CPU_WARNING_THRESHOLD,
        # Locust's own totals, final (its stats CSV is rewritten only every second, so it can
        # miss the requests that finished while the users stopped)
        "locust_requests": runner.stats.total.num_requests,
        "locust_failures": runner.stats.total.num_failures,
    }
    (SAMPLES_DIR / "status.json").write_text(json.dumps(status))


_key_counter = itertools.count()


def next_api_key(environment) -> str:
    """A key of its own for every simulated user, also across worker processes: worker w of
    n takes keys w, w+n, w+2n, ... (keys are reused only beyond the pool's size)."""
    keys = PLAN["api_keys"]
    n = max(int(PLAN.get("processes", 1)), 1)
    w = max(int(getattr(environment.runner, "worker_index", 0) or 0), 0)
    return keys[(next(_key_counter) * n + w) % len(keys)]


class PerfciUser(FastHttpUser):
    """The seed's user model: think time from the plan (between(1, 3) s by default), its own
    API key (or its own login, per the service's auth), request data drawn at random."""

    abstract = True
    wait_time = between(*PLAN["wait"])
    network_timeout = float(PLAN["network_timeout"])
    connection_timeout = float(PLAN["network_timeout"])

    def on_start(self) -> None:
        self.api_key = next_api_key(self.environment)
        self.rng = random.Random(f"{PLAN['seed']}-{self.api_key}")
        self.headers = self.authenticate()

    def authenticate(self) -> dict[str, str]:
        """The headers of this user's requests (perf.driver.auth_headers): a static header
        with its key, or one login of its own. The login is set-up, not measured; a failed
        one is recorded as a failed `login` request and stops the user."""
        auth = Auth(**PLAN["auth"])
        if auth.kind != "login":
            return auth_headers(auth, self.api_key, None)
        start = time.time()
        try:
            return auth_headers(auth, self.api_key, self.login)
        except (OSError, PerfciError, ValueError) as exc:
            self.environment.events.request.fire(
                request_type="POST",
                name="login",
                response_time=1000 * (time.time() - start),
                response_length=0,
                exception=exc,
                context={},
                start_time=start,
            )
            raise StopUser() from None

    def login(self, path: str, form: dict | None, body: dict | None) -> tuple[int, str]:
        """perf.driver's login request, with the standard library: httpx cannot be imported
        once gevent has patched `select` (its trio backend needs epoll), and the user's own
        client would record the login as a request of the test."""
        data, kind = b"", "application/json"
        if form:
            data, kind = urlencode(form).encode(), "application/x-www-form-urlencoded"
        elif body is not None:
            data = json.dumps(body).encode()
        headers = {"Content-Type": kind}
        request = Request(f"{self.host}{path}", data=data, headers=headers, method="POST")
        try:
            with urlopen(request, timeout=self.network_timeout) as r:
                return r.status, r.read().decode()
        except HTTPError as exc:
            return exc.code, exc.read().decode(errors="replace")

    def call(
        self,
        method: str,
        path: str,
        name: str,
        body=None,
        expect_409: bool = False,
        *,
        params: dict[str, str] | None = None,
        expect_status: int | None = None,
    ) -> None:
        """One request; `expect_status` (any 2xx when not given) is a success, 409 too where a
        concurrent request legitimately gets it (counted apart as expected_409), anything else
        a failure. A request still waiting when the test ends and its user is stopped never
        reaches Locust's statistics; it is recorded as `unfinished` (with the time it had
        waited) so that saturation shows."""
        url = f"{path}?{urlencode(params)}" if params else path
        start = time.time()
        try:
            with self.client.request(
                method, url, json=body, headers=self.headers, name=name, catch_response=True
            ) as r:
                status = r.status_code
                ok = status == expect_status if expect_status else 200 <= status < 300
                if ok or (expect_409 and status == 409):
                    r.success()
                else:
                    r.failure(f"HTTP {status}")
        except GreenletExit:
            end = time.time()
            RECORDER.add(start, end, end - start, name, "unfinished")
            RECORDER.flush()
            raise

    def pick(self, key: str):
        """A random item of the request data's list `key`."""
        return self.rng.choice(DATA[key])
