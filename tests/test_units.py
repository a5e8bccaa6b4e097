"""Pure pieces without a database: embedder, settings, migrations, DSN helpers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from dtrag.core.config import ConfigError, Settings
from dtrag.db.migrate import load_migrations, migrations_fingerprint
from dtrag.embedding import embed, from_bytes, matrix_from_bytes, to_bytes
from perf.config import load_config
from perf.errors import UsageError
from perf.service import input_files
from perf.stack import DataSpec, check_dsn, tcp_dsn_of, with_database

ROOT = Path(__file__).resolve().parents[1]


def test_embedding_is_deterministic_across_processes():
    here = embed("Reset my password, please", 64)
    code = (
        "from dtrag.embedding import embed; "
        "print(','.join(repr(float(x)) for x in embed('Reset my password, please', 64)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    there = np.array([float(x) for x in out.stdout.strip().split(",")], dtype=np.float32)
    assert np.array_equal(here, there)


def test_embedding_is_normalised_and_similar_texts_are_close():
    a = embed("how do I reset the password of my account")
    b = embed("how do I reset the password of my account please")
    c = embed("quarterly revenue forecast for the retail segment")
    assert abs(float(np.linalg.norm(a)) - 1.0) < 1e-5
    assert float(a @ b) > 0.9
    assert float(a @ c) < 0.5
    assert not embed("!!!").any()  # no token: the zero vector, not NaN


def test_vector_bytes_round_trip():
    vectors = [embed(t, 16) for t in ("a b", "c d", "e f")]
    blobs = [to_bytes(v) for v in vectors]
    assert np.array_equal(from_bytes(blobs[0], 16), vectors[0])
    assert np.array_equal(matrix_from_bytes(blobs, 16), np.vstack(vectors))
    with pytest.raises(ValueError, match="expected 32"):
        from_bytes(blobs[0], 32)


def test_settings_from_env():
    s = Settings.from_env({"DATABASE_URL": "postgresql://x/y", "DTRAG_API_KEYS": "a, b,,"})
    assert s.api_keys == frozenset({"a", "b"})
    assert (s.rate_limit, s.pool_min, s.pool_max, s.embedding_dim) == (100, 10, 30, 384)
    with pytest.raises(ConfigError, match="DTRAG_DATABASE_URL"):
        Settings.from_env({})
    with pytest.raises(ConfigError, match="DTRAG_RATE_LIMIT='lots'"):
        Settings.from_env({"DATABASE_URL": "postgresql://x/y", "DTRAG_RATE_LIMIT": "lots"})
    with pytest.raises(ConfigError, match="below DTRAG_POOL_MIN"):
        Settings.from_env({"DATABASE_URL": "p://", "DTRAG_POOL_MIN": "5", "DTRAG_POOL_MAX": "2"})


def test_migrations_are_ordered_and_indexes_separate():
    names = [m.name for m in load_migrations()]
    assert names == sorted(names) and names[:2] == ["001_schema.sql", "002_original_indexes.sql"]
    schema = load_migrations()[0].sql
    assert "CREATE INDEX" not in schema  # the original's indexes live in their own migration
    assert migrations_fingerprint("001") != migrations_fingerprint()


def test_template_key_depends_on_profile_seed_migrations_and_declared_inputs(tmp_path):
    service = load_config(ROOT / "perfci.toml").service
    keys = {
        DataSpec(service, "small").cache_key(),
        DataSpec(service, "default").cache_key(),
        DataSpec(service, "small", seed=7).cache_key(),
        DataSpec(service, "small", migrations_target="001").cache_key(),
    }
    assert len(keys) == 4
    assert DataSpec(service, "small").cache_key() == DataSpec(service, "small").cache_key()
    with pytest.raises(UsageError, match="unknown profile 'huge'"):
        DataSpec(service, "huge")
    # a copy of the service's declared inputs names the same template; a changed input not
    copy = tmp_path / "tree"
    for path in input_files(service.root, service.database):
        target = copy / path.relative_to(service.root)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    same = DataSpec(service, "small", root=copy).cache_key()
    assert same == DataSpec(service, "small").cache_key()
    generator = copy / "dtrag/datagen.py"
    generator.write_text(generator.read_text() + "\n# changed\n")
    assert DataSpec(service, "small", root=copy).cache_key() != same


def test_dsn_helpers():
    sock = "postgresql://postgres@/postgres?host=/tmp/x&port=5544"
    assert with_database(sock, "run_1") == "postgresql://postgres@/run_1?host=/tmp/x&port=5544"
    assert tcp_dsn_of(with_database(sock, "db")) == "postgresql://postgres@127.0.0.1:5544/db"
    assert tcp_dsn_of("postgresql://u@h:1/d") == "postgresql://u@h:1/d"
    with pytest.raises(UsageError, match="not a postgresql:// URL"):
        check_dsn("mysql://h/d")


def test_pr_merge_base_falls_back_to_the_stored_baseline_only_without_an_explicit_base(
    tmp_path, monkeypatch
):
    import subprocess

    from perf.errors import UsageError
    from perf.pipeline import merge_base

    def git(*args):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q", "-b", "trunk")
    git("-c", "user.name=t", "-c", "user.email=t@x", "commit", "-q", "--allow-empty", "-m", "a")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_BASE_REF", raising=False)
    assert merge_base(None) == ("main", None)  # no main: the stored baseline
    ref, sha = merge_base("trunk")
    assert ref == "trunk" and len(sha) == 40
    with pytest.raises(UsageError, match="no-such-branch"):
        merge_base("no-such-branch")


def test_duplicate_pairs_memo_is_exact(monkeypatch):
    import numpy as np

    from dtrag.engines import consolidation as c

    calls = []
    real = c.duplicate_pairs
    monkeypatch.setattr(c, "duplicate_pairs", lambda v, t: calls.append(1) or real(v, t))
    monkeypatch.setattr(c, "_pairs_cache", type(c._pairs_cache)())
    rng = np.random.default_rng(7)
    vectors = rng.normal(size=(300, 16)).astype(np.float32)
    vectors[5] = vectors[17] * 1.001  # one near-duplicate pair
    first = c.cached_duplicate_pairs(vectors, 0.95)
    again = c.cached_duplicate_pairs(vectors.copy(), 0.95)  # equal bytes: no second scan
    assert len(calls) == 1 and all(np.array_equal(a, b) for a, b in zip(first, again, strict=True))
    assert (int(first[0][0]), int(first[1][0])) == (5, 17)
    changed = vectors.copy()
    changed[200] = changed[5]  # a new duplicate: a different key, the scan runs again
    pairs = c.cached_duplicate_pairs(changed, 0.95)
    assert len(calls) == 2 and len(pairs[0]) == 3
    c.cached_duplicate_pairs(vectors, 0.90)  # another threshold is another key
    assert len(calls) == 3
    for i in range(c.PAIRS_CACHE_SIZE + 1):  # bounded
        c.cached_duplicate_pairs(vectors[i:], 0.95)
    assert len(c._pairs_cache) == c.PAIRS_CACHE_SIZE


def test_statement_deltas_put_the_multiplied_statement_first():
    from perf.pgtools import statement_deltas
    from perf.report.model import statement_lines

    base = [
        {"query": "SELECT * FROM books LIMIT $1", "calls": 1, "rows": 20, "ms": 1.0},
        {"query": "SELECT count(*) FROM reviews WHERE book_id = $1", "calls": 0, "rows": 0,
         "ms": 0.0},
        {"query": "BEGIN", "calls": 1, "rows": 0, "ms": 0.01},
    ]  # fmt: skip
    head = [
        {"query": "SELECT * FROM books LIMIT $1", "calls": 1, "rows": 20, "ms": 1.2},
        {"query": "SELECT count(*) FROM reviews WHERE book_id = $1", "calls": 20, "rows": 20,
         "ms": 3.0},
        {"query": "SELECT id FROM authors", "calls": 1, "rows": 5, "ms": 0.1},
        {"query": "BEGIN", "calls": 1, "rows": 0, "ms": 0.02},
    ]  # fmt: skip
    deltas = statement_deltas(base, head)
    assert [d["query"] for d in deltas] == [
        "SELECT count(*) FROM reviews WHERE book_id = $1",  # 0 → 20 calls
        "SELECT id FROM authors",  # 0 → 1
    ]  # a statement whose calls and rows are unchanged is not a delta, whatever its time
    assert deltas[0]["calls"] == {"base": 0, "head": 20}
    line = statement_lines(tuple(deltas))
    assert line.startswith("`SELECT count(*) FROM reviews WHERE book_id = $1` 0 → 20 calls")
