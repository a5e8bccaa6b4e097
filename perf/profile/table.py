"""Terminal output of a profile run: overhead, ranked bottlenecks, handlers, engine top
functions."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table


def overhead_line(o: dict) -> str:
    """One line for the paired overhead (perf/profile/overhead.py)."""

    def pct(key: str) -> str:
        lo, hi = o[f"{key}_ci"]
        return f"{o[key]:+.1%} (95 % CI {lo:+.1%} … {hi:+.1%})"

    spy = o.get("pyspy_cpu_share")
    return (
        f"profiling overhead (paired, {o['pairs']} requests to both, py-spy {o.get('rate')} Hz"
        f"{', nonblocking' if o.get('nonblocking') else ''}): RPS {pct('rps_change')}, "
        f"P95 {pct('p95_change')}, P50 {pct('p50_change')}"
        + (f"; py-spy itself used {spy:.1%} of a core" if spy is not None else "")
    )


def print_profile(stage: dict, out: Path) -> None:
    console = Console()
    if stage.get("overhead"):
        console.print(overhead_line(stage["overhead"]))
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
