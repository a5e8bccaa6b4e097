"""Resource figures while a scenario runs: CPU and memory of the API and of PostgreSQL (psutil),
the API's DB pool (its Prometheus /metrics, gauges named by `[service] pool_metrics`), and the
load generator's own CPU.

A thread samples once per interval. CPU is in percent of one core (200 = both cores of this
machine), from cpu_times deltas of every process of the tree, so short-lived PostgreSQL
backends count for the time they lived within an interval. PostgreSQL memory is the
postmaster's RSS plus each backend's RSS minus its shared pages (shared_buffers is mapped by
every backend and would otherwise be counted once per connection).
"""

from __future__ import annotations

import contextlib
import re
import threading
import time

import httpx
import numpy as np
import psutil

from perf.errors import UsageError

# What `[service] pool_metrics` may name: the gauges of the DB pool on the service's Prometheus
# endpoint (`path`, default /metrics). None named: the pool is not sampled.
POOL_GAUGES = ("in_use", "size", "max_size")
POOL_KEYS = (*POOL_GAUGES, "path")


def pool_gauges(pool_metrics: dict[str, str], where: str = "[service] pool_metrics") -> dict:
    """The gauge names of `[service] pool_metrics` (in_use, size, max_size); a usage error
    for any other key."""
    for key in pool_metrics:
        if key not in POOL_KEYS:
            raise UsageError(f"{where}.{key}: not one of {', '.join(POOL_KEYS)}")
    return {k: v for k, v in pool_metrics.items() if k in POOL_GAUGES}


def _tree(pid: int | None) -> list[psutil.Process]:
    if pid is None:
        return []
    try:
        root = psutil.Process(pid)
        return [root, *root.children(recursive=True)]
    except psutil.Error:
        return []


def _cpu_seconds(p: psutil.Process) -> float | None:
    try:
        t = p.cpu_times()
        return t.user + t.system
    except psutil.Error:
        return None


def parse_pool(text: str, gauges: dict[str, str]) -> dict[str, float]:
    """The pool gauges (key → metric name) from a Prometheus exposition (absent names are
    left out)."""
    out = {}
    for key, metric in gauges.items():
        name = re.escape(metric)
        m = re.search(rf"^{name}(?:\{{[^}}]*\}})?\s+([0-9.eE+-]+)\s*$", text, re.M)
        if m:
            out[key] = float(m.group(1))
    return out


class TreeCpu:
    """CPU percent of a process tree between calls (processes keyed by pid and create time)."""

    def __init__(self, pid: int | None) -> None:
        self.pid = pid
        self.last: dict[tuple[int, float], float] = {}
        self.at = time.monotonic()
        self.sample()

    def sample(self) -> float | None:
        now = time.monotonic()
        procs = _tree(self.pid)
        if not procs:
            return None
        seen: dict[tuple[int, float], float] = {}
        used = 0.0
        for p in procs:
            with contextlib.suppress(psutil.Error):
                key = (p.pid, p.create_time())
                cpu = _cpu_seconds(p)
                if cpu is None:
                    continue
                seen[key] = cpu
                used += cpu - self.last.get(key, cpu if key[1] < self.at - 1 else 0.0)
        elapsed = max(now - self.at, 1e-6)
        self.last, self.at = seen, now
        return 100.0 * max(used, 0.0) / elapsed


def _api_rss_mb(pid: int | None) -> float | None:
    with contextlib.suppress(psutil.Error, TypeError):
        return psutil.Process(pid).memory_info().rss / 2**20
    return None


def _db_rss_mb(pid: int | None) -> float | None:
    procs = _tree(pid)
    if not procs:
        return None
    total = 0.0
    for i, p in enumerate(procs):
        with contextlib.suppress(psutil.Error):
            m = p.memory_info()
            total += m.rss if i == 0 else max(m.rss - getattr(m, "shared", 0), 0)
    return total / 2**20


class ResourceSampler:
    """Samples in a thread between start() and stop(); stop() returns the summary."""

    def __init__(
        self,
        api_pid: int | None,
        db_pid: int | None,
        metrics_url: str | None,
        locust_pid: int | None = None,
        interval: float = 1.0,
        pool_gauges: dict[str, str] | None = None,
    ) -> None:
        self.api_pid, self.db_pid, self.locust_pid = api_pid, db_pid, locust_pid
        self.pool_gauges = dict(pool_gauges or {})
        self.metrics_url = metrics_url if self.pool_gauges else None
        self.interval = interval
        self.series: dict[str, list[float]] = {
            k: []
            for k in (
                "api_cpu_percent",
                "db_cpu_percent",
                "api_rss_mb",
                "db_rss_mb",
                "locust_cpu_percent",
                "pool_in_use",
                "pool_size",
            )
        }
        self.pool_max: float | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> ResourceSampler:
        self._thread = threading.Thread(target=self._loop, name="perfci-resources", daemon=True)
        self._thread.start()
        return self

    def _loop(self) -> None:
        cpus = {
            "api_cpu_percent": TreeCpu(self.api_pid),
            "db_cpu_percent": TreeCpu(self.db_pid),
            "locust_cpu_percent": TreeCpu(self.locust_pid),
        }
        with httpx.Client(timeout=2.0) as client:
            while not self._stop.wait(self.interval):
                for key, tree in cpus.items():
                    value = tree.sample()
                    if value is not None:
                        self.series[key].append(value)
                for key, value in (
                    ("api_rss_mb", _api_rss_mb(self.api_pid)),
                    ("db_rss_mb", _db_rss_mb(self.db_pid)),
                ):
                    if value is not None:
                        self.series[key].append(value)
                if self.metrics_url:
                    with contextlib.suppress(httpx.HTTPError):
                        pool = parse_pool(client.get(self.metrics_url).text, self.pool_gauges)
                        if "in_use" in pool:
                            self.series["pool_in_use"].append(pool["in_use"])
                        if "size" in pool:
                            self.series["pool_size"].append(pool["size"])
                        self.pool_max = pool.get("max_size", self.pool_max)

    def stop(self) -> dict:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
        return self.summary()

    def summary(self) -> dict:
        def mm(values: list[float]) -> dict:
            if not values:
                return {"mean": None, "max": None}
            return {"mean": round(float(np.mean(values)), 2), "max": round(float(max(values)), 2)}

        s = self.series
        return {
            "api_cpu_percent": mm(s["api_cpu_percent"]),
            "db_cpu_percent": mm(s["db_cpu_percent"]),
            "api_rss_mb": mm(s["api_rss_mb"]),
            "db_rss_mb": mm(s["db_rss_mb"]),
            "db_pool": {
                **mm(s["pool_in_use"]),
                "size_max": max(s["pool_size"]) if s["pool_size"] else None,
                "max_size": self.pool_max,
            },
            "locust_cpu_percent": mm(s["locust_cpu_percent"]),
            "samples": len(s["api_cpu_percent"]),
        }
