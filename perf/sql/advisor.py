"""The index advisor: reads the plans of an observed workload (catalog queries, or any
statements with their parameters), finds sequential scans of large tables under selective
predicates and sorts an index could serve, and prices each candidate index with a what-if plan
(hypopg's hypothetical indexes where present, else a trial index in a rolled-back
transaction). No index is suggested from a fixed list: every candidate comes from a plan.

Decision rules, applied in this order (the thresholds are `AdvisorSettings`):
1. a Seq Scan is a candidate when its table holds at least `min_rows` rows and the share of
   rows its filter keeps is at most `max_selectivity` (actual rows kept / rows read when the
   scan ran to the end, else the planner's estimate);
2. a Sort (or Incremental Sort) is a candidate when it sorts the output of a scan of one table
   by plain columns of that table; the index leads with the scan's equality columns;
3. a candidate is recommended when the what-if plan uses it and the query's estimated cost
   falls by at least `min_gain`; an index whose columns an existing index already leads with
   is not proposed again.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import asyncpg

from perf.sql.explain import ExplainResult, PlanNode, explain, explain_costs

MAX_INCLUDE = 4  # a covering index with more columns is a second copy of the table


@dataclass(frozen=True)
class AdvisorSettings:
    min_rows: int = 5_000
    max_selectivity: float = 0.05
    min_gain: float = 0.2  # relative drop of the query's estimated total cost


@dataclass(frozen=True)
class WorkloadQuery:
    name: str
    sql: str
    params: tuple = ()
    calls: int = 1  # weight, e.g. from pg_stat_statements


@dataclass(frozen=True)
class IndexCandidate:
    table: str
    columns: tuple[str, ...]  # column names, "col DESC", or an expression in parentheses
    method: str = "btree"
    reason: str = ""
    include: tuple[str, ...] = ()  # covering columns (INCLUDE), for index-only scans

    @property
    def keys(self) -> tuple[str, tuple[str, ...]]:
        return self.table, self.columns

    @property
    def name(self) -> str:
        parts = []
        for c in self.columns:
            m = re.match(r"^\(to_tsvector\('(\w+)', (\w+)\)\)$", c)
            if m:
                parts.append(f"{m.group(2)}_fts")
            else:
                parts.append(c.split()[0].strip("()"))
        suffix = "_cov" if self.include else ""
        return f"idx_{self.table}_{'_'.join(parts)}{suffix}"[:63]

    def statement(self, concurrently: bool = False) -> str:
        using = "" if self.method == "btree" else f" USING {self.method.upper()}"
        conc = " CONCURRENTLY" if concurrently else ""
        include = f" INCLUDE ({', '.join(self.include)})" if self.include else ""
        return (
            f"CREATE INDEX{conc} {self.name} ON {self.table}{using} "
            f"({', '.join(self.columns)}){include}"
        )


@dataclass
class Evidence:
    query: str
    finding: str  # what the plan showed
    plan_before: list[str]
    plan_after: list[str]
    cost_before: float
    cost_after: float
    ms_before: float | None = None
    ms_after: float | None = None  # only from a trial index (a real one)

    @property
    def gain(self) -> float:
        return 1.0 - self.cost_after / self.cost_before if self.cost_before > 0 else 0.0

    def as_dict(self) -> dict:
        return {
            "query": self.query,
            "finding": self.finding,
            "plan_before": self.plan_before,
            "plan_after": self.plan_after,
            "cost_before": round(self.cost_before, 2),
            "cost_after": round(self.cost_after, 2),
            "estimated_gain": round(self.gain, 4),
            "ms_before": None if self.ms_before is None else round(self.ms_before, 3),
            "ms_after": None if self.ms_after is None else round(self.ms_after, 3),
        }


@dataclass
class Recommendation:
    candidate: IndexCandidate
    what_if: str  # hypopg | trial
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def statement(self) -> str:
        return self.candidate.statement()

    @property
    def estimated_gain(self) -> float:
        """Cost-weighted relative gain over the queries it helps."""
        before = sum(e.cost_before for e in self.evidence)
        after = sum(e.cost_after for e in self.evidence)
        return 1.0 - after / before if before > 0 else 0.0

    def as_dict(self) -> dict:
        return {
            "table": self.candidate.table,
            "columns": list(self.candidate.columns),
            "method": self.candidate.method,
            "reason": self.candidate.reason,
            "create_index": self.statement + ";",
            "create_index_concurrently": self.candidate.statement(concurrently=True) + ";",
            "what_if": self.what_if,
            "estimated_gain": round(self.estimated_gain, 4),
            "evidence": [e.as_dict() for e in self.evidence],
        }


# --------------------------------------------------------------------------- predicates

_CAST = r"(?:::[\w ]+(?:\[\])?)?"
_COLUMN = re.compile(rf"^\(*(?:\w+\.)?(\w+)\)*{_CAST}\s*(=|<>|<=|>=|<|>)\s*(ANY\b)?")
_FTS = re.compile(r"to_tsvector\('(\w+)'::regconfig, (?:\w+\.)?(\w+)\)\s*@@")


def split_conjuncts(expr: str) -> list[str]:
    """Top-level AND terms of a plan condition such as `((a = 1) AND (b < 2))`."""
    expr = expr.strip()
    while expr.startswith("(") and _balanced_outer(expr):
        expr = expr[1:-1].strip()
    terms, depth, start, i = [], 0, 0, 0
    while i < len(expr):
        ch = expr[i]
        if ch == "'":
            i = expr.index("'", i + 1) if "'" in expr[i + 1 :] else len(expr)
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif depth == 0 and expr.startswith(" AND ", i):
            terms.append(expr[start:i].strip())
            start = i + 5
            i += 4
        i += 1
    terms.append(expr[start:].strip())
    return [t for t in terms if t]


def _balanced_outer(expr: str) -> bool:
    depth = 0
    for i, ch in enumerate(expr):
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0 and i < len(expr) - 1:
            return False
    return True


@dataclass(frozen=True)
class Predicate:
    column: str  # a column name, or an index expression in parentheses
    kind: str  # eq | range | fts
    method: str = "btree"


def parse_predicates(expr: str | None) -> list[Predicate]:
    """The indexable terms of a plan condition: `col op value`, `col = ANY (...)`, and
    full-text matches `to_tsvector(cfg, col) @@ ...`. Anything else is left out."""
    if not expr:
        return []
    out = []
    for term in split_conjuncts(expr):
        fts = _FTS.search(term)
        if fts:
            out.append(Predicate(f"(to_tsvector('{fts.group(1)}', {fts.group(2)}))", "fts", "gin"))
            continue
        m = _COLUMN.match(term)
        if m and m.group(2) != "<>":
            out.append(Predicate(m.group(1), "eq" if m.group(2) == "=" else "range"))
    return out


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _plain_columns(output: Sequence[str]) -> list[str]:
    """Output entries of a scan that are plain columns (`t.col` or `col`), in order."""
    cols = []
    for item in output:
        m = re.match(r"^(?:\w+\.)?(\w+)$", item.strip())
        if m and m.group(1) not in cols:
            cols.append(m.group(1))
    return cols


def _sort_columns(keys: Sequence[str]) -> list[str] | None:
    """Sort keys as index columns (`col`, `col DESC`), or None when a key is an expression."""
    cols = []
    for key in keys:
        m = re.match(r"^(?:\w+\.)?(\w+)( DESC)?$", key.strip())
        if not m:
            return None
        cols.append(m.group(1) + (m.group(2) or ""))
    return cols


# --------------------------------------------------------------------------- candidates


@dataclass
class _Finding:
    candidate: IndexCandidate
    text: str


def _children(nodes: list[PlanNode], i: int) -> list[PlanNode]:
    """Direct children of nodes[i] in the depth-first list."""
    depth = nodes[i].depth
    out = []
    for n in nodes[i + 1 :]:
        if n.depth <= depth:
            break
        if n.depth == depth + 1:
            out.append(n)
    return out


def _scan_below(nodes: list[PlanNode], i: int) -> PlanNode | None:
    """The single-table scan feeding nodes[i] (through Bitmap Heap Scans' index children)."""
    kids = _children(nodes, i)
    if len(kids) != 1:
        return None
    kid = kids[0]
    if kid.relation and "Scan" in kid.node_type:
        return kid
    return None


def find_candidates(
    result: ExplainResult,
    table_rows: dict[str, float],
    settings: AdvisorSettings,
    indexes: dict[str, tuple[str, list[str]]] | None = None,
) -> list[_Finding]:
    found: list[_Finding] = []
    nodes = result.nodes
    for i, node in enumerate(nodes):
        if node.node_type == "Seq Scan" and node.relation and node.filter:
            rows = table_rows.get(node.relation, 0.0)
            if rows < settings.min_rows:
                continue
            read = node.actual_rows + node.rows_removed_by_filter
            if read >= 0.9 * rows * node.loops and read > 0:
                share, how = node.actual_rows / read, "actual"
            else:
                share, how = node.plan_rows / rows, "estimated"
            if share > settings.max_selectivity:
                continue
            preds = parse_predicates(node.filter)
            fts = [p for p in preds if p.kind == "fts"]
            if fts:
                cand = IndexCandidate(node.relation, (fts[0].column,), "gin", "full-text filter")
            else:
                eq = [p.column for p in preds if p.kind == "eq"]
                rng = [p.column for p in preds if p.kind == "range"][:1]
                cols = tuple(dict.fromkeys(eq + rng))
                if not cols:
                    continue
                cand = IndexCandidate(node.relation, cols, "btree", "selective filter")
            found.append(
                _Finding(
                    cand,
                    f"Seq Scan on {node.relation} ({rows:,.0f} rows) keeps {share:.2%} "
                    f"({how}) under filter {_short(node.filter)}",
                )
            )
        elif (
            node.node_type in ("Index Scan", "Index Only Scan")
            and node.relation
            and node.filter
            and node.rows_removed_by_filter >= settings.min_rows / 5
            and node.actual_rows <= settings.max_selectivity * node.rows_removed_by_filter
        ):
            # An index walked for its order (or a weak condition) while the filter throws
            # most rows away: lead with the filter's equality columns, keep the index's order.
            eq = [p.column for p in parse_predicates(node.filter) if p.kind == "eq"]
            used = (indexes or {}).get(node.index or "", ("", []))[1]
            cols = list(dict.fromkeys(eq + [c for c in used if c.split()[0] not in eq]))
            if not eq or not used:
                continue
            found.append(
                _Finding(
                    IndexCandidate(
                        node.relation, tuple(cols), "btree", "selective filter on an index scan"
                    ),
                    f"{node.label} reads {node.actual_rows + node.rows_removed_by_filter:,.0f} "
                    f"rows and its filter {_short(node.filter)} drops "
                    f"{node.rows_removed_by_filter:,.0f} of them",
                )
            )
        elif node.node_type in ("Sort", "Incremental Sort") and node.sort_key:
            scan = _scan_below(nodes, i)
            sort_cols = _sort_columns(node.sort_key)
            if scan is None or sort_cols is None:
                continue
            if table_rows.get(scan.relation or "", 0.0) < settings.min_rows:
                continue
            cond = scan.index_cond or scan.recheck_cond or scan.filter
            if scan.node_type == "Bitmap Heap Scan":
                bitmap_idx = nodes.index(scan)
                for k in _children(nodes, bitmap_idx):
                    cond = cond or k.index_cond
            eq = [p.column for p in parse_predicates(cond) if p.kind == "eq"]
            cols = list(dict.fromkeys(eq))
            for c in sort_cols:
                if c.split()[0] not in cols:
                    cols.append(c)
            if cols == eq:
                continue
            text = (
                f"{node.node_type} by {', '.join(node.sort_key)} of {node.actual_rows:,.0f} "
                f"rows from {scan.label}" + (f" ({_short(cond)})" if cond else "")
            )
            keys = {c.split()[0] for c in cols}
            include = tuple(c for c in _plain_columns(scan.output) if c not in keys)
            if 0 < len(include) <= MAX_INCLUDE:
                # The same order with the columns the query reads: an index-only scan
                # replaces both the heap reads and the sort.
                found.append(
                    _Finding(
                        IndexCandidate(
                            scan.relation or "",
                            tuple(cols),
                            "btree",
                            "sort an index-only scan can serve",
                            include,
                        ),
                        text,
                    )
                )
            found.append(
                _Finding(
                    IndexCandidate(
                        scan.relation or "", tuple(cols), "btree", "sort an index can serve"
                    ),
                    text,
                )
            )
    return found


async def table_sizes(conn: asyncpg.Connection) -> dict[str, float]:
    rows = await conn.fetch(
        """SELECT c.relname, greatest(c.reltuples, 0) AS n FROM pg_class c
           JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE c.relkind = 'r' AND n.nspname = current_schema()"""
    )
    return {r["relname"]: float(r["n"]) for r in rows}


async def existing_indexes(conn: asyncpg.Connection) -> dict[str, tuple[str, list[str]]]:
    """Index name -> (table, key columns as written in its definition)."""
    rows = await conn.fetch(
        "SELECT indexname, tablename, indexdef FROM pg_indexes WHERE schemaname = current_schema()"
    )
    out: dict[str, tuple[str, list[str]]] = {}
    for r in rows:
        inner = r["indexdef"].split(" (", 1)[1].rsplit(")", 1)[0]
        cols = [c.strip() for c in re.split(r",\s*(?![^()]*\))", inner)]
        out[r["indexname"]] = (r["tablename"], cols)
    return out


def _normal(col: str) -> str:
    return col.replace("'", "").replace("::regconfig", "").replace(" ASC", "")


def _already_indexed(cand: IndexCandidate, existing: dict[str, tuple[str, list[str]]]) -> bool:
    want = [_normal(c) for c in cand.columns]
    for table, cols in existing.values():
        if table == cand.table and [_normal(c) for c in cols][: len(want)] == want:
            return True
    return False


# --------------------------------------------------------------------------- what-if


async def has_hypopg(conn: asyncpg.Connection) -> bool:
    return bool(await conn.fetchval("SELECT 1 FROM pg_extension WHERE extname = 'hypopg'"))


async def _what_if_hypopg(
    conn: asyncpg.Connection, cand: IndexCandidate, queries: list[WorkloadQuery]
) -> tuple[str, list[ExplainResult]]:
    row = await conn.fetchrow("SELECT * FROM hypopg_create_index($1)", cand.statement())
    try:
        return row["indexname"], [await explain_costs(conn, q.sql, q.params) for q in queries]
    finally:
        await conn.execute("SELECT hypopg_reset()")


async def _what_if_trial(
    conn: asyncpg.Connection, cand: IndexCandidate, queries: list[WorkloadQuery]
) -> tuple[str, list[ExplainResult]]:
    """A real index, built and used inside a transaction that is rolled back."""
    tr = conn.transaction()
    await tr.start()
    try:
        await conn.execute(cand.statement())
        return cand.name, [await explain(conn, q.sql, q.params, timing=False) for q in queries]
    finally:
        await tr.rollback()


def _uses_index(result: ExplainResult, index_name: str) -> bool:
    return any(n.index and index_name in n.index for n in result.nodes)


async def _evaluate(
    conn: asyncpg.Connection,
    cand: IndexCandidate,
    hits: list[tuple[WorkloadQuery, str]],
    before: dict[str, ExplainResult],
    hypo: bool,
    settings: AdvisorSettings,
    rejected: list[dict] | None,
) -> Recommendation:
    """Price `cand` for the queries that suggested it; the evidence keeps those it helps."""
    queries = [q for q, _ in hits]
    method = "hypopg" if hypo and cand.method == "btree" else "trial"
    try:
        runner = _what_if_hypopg if method == "hypopg" else _what_if_trial
        name, after = await runner(conn, cand, queries)
    except asyncpg.PostgresError:
        if method != "hypopg":
            raise
        method = "trial"  # e.g. a hypopg without INCLUDE support
        name, after = await _what_if_trial(conn, cand, queries)
    rec = Recommendation(cand, method)
    for (q, text), res in zip(hits, after, strict=True):
        b = before[q.name]
        cost_before = (await explain_costs(conn, q.sql, q.params)).total_cost
        ev = Evidence(
            query=q.name,
            finding=text,
            plan_before=b.node_types(),
            plan_after=res.node_types(),
            cost_before=cost_before,
            cost_after=res.total_cost,
            ms_before=b.total_ms,
            ms_after=res.total_ms if method == "trial" else None,
        )
        used = _uses_index(res, name)
        if used and ev.gain >= settings.min_gain:
            rec.evidence.append(ev)
        elif rejected is not None:
            why = (
                "not used by the what-if plan"
                if not used
                else f"estimated gain {ev.gain:.0%} under {settings.min_gain:.0%}"
            )
            rejected.append(
                {
                    "create_index": cand.statement() + ";",
                    "query": q.name,
                    "why": why,
                    "finding": text,
                    "cost_before": round(ev.cost_before, 2),
                    "cost_after": round(ev.cost_after, 2),
                }
            )
    return rec


async def advise(
    conn: asyncpg.Connection,
    workload: Sequence[WorkloadQuery],
    settings: AdvisorSettings | None = None,
    rejected: list[dict] | None = None,
) -> list[Recommendation]:
    """Recommendations for `workload` on the database of `conn`, best estimated gain first.
    Statements run under EXPLAIN ANALYZE inside a rolled-back transaction.

    A covering variant (same keys plus INCLUDE) is priced for every query that suggested an
    index with its keys; when it helps them all it replaces the plain index (one index, not
    two, for the same order)."""
    settings = settings or AdvisorSettings()
    sizes = await table_sizes(conn)
    existing = await existing_indexes(conn)
    hypo = await has_hypopg(conn)
    before: dict[str, ExplainResult] = {}
    findings: dict[IndexCandidate, list[tuple[WorkloadQuery, str]]] = {}
    for q in workload:
        tr = conn.transaction()
        await tr.start()
        try:
            before[q.name] = await explain(conn, q.sql, q.params, timing=False, verbose=True)
        finally:
            await tr.rollback()
        for f in find_candidates(before[q.name], sizes, settings, existing):
            if _already_indexed(f.candidate, existing):
                if rejected is not None:
                    rejected.append(
                        {
                            "create_index": f.candidate.statement() + ";",
                            "query": q.name,
                            "why": "an existing index already leads with these columns",
                            "finding": f.text,
                        }
                    )
                continue
            findings.setdefault(f.candidate, []).append((q, f.text))

    recs: list[Recommendation] = []
    subsumed: set[tuple[str, tuple[str, ...]]] = set()
    for cand, hits in findings.items():
        if not cand.include:
            continue
        union = list(hits)
        for other, other_hits in findings.items():
            if other is not cand and not other.include and other.keys == cand.keys:
                union += [h for h in other_hits if h[0] not in [u[0] for u in union]]
        rec = await _evaluate(conn, cand, union, before, hypo, settings, rejected)
        if rec.evidence:
            recs.append(rec)
            if len(rec.evidence) == len(union):
                subsumed.add(cand.keys)
    for cand, hits in findings.items():
        if cand.include or cand.keys in subsumed:
            continue
        rec = await _evaluate(conn, cand, hits, before, hypo, settings, rejected)
        if rec.evidence:
            recs.append(rec)
    recs.sort(key=lambda r: -r.estimated_gain)
    return recs
