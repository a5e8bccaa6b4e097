"""The load scenarios as data: the `[load]` section of perfci.toml read into `Scenario`s.

`[[load.matrix]]` rows expand into one cell per user count (`analyze-10`, `analyze-50`, ...)
with a P95 gate on the row's endpoint and the error-rate gate of that user count from
`load.error_rate`; `[[load.scenarios]]` are named scenarios (smoke, spike, soak, ramp). The
duration scale multiplies every phase, with floors so that a scaled scenario still measures
something; a spike's rise (0 → peak in `rise_seconds`) is never scaled, it is the definition.

Users are named, never imported here: `user_classes` names classes of the service's own user
modules (`load.users`, checked in a Locust process by perf.load.catalog) or perf's generic
`EndpointUser`, the default, which sends the config's endpoints by their `weight` (a matrix
row's: its `endpoint`; a scenario's: its `endpoints`, or every endpoint of weight above 0).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from perf.config import Config, did_you_mean
from perf.errors import UsageError
from perf.load.gates import Gate, parse_gate
from perf.load.shapes import SHAPES, make_shape

# perf's generic user (perf/load/endpoint_user.py): the default of a scenario that names none
GENERIC_USER = "EndpointUser"
# Seconds no scaled phase goes below: the spike needs its reference and 30 s + a window of
# recovery to judge "back within 30 s".
MIN_PHASE = {
    "duration": 5.0,
    "ramp_seconds": 5.0,
    "hold_seconds": 0.0,
    "pre_seconds": 20.0,
    "recover_seconds": 40.0,
}
SPIKE_MIN_HOLD = 10.0
SCALED = ("duration", "ramp_seconds", "hold_seconds", "pre_seconds", "recover_seconds")


@dataclass(frozen=True)
class LoadSettings:
    """How every scenario runs: data, the user model's think time, timeouts, the users'
    modules and request data, and the environment of the load's API processes."""

    profile: str | None = None  # data profile; None: the service's ([service] profile)
    wait: tuple[float, float] = (1.0, 3.0)  # seconds between a user's requests (seed)
    stop_timeout: float = 30.0  # seconds users get to finish a request when the test ends
    network_timeout: float = 60.0  # seconds before a request counts as failed
    seed: int = 7
    # modules (importable from the service root) with the service's own Locust users
    users: tuple[str, ...] = ()
    # 'module:function', `async def f(conn) -> dict`: request data for those users, drawn once
    # from the seeded database (perf.load.common.DATA in the Locust processes)
    data: str | None = None
    # over the service's env for the load's API processes ({placeholders} as in [service] env):
    # e.g. the service's real rate limit where the benchmarks lift it
    env: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Scenario:
    name: str
    kind: str  # constant | ramp | spike | soak
    params: dict[str, Any]
    user_classes: dict[str, int]
    gates: tuple[Gate, ...] = ()
    mutates: bool = True  # reset the database from the template before it
    in_matrix: bool = True
    description: str = ""
    matrix_row: str | None = None  # the [[load.matrix]] area it came from
    endpoints: tuple[str, ...] = ()  # what the generic user sends (config endpoint names)

    def shape(self):
        return make_shape(self.kind, self.params)

    @property
    def duration_s(self) -> float:
        return self.shape().total_seconds

    @property
    def users(self) -> int:
        return self.shape().peak

    def scaled(self, factor: float) -> Scenario:
        if factor == 1.0:
            return self
        params = dict(self.params)
        for key in SCALED:
            if key in params:
                params[key] = max(float(params[key]) * factor, MIN_PHASE[key])
        if self.kind == "spike":
            params["hold_seconds"] = max(float(params["hold_seconds"]), SPIKE_MIN_HOLD)
        return replace(self, params=params)


@dataclass(frozen=True)
class LoadConfig:
    path: Path
    settings: LoadSettings
    scenarios: tuple[Scenario, ...] = field(default_factory=tuple)

    def get(self, name: str) -> Scenario:
        for s in self.scenarios:
            if s.name == name:
                return s
        names = [s.name for s in self.scenarios]
        raise UsageError(
            f"{self.path}: no load scenario named {name!r}"
            + (did_you_mean(name, names) or f"; known: {', '.join(names)}")
        )

    @property
    def matrix(self) -> list[Scenario]:
        return [s for s in self.scenarios if s.in_matrix]


def _user_classes(raw: Any, where: str) -> dict[str, int]:
    """Class name → weight; none given: the generic user. Whether a name exists is known only
    where the users are imported (a Locust process): perf.load.catalog checks it."""
    if raw is None:
        return {GENERIC_USER: 1}
    if isinstance(raw, str):
        raw = {raw: 1}
    if isinstance(raw, list):
        raw = {name: 1 for name in raw}
    if not isinstance(raw, dict) or not raw:
        raise UsageError(f"{where}.user_classes: give a table like {{ {GENERIC_USER} = 1 }}")
    for name, weight in raw.items():
        if not isinstance(name, str) or not name.isidentifier():
            raise UsageError(f"{where}.user_classes: {name!r} is not a class name")
        if isinstance(weight, bool) or not isinstance(weight, int) or weight < 1:
            raise UsageError(f"{where}.user_classes.{name}: weight must be a positive integer")
    return dict(raw)


def _endpoints(config: Config, raw: Any, default: tuple[str, ...], where: str) -> tuple[str, ...]:
    """The config endpoints the generic user sends: `raw` (a list of names) or `default`."""
    known = [e.name for e in config.endpoints]
    if raw is None:
        return default
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list) or not raw or not all(isinstance(n, str) for n in raw):
        raise UsageError(f"{where}.endpoints: a list of endpoint names like [{known[0]!r}]")
    for name in raw:
        if name not in known:
            raise UsageError(
                f"{where}.endpoints: no endpoint named {name!r} in [[endpoints]]; "
                f"known: {', '.join(known)}"
            )
    return tuple(raw)


def _weighted(config: Config, where: str) -> tuple[str, ...]:
    """Every endpoint with a weight above 0 (the generic user's default)."""
    names = tuple(e.name for e in config.endpoints if e.weight > 0)
    if not names:
        raise UsageError(f"{where}: every endpoint has weight 0; give endpoints = [...]")
    return names


def _gates(config: Config, raw: Any, where: str) -> tuple[Gate, ...]:
    """The scenario's gates; one on an endpoint the config does not have is a usage error here
    (a gate on a known endpoint a short run never called is only a notice, when evaluated)."""
    if not isinstance(raw, list):
        raise UsageError(f"{where}.gates: must be a list of strings like 'p95 < 1.5'")
    gates = tuple(parse_gate(g, f"{where}.gates") for g in raw)
    for gate in gates:
        _known_endpoint(config, gate.endpoint, f"{where}.gates: {gate.text!r}")
    return gates


def _known_endpoint(config: Config, name: str | None, where: str) -> None:
    known = [e.name for e in config.endpoints]
    if name is not None and name not in known:
        raise UsageError(
            f"{where}: no endpoint named {name!r} in [[endpoints]]{did_you_mean(name, known)}"
        )


def _shape_params(kind: str, raw: dict, where: str) -> dict[str, Any]:
    cls = SHAPES[kind]
    params = {}
    for key, value in raw.items():
        if key in SCENARIO_KEYS:
            continue
        if not hasattr(cls, key) or key in ("kind", "abstract"):
            raise UsageError(f"{where}: {key!r} is not a parameter of a {kind} shape")
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise UsageError(f"{where}.{key}: {value!r} must be a non-negative number")
        params[key] = value
    try:
        shape = make_shape(kind, params)
        if shape.total_seconds <= 0 or shape.peak < 1:
            raise ValueError
    except (TypeError, ValueError, ZeroDivisionError):
        raise UsageError(f"{where}: the {kind} shape needs users and a duration above 0") from None
    return params


SCENARIO_KEYS = (
    "name",
    "shape",
    "user_classes",
    "endpoints",
    "gates",
    "mutates",
    "in_matrix",
    "description",
)


def _scenario(config: Config, raw: Any, where: str) -> Scenario:
    if not isinstance(raw, dict):
        raise UsageError(f"{where}: must be a table")
    name = raw.get("name")
    if not isinstance(name, str) or not name:
        raise UsageError(f"{where}.name: missing")
    where = f"{where} {name!r}"
    kind = raw.get("shape", "constant")
    if kind not in SHAPES:
        raise UsageError(f"{where}.shape: {kind!r} is not one of {', '.join(SHAPES)}")
    classes = _user_classes(raw.get("user_classes"), where)
    generic = GENERIC_USER in classes
    endpoints = _endpoints(
        config, raw.get("endpoints"), _weighted(config, where) if generic else (), where
    )
    return Scenario(
        name=name,
        kind=kind,
        params=_shape_params(kind, raw, where),
        user_classes=classes,
        gates=_gates(config, raw.get("gates", []), where),
        mutates=bool(raw.get("mutates", True)),
        in_matrix=bool(raw.get("in_matrix", False)),
        description=str(raw.get("description", "")),
        endpoints=endpoints,
    )


MATRIX_ROW_KEYS = {
    "area",
    "description",
    "user_classes",
    "endpoint",
    "endpoints",
    "users",
    "duration",
    "p95",
    "gates",
    "mutates",
}


def _matrix_rows(
    config: Config, raw: Any, error_rates: dict[int, str], where: str
) -> list[Scenario]:
    out = []
    for i, row in enumerate(raw):
        w = f"{where}[{i}]"
        if not isinstance(row, dict):
            raise UsageError(f"{w}: must be a table")
        area, users, p95 = row.get("area"), row.get("users"), row.get("p95")
        if not isinstance(area, str) or not area:
            raise UsageError(f"{w}.area: missing")
        w = f"{where} {area!r}"
        unknown = sorted(set(row) - MATRIX_ROW_KEYS)
        if unknown:
            raise UsageError(
                f"{w}: unknown key {unknown[0]!r}{did_you_mean(unknown[0], MATRIX_ROW_KEYS)}"
            )
        if not isinstance(users, list) or not all(isinstance(u, int) and u > 0 for u in users):
            raise UsageError(f"{w}.users: must be a list of user counts like [10, 50, 100]")
        if not isinstance(p95, list) or len(p95) != len(users):
            raise UsageError(f"{w}.p95: one P95 bound (seconds) per user count")
        endpoint = row.get("endpoint")
        if not isinstance(endpoint, str):
            raise UsageError(f"{w}.endpoint: the request name the P95 gate applies to")
        duration = row.get("duration")
        if isinstance(duration, bool) or not isinstance(duration, int | float) or duration <= 0:
            raise UsageError(f"{w}.duration: seconds above 0")
        classes = _user_classes(row.get("user_classes"), w)
        # the generic user sends the row's endpoint (unless the row lists others)
        default: tuple[str, ...] = ()
        known = [e.name for e in config.endpoints]
        if GENERIC_USER in classes and "endpoints" not in row:
            if endpoint not in known:
                raise UsageError(
                    f"{w}.endpoint: the generic user sends it, but [[endpoints]] has no "
                    f"{endpoint!r}{did_you_mean(endpoint, known)} (name it there, or give "
                    "user_classes)"
                )
            default = (endpoint,)
        endpoints = _endpoints(config, row.get("endpoints"), default, w)
        extra = _gates(config, row.get("gates", []), w)
        for n, bound in zip(users, p95, strict=True):
            if n not in error_rates:
                raise UsageError(f"{w}: no load.error_rate for {n} users")
            _known_endpoint(config, endpoint, f"{w}.endpoint")  # its P95 gate's endpoint
            gates = (
                parse_gate(f"p95[{endpoint}] < {bound}", f"{w}.p95"),
                parse_gate(f"error_rate < {error_rates[n]}", f"{where}.error_rate"),
                *extra,
            )
            out.append(
                Scenario(
                    name=f"{area}-{n}",
                    kind="constant",
                    params={"users": n, "duration": float(duration)},
                    user_classes=classes,
                    gates=gates,
                    mutates=bool(row.get("mutates", False)),
                    in_matrix=True,
                    description=str(row.get("description", "")),
                    matrix_row=area,
                    endpoints=endpoints,
                )
            )
    return out


def _settings(raw: dict, where: str) -> LoadSettings:
    wait = raw.get("wait", [1.0, 3.0])
    if (
        not isinstance(wait, list)
        or len(wait) != 2
        or not all(isinstance(x, int | float) and x >= 0 for x in wait)
        or wait[0] > wait[1]
    ):
        raise UsageError(f"{where}.wait: [min, max] seconds between a user's requests")
    values: dict[str, Any] = {"wait": (float(wait[0]), float(wait[1]))}
    for key in ("stop_timeout", "network_timeout"):
        if key in raw:
            v = raw[key]
            if isinstance(v, bool) or not isinstance(v, int | float) or v <= 0:
                raise UsageError(f"{where}.{key}: seconds above 0")
            values[key] = float(v)
    if "seed" in raw:
        v = raw["seed"]
        if isinstance(v, bool) or not isinstance(v, int) or v < 1:
            raise UsageError(f"{where}.seed: a positive integer")
        values["seed"] = v
    if "profile" in raw:
        values["profile"] = str(raw["profile"])
    users = raw.get("users", [])
    if isinstance(users, str):
        users = [users]
    if not isinstance(users, list) or not all(_module_name(u) for u in users):
        raise UsageError(f"{where}.users: a list of module names like ['myservice.load_users']")
    values["users"] = tuple(users)
    data = raw.get("data")
    if data is not None:
        if (
            not isinstance(data, str)
            or not _module_name(data.partition(":")[0])
            or (not data.partition(":")[2])
        ):
            raise UsageError(f"{where}.data: 'module:function' (an async function of a connection)")
        values["data"] = data
    env = raw.get("env", {})
    if not isinstance(env, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in env.items()
    ):
        raise UsageError(f'{where}.env: a table of strings like {{ MY_RATE_LIMIT = "100" }}')
    values["env"] = dict(env)
    return LoadSettings(**values)


def _module_name(text: Any) -> bool:
    return isinstance(text, str) and bool(text) and all(p.isidentifier() for p in text.split("."))


LOAD_KEYS = {
    "profile",
    "wait",
    "stop_timeout",
    "network_timeout",
    "seed",
    "users",
    "data",
    "env",
    "error_rate",
    "matrix",
    "scenarios",
}
# keys of earlier versions and what replaced them
RENAMED = {
    "rate_limit": "set the service's own variable in [load] env, e.g. env = { RATE_LIMIT = "
    '"100" }',
    "batch_min_logs": "request data of the service's own users comes from [load] data",
}


def load_matrix(config: Config) -> LoadConfig:
    """The [load] section of the config file (the service part is read by perf.config)."""
    path = config.path
    raw = config.raw.get("load")
    where = f"{path}: load"
    if not isinstance(raw, dict):
        raise UsageError(
            f"{path}: no [load] section (the load scenarios); see docs/load-testing.md"
        )
    for key in raw:
        if key in RENAMED:
            raise UsageError(f"{where}.{key}: no longer a setting; {RENAMED[key]}")
    unknown = sorted(set(raw) - LOAD_KEYS)
    if unknown:
        raise UsageError(
            f"{where}: unknown key {unknown[0]!r}{did_you_mean(unknown[0], LOAD_KEYS)}"
        )
    error_rates_raw = raw.get("error_rate", {})
    if not isinstance(error_rates_raw, dict):
        raise UsageError(f'{where}.error_rate: a table like {{ 10 = "0.1%" }}')
    try:
        error_rates = {int(k): str(v) for k, v in error_rates_raw.items()}
    except ValueError:
        raise UsageError(f"{where}.error_rate: keys are user counts") from None
    scenarios = _matrix_rows(config, raw.get("matrix", []), error_rates, f"{where}.matrix")
    scenarios += [_scenario(config, s, f"{where}.scenarios") for s in raw.get("scenarios", [])]
    names = [s.name for s in scenarios]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise UsageError(f"{where}: scenario names repeat: {', '.join(repeated)}")
    return LoadConfig(path=Path(path), settings=_settings(raw, where), scenarios=tuple(scenarios))
