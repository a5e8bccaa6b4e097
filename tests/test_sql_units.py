"""perf/sql pure logic: the [sql] config, catalog files, the server log of a recorded catalog,
plan parsing, predicate parsing, candidate rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from perf.config import load_config
from perf.errors import UsageError
from perf.sql.advisor import (
    AdvisorSettings,
    IndexCandidate,
    find_candidates,
    parse_predicates,
    split_conjuncts,
)
from perf.sql.catalog import load_catalog, parse_query_file
from perf.sql.explain import parse_explain
from perf.sql.recorded import parse_log, parse_parameters, query_name
from perf.sql.settings import sql_config
from perf.sql.workload import is_own

ROOT = Path(__file__).resolve().parents[1]
DTRAG = load_config(ROOT / "perfci.toml")
BOOKSHELF = load_config(ROOT / "examples" / "bookshelf" / "perfci.toml")


def test_catalog_has_the_seed_acceptance_and_service_queries():
    catalog = sql_config(DTRAG).catalog
    assert catalog == ROOT / "dtrag" / "perfci" / "queries"
    names = [q.name for q in load_catalog(catalog)]
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
    assert all(q.source for q in load_catalog(catalog))


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
    f.write_text("-- name: q1\nSELECT 1\n")
    assert [q.name for q in load_catalog(tmp_path, only=["q1"])] == ["q1"]
    with pytest.raises(UsageError, match="unknown catalog queries: nope"):
        load_catalog(tmp_path, only=["nope"])
    with pytest.raises(UsageError, match="no .sql file"):
        load_catalog(tmp_path / "queries-missing")


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


def test_migrations_come_from_the_config():
    dtrag = sql_config(DTRAG)
    m, previous = dtrag.find_migration("002")
    assert (m.name, m.target, previous.target) == ("002_original_indexes.sql", "002", "001")
    assert dtrag.find_migration("dtrag/db/migrations/003_advisor_indexes.sql")[0].target == "003"
    with pytest.raises(UsageError, match="no such migration"):
        dtrag.find_migration("999")
    with pytest.raises(UsageError, match="first migration"):
        dtrag.find_migration("001")
    # Alembic: the revision ids are the file stems; 0002 names the file as well
    m, previous = sql_config(BOOKSHELF).find_migration("0002")
    assert (m.target, previous.target) == ("0002_indexes", "0001_initial_schema")
    assert sql_config(BOOKSHELF).catalog is None  # recorded from the workload
    assert sql_config(BOOKSHELF).transactions == ("add_review",)  # the endpoint with restore


def _config(tmp_path: Path, sql: str) -> Path:
    path = tmp_path / "perfci.toml"
    (tmp_path / "queries").mkdir(exist_ok=True)
    path.write_text(
        f'[service]\napp = "svc:app"\n\n[sql]\n{sql}\n\n'
        '[[endpoints]]\nname = "items"\npath = "/items"\n'
    )
    return path


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ('catalogue = "queries"', "unknown field 'catalogue'"),
        ('catalog = "nowhere"', "catalog: .*nowhere is not a directory"),
        ('migration_id = "revision"', "migration_id: 'revision' is not one of prefix, stem"),
        ('transactions = ["itemz"]', "transactions: no endpoint named 'itemz'"),
        ('migrations = "m/*.sql"', None),
    ],
)
def test_sql_config_errors_name_the_field(tmp_path, sql, message):
    config = load_config(_config(tmp_path, sql))
    if message is None:  # accepted, but --before-after needs files it can match
        with pytest.raises(UsageError, match="matches no file"):
            sql_config(config).find_migration("001")
        with pytest.raises(UsageError, match=r"needs migrations = '<glob>'"):
            sql_config(load_config(_config(tmp_path, 'catalog = "queries"'))).find_migration("1")
        return
    with pytest.raises(UsageError, match=message):
        sql_config(config)


LOG = """\
2026-12-05 10:52:20.101 UTC [4242] LOG:  duration: 0.050 ms  parse s1: SELECT id FROM books b
\tWHERE b.id = $1::UUID
2026-12-05 10:52:20.102 UTC [4242] LOG:  duration: 0.020 ms  bind s1: SELECT id FROM books b
\tWHERE b.id = $1::UUID
2026-12-05 10:52:20.102 UTC [4242] DETAIL:  parameters: $1 = '6ec01269-2108-4dd9-b75d-1e3cc48d5650'
2026-12-05 10:52:20.103 UTC [4242] LOG:  duration: 0.310 ms  execute s1: SELECT id FROM books b
\tWHERE b.id = $1::UUID
2026-12-05 10:52:20.103 UTC [4242] DETAIL:  parameters: $1 = '6ec01269-2108-4dd9-b75d-1e3cc48d5650'
2026-12-05 10:52:20.104 UTC [4243] LOG:  duration: 0.120 ms  execute <unnamed>: INSERT INTO r
\tVALUES ($1, $2, $3)
2026-12-05 10:52:20.104 UTC [4243] DETAIL:  parameters: $1 = 'it''s good,
\tsecond line', $2 = '4', $3 = NULL
2026-12-05 10:52:20.105 UTC [4244] LOG:  duration: 0.015 ms  statement: SELECT 1
2026-12-05 10:52:20.106 UTC [4245] LOG:  duration: 0.200 ms  execute s1: SELECT $1::text
2026-12-05 10:52:20.106 UTC [4245] DETAIL:  parameters: $1 = 'unterminated
2026-12-05 10:52:20.107 UTC [4246] WARNING:  something else
"""


def test_logged_executions_with_their_parameters():
    found = parse_log(LOG)
    assert [(e.pid, e.duration_ms) for e in found] == [(4242, 0.31), (4243, 0.12), (4244, 0.015)]
    book, review, ping = found
    assert book.sql == "SELECT id FROM books b\n\tWHERE b.id = $1::UUID"
    assert book.params == ["6ec01269-2108-4dd9-b75d-1e3cc48d5650"]
    assert review.params == ["it's good,\n\tsecond line", "4", None]
    assert ping.sql == "SELECT 1" and ping.params is None
    # parameters that do not parse cannot be replayed: that execution is left out (4245)
    assert parse_parameters("parameters: $2 = '1'") is None  # $1 missing
    assert parse_parameters("parameters: $1 = '1', $2 = NULL") == ["1", None]


def test_recorded_names_and_perfcis_own_statements():
    taken: set[str] = set()
    assert query_name("SELECT x FROM books", ["books", "authors"], taken) == "select_books_authors"
    assert query_name("select y FROM books", ["books", "authors"], taken) == (
        "select_books_authors_2"
    )
    assert query_name("INSERT INTO s.t VALUES (1)", ["s.t"], taken) == "insert_s_t"
    for own in (
        "EXPLAIN (FORMAT JSON) SELECT 1",
        "SELECT calls FROM pg_stat_statements",
        'INSERT INTO "reviews" TABLE "perfci_snapshot_reviews"',
        'ALTER DATABASE "x" SET log_min_duration_statement = 0',
        "/* perfci */ SELECT count(*) FROM pg_stat_activity",
    ):
        assert is_own(own), own
    assert not is_own("SELECT * FROM reviews WHERE book_id = $1")


def test_a_comment_line_among_the_headers_does_not_end_them(tmp_path):
    from perf.sql.catalog import parse_query_file

    path = tmp_path / "q.sql"
    path.write_text(
        "-- name: q\n-- source: repo.py fetch (a long description\n"
        "-- wrapped onto a second line)\n-- params: [90]\nSELECT $1::int\n"
    )
    q = parse_query_file(path)
    assert q.params == (90,) and q.sql == "SELECT $1::int"
