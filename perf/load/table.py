"""Terminal table of a load run (rich); presentation only."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table


def _ms(v: float | None) -> str:
    return "–" if v is None else f"{1000 * v:,.0f}"


def _cpu(d: dict) -> str:
    return "–" if d.get("mean") is None else f"{d['mean']:.0f}/{d['max']:.0f}"


def load_table(stage: dict) -> Table:
    table = Table(
        title=f"perfci load (times in ms, duration scale {stage['duration_scale']:g}, "
        f"{stage['processes']} Locust process(es))"
    )
    for col in (
        "scenario", "users", "s", "requests", "RPS", "P50", "P95", "P99", "errors", "409",
        "API CPU % mean/max", "DB CPU % mean/max", "pool max", "gates",
    ):  # fmt: skip
        table.add_column(col, justify="left" if col in ("scenario", "gates") else "right")
    for r in stage["scenarios"]:
        failed = [g for g in r["gates"] if g["passed"] is False]
        if r.get("error"):
            table.add_row(r["name"], str(r["users"]), f"{r['duration_s']:.0f}", *[""] * 10,
                          "[yellow]NOT MEASURED[/yellow] " + escape(r["error"][:80]))  # fmt: skip
            continue
        if r["cpu_warning"]:
            verdict = "[yellow]INVALID (CPU warning)[/yellow]"
        elif failed:
            verdict = "[red]FAIL[/red] " + escape("; ".join(g["name"] for g in failed))
        else:
            verdict = "[green]pass[/green]"
        if r.get("spike"):
            rec = r["spike"]["recovery_seconds"]
            verdict += f" (recovery {'never' if rec is None else f'{rec:.0f} s'})"
        pool = r["resources"]["db_pool"].get("max")
        table.add_row(
            r["name"],
            str(r["users"]),
            f"{r['duration_s']:.0f}",
            str(r["requests"]) + (f" +{r['unfinished']} cut" if r.get("unfinished") else ""),
            "–" if r["rps"] is None else f"{r['rps']:.1f}",
            _ms(r["p50"]),
            _ms(r["p95"]),
            _ms(r["p99"]),
            f"{100 * (r['error_rate'] or 0):.2f} %",
            str(r["expected_409"]),
            _cpu(r["resources"]["api_cpu_percent"]),
            _cpu(r["resources"]["db_cpu_percent"]),
            "–" if pool is None else f"{pool:.0f}",
            verdict,
        )
    return table


def print_load(stage: dict, console: Console | None = None) -> None:
    (console or Console(width=200)).print(load_table(stage))
