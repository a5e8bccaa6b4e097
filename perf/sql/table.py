"""Terminal tables of `perfci sql` (rich): the catalog, the recommendations, before/after."""

from __future__ import annotations

from rich.table import Table

from perf.table import print_table


def catalog_table(catalog: list[dict], title: str = "SQL catalog") -> Table:
    t = Table(title=f"{title} (server time per execution; target P95 < 100 ms)")
    for col in ("query", "P50 ms", "P95 ms", "target", "buffers", "plan"):
        t.add_column(col, justify="right" if "ms" in col or col == "buffers" else "left")
    for q in catalog:
        t.add_row(
            q["name"],
            f"{q['p50_ms']:.2f}",
            f"{q['p95_ms']:.2f}",
            "OVER" if q["over_target"] else "ok",
            f"{q['shared_hit'] + q['shared_read']:,}",
            " / ".join(q["plan_nodes"][:4]),
        )
    return t


def recorded_table(recorded: list[dict]) -> Table:
    t = Table(title="Recorded catalog: the heaviest statements of the endpoints, as replayed")
    for col in ("query", "endpoints", "calls", "mean ms", "statement"):
        t.add_column(col, justify="right" if col in ("calls", "mean ms") else "left")
    for r in recorded:
        t.add_row(
            r["name"],
            ", ".join(r["endpoints"]),
            f"{r['calls']:,}",
            f"{r['mean_ms']:.2f}",
            r["query"][:90],
        )
    return t


def recommendations_table(recs: list[dict]) -> Table:
    t = Table(title="Index advisor: recommendations")
    for col in ("CREATE INDEX", "what-if", "gain", "evidence"):
        t.add_column(col)
    for r in recs:
        ev = "\n".join(
            f"{e['query']}: {e['finding'][:160]}; cost {e['cost_before']:,.0f} → "
            f"{e['cost_after']:,.0f}"
            for e in r["evidence"]
        )
        t.add_row(r["create_index"], r["what_if"], f"{r['estimated_gain']:.0%}", ev)
    return t


def before_after_table(changes: list[dict], migration: str) -> Table:
    t = Table(title=f"Before/after {migration} (identical data; P95 server ms)")
    for col in ("query", "P95 before", "P95 after", "ratio", "buffers", "plan change"):
        t.add_column(col, justify="right" if col.startswith(("P95", "ratio")) else "left")
    for c in changes:
        mark = lambda over: " (OVER)" if over else ""  # noqa: E731
        t.add_row(
            c["name"],
            f"{c['p95_ms_before']:.2f}{mark(c['over_target_before'])}",
            f"{c['p95_ms_after']:.2f}{mark(c['over_target_after'])}",
            f"{c['p95_ratio']:.3f}",
            f"{c['buffers_before']:,} → {c['buffers_after']:,}",
            c["plan_change"],
        )
    return t


def statements_table(stage: dict) -> Table:
    t = Table(title=f"pg_stat_statements, stage {stage['stage']}: top by total time")
    for col in ("total ms", "calls", "mean ms", "max ms", "rows", "hit", "read", "query"):
        t.add_column(col, justify="left" if col == "query" else "right")
    for s in stage["top"]:
        t.add_row(
            f"{s['total_ms']:,.1f}",
            f"{s['calls']:,}",
            f"{s['mean_ms']:.2f}",
            f"{s['max_ms']:.2f}",
            f"{s['rows']:,}",
            f"{s['shared_blks_hit']:,}",
            f"{s['shared_blks_read']:,}",
            s["query"][:90],
        )
    return t


def endpoints_table(endpoints: list[dict]) -> Table:
    t = Table(title="Statements per request (pg_stat_statements, reset per endpoint)")
    for col in ("endpoint", "statements/req", "rows/req", "heaviest statement"):
        t.add_column(col, justify="left" if col in ("endpoint", "heaviest statement") else "right")
    for e in endpoints:
        heavy = e["top"][0]["query"][:80] if e["top"] else ""
        t.add_row(
            e["name"], f"{e['statements_per_request']:.1f}", f"{e['rows_per_request']:,.0f}", heavy
        )
    return t


def transactions_table(tx: dict) -> Table:
    c = tx["concurrent"]
    t = Table(
        title=f"Transactions; together: longest lock wait {c['longest_lock_wait_s']:.3f} s "
        f"(limit {c['limit_s']:.0f} s), longest transaction {c['longest_transaction_s']:.3f} s"
    )
    for col in ("endpoint", "runs", "statements/run", "rows/run", "COMMIT/run", "ROLLBACK/run"):
        t.add_column(col, justify="left" if col == "endpoint" else "right")
    for a in tx["alone"]:
        t.add_row(
            a["name"],
            str(a["runs"]),
            f"{a['statements_per_run']:.1f}",
            f"{a['rows_per_run']:,.0f}",
            f"{a['commits_per_run']:.1f}",
            f"{a['rollbacks_per_run']:.1f}",
        )
    return t


def before_after_endpoints_table(rows: list[dict]) -> Table:
    t = Table(title="Before/after per endpoint (HTTP latency, alternating calls)")
    cols = ("endpoint", "P95 before", "P95 after", "ratio", "statements/req", "buffers/req")
    for col in cols:
        t.add_column(col, justify="left" if col == "endpoint" else "right")
    for r in rows:
        t.add_row(
            r["name"],
            f"{r['p95_ms_before']:.1f}",
            f"{r['p95_ms_after']:.1f}",
            f"{r['p95_ratio']:.3f}",
            f"{r['statements_per_request_before']:.0f} → {r['statements_per_request_after']:.0f}",
            f"{r['buffers_per_request_before']:,.0f} → {r['buffers_per_request_after']:,.0f}",
        )
    return t


def print_sql(stage: dict) -> None:
    if stage.get("recorded"):
        print_table(recorded_table(stage["recorded"]))
    if stage.get("catalog"):
        print_table(catalog_table(stage["catalog"]))
    for st in stage.get("statements", []):
        print_table(statements_table(st))
    if stage.get("endpoints"):
        print_table(endpoints_table(stage["endpoints"]))
    if stage.get("transactions"):
        print_table(transactions_table(stage["transactions"]))
    if "recommendations" in stage:
        if stage["recommendations"]:
            print_table(recommendations_table(stage["recommendations"]))
        else:
            print("perfci: index advisor: no recommendation for this workload")
    ba = stage.get("before_after")
    if ba:
        print_table(before_after_table(ba["queries"], ba["migration"]))
        if ba.get("endpoints"):
            print_table(before_after_endpoints_table(ba["endpoints"]))
