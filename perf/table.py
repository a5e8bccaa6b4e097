"""Terminal tables of a run and of a comparison (rich); presentation only."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from perf.compare import Comparison
from perf.results import Run


def _ms(seconds: float | None) -> str:
    return "–" if seconds is None else f"{seconds * 1000:,.1f}"


def _count(value: float | None) -> str:
    return "–" if value is None else f"{value:g}"


def bench_table(run: Run) -> Table:
    table = Table(title="perfci bench (times in ms)")
    for col in ("benchmark", "rounds", "P50", "P95", "P99", "mean", "stddev", "IQR"):
        table.add_column(col, justify="left" if col == "benchmark" else "right")
    table.add_column("stmts/req", justify="right")
    table.add_column("rows/req", justify="right")
    table.add_column("SLA", justify="left")
    for b in sorted(run.benchmarks, key=lambda b: (b.kind, b.name)):
        s = b.summary
        if not b.sla:
            sla = ""
        elif b.sla_violations:
            sla = "[red]FAIL " + "; ".join(b.sla_violations) + "[/red]"
        else:
            sla = "[green]ok[/green] " + ", ".join(f"{k}<{v:g}s" for k, v in b.sla.items())
        table.add_row(
            b.name,
            str(s.rounds),
            _ms(s.p50),
            _ms(s.p95),
            _ms(s.p99),
            _ms(s.mean),
            _ms(s.stddev),
            _ms(s.iqr),
            _count(b.statements_per_request),
            _count(b.rows_per_request),
            sla,
        )
    return table


def compare_table(result: Comparison) -> Table:
    table = Table(title=f"perfci compare ({result.stat}, threshold {result.threshold:.1%})")
    for col in ("benchmark", "baseline ms", "current ms", "change", "stmts/req", "verdict"):
        table.add_column(col, justify="left" if col in ("benchmark", "verdict") else "right")
    for r in result.rows:
        change = "–" if r.ratio is None else f"{r.ratio - 1:+.1%}"
        stmts = (
            f"{_count(r.statements_baseline)} → {_count(r.statements_current)}"
            if r.statements_baseline is not None or r.statements_current is not None
            else "–"
        )
        verdict = r.status if not r.reasons else f"{r.status}: " + "; ".join(r.reasons)
        table.add_row(r.name, _ms(r.baseline), _ms(r.current), change, stmts, verdict)
    return table


def print_table(table: Table) -> None:
    Console(width=160).print(table)


def ab_table(run: Run) -> Table:
    base, head = run.config["base"], run.config["head"]
    table = Table(title=f"perfci ab: head {head['sha'][:8]} vs base {base['sha'][:8]} (P50 in ms)")
    for col in ("endpoint", "base", "head", "change", "95% CI", "pairs", "stmts/req", "verdict"):
        table.add_column(col, justify="left" if col in ("endpoint", "verdict") else "right")
    for c in run.comparisons:
        stmts = c["statements_per_request"]
        table.add_row(
            c["name"],
            _ms(c["base"]["p50"]),
            _ms(c["head"]["p50"]),
            f"{c['estimate'] - 1:+.1%}",
            f"{c['ci_low'] - 1:+.1%} … {c['ci_high'] - 1:+.1%}",
            str(c["pairs"]),
            f"{_count(stmts['base'])} → {_count(stmts['head'])}",
            c["verdict"] + (" (rerun)" if c["rerun"] else ""),
        )
    return table
