"""The data generator without a database: determinism, well-known ids and the consolidation and
reflection groups they are designed to fall into (API-CONTRACT.md, "Data sets")."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from dtrag import datagen
from dtrag.embedding import embed, matrix_from_bytes

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
DIM = 384
CASE = {c: i for i, c in enumerate(datagen.CASE_COLUMNS)}
LOG = {c: i for i, c in enumerate(datagen.LOG_COLUMNS)}
CLOCK_COLUMNS = {("cases", CASE["last_used_at"]), ("logs", LOG["created_at"])}


@pytest.fixture(scope="module")
def small() -> datagen.Tables:
    return datagen.generate("small", seed=42, dim=DIM, now=NOW)


def _without_clock(tables: datagen.Tables) -> dict[str, list[tuple]]:
    out = {}
    for name in ("taxonomy", "documents", "chunks", "cases", "logs"):
        rows = getattr(tables, name)
        out[name] = [
            tuple(v for k, v in enumerate(row) if (name, k) not in CLOCK_COLUMNS) for row in rows
        ]
    return out


def _logs_by_case(tables: datagen.Tables) -> dict[str, list[tuple]]:
    by_case: dict[str, list[tuple]] = {}
    for row in tables.logs:
        by_case.setdefault(row[LOG["case_id"]], []).append(row)
    return by_case


def test_unknown_profile_names_the_valid_ones():
    with pytest.raises(ValueError, match="small, default, large"):
        datagen.generate("huge")


def test_same_seed_same_rows_and_the_clock_only_moves_relative_timestamps(small):
    again = datagen.generate("small", seed=42, dim=DIM, now=NOW)
    assert again == small
    later = datagen.generate("small", seed=42, dim=DIM, now=NOW + timedelta(days=3))
    assert _without_clock(later) == _without_clock(small)
    shift = later.cases[0][CASE["last_used_at"]] - small.cases[0][CASE["last_used_at"]]
    assert shift == timedelta(days=3)
    other = datagen.generate("small", seed=7, dim=DIM, now=NOW)
    assert _without_clock(other)["cases"] != _without_clock(small)["cases"]


def test_taxonomy_versions_and_tree(small):
    by_version = Counter(row[1] for row in small.taxonomy)
    assert by_version == {"1.8.1": 51, "1.7.0": 21}
    for version in by_version:
        nodes = {r[0]: r for r in small.taxonomy if r[1] == version}
        for _node_id, _, label, path, parent_id, description in nodes.values():
            assert path[-1] == label and label in description
            if parent_id is None:
                assert len(path) == 1
            else:
                assert nodes[parent_id][3] == path[:-1]


def test_small_profile_sizes(small):
    profile = datagen.PROFILES["small"]
    assert len(small.cases) == profile.cases == 200
    assert len(small.documents) == profile.documents
    assert len(small.chunks) == profile.chunks
    assert 4_000 <= len(small.logs) <= 6_000
    assert {r[1] for r in small.chunks} == {r[0] for r in small.documents}  # no empty document
    lengths = [len(r[3]) for r in small.chunks]
    assert min(lengths) >= datagen.CHUNK_MIN and max(lengths) <= datagen.CHUNK_MAX
    assert all(len(r[5]) == 4 * DIM for r in small.chunks)
    assert all(len(r[CASE["query_vector"]]) == 4 * DIM for r in small.cases)


def test_only_test_001_and_hot_cases_reach_ten_logs(small):
    counts = Counter(row[LOG["case_id"]] for row in small.logs)
    many = {c for c, n in counts.items() if n >= 10}
    hot = {f"hot-{i:03d}" for i in range(1, 20)}
    assert many == hot | {"test-001"}
    assert all(100 <= counts[c] <= 250 for c in hot)


def test_test_001_has_exactly_85_of_100_successful_logs(small):
    logs = _logs_by_case(small)["test-001"]
    assert len(logs) == 100
    assert sum(row[LOG["success"]] for row in logs) == 85
    case = next(r for r in small.cases if r[0] == "test-001")
    assert case[CASE["success_rate"]] == 85.0 and case[CASE["usage_count"]] >= 100


def test_hot_cases_give_reflection_batch_something_to_suggest(small):
    logs = _logs_by_case(small)
    rates, slow = [], 0
    for case_id, rows in logs.items():
        if case_id.startswith("hot-"):
            rates.append(100.0 * sum(r[LOG["success"]] for r in rows) / len(rows))
            slow += np.mean([r[LOG["execution_time_ms"]] for r in rows]) > 5000
    assert min(rates) < 30 and sum(r < 50 for r in rates) >= 2 and max(rates) > 80
    assert slow >= 2
    failed = [r for rows in logs.values() for r in rows if not r[LOG["success"]]]
    assert {r[LOG["error_type"]] for r in failed} == {*datagen.ERROR_TYPES, None}
    assert all(r[LOG["error_message"]] for r in failed)


def test_logs_are_in_time_order_and_end_at_the_last_use(small):
    times = [r[LOG["created_at"]] for r in small.logs]
    assert times == sorted(times) and len(set(times)) == len(times)
    last_used = {r[0]: r[CASE["last_used_at"]] for r in small.cases}
    assert all(r[LOG["created_at"]] <= last_used[r[LOG["case_id"]]] for r in small.logs)


def test_consolidation_rules_select_exactly_the_designed_groups(small):
    """Low performers and inactive cases are the low-/inactive- ids and nothing else."""
    low, inactive = set(), set()
    for r in small.cases:
        if r[CASE["success_rate"]] < 30 and r[CASE["usage_count"]] > 10:
            low.add(r[0])
        if r[CASE["last_used_at"]] < NOW - timedelta(days=90) and r[CASE["usage_count"]] < 100:
            inactive.add(r[0])
    assert low == {f"low-{i:03d}" for i in range(1, 4)}
    assert inactive == {f"inactive-{i:03d}" for i in range(1, 5)}


def test_near_duplicates_are_exactly_the_designed_pairs(small):
    ids = [r[0] for r in small.cases]
    vectors = matrix_from_bytes([r[CASE["query_vector"]] for r in small.cases], DIM)
    sims = np.triu(vectors @ vectors.T, k=1)
    pairs = {(ids[i], ids[j]) for i, j in zip(*np.nonzero(sims > 0.95), strict=True)}
    assert pairs == {("dup-001a", "dup-001b"), ("dup-002a", "dup-002b")}
    usage = {r[0]: r[CASE["usage_count"]] for r in small.cases}
    assert all(usage[a] > usage[b] for a, b in pairs)


def test_near_duplicate_appends_one_word_above_the_threshold():
    text = "how do I rotate the token header in production when api session uses key"
    twin = datagen.near_duplicate(text, DIM)
    assert twin is not None and twin.startswith(text) and len(twin.split()) == len(text.split()) + 1
    assert float(embed(text, DIM) @ embed(twin, DIM)) > 0.95
    assert datagen.near_duplicate("reset password", DIM) is None  # too short to stay above


def test_profiles_keep_the_batch_scale():
    assert datagen.PROFILES["default"].hot_cases + 1 == 100
    assert datagen.PROFILES["large"].hot_cases + 1 == 1000
    for p in datagen.PROFILES.values():
        designed = 1 + p.hot_cases + p.low_performers + 2 * p.duplicate_pairs + p.inactive
        assert designed < p.cases
