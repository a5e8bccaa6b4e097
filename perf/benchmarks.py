"""`perfci bench`: run the pytest-benchmark suite against a fresh copy of the seeded template,
turn pytest-benchmark's JSON (raw timings included) into run.json, and apply the SLA gate."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path

from perf.config import Config
from perf.errors import EnvironmentFailure, UsageError
from perf.fingerprint import environment
from perf.procs import die_with_parent
from perf.progress import Progress
from perf.results import BenchmarkResult, Run, Verdict
from perf.stack import DataSpec, Stack
from perf.stats import summarize

BENCH_DIR = Path(__file__).parent / "bench"
PYTEST_JSON = "pytest-benchmark.json"


def sla_violations(summary, sla: dict[str, float]) -> list[str]:
    """Each declared bound the measurement exceeds, as 'p95 1.204 s > 1.000 s'."""
    out = []
    for stat, bound in sla.items():
        value = summary.stat(stat)
        if value > bound:
            out.append(f"{stat} {value:.3f} s > {bound:.3f} s")
    return out


def results_from_pytest_json(data: dict, config: Config, source: str) -> list[BenchmarkResult]:
    """One BenchmarkResult per pytest-benchmark entry, statistics computed from raw data."""
    endpoints = {e.name: e for e in config.endpoints}
    results = []
    for entry in data.get("benchmarks", []):
        extra = entry.get("extra_info", {})
        name = extra.get("perfci_name") or entry["name"]
        raw = entry.get("stats", {}).get("data")
        if not raw:
            raise UsageError(f"{source}: benchmark {entry['name']} has no raw timings")
        summary = summarize(raw)
        endpoint = endpoints.get(name)
        sla = endpoint.sla.bounds() if endpoint else {}
        results.append(
            BenchmarkResult(
                name=name,
                kind=extra.get("kind", "engine"),
                summary=summary,
                statements_per_request=extra.get("statements_per_request"),
                rows_per_request=extra.get("rows_per_request"),
                method=endpoint.method if endpoint else None,
                path=endpoint.path if endpoint else None,
                sla=sla,
                sla_violations=sla_violations(summary, sla),
                raw=f"{PYTEST_JSON}#{entry['fullname']}",
            )
        )
    return results


def pytest_command(config: Config, out: Path) -> list[str]:
    s = config.bench
    return [
        sys.executable,
        "-m",
        "pytest",
        str(BENCH_DIR / "test_endpoints.py"),
        # the service's own benchmark modules (e.g. its engines without HTTP), same fixtures
        *[str(config.service.root / suite) for suite in s.suites],
        "-v",
        "-p",
        "perf.bench.plugin",
        "-p",
        "no:cacheprovider",
        "--rootdir",
        str(BENCH_DIR),
        "-c",
        os.devnull,  # the suite's own settings only, not the project's test config
        f"--benchmark-json={out / PYTEST_JSON}",
        f"--benchmark-min-rounds={s.min_rounds}",
        f"--benchmark-max-time={s.max_time}",
        "--benchmark-sort=name",
        "--benchmark-columns=min,median,mean,max,rounds",
    ]


def run_bench(
    config: Config,
    out: Path,
    only: list[str] | None = None,
    dsn: str | None = None,
    progress: Progress | None = None,
) -> Run:
    """Start the stack (database only), run the suite, return the run (not yet written)."""
    progress = progress or Progress()
    if only:
        known = {e.name for e in config.endpoints}
        unknown = [n for n in only if n not in known and not n.startswith("engine_")]
        if unknown:
            raise UsageError(
                f"--only: unknown benchmark {', '.join(unknown)}; endpoints in {config.path}: "
                f"{', '.join(sorted(known))} (engine benchmarks are named engine_*)"
            )
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with Stack(
        DataSpec(config.service, config.profile), dsn=dsn, progress=progress, start_api=False
    ) as info:
        env = dict(os.environ)
        env.update(
            PERFCI_BENCH_DSN=info.dsn,
            PERFCI_CONFIG=str(Path(config.path).resolve()),
            PERFCI_ONLY=",".join(only or []),
        )
        with progress.section("benchmarks (pytest-benchmark)"):
            # pytest dies with perfci (it would go on benchmarking a server for a minute)
            rc = subprocess.run(
                pytest_command(config, out),
                env=env,
                stdin=subprocess.DEVNULL,
                preexec_fn=die_with_parent(signal.SIGTERM),
            ).returncode
        postgres_version = info.postgres_version
    json_path = out / PYTEST_JSON
    if rc == 1:
        raise EnvironmentFailure(
            "a benchmark failed its own checks (see above): its timings would not measure the "
            "path it claims to measure, so the run is invalid"
        )
    if rc == 5:
        raise UsageError("--only selected no benchmark")
    if rc != 0 or not json_path.exists():
        raise EnvironmentFailure(f"the benchmark suite could not run (pytest exit {rc})")
    data = json.loads(json_path.read_text())
    run = Run(
        kind="bench",
        environment=environment(postgres_version),
        config={
            "path": str(config.path),
            "profile": config.profile,
            "gate": {"threshold": config.gate.threshold, "stat": config.gate.stat},
            "bench": asdict(config.bench),
            "only": only or [],
        },
        benchmarks=results_from_pytest_json(data, config, str(json_path)),
        artifacts={"pytest_benchmark_json": PYTEST_JSON},
    )
    for b in run.benchmarks:
        if b.sla:
            status = "fail" if b.sla_violations else "pass"
            reason = "; ".join(b.sla_violations) or "within " + ", ".join(
                f"{k} < {v:g} s" for k, v in b.sla.items()
            )
            run.verdicts.append(Verdict(b.name, "sla", status, reason))
    run.wall_seconds = time.perf_counter() - started
    return run
