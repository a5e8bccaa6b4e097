"""EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) of one statement with bound parameters, flattened
into the facts the catalog and the advisor read: node types, estimated vs actual rows, times,
buffers, filters and sort keys."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import asyncpg


@dataclass
class PlanNode:
    """One node of a plan, with the per-loop actual rows multiplied out."""

    node_type: str
    depth: int
    relation: str | None = None
    alias: str | None = None
    index: str | None = None
    plan_rows: float = 0.0
    actual_rows: float = 0.0  # total over loops
    loops: int = 1
    total_ms: float | None = None  # actual total time over loops (None with TIMING OFF)
    total_cost: float = 0.0
    filter: str | None = None
    index_cond: str | None = None
    recheck_cond: str | None = None
    rows_removed_by_filter: float = 0.0
    sort_key: list[str] = field(default_factory=list)
    shared_hit: int = 0
    shared_read: int = 0
    output: list[str] = field(default_factory=list)  # with VERBOSE only

    @property
    def label(self) -> str:
        target = self.relation or ""
        if self.index:
            target = f"{target} using {self.index}" if target else self.index
        return f"{self.node_type} on {target}" if target else self.node_type


@dataclass
class ExplainResult:
    plan: dict  # the root "Plan" object as PostgreSQL returned it
    planning_ms: float
    execution_ms: float
    nodes: list[PlanNode]

    @property
    def total_ms(self) -> float:
        return self.planning_ms + self.execution_ms

    @property
    def shared_hit(self) -> int:
        return int(self.plan.get("Shared Hit Blocks", 0))

    @property
    def shared_read(self) -> int:
        return int(self.plan.get("Shared Read Blocks", 0))

    @property
    def total_cost(self) -> float:
        return float(self.plan.get("Total Cost", 0.0))

    def node_types(self) -> list[str]:
        return [n.label for n in self.nodes]

    def scans(self) -> list[PlanNode]:
        return [n for n in self.nodes if "Scan" in n.node_type]


def walk(plan: dict, depth: int = 0) -> Iterator[PlanNode]:
    """Every node of `plan`, depth first, parents before children."""
    loops = int(plan.get("Actual Loops", 1) or 1)
    total = plan.get("Actual Total Time")
    yield PlanNode(
        node_type=plan["Node Type"],
        depth=depth,
        relation=plan.get("Relation Name"),
        alias=plan.get("Alias"),
        index=plan.get("Index Name"),
        plan_rows=float(plan.get("Plan Rows", 0.0)),
        actual_rows=float(plan.get("Actual Rows", 0.0)) * loops,
        loops=loops,
        total_ms=float(total) * loops if total is not None else None,
        total_cost=float(plan.get("Total Cost", 0.0)),
        filter=plan.get("Filter"),
        index_cond=plan.get("Index Cond"),
        recheck_cond=plan.get("Recheck Cond"),
        rows_removed_by_filter=float(plan.get("Rows Removed by Filter", 0.0)) * loops,
        sort_key=list(plan.get("Sort Key", []) or []),
        shared_hit=int(plan.get("Shared Hit Blocks", 0)),
        shared_read=int(plan.get("Shared Read Blocks", 0)),
        output=list(plan.get("Output", []) or []),
    )
    for child in plan.get("Plans", []) or []:
        yield from walk(child, depth + 1)


def parse_explain(raw: str | list) -> ExplainResult:
    """The result of EXPLAIN (FORMAT JSON) as a string or already decoded."""
    doc = json.loads(raw) if isinstance(raw, str) else raw
    top = doc[0]
    plan = top["Plan"]
    return ExplainResult(
        plan=plan,
        planning_ms=float(top.get("Planning Time", 0.0)),
        execution_ms=float(top.get("Execution Time", 0.0)),
        nodes=list(walk(plan)),
    )


async def explain(
    conn: asyncpg.Connection,
    sql: str,
    params: Sequence[object] = (),
    *,
    analyze: bool = True,
    timing: bool = True,
    verbose: bool = False,
) -> ExplainResult:
    """EXPLAIN `sql` with `params` bound as $1, $2, ... (the statement really runs when
    `analyze`; wrap data-changing statements in a transaction you roll back). With
    `timing=False` the per-node clocks are off, which makes the execution time closer to the
    statement's own (EXPLAIN ANALYZE's timing overhead is per row)."""
    options = ["FORMAT JSON"] + (["VERBOSE"] if verbose else [])
    if analyze:
        options += ["ANALYZE", "BUFFERS", f"TIMING {'ON' if timing else 'OFF'}"]
    raw = await conn.fetchval(f"EXPLAIN ({', '.join(options)}) {sql}", *params)
    return parse_explain(raw)


async def explain_costs(
    conn: asyncpg.Connection, sql: str, params: Sequence[object] = ()
) -> ExplainResult:
    """The planner's plan and cost without running the statement."""
    return await explain(conn, sql, params, analyze=False)
