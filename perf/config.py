"""The perfci config file (`perfci.toml`): the service, its endpoints with payloads and SLAs, and
the gate settings. Every mistake is reported as a UsageError naming the file and the field."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from perf.errors import UsageError

DEFAULT_CONFIG = "perfci.toml"
STATS = ("p50", "median", "p95", "p99", "mean")
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def parse_threshold(value: Any, where: str = "threshold") -> float:
    """'10%', '7.5%', 10 or 0.1 → a fraction (0.10); exact for decimal percentages."""
    if isinstance(value, bool):
        raise UsageError(f"{where}: {value!r} is not a percentage")
    if isinstance(value, int | float):
        fraction = float(value) / 100.0 if value >= 1 else float(value)
    elif isinstance(value, str):
        text = value.strip()
        try:
            fraction = float(text[:-1]) / 100.0 if text.endswith("%") else float(text)
        except ValueError:
            raise UsageError(f"{where}: {value!r} is not a percentage like '10%'") from None
        if not text.endswith("%") and fraction >= 1:
            fraction /= 100.0
    else:
        raise UsageError(f"{where}: {value!r} is not a percentage like '10%'")
    if not 0 < fraction < 10:
        raise UsageError(f"{where}: {value!r} must be above 0 %")
    return fraction


@dataclass(frozen=True)
class Sla:
    """Upper bounds in seconds for the P50/P95/P99 of one endpoint (None: no bound)."""

    p50: float | None = None
    p95: float | None = None
    p99: float | None = None

    def bounds(self) -> dict[str, float]:
        return {k: v for k, v in (("p50", self.p50), ("p95", self.p95), ("p99", self.p99)) if v}


@dataclass(frozen=True)
class Endpoint:
    """One endpoint benchmark: the request, where its payloads come from, and how to time it."""

    name: str
    method: str
    path: str
    json: Any = None  # a literal body
    payloads: str | None = None  # name of a payload source function (see service.payloads)
    expect: str | None = None  # name of a response check (see service.checks)
    restore: tuple[str, ...] = ()  # tables restored before every round (mutating endpoints)
    rounds: int | None = None  # fixed rounds (pedantic); None: time-bound by bench settings
    sla: Sla = field(default_factory=Sla)


@dataclass(frozen=True)
class BenchSettings:
    min_rounds: int = 20
    max_time: float = 2.0  # seconds per time-bound benchmark
    warmup_rounds: int = 2
    query_count_calls: int = 10  # calls measured for statements/rows per request


@dataclass(frozen=True)
class GateSettings:
    threshold: float = 0.10  # fraction
    stat: str = "p95"


@dataclass(frozen=True)
class Config:
    path: Path
    app: str
    profile: str
    payloads_module: str
    checks_module: str
    api_key_header: str
    env: dict[str, str]
    bench: BenchSettings
    gate: GateSettings
    endpoints: tuple[Endpoint, ...]

    def app_env(self, dsn: str, api_key: str) -> dict[str, str]:
        """The environment the app factory reads, placeholders filled in."""
        return {
            k: v.replace("{dsn}", dsn).replace("{api_key}", api_key) for k, v in self.env.items()
        }

    def endpoint(self, name: str) -> Endpoint:
        for e in self.endpoints:
            if e.name == name:
                return e
        raise UsageError(f"{self.path}: no endpoint named {name!r}")


def _table(data: dict, key: str, where: str) -> dict:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise UsageError(f"{where}: [{key}] must be a table")
    return value


def _number(table: dict, key: str, default, where: str, kind=float, minimum=None):
    value = table.get(key, default)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise UsageError(f"{where}.{key}: {value!r} is not a number")
    if kind is int and not isinstance(value, int):
        raise UsageError(f"{where}.{key}: {value!r} is not an integer")
    if minimum is not None and value < minimum:
        raise UsageError(f"{where}.{key}: {value!r} must be at least {minimum}")
    return kind(value)


def _endpoint(raw: Any, index: int, path: Path) -> Endpoint:
    where = f"{path}: endpoints[{index}]"
    if not isinstance(raw, dict):
        raise UsageError(f"{where} must be a table")
    name = raw.get("name")
    if not isinstance(name, str) or not name.isidentifier():
        raise UsageError(f"{where}.name: {name!r} must be an identifier like 'search'")
    where = f"{path}: endpoint {name!r}"
    method = str(raw.get("method", "GET")).upper()
    if method not in METHODS:
        raise UsageError(f"{where}.method: {method!r} is not one of {', '.join(METHODS)}")
    url = raw.get("path")
    if not isinstance(url, str) or not url.startswith("/"):
        raise UsageError(f"{where}.path: {url!r} must start with '/'")
    if "json" in raw and "payloads" in raw:
        raise UsageError(f"{where}: give either json or payloads, not both")
    sla_raw = raw.get("sla", {})
    if not isinstance(sla_raw, dict) or set(sla_raw) - {"p50", "p95", "p99"}:
        raise UsageError(f"{where}.sla: only p50, p95 and p99 (seconds) are allowed")
    sla = Sla(**{k: _number(sla_raw, k, None, f"{where}.sla", minimum=0) for k in sla_raw})
    restore = raw.get("restore", [])
    if not isinstance(restore, list) or not all(isinstance(t, str) for t in restore):
        raise UsageError(f"{where}.restore: must be a list of table names")
    return Endpoint(
        name=name,
        method=method,
        path=url,
        json=raw.get("json"),
        payloads=raw.get("payloads"),
        expect=raw.get("expect"),
        restore=tuple(restore),
        rounds=_number(raw, "rounds", None, where, kind=int, minimum=1),
        sla=sla,
    )


def load_config(path: str | Path | None = None) -> Config:
    """Read and check the config file; `path` defaults to ./perfci.toml."""
    path = Path(path or DEFAULT_CONFIG)
    try:
        data = tomllib.loads(path.read_text())
    except FileNotFoundError:
        raise UsageError(f"config file {path} not found (pass --config FILE)") from None
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path}: not valid TOML: {exc}") from None
    service = _table(data, "service", str(path))
    bench = _table(data, "bench", str(path))
    gate = _table(data, "gate", str(path))
    stat = gate.get("stat", "p95")
    if stat not in STATS:
        raise UsageError(f"{path}: gate.stat {stat!r} is not one of {', '.join(STATS)}")
    env = service.get("env", {})
    if not isinstance(env, dict) or not all(isinstance(v, str) for v in env.values()):
        raise UsageError(f"{path}: service.env must be a table of strings")
    raw_endpoints = data.get("endpoints", [])
    if not isinstance(raw_endpoints, list) or not raw_endpoints:
        raise UsageError(f"{path}: no [[endpoints]] defined")
    endpoints = tuple(_endpoint(raw, i, path) for i, raw in enumerate(raw_endpoints))
    names = [e.name for e in endpoints]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise UsageError(f"{path}: endpoint names repeat: {', '.join(duplicates)}")
    return Config(
        path=path,
        app=str(service.get("app", "dtrag.main:create_app")),
        profile=str(service.get("profile", "default")),
        payloads_module=str(service.get("payloads", "perf.bench.payloads")),
        checks_module=str(service.get("checks", "perf.bench.checks")),
        api_key_header=str(service.get("api_key_header", "X-API-Key")),
        env=dict(env),
        bench=BenchSettings(
            min_rounds=_number(bench, "min_rounds", 20, f"{path}: bench", kind=int, minimum=1),
            max_time=_number(bench, "max_time", 2.0, f"{path}: bench", minimum=0.01),
            warmup_rounds=_number(bench, "warmup_rounds", 2, f"{path}: bench", kind=int, minimum=0),
            query_count_calls=_number(
                bench, "query_count_calls", 10, f"{path}: bench", kind=int, minimum=1
            ),
        ),
        gate=GateSettings(
            threshold=parse_threshold(gate.get("threshold", "10%"), f"{path}: gate.threshold"),
            stat=stat,
        ),
        endpoints=endpoints,
    )
