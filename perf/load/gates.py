"""Declarative pass/fail thresholds of a load scenario, written like k6 thresholds.

A gate is one string `METRIC[ENDPOINT] OP VALUE`, e.g. `p95 < 1.5`, `p95[reflection_batch] < 15`,
`error_rate < 0.1%`, `rps >= 100`, `recovery_seconds <= 30`. Times are seconds; a value ending
in `%` is a fraction (0.1% = 0.001). Metrics are looked up in the scenario's results (see
`METRICS`); `[ENDPOINT]` takes the metric of one endpoint (the Locust request name) instead of
the whole scenario. A gate whose metric has no value (a spike that never recovered) fails, with
the reason saying so; a gate on an endpoint the run never called (a short run, a rare task) is a
notice. An `[ENDPOINT]` the config does not have is a usage error when the scenarios are read
(perf.load.matrix), before anything starts.
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass

from perf.errors import UsageError

OPS = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "==": operator.eq}
# Scenario-level metrics; the first five also exist per endpoint.
ENDPOINT_METRICS = ("p50", "p95", "p99", "error_rate", "rps")
METRICS = (
    *ENDPOINT_METRICS,
    "requests",
    "failures",
    "recovery_seconds",  # spike: seconds after the drop until P99 is within 1.2x pre-spike
    "spike_error_rate",  # spike: failures / requests from the spike's start to the drop
    "api_alive",  # 1 when the API still answers /health after the scenario (no crash)
    "p95_trend_upward",  # 1 when P95 rises significantly over the run (soak)
)
_GATE = re.compile(
    r"^\s*(?P<metric>[a-z_0-9]+)(?:\[(?P<endpoint>[^\]]+)\])?\s*(?P<op><=|>=|==|<|>)\s*"
    r"(?P<value>[0-9.eE+-]+)\s*(?P<pct>%)?\s*$"
)


@dataclass(frozen=True)
class Gate:
    """One threshold: `metric` (of `endpoint`, or of the whole scenario) `op` `threshold`."""

    text: str
    metric: str
    op: str
    threshold: float
    endpoint: str | None = None

    @property
    def name(self) -> str:
        return f"{self.metric}[{self.endpoint}]" if self.endpoint else self.metric

    def passes(self, value: float | None) -> bool:
        return value is not None and bool(OPS[self.op](value, self.threshold))


def parse_gate(text: str, where: str = "gate") -> Gate:
    """`p95[reflection_analyze] < 1.0` → Gate; a malformed string is a UsageError naming it."""
    m = _GATE.match(text) if isinstance(text, str) else None
    if not m:
        raise UsageError(
            f"{where}: {text!r} is not a gate like 'p95 < 1.5', 'p95[endpoint] < 2' or "
            "'error_rate < 1%'"
        )
    metric, endpoint = m["metric"], m["endpoint"]
    if metric not in METRICS:
        raise UsageError(f"{where}: {text!r}: unknown metric {metric!r}; use one of {METRICS}")
    if endpoint and metric not in ENDPOINT_METRICS:
        raise UsageError(f"{where}: {text!r}: {metric} has no per-endpoint value")
    try:
        value = float(m["value"])
    except ValueError:
        raise UsageError(f"{where}: {text!r}: {m['value']!r} is not a number") from None
    if m["pct"]:
        value /= 100.0
    return Gate(text=text.strip(), metric=metric, op=m["op"], threshold=value, endpoint=endpoint)


def metric_value(gate: Gate, result: dict) -> float | None:
    """The gate's metric in a scenario result (the run.json shape of one scenario)."""
    if gate.endpoint:
        for e in result.get("endpoints", []):
            if e["name"] == gate.endpoint:
                return e.get(gate.metric)
        return None
    if gate.metric == "recovery_seconds":
        return (result.get("spike") or {}).get("recovery_seconds")
    if gate.metric == "spike_error_rate":
        return (result.get("spike") or {}).get("error_rate_during")
    if gate.metric == "p95_trend_upward":
        trend = result.get("p95_trend")
        return None if trend is None else float(trend["upward"])
    return result.get(gate.metric)


def evaluate(gates: tuple[Gate, ...] | list[Gate], result: dict) -> list[dict]:
    """Every gate against the result: [{name, metric, threshold, value, passed, op, text}]."""
    out = []
    for g in gates:
        value = metric_value(g, result)
        # An endpoint the scenario never called (a short run, a rare task) is not measured:
        # passed = None, reported as a notice, neither a pass nor a fail.
        unmeasured = g.endpoint is not None and not any(
            e["name"] == g.endpoint for e in result.get("endpoints", [])
        )
        out.append(
            {
                "name": g.name,
                "metric": g.metric,
                "endpoint": g.endpoint,
                "op": g.op,
                "threshold": g.threshold,
                "value": value,
                "passed": None if unmeasured else g.passes(value),
                "text": g.text,
            }
        )
    return out


def failure_reason(gate: dict) -> str:
    """One line for a failed gate, e.g. `p95[reflection_batch] = 17.2 s, gate < 15 s`."""
    unit = " s" if gate["metric"] in ("p50", "p95", "p99", "recovery_seconds") else ""
    value = gate["value"]
    if gate.get("passed") is None and gate.get("endpoint"):
        return f"{gate['name']}: not measured (no requests to {gate['endpoint']} in this run)"
    if value is None:
        shown = "no value (never recovered)" if gate["metric"] == "recovery_seconds" else "no data"
        return f"{gate['name']}: {shown}, gate {gate['op']} {gate['threshold']:g}{unit}"
    if gate["metric"] in ("error_rate", "spike_error_rate"):
        return (
            f"{gate['name']} = {100 * value:.3g} %, gate {gate['op']} "
            f"{100 * gate['threshold']:.3g} %"
        )
    return f"{gate['name']} = {value:.4g}{unit}, gate {gate['op']} {gate['threshold']:g}{unit}"
