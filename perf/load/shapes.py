"""Load shapes: constant N users for T, a ramp, a spike. The shape ends the test itself (tick()
returns None after its last phase).

Each shape is a small class whose parameters are class attributes (Locust instantiates a shape
without arguments) or keyword arguments; `users_at(t)` is the pure curve and `tick()` applies it
to the time since the test started, with Locust's LoadTestShape semantics (`start_time`,
`reset_time()`, `get_run_time()`). The classes here do not import Locust (importing it
monkey-patches the whole process with gevent, which perfci's own process must not get);
`locust_shape_class(kind, params)` makes the one LoadTestShape subclass a locustfile exposes,
with these curves as its first base.
"""

from __future__ import annotations

import math
import time
from typing import Any, ClassVar

Tick = tuple[int, float] | None


class ScenarioShape:
    """Base of perfci's shapes: parameters as attributes, a pure curve, a known length."""

    abstract: ClassVar[bool] = True
    kind: ClassVar[str] = ""

    def __init__(self, **params: Any) -> None:
        super().__init__()
        self.start_time = time.perf_counter()
        for key, value in params.items():
            if not hasattr(type(self), key):
                raise TypeError(f"{type(self).__name__} has no parameter {key!r}")
            setattr(self, key, value)

    def users_at(self, t: float) -> Tick:
        """(users, spawn rate per second) at t seconds, or None when the test is over."""
        raise NotImplementedError

    @property
    def total_seconds(self) -> float:
        raise NotImplementedError

    @property
    def peak(self) -> int:
        raise NotImplementedError

    def reset_time(self) -> None:
        self.start_time = time.perf_counter()

    def get_run_time(self) -> float:
        return time.perf_counter() - self.start_time

    def tick(self) -> Tick:
        return self.users_at(self.get_run_time())


class ConstantShape(ScenarioShape):
    """`users` users (spawned at `spawn_rate` per second, default all in a second) for
    `duration` seconds."""

    kind = "constant"
    users: int = 10
    duration: float = 60.0
    spawn_rate: float = 0.0  # 0: all users within one second

    def users_at(self, t: float) -> Tick:
        if t >= self.duration:
            return None
        return self.users, float(self.spawn_rate or self.users)

    @property
    def total_seconds(self) -> float:
        return float(self.duration)

    @property
    def peak(self) -> int:
        return int(self.users)


class SoakShape(ConstantShape):
    """A constant load held long (an hour at full length) to show leaks and drifts."""

    kind = "soak"


class RampShape(ScenarioShape):
    """From `start_users` to `users` linearly over `ramp_seconds`, then `hold_seconds` at
    `users`: a scaling curve (latency against users) in one test."""

    kind = "ramp"
    users: int = 100
    start_users: int = 0
    ramp_seconds: float = 60.0
    hold_seconds: float = 0.0

    def users_at(self, t: float) -> Tick:
        rate = max((self.users - self.start_users) / self.ramp_seconds, 1.0)
        if t < self.ramp_seconds:
            n = self.start_users + (self.users - self.start_users) * t / self.ramp_seconds
            return max(1, math.floor(n)), rate
        if t < self.ramp_seconds + self.hold_seconds:
            return self.users, rate
        return None

    @property
    def total_seconds(self) -> float:
        return float(self.ramp_seconds + self.hold_seconds)

    @property
    def peak(self) -> int:
        return int(self.users)


class SpikeShape(ScenarioShape):
    """A spike: `base_users` for `pre_seconds` (the pre-spike reference), then users rise on the
    line from 0 to `peak_users` in `rise_seconds` (0 → 100 users in 10 s: 10 users per second;
    the base users already running are the first of them), `hold_seconds` at the peak, back down
    to `base_users` at once, and `recover_seconds` at the base load to observe the recovery."""

    kind = "spike"
    base_users: int = 10
    peak_users: int = 100
    pre_seconds: float = 60.0
    rise_seconds: float = 10.0
    hold_seconds: float = 60.0
    recover_seconds: float = 60.0

    def phases(self) -> dict[str, float]:
        """Start times (seconds from the test's start) of each phase, and the end."""
        rise = self.pre_seconds
        hold = rise + self.rise_seconds
        drop = hold + self.hold_seconds
        return {
            "pre": 0.0,
            "rise": rise,
            "hold": hold,
            "drop": drop,
            "end": drop + self.recover_seconds,
        }

    def users_at(self, t: float) -> Tick:
        p = self.phases()
        rate = self.peak_users / self.rise_seconds
        if t < p["rise"]:
            return self.base_users, float(max(self.base_users, 1))
        if t < p["hold"]:
            on_line = math.floor(self.peak_users * (t - p["rise"]) / self.rise_seconds)
            return max(self.base_users, on_line), rate
        if t < p["drop"]:
            return self.peak_users, rate
        if t < p["end"]:
            return self.base_users, float(self.peak_users)  # stop the spike's users at once
        return None

    @property
    def total_seconds(self) -> float:
        return self.phases()["end"]

    @property
    def peak(self) -> int:
        return int(self.peak_users)


SHAPES: dict[str, type[ScenarioShape]] = {
    "constant": ConstantShape,
    "soak": SoakShape,
    "ramp": RampShape,
    "spike": SpikeShape,
}


def shape_class(kind: str, params: dict[str, Any], *bases: type) -> type[ScenarioShape]:
    """The parameterised subclass of the `kind` curve (plus `bases`, e.g. LoadTestShape)."""
    base = SHAPES[kind]
    unknown = [k for k in params if not hasattr(base, k)]
    if unknown:
        raise TypeError(f"{base.__name__} has no parameter(s) {', '.join(unknown)}")
    return type(f"Perfci{base.__name__}", (base, *bases), {"abstract": False, **params})


def locust_shape_class(kind: str, params: dict[str, Any]) -> type:
    """The Locust LoadTestShape of a scenario (imports Locust: locustfiles only)."""
    from locust import LoadTestShape

    return shape_class(kind, params, LoadTestShape)


def make_shape(kind: str, params: dict[str, Any]) -> ScenarioShape:
    return shape_class(kind, params)()
