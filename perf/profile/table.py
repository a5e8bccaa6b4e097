"""Terminal output of a profile run: overhead, ranked bottlenecks, handlers, engine top
functions."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table


def print_profile(stage: dict, out: Path) -> None:
    console = Console()
    passes = stage["passes"]
    if stage.get("overhead"):
        a, b, o = passes["without_profiler"], passes["with_profiler"], stage["overhead"]
        console.print(
            f"profiling overhead: RPS {a['rps']:.1f} → {b['rps']:.1f} ({o['rps_change']:+.1%}), "
            f"P95 {a['p95'] * 1000:.1f} → {b['p95'] * 1000:.1f} ms ({o['p95_change']:+.1%})"
        )
    t = Table(title=f"bottlenecks ({stage['samples']} samples, DB {stage['db_seconds']:.1f} s)")
    for col in ("#", "kind", "where", "share", "ms/req", "recommendation"):
        t.add_column(col, overflow="fold")
    for b in stage["bottlenecks"]:
        t.add_row(
            str(b["rank"]),
            b["kind"],
            b["where"][:90],
            f"{b['share']:.1%}",
            f"{b['ms_per_request']:.2f}",
            b["recommendation"][:120],
        )
    console.print(t)
    handlers = Table(title="handlers by share of the sampled Python time")
    for col in ("handler", "share"):
        handlers.add_column(col, overflow="fold")
    for name, share in list(stage.get("entry_points", {}).items())[:10]:
        handlers.add_row(name[:90], f"{share:.1%}")
    console.print(handlers)
    for e in stage.get("engines", []):
        t = Table(title=f"cProfile {e['name']} ({e['wall_seconds_per_call'] * 1000:.0f} ms/call)")
        for col in ("function", "calls", "self s", "cumulative s"):
            t.add_column(col, overflow="fold")
        for r in e["top"]["cumulative"][:8]:
            t.add_row(
                r["function"][:80],
                str(r["calls"]),
                f"{r['self_seconds']:.3f}",
                f"{r['cumulative_seconds']:.3f}",
            )
        console.print(t)
    files = stage["files"]
    console.print(f"flame graph: {out / files['flamegraph']}")
    console.print(f"speedscope:  {out / files['speedscope']}")
