"""`perfci up` / `perfci seed` end to end: clean-up on signals, root, exit codes, external DSN."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import asyncpg
import httpx
import pytest

from perf.stack import with_database
from tests.conftest import PERFCI, run, start_up

pytestmark = pytest.mark.integration


def alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "State:\tZ" not in status


def processes_mentioning(text: str) -> list[str]:
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if text in cmdline:
            found.append(f"{proc.name}: {cmdline}")
    return found


def uid_of(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("Uid:"):
            return int(line.split()[1])
    raise AssertionError(f"no Uid line for {pid}")


def perfci(
    args: list[str], env: dict[str, str], timeout: float = 300
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*PERFCI, *args], capture_output=True, text=True, env=env, timeout=timeout
    )


def test_sigterm_stops_everything_and_removes_the_cluster(perfci_env, tmp_path):
    up = start_up(["--profile", "small"], perfci_env, tmp_path)
    try:
        info = up.wait_ready()
        pg_pid, api_pid, cluster = info["postgres_pid"], info["api_pid"], info["cluster_dir"]
        assert alive(pg_pid) and alive(api_pid) and Path(cluster).is_dir()
        assert httpx.get(f"{info['base_url']}/health", timeout=10).status_code == 200
    finally:
        rc = up.stop(signal.SIGTERM)
    assert rc == 143, up.output.read_text()
    assert not alive(pg_pid), "postgres survived SIGTERM"
    assert not alive(api_pid), "uvicorn survived SIGTERM"
    assert not Path(cluster).exists(), "the temp cluster directory is still there"
    assert processes_mentioning(cluster) == []
    assert "terminated, stopped cleanly" in up.output.read_text()


@pytest.mark.skipif(os.geteuid() != 0, reason="this test is about running as root (CI's user)")
def test_stack_runs_as_root_with_postgres_unprivileged(stack):
    assert os.geteuid() == 0
    assert uid_of(stack["postgres_pid"]) != 0, "postgres must run as an unprivileged user"
    assert uid_of(stack["api_pid"]) == 0  # the API runs as the caller
    assert httpx.get(f"{stack['base_url']}/health", timeout=10).json()["database"] == "connected"


def test_second_start_uses_the_cached_template(stack, perfci_env, tmp_path):
    # the session stack built (or found) the small template; a new `up` copies it
    up = start_up(["--profile", "small"], perfci_env, tmp_path)
    try:
        info = up.wait_ready()
        assert info["template_cached"] is True
        assert info["template"] == stack["template"]
    finally:
        assert up.stop() == 130


def test_missing_postgres_binaries_exit_3(perfci_env):
    env = dict(perfci_env, PERFCI_PG_BINDIR="/nonexistent/bin")
    r = perfci(["up", "--profile", "small"], env)
    assert r.returncode == 3, r.stderr
    assert "PERFCI_PG_BINDIR=/nonexistent/bin" in r.stderr
    assert "Traceback" not in r.stderr


def test_api_that_never_gets_healthy_exit_3_with_its_log(perfci_env):
    env = dict(perfci_env, DTRAG_POOL_MIN="not-a-number")
    r = perfci(["up", "--profile", "small"], env)
    assert r.returncode == 3, r.stdout + r.stderr
    assert "the API exited" in r.stderr
    assert "DTRAG_POOL_MIN" in r.stderr  # the API log's tail is shown


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["up", "--profile", "huge"], "unknown profile 'huge'"),
        (["up", "--port", "zero"], "not an integer"),
        (["up", "--dsn", "mysql://localhost/db"], "not a postgresql:// URL"),
        (["seed", "--profile", "small"], "needs --dsn"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_bad_usage_exit_2(perfci_env, args, message):
    r = perfci(args, perfci_env)
    assert r.returncode == 2, r.stdout + r.stderr
    assert message in r.stderr
    assert "Traceback" not in r.stderr


def test_unreachable_dsn_exit_3(perfci_env):
    r = perfci(["up", "--dsn", "postgresql://nobody@127.0.0.1:1/none"], perfci_env)
    assert r.returncode == 3, r.stderr
    assert "cannot connect to PostgreSQL" in r.stderr


async def _databases(admin_dsn: str) -> set[str]:
    conn = await asyncpg.connect(admin_dsn)
    try:
        return {r[0] for r in await conn.fetch("SELECT datname FROM pg_database")}
    finally:
        await conn.close()


async def _exec(dsn: str, sql: str) -> None:
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


async def _fetchval(dsn: str, sql: str):
    conn = await asyncpg.connect(dsn)
    try:
        return await conn.fetchval(sql)
    finally:
        await conn.close()


def test_up_with_external_dsn_drops_its_database(stack, perfci_env, tmp_path):
    admin = with_database(stack["dsn"], "postgres")
    before = run(_databases(admin))
    up = start_up(["--profile", "small", "--dsn", admin], perfci_env, tmp_path)
    try:
        info = up.wait_ready()
        assert info["embedded"] is False and info["cluster_dir"] is None
        assert info["template"] == stack["template"] and info["template_cached"] is True
        assert info["database"] in run(_databases(admin))
        r = httpx.post(
            f"{info['base_url']}/reflection/analyze",
            json={"case_id": "test-001"},
            headers={"X-API-Key": info["api_key"]},
            timeout=30,
        )
        assert r.status_code == 200 and r.json()["total_executions"] == 100
    finally:
        assert up.stop() == 130
    assert run(_databases(admin)) == before


def test_seed_loads_a_profile_into_an_empty_database(stack, perfci_env):
    admin = with_database(stack["dsn"], "postgres")
    run(_exec(admin, "DROP DATABASE IF EXISTS seed_target"))
    run(_exec(admin, "CREATE DATABASE seed_target"))
    target = with_database(stack["dsn"], "seed_target")
    try:
        r = perfci(["seed", "--profile", "small", "--dsn", target], perfci_env)
        assert r.returncode == 0, r.stderr
        assert "prepared small" in r.stderr
        assert (
            run(_fetchval(target, "SELECT count(*) FROM execution_log WHERE case_id='test-001'"))
            == 100
        )
        assert run(_fetchval(target, "SELECT count(*) FROM schema_migrations")) >= 2
        again = perfci(["seed", "--profile", "small", "--dsn", target], perfci_env)
        assert again.returncode == 2, again.stderr
    finally:
        run(_exec(admin, "DROP DATABASE IF EXISTS seed_target WITH (FORCE)"))


def test_ctrl_c_stops_up_even_when_started_with_sigint_ignored(stack, perfci_env, tmp_path):
    up = start_up(["--profile", "small"], perfci_env, tmp_path, sigint_ignored=True)
    try:
        up.wait_ready()
    finally:
        rc = up.stop(timeout=30)
    assert rc == 130, up.output.read_text()[-2000:]
