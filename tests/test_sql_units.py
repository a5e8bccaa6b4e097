"""perf/sql pure logic: catalog files, plan parsing, predicate parsing, candidate rules."""

from __future__ import annotations

import json

import pytest

from perf.errors import UsageError
from perf.sql.advisor import (
    AdvisorSettings,
    IndexCandidate,
    find_candidates,
    parse_predicates,
    split_conjuncts,
)
from perf.sql.beforeafter import find_migration
from perf.sql.catalog import load_catalog, parse_query_file
from perf.sql.explain import parse_explain


def test_catalog_has_the_seed_acceptance_and_service_queries():
    names = [q.name for q in load_catalog()]
    assert len(names) == len(set(names))
    for expected in (
        "seed_case_bank_by_status",
        "seed_case_bank_low_success",
        "seed_case_bank_top_usage",
        "seed_execution_log_by_case",
        "seed_execution_log_count_by_case",
        "acceptance_low_active_top_usage",
        "analyze_recent_logs",
        "batch_qualifying_cases",
        "search_fulltext",
        "consolidation_active_cases",
    ):
        assert expected in names
    assert all(q.source for q in load_catalog())


def test_query_file_headers(tmp_path):
    f = tmp_path / "q.sql"
    f.write_text(
        '-- name: q1\n-- source: test\n-- params-sql: SELECT 1\n-- params: [5, "x"]\n'
        "SELECT $1, $2, $3;\n"
    )
    q = parse_query_file(f)
    assert (q.name, q.source, q.params, q.params_sql) == ("q1", "test", (5, "x"), "SELECT 1")
    assert q.sql == "SELECT $1, $2, $3"
    f.write_text("-- params: [oops\nSELECT 1\n")
    with pytest.raises(UsageError, match="params"):
        parse_query_file(f)
    with pytest.raises(UsageError, match="unknown catalog queries: nope"):
        load_catalog(only=["nope"])


def test_predicates_from_plan_conditions():
    assert split_conjuncts("((a = 1) AND (b < 'x AND y'::text))") == [
        "(a = 1)",
        "(b < 'x AND y'::text)",
    ]
    preds = parse_predicates("(((status)::text = 'active'::text) AND (success_rate < '30'::real))")
    assert [(p.column, p.kind) for p in preds] == [("status", "eq"), ("success_rate", "range")]
    fts = parse_predicates("(to_tsvector('english'::regconfig, c.text) @@ q.query)")
    assert [(p.column, p.kind, p.method) for p in fts] == [
        ("(to_tsvector('english', text))", "fts", "gin")
    ]
    assert parse_predicates("((case_id)::text = ANY ('{a,b}'::text[]))")[0].column == "case_id"
    assert parse_predicates("(a <> 3)") == []


def _plan(node: dict) -> list:
    return [{"Plan": node, "Planning Time": 0.1, "Execution Time": 5.0}]


def test_seq_scan_rule_selective_and_not():
    scan = {
        "Node Type": "Seq Scan",
        "Relation Name": "orders",
        "Alias": "orders",
        "Plan Rows": 10,
        "Actual Rows": 10,
        "Actual Loops": 1,
        "Total Cost": 900.0,
        "Filter": "((code)::text = 'c-1'::text)",
        "Rows Removed by Filter": 49_990,
    }
    result = parse_explain(json.dumps(_plan(scan)))
    found = find_candidates(result, {"orders": 50_000}, AdvisorSettings())
    assert [f.candidate for f in found] == [
        IndexCandidate("orders", ("code",), "btree", "selective filter")
    ]
    assert "0.02%" in found[0].text
    half = dict(scan, **{"Actual Rows": 25_000, "Rows Removed by Filter": 25_000})
    assert find_candidates(parse_explain(_plan(half)), {"orders": 50_000}, AdvisorSettings()) == []
    # a small table is never a candidate, however selective the filter
    assert find_candidates(result, {"orders": 100}, AdvisorSettings()) == []


def test_sort_rule_leads_with_equality_columns():
    plan = {
        "Node Type": "Sort",
        "Sort Key": ["log.created_at DESC"],
        "Actual Rows": 500,
        "Actual Loops": 1,
        "Total Cost": 400.0,
        "Plans": [
            {
                "Node Type": "Index Scan",
                "Relation Name": "log",
                "Index Name": "log_case",
                "Index Cond": "((case_id)::text = 'x'::text)",
                "Actual Rows": 500,
                "Actual Loops": 1,
                "Output": ["case_id", "created_at", "ok"],
            }
        ],
    }
    found = find_candidates(parse_explain(_plan(plan)), {"log": 100_000}, AdvisorSettings())
    cands = {f.candidate for f in found}
    assert (
        IndexCandidate("log", ("case_id", "created_at DESC"), "btree", "sort an index can serve")
        in cands
    )
    covering = [c for c in cands if c.include]
    assert covering and covering[0].include == ("ok",)
    assert covering[0].statement() == (
        "CREATE INDEX idx_log_case_id_created_at_cov ON log (case_id, created_at DESC) INCLUDE (ok)"
    )


def test_gin_statement_and_migration_lookup():
    c = IndexCandidate("chunks", ("(to_tsvector('english', text))",), "gin")
    assert c.statement(concurrently=True) == (
        "CREATE INDEX CONCURRENTLY idx_chunks_text_fts ON chunks USING GIN "
        "((to_tsvector('english', text)))"
    )
    m, previous = find_migration("002")
    assert m.name == "002_original_indexes.sql" and previous == "001"
    with pytest.raises(UsageError, match="no such migration"):
        find_migration("999")
