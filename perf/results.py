"""The run directory's `run.json` (schema perfci.run/1): the single source of truth of a run.

Reports are pure functions of it and the files beside it. Measurement code builds it, the
compare and report code read it; nothing else passes results around.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from perf.stats import Summary

RUN_SCHEMA = "perfci.run/1"


@dataclass
class BenchmarkResult:
    name: str
    kind: str  # endpoint | engine
    summary: Summary
    statements_per_request: float | None = None
    rows_per_request: float | None = None
    method: str | None = None
    path: str | None = None
    sla: dict[str, float] = field(default_factory=dict)
    sla_violations: list[str] = field(default_factory=list)
    raw: str = ""  # where the raw timings are: "<file>#<pytest-benchmark fullname>"

    def as_dict(self) -> dict:
        d = asdict(self)
        d["summary"] = self.summary.as_dict()
        return d


@dataclass
class Verdict:
    name: str
    gate: str  # sla | compare | ...
    status: str  # pass | fail | notice
    reason: str


@dataclass
class Run:
    kind: str
    environment: dict
    config: dict
    benchmarks: list[BenchmarkResult] = field(default_factory=list)
    verdicts: list[Verdict] = field(default_factory=list)
    artifacts: dict[str, str] = field(default_factory=dict)
    comparisons: list[dict] = field(default_factory=list)  # A/B runs: one per benchmark
    raw_samples: dict[str, dict] = field(default_factory=dict)  # A/B runs: written beside
    load_ab_pairs: list[dict] = field(default_factory=list)  # the load A/B's pairs: beside too
    load_ab_watch: dict = field(default_factory=dict)  # the event-loop watch per arm: beside
    # Results of the other stages, one JSON object per stage: "load", "sql", "profile", ...
    # Each stage owns its object's shape; files it refers to are relative to the run directory.
    stages: dict[str, dict] = field(default_factory=dict)
    wall_seconds: float = 0.0
    created_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))

    def as_dict(self) -> dict:
        return {
            "schema": RUN_SCHEMA,
            "kind": self.kind,
            "created_at": self.created_at,
            "wall_seconds": round(self.wall_seconds, 2),
            "environment": self.environment,
            "config": self.config,
            "benchmarks": [b.as_dict() for b in self.benchmarks],
            "comparisons": self.comparisons,
            "verdicts": [asdict(v) for v in self.verdicts],
            "artifacts": self.artifacts,
            "stages": self.stages,
        }

    def write(self, directory: Path) -> Path:
        directory.mkdir(parents=True, exist_ok=True)
        if self.raw_samples:
            (directory / "ab-samples.json").write_text(json.dumps(self.raw_samples))
            self.artifacts["ab_samples"] = "ab-samples.json"
        if self.load_ab_pairs:  # perf.loadab.stats.compare can be run again on them
            lines = "".join(json.dumps(p, separators=(",", ":")) + "\n" for p in self.load_ab_pairs)
            (directory / "loadab-pairs.jsonl").write_text(lines)
            self.artifacts["load_ab_pairs"] = "loadab-pairs.jsonl"
        if self.load_ab_watch:  # perf.loopwatch.compare can be run again on it
            (directory / "loopwatch.json").write_text(json.dumps(self.load_ab_watch))
            self.artifacts["load_ab_watch"] = "loopwatch.json"
        path = directory / "run.json"
        path.write_text(json.dumps(self.as_dict(), indent=2) + "\n")
        return path

    @property
    def failed(self) -> list[Verdict]:
        return [v for v in self.verdicts if v.status == "fail"]


def merge_into(directory: Path, run: Run) -> Path:
    """Write `run` as the run directory's run.json, or, when another stage of the same run
    already wrote one (a pipeline: ab, then load, sql, profile), add this run's stages,
    artifacts and verdicts to it and keep the rest."""
    path = directory / "run.json"
    if not path.exists():
        return run.write(directory)
    data = json.loads(path.read_text())
    data.setdefault("stages", {}).update(run.stages)
    data.setdefault("artifacts", {}).update(run.artifacts)
    data.setdefault("verdicts", []).extend(asdict(v) for v in run.verdicts)
    if run.benchmarks:  # the weekly run's benchmark suite: one trend series per endpoint
        data.setdefault("benchmarks", []).extend(b.as_dict() for b in run.benchmarks)
    path.write_text(json.dumps(data, indent=2) + "\n")
    return path


def update_run(directory: Path, *, config: dict | None = None, **fields) -> Path:
    """The one way, besides merge_into, to change a run directory's run.json: set top-level
    `fields` (e.g. wall_seconds) and merge `config` into its config object."""
    path = directory / "run.json"
    data = json.loads(path.read_text())
    data.update(fields)
    if config:
        data.setdefault("config", {}).update(config)
    path.write_text(json.dumps(data, indent=2) + "\n")
    return path


def read_verdicts(directory: Path) -> list[dict]:
    data = json.loads((directory / "run.json").read_text())
    return [v for v in data.get("verdicts", []) if isinstance(v, dict)]
