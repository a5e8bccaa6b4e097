"""The Grafana dashboard (dashboards/dtrag.json): every metric its PromQL uses is exported by the
running app (a real `perfci up --profile small` stack, /metrics fetched after some traffic)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx
import pytest

DASHBOARD = Path(__file__).resolve().parents[1] / "dashboards" / "dtrag.json"
# PromQL words that look like identifiers but are not metric names
PROMQL_WORDS = {"by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and",
                "or", "unless", "offset"}  # fmt: skip
IDENT = re.compile(r"[A-Za-z_:][A-Za-z0-9_:]*")


def queries(dashboard: dict) -> list[str]:
    out = []

    def walk(panels: list[dict]) -> None:
        for p in panels:
            out.extend(t["expr"] for t in p.get("targets", []) if t.get("expr"))
            walk(p.get("panels", []))

    walk(dashboard["panels"])
    for var in dashboard.get("templating", {}).get("list", []):
        q = var.get("query")
        if isinstance(q, dict) and q.get("query"):
            out.append(q["query"])
    return out


def metric_names(expr: str) -> set[str]:
    """Metric names of a PromQL expression: identifiers left after removing strings, label
    matchers, ranges, grouping clauses and function calls."""
    expr = re.sub(r'"(?:[^"\\]|\\.)*"', "", expr)  # string literals
    expr = re.sub(r"\{[^}]*\}", "", expr)  # label matchers
    expr = re.sub(r"\[[^\]]*\]", "", expr)  # range selectors
    expr = re.sub(r"(?<![\w.])\d+(?:\.\d+)?(?:[eE][+-]?\d+)?", "", expr)  # numbers: 1e-9
    expr = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", "", expr)
    names = set()
    for m in IDENT.finditer(expr):
        rest = expr[m.end() :].lstrip()
        if rest.startswith("(") or m.group() in PROMQL_WORDS or m.group().startswith("$"):
            continue
        if expr[max(0, m.start() - 1)] == "$":  # a Grafana variable such as $__rate_interval
            continue
        names.add(m.group())
    # label_values(metric, label): the label is not a metric
    for lv in re.finditer(r"label_values\(\s*([A-Za-z_:][\w:]*)\s*,\s*(\w+)\s*\)", expr):
        names.discard(lv.group(2))
        names.add(lv.group(1))
    return names


def test_metric_name_extraction():
    expr = (
        'histogram_quantile(0.95, sum by (le, route) (rate(dtrag_x_bucket{route=~"$route",'
        'le="1.0"}[$__rate_interval]))) / clamp_min(sum(dtrag_y), 1e-9)'
    )
    assert metric_names(expr) == {"dtrag_x_bucket", "dtrag_y"}
    assert metric_names("label_values(dtrag_z_total, route)") == {"dtrag_z_total"}


def test_dashboard_covers_rate_latency_errors_and_pool():
    dashboard = json.loads(DASHBOARD.read_text())
    titles = " | ".join(p["title"] for p in dashboard["panels"]).lower()
    for what in ("request rate", "p50", "p95", "p99", "error", "db pool"):
        assert what in titles, what
    ids = [p["id"] for p in dashboard["panels"]]
    assert len(ids) == len(set(ids))
    assert all(t.get("refId") for p in dashboard["panels"] for t in p.get("targets", []))


@pytest.mark.integration
def test_every_dashboard_metric_is_exported_by_the_running_app(stack):
    dashboard = json.loads(DASHBOARD.read_text())
    wanted = set().union(*(metric_names(q) for q in queries(dashboard)))
    assert wanted and all(name.startswith("dtrag_") for name in wanted), wanted

    headers = {"X-API-Key": stack["api_key"]}
    with httpx.Client(base_url=stack["base_url"], timeout=60) as client:
        # some traffic, so that the labelled series (counters, histogram buckets) exist
        assert client.get("/health").status_code == 200
        assert client.post("/classify", json={"text": "vector search"}, headers=headers).is_success
        assert client.get("/no-such-route").status_code == 404
        text = client.get("/metrics").text

    exported = {
        IDENT.match(line).group()
        for line in text.splitlines()
        if line and not line.startswith("#") and IDENT.match(line)
    }
    missing = sorted(wanted - exported)
    assert not missing, f"dashboard queries metrics the app does not export: {missing}"
