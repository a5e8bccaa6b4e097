"""The perfci config file (`perfci.toml`): the service, its endpoints with payloads and SLAs, and
the gate settings. Every mistake is reported as a UsageError naming the file and the field."""

from __future__ import annotations

import ast
import importlib
import math
import pkgutil
import sys
import tomllib
from dataclasses import dataclass, field
from importlib.machinery import ModuleSpec, PathFinder
from pathlib import Path
from types import ModuleType
from typing import Any

from perf.errors import UsageError
from perf.service import Auth, Database, Service, Step

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
    json: Any = None  # a literal body ({column} placeholders filled from `sample` rows)
    payloads: str | None = None  # name of a payload source function of the service's plugin
    sample: str | None = None  # SQL on the seeded database; each row fills {column}s
    query: dict[str, str] = field(default_factory=dict)  # query string ({column}s filled)
    expect: str | None = None  # name of a response check of the service's plugin
    expect_status: int = 200  # the status a valid response has
    expect_json: str | None = None  # dotted path that must hold a non-empty value
    weight: int = 1  # share of the generic load user's requests
    restore: tuple[str, ...] = ()  # tables restored before every round (mutating endpoints)
    rounds: int | None = None  # fixed rounds (pedantic); None: time-bound by bench settings
    sla: Sla = field(default_factory=Sla)


@dataclass(frozen=True)
class BenchSettings:
    min_rounds: int = 20
    max_time: float = 2.0  # seconds per time-bound benchmark
    warmup_rounds: int = 2
    query_count_calls: int = 10  # calls measured for statements/rows per request
    suites: tuple[str, ...] = ()  # the service's own pytest-benchmark modules (service root)


@dataclass(frozen=True)
class GateSettings:
    threshold: float = 0.10  # fraction
    stat: str = "p95"


@dataclass(frozen=True)
class Config:
    path: Path
    service: Service
    bench: BenchSettings
    gate: GateSettings
    endpoints: tuple[Endpoint, ...]
    raw: dict = field(default_factory=dict, compare=False, repr=False)  # the parsed TOML

    @property
    def profile(self) -> str:
        return self.service.profile

    def with_profile(self, profile: str | None) -> Config:
        """The same config on another data profile (a --profile option); None keeps it."""
        if profile is None or profile == self.profile:
            return self
        if profile not in self.service.profiles:
            raise UsageError(
                f"--profile: unknown profile {profile!r}; choose one of "
                f"{', '.join(self.service.profiles)} ({self.service.where}.profiles)"
            )
        from dataclasses import replace

        return replace(self, service=replace(self.service, profile=profile))

    def app_env(self, dsn: str, api_key: str, port: int | None = None) -> dict[str, str]:
        """The environment the service reads, placeholders filled in."""
        return self.service.environment(dsn, port=port, api_key=api_key)

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
    if not math.isfinite(value):
        raise UsageError(f"{where}.{key}: {value!r} is not a finite number")
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
    unknown = sorted(set(raw) - ENDPOINT_KEYS)
    if unknown:
        raise UsageError(
            f"{where}: unknown field {unknown[0]!r}{did_you_mean(unknown[0], ENDPOINT_KEYS)}"
        )
    if "json" in raw and "payloads" in raw:
        raise UsageError(f"{where}: give either json or payloads, not both")
    if "payloads" in raw and "sample" in raw:
        raise UsageError(f"{where}: give either payloads (a plugin source) or sample (SQL)")
    expect = raw.get("expect")
    expect_status, expect_json = 200, None
    if isinstance(expect, dict):
        extra = sorted(set(expect) - {"status", "json"})
        if extra:
            raise UsageError(f"{where}.expect: unknown field {extra[0]!r} (status, json)")
        expect_status = _number(expect, "status", 200, f"{where}.expect", kind=int, minimum=100)
        expect_json = expect.get("json")
        if expect_json is not None and not isinstance(expect_json, str):
            raise UsageError(f"{where}.expect.json: a dotted path like 'items' or '$'")
        expect = None
    elif expect is not None and not isinstance(expect, str):
        raise UsageError(f"{where}.expect: a plugin check name or {{ status, json }}")
    query = raw.get("query", {})
    if not isinstance(query, dict) or not all(isinstance(v, str | int) for v in query.values()):
        raise UsageError(f"{where}.query: a table of strings")
    sla_raw = raw.get("sla", {})
    if not isinstance(sla_raw, dict) or set(sla_raw) - {"p50", "p95", "p99"}:
        raise UsageError(f"{where}.sla: only p50, p95 and p99 (seconds) are allowed")
    sla = Sla(**{k: _number(sla_raw, k, None, f"{where}.sla", minimum=0) for k in sla_raw})
    zero = [k for k, v in sla.bounds().items() if v <= 0] + [k for k in sla_raw if sla_raw[k] == 0]
    if zero:
        raise UsageError(f"{where}.sla.{zero[0]}: must be above 0 s (leave it out for no bound)")
    restore = raw.get("restore", [])
    if not isinstance(restore, list) or not all(isinstance(t, str) for t in restore):
        raise UsageError(f"{where}.restore: must be a list of table names")
    return Endpoint(
        name=name,
        method=method,
        path=url,
        json=raw.get("json"),
        payloads=raw.get("payloads"),
        sample=raw.get("sample"),
        query={k: str(v) for k, v in query.items()},
        expect=expect,
        expect_status=expect_status,
        expect_json=expect_json,
        weight=_number(raw, "weight", 1, where, kind=int, minimum=0),
        restore=tuple(restore),
        rounds=_number(raw, "rounds", None, where, kind=int, minimum=1),
        sla=sla,
    )


def load_config(path: str | Path | None = None) -> Config:
    """Read and check the config file; `path` defaults to ./perfci.toml."""
    path = Path(path or DEFAULT_CONFIG)
    if path.exists() and not path.is_dir() and not path.is_file():
        # a FIFO or a device would block the read, or never end
        raise UsageError(f"config file {path} is not a regular file (pass --config FILE)")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"config file {path} not found (pass --config FILE)") from None
    except IsADirectoryError:
        raise UsageError(f"config file {path} is a directory (pass --config FILE)") from None
    except PermissionError:
        raise UsageError(f"config file {path} cannot be read: permission denied") from None
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"{path}: not UTF-8 text (byte {exc.start}); save the config as UTF-8"
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path}: not valid TOML: {exc}") from None
    _strict(data, TOP_LEVEL, str(path))
    service = parse_service(_table(data, "service", str(path)), path)
    bench = _table(data, "bench", str(path))
    gate = _table(data, "gate", str(path))
    _strict(gate, {"threshold", "stat"}, f"{path}: [gate]")
    stat = gate.get("stat", "p95")
    if stat not in STATS:
        raise UsageError(f"{path}: gate.stat {stat!r} is not one of {', '.join(STATS)}")
    raw_endpoints = data.get("endpoints", [])
    if not isinstance(raw_endpoints, list) or not raw_endpoints:
        raise UsageError(f"{path}: no [[endpoints]] defined")
    endpoints = tuple(_endpoint(raw, i, path) for i, raw in enumerate(raw_endpoints))
    names = [e.name for e in endpoints]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise UsageError(f"{path}: endpoint names repeat: {', '.join(duplicates)}")
    config = Config(
        path=path,
        service=service,
        raw=data,
        bench=BenchSettings(
            min_rounds=_number(bench, "min_rounds", 20, f"{path}: bench", kind=int, minimum=1),
            max_time=_number(bench, "max_time", 2.0, f"{path}: bench", minimum=0.01),
            warmup_rounds=_number(bench, "warmup_rounds", 2, f"{path}: bench", kind=int, minimum=0),
            query_count_calls=_number(
                bench, "query_count_calls", 10, f"{path}: bench", kind=int, minimum=1
            ),
            suites=_suites(bench, service, path),
        ),
        gate=GateSettings(
            threshold=parse_threshold(gate.get("threshold", "10%"), f"{path}: gate.threshold"),
            stat=stat,
        ),
        endpoints=endpoints,
    )
    check_references(config)
    return config


# --------------------------------------------------------------------------- [service]

TOP_LEVEL = {"service", "bench", "gate", "endpoints", "load", "profile", "sql"}
ENDPOINT_KEYS = {
    "name",
    "method",
    "path",
    "json",
    "payloads",
    "sample",
    "query",
    "expect",
    "restore",
    "rounds",
    "sla",
    "weight",
}
SERVICE_KEYS = {
    "root",
    "app",
    "factory",
    "command",
    "health",
    "env",
    "plugin",
    "profile",
    "profiles",
    "database",
    "auth",
    "pool_metrics",
}
BENCH_KEYS = {"min_rounds", "max_time", "warmup_rounds", "query_count_calls", "suites"}
STEP_KEYS = {"command", "call", "sql_dir", "sql_file"}
AUTH_KEYS = {"kind", "header", "value", "path", "form", "json", "token", "scheme"}


def _suites(bench: dict, service: Service, path: Path) -> tuple[str, ...]:
    _strict(bench, BENCH_KEYS, f"{path}: [bench]")
    suites = bench.get("suites", [])
    if not isinstance(suites, list) or not all(isinstance(x, str) for x in suites):
        raise UsageError(f"{path}: [bench] suites: a list of pytest files under the service root")
    for suite in suites:
        if not (service.root / suite).is_file():
            raise UsageError(f"{path}: [bench] suites: {service.root / suite} does not exist")
    return tuple(suites)


def did_you_mean(name: str, choices) -> str:
    """' (did you mean 'x'?)' for the choice closest to a misspelt `name`, or ''."""
    import difflib

    close = difflib.get_close_matches(name, sorted(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _strict(table: dict, keys: set[str], where: str) -> None:
    for key in table:
        if key not in keys:
            raise UsageError(f"{where}: unknown field {key!r}{did_you_mean(key, keys)}")


def _strings(value: Any, where: str) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise UsageError(f"{where} must be a table of strings")
    return dict(value)


def _step(raw: Any, where: str) -> Step | None:
    if raw is None:
        return None
    if isinstance(raw, str):  # the common case: a command
        return Step(command=raw)
    if not isinstance(raw, dict):
        raise UsageError(f"{where}: a command string or a table with one of {sorted(STEP_KEYS)}")
    _strict(raw, STEP_KEYS, where)
    given = [k for k in STEP_KEYS if k in raw]
    if len(given) != 1 or not isinstance(raw[given[0]], str):
        raise UsageError(f"{where}: exactly one of command, call, sql_dir, sql_file (a string)")
    return Step(**{given[0]: raw[given[0]]})


def parse_service(raw: dict, path: Path) -> Service:
    """`[service]` → Service; paths relative to the config file's directory."""
    where = f"{path}: [service]"
    _strict(raw, SERVICE_KEYS, where)
    if raw.get("app") and raw.get("command"):
        raise UsageError(f"{where}: give either app (an ASGI import path) or command, not both")
    app, command = raw.get("app"), raw.get("command")
    if not app and not command:
        raise UsageError(f"{where}: app = 'module:attribute' or command = '... {{port}}' needed")
    if app is not None and (not isinstance(app, str) or ":" not in app):
        raise UsageError(f"{where}.app: {app!r} must be 'module:attribute'")
    if command is not None and (not isinstance(command, str) or "{port}" not in command):
        raise UsageError(f"{where}.command: {command!r} must serve on {{port}}")
    root = (path.parent / str(raw.get("root", "."))).resolve()
    if not root.is_dir():
        raise UsageError(f"{where}.root: {root} is not a directory")
    db = raw.get("database", {})
    if not isinstance(db, dict):
        raise UsageError(f"{where}.database must be a table")
    _strict(db, {"migrate", "seed", "inputs"}, f"{where}.database")
    inputs = db.get("inputs", [])
    if not isinstance(inputs, list) or not all(isinstance(i, str) for i in inputs):
        raise UsageError(f"{where}.database.inputs: a list of file globs")
    auth_raw = raw.get("auth", {})
    if not isinstance(auth_raw, dict):
        raise UsageError(f"{where}.auth must be a table")
    _strict(auth_raw, AUTH_KEYS, f"{where}.auth")
    kind = auth_raw.get("kind", "header" if "header" in auth_raw else "none")
    if kind not in ("none", "header", "login"):
        raise UsageError(f"{where}.auth.kind: {kind!r} is not one of none, header, login")
    auth = Auth(
        kind=kind,
        **{
            k: str(auth_raw[k])
            for k in ("header", "value", "path", "token", "scheme")
            if k in auth_raw
        },
        form=_strings(auth_raw.get("form", {}), f"{where}.auth.form"),
        json=_strings(auth_raw.get("json", {}), f"{where}.auth.json"),
    )
    profiles = raw.get("profiles", ["small", "default", "large"])
    if (
        not isinstance(profiles, list)
        or not profiles
        or not all(isinstance(p, str) for p in profiles)
    ):
        raise UsageError(f"{where}.profiles: a list of data profile names")
    profile = str(raw.get("profile", "default"))
    if profile not in profiles:
        raise UsageError(f"{where}.profile: {profile!r} is not one of {', '.join(profiles)}")
    factory = raw.get("factory", False)
    if not isinstance(factory, bool):
        raise UsageError(f"{where}.factory: true or false")
    return Service(
        root=root,
        app=app,
        factory=factory,
        command=command,
        health=str(raw.get("health", "/health")),
        env=_strings(raw.get("env", {}), f"{where}.env"),
        plugin=raw.get("plugin"),
        profile=profile,
        profiles=tuple(profiles),
        database=Database(
            migrate=_step(db.get("migrate"), f"{where}.database.migrate"),
            seed=_step(db.get("seed"), f"{where}.database.seed"),
            inputs=tuple(inputs),
        ),
        auth=auth,
        pool_metrics=_strings(raw.get("pool_metrics", {}), f"{where}.pool_metrics"),
        where=where,
    )


# --------------------------------------------------------------------------- references
# The names the config gives are resolved when it is loaded, before anything starts: a misspelt
# payload source used to surface as a failed benchmark (exit 3), its cause in pytest's output.


def check_references(config: Config) -> None:
    """The plugin exists, and so does every payload source and check an endpoint names in it.

    The plugin is imported (with the service root on sys.path, as the driver does): it is the
    service's perfci glue, imported by every stage anyway. The app is checked by `check_app`."""
    where = f"{config.path}: [service]"
    root = config.service.root
    plugin = None
    if config.service.plugin:
        plugin = _import_plugin(config.service.plugin, root, f"{where}.plugin")
    for endpoint in config.endpoints:
        for what, name in (("payloads", endpoint.payloads), ("expect", endpoint.expect)):
            if not name:
                continue
            at = f"{config.path}: endpoint {endpoint.name!r}.{what}"
            if plugin is None:
                raise UsageError(f"{at}: {name!r} needs [service] plugin = 'module'")
            if not callable(getattr(plugin, name, None)):
                public = [n for n in dir(plugin) if not n.startswith("_")]
                raise UsageError(
                    f"{at}: {name!r} is not a function of plugin {config.service.plugin!r}"
                    f"{did_you_mean(name, public)}"
                )


def check_app(config: Config) -> None:
    """`[service] app = 'module:attribute'` names a module under the service root (or installed)
    that defines the attribute. The app is not imported: building it can need the service's
    environment (Bookshelf's settings are read when `app.main` is imported), so the module is
    found without running it and the attribute looked up in its source."""
    if not config.service.app:
        return
    where = f"{config.path}: [service].app"
    module, _, attr = config.service.app.partition(":")
    spec = _module_spec(module, config.service.root, where)
    _check_attribute(spec, attr.split(".")[0], f"{where}: {config.service.app!r}")


def _module_spec(name: str, root: Path, where: str) -> ModuleSpec:
    """Where module `name` is, looked for from the service root then sys.path, without running
    any of its code (a package's __init__ included)."""
    locations = [str(root), *sys.path]
    parts = name.split(".")
    spec = None
    for i in range(len(parts)):
        spec = PathFinder.find_spec(".".join(parts[: i + 1]), locations)
        if spec is None:
            prefix = "".join(f"{p}." for p in parts[:i])
            known = {prefix + m.name for m in pkgutil.iter_modules(locations)}
            raise UsageError(f"{where}: no module {name!r} under {root}{did_you_mean(name, known)}")
        locations = list(spec.submodule_search_locations or [])
    assert spec is not None
    return spec


def _check_attribute(spec: ModuleSpec, attr: str, where: str) -> None:
    """`attr` is defined in the module's source (any assignment, def, class or import of that
    name); a source that defines names dynamically is given the benefit of the doubt."""
    if not spec.origin or not spec.origin.endswith(".py"):
        return
    try:
        source = Path(spec.origin).read_text(encoding="utf-8")
        tree = ast.parse(source)
    except (OSError, UnicodeDecodeError, SyntaxError):
        return  # uvicorn reports the module's own fault with its traceback
    if "__getattr__" in source or "globals()" in source or "import *" in source:
        return
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
    if attr not in names:
        public = sorted(n for n in names if not n.startswith("_"))
        raise UsageError(f"{where}: {spec.name} has no {attr!r}{did_you_mean(attr, public)}")


def _import_plugin(name: str, root: Path, where: str) -> ModuleType:
    """The plugin module, imported with the service root on sys.path (as the driver does)."""
    _module_spec(name, root, where)  # a misspelt name: a did-you-mean, not an ImportError
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise UsageError(f"{where}: {name!r} cannot be imported: {exc}") from None
