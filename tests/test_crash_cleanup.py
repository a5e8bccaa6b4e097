"""Faults met the way a user meets them, with the real processes killed:
- a perfci killed outright (SIGKILL) leaves processes, temp clusters, a ready file, a git
  worktree or a run database; the next perfci command removes them and says so;
- PostgreSQL or the API killed in the middle of a stage makes the command exit 3 naming it, with
  its log's tail, whatever the gates would have said;
- `perfci up` on a port another server holds exits 3 before it says Ready;
- a damaged cluster cache is replaced, not a failure of every later run;
- the embedded cluster refuses a TCP connection without its password.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import psutil
import pytest

from perf import leftovers
from tests.conftest import ROOT, dtrag_service_toml, run, start_up

pytestmark = pytest.mark.integration

SMALL = (
    dtrag_service_toml("small")
    + """
[[endpoints]]
name = "health"
method = "GET"
path = "/health"

[load]
profile = "small"
wait = [0.05, 0.2]
stop_timeout = 2
users = ["dtrag.perfci.users"]
data = "dtrag.perfci.users_data:request_data"

[[load.scenarios]]
name = "long"
user_classes = { AnalyzeUser = 2, Phase12User = 1 }
users = 4
duration = 120
mutates = false
gates = ["error_rate < 100%"]
"""
)


# ---------------------------------------------------------------- helpers


def small_config(tmp_path: Path) -> Path:
    path = tmp_path / "perfci-small.toml"
    path.write_text(SMALL)
    return path


# this checkout's perfci, also when run in another repository (whose own perf/ would come
# first on sys.path with `python -m`)
THIS_PERFCI = [
    sys.executable,
    "-c",
    f"import sys; sys.path.insert(0, {str(ROOT)!r}); from perf.cli import main; sys.exit(main())",
]


def start(args: list[str], env: dict, cwd: Path, log: Path) -> subprocess.Popen:
    with open(log, "wb") as fh:
        return subprocess.Popen(
            [*THIS_PERFCI, *args], cwd=cwd, env=env, stdout=fh, stderr=subprocess.STDOUT
        )


def wait_for(what: str, cond: Callable[[], bool], proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        if cond():
            return
        if proc.poll() is not None:
            raise AssertionError(f"perfci exited ({proc.returncode}) before {what}:\n"
                                 f"{log.read_text()[-3000:]}")  # fmt: skip
        time.sleep(0.2)
    proc.kill()
    raise AssertionError(f"no {what} within 240 s:\n{log.read_text()[-3000:]}")


def descendants(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def cmdlines(pid: int) -> list[str]:
    out = []
    for p in descendants(pid):
        with contextlib.suppress(psutil.Error):
            out.append(" ".join(p.cmdline()))
    return out


def living(procs: list[psutil.Process]) -> list[str]:
    out = []
    for p in procs:
        try:
            if p.is_running() and p.status() != psutil.STATUS_ZOMBIE:
                out.append(f"{p.pid} {' '.join(p.cmdline())[:100]}")
        except psutil.NoSuchProcess:
            pass
    return out


def owned_dirs(token: str) -> list[Path]:
    return sorted(Path(tempfile.gettempdir()).glob(f"perfci-*-{token}-*"))


def kill_and_sweep(proc: subprocess.Popen, env: dict, cwd: Path) -> tuple[str, list[str]]:
    """SIGKILL perfci (what it started is snapshotted first), then run the next perfci
    command; returns that command's stderr and the command lines of perfci's processes."""
    token = leftovers.token(proc.pid)
    children = descendants(proc.pid)
    names = [" ".join(p.cmdline()) for p in children]
    assert owned_dirs(token), "the run made no temp dir named after it"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    r = subprocess.run(
        [*THIS_PERFCI, "report", str(cwd / "no-such-run")],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert r.returncode == 2, r.stderr  # the command itself: its run dir does not exist
    assert "Traceback" not in r.stderr
    assert f"left by dead perfci pid {proc.pid}" in r.stderr, r.stderr
    deadline = time.monotonic() + 10  # processes killed by the sweep are reaped by init
    while living(children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not living(children), (living(children), r.stderr)
    assert not owned_dirs(token), r.stderr
    assert not (leftovers.ledger_dir() / f"{token}.json").exists()
    return r.stderr, names


async def run_databases(dsn: str) -> set[str]:
    import asyncpg

    conn = await asyncpg.connect(dsn)
    try:
        rows = await conn.fetch("SELECT datname FROM pg_database WHERE datname LIKE 'perfci_run_%'")
        return {r["datname"] for r in rows}
    finally:
        await conn.close()


# ---------------------------------------------------------------- SIGKILL, then the next command


def test_a_killed_perfci_up_is_cleaned_up_by_the_next_command(perfci_env, tmp_path):
    up = start_up(["--profile", "small"], perfci_env, tmp_path)
    info = up.wait_ready()
    assert info["postgres_pid"] and info["api_pid"]
    err, children = kill_and_sweep(up.proc, perfci_env, tmp_path)
    assert not up.ready_file.exists()
    assert f"removed file {up.ready_file}" in err
    assert any("postgres -D" in c for c in children)  # they were there, and are gone


def test_a_killed_bench_on_a_given_server_leaves_no_database_or_pytest(stack, perfci_env, tmp_path):
    before = run(run_databases(stack["dsn"]))
    log = tmp_path / "bench.log"
    proc = start(
        ["bench", "--config", str(small_config(tmp_path)), "--dsn", stack["dsn"],
         "--only", "health", "--out", str(tmp_path / "run")],
        perfci_env, tmp_path, log,
    )  # fmt: skip
    wait_for("pytest", lambda: any("pytest" in c for c in cmdlines(proc.pid)), proc, log)
    assert run(run_databases(stack["dsn"])) - before, "bench made no run database"
    err, _ = kill_and_sweep(proc, perfci_env, tmp_path)
    assert run(run_databases(stack["dsn"])) == before
    assert "removed database perfci_run_small_" in err


def test_a_killed_load_with_two_locust_processes_leaves_no_worker(perfci_env, tmp_path):
    log = tmp_path / "load.log"
    proc = start(
        ["load", "--config", str(small_config(tmp_path)), "--scenario", "long",
         "--processes", "2", "--out", str(tmp_path / "run")],
        perfci_env, tmp_path, log,
    )  # fmt: skip
    # Locust's master and the two workers it forked
    wait_for(
        "Locust workers",
        lambda: sum("locust" in c for c in cmdlines(proc.pid)) >= 3,
        proc,
        log,
    )
    time.sleep(2)
    kill_and_sweep(proc, perfci_env, tmp_path)


def test_a_killed_ab_leaves_no_worktree(perfci_env, tmp_path):
    clone = tmp_path / "repo"
    subprocess.run(["git", "clone", "-q", "--shared", str(ROOT), str(clone)], check=True)
    log = tmp_path / "ab.log"
    proc = start(
        ["ab", "--config", str(small_config(tmp_path)), "--base", "HEAD", "--only", "health",
         "--budget", "120", "--out", str(tmp_path / "run")],
        perfci_env, clone, log,
    )  # fmt: skip

    def two_apis() -> bool:
        return sum("uvicorn" in c for c in cmdlines(proc.pid)) >= 2

    wait_for("both arms' APIs", two_apis, proc, log)
    worktrees = subprocess.run(
        ["git", "worktree", "list", "--porcelain"], cwd=clone, capture_output=True, text=True
    ).stdout
    assert worktrees.count("worktree ") == 2, worktrees
    err, _ = kill_and_sweep(proc, perfci_env, clone)
    worktrees = subprocess.run(
        ["git", "worktree", "list", "--porcelain"], cwd=clone, capture_output=True, text=True
    ).stdout
    assert worktrees.count("worktree ") == 1, (worktrees, err)
    assert "removed git worktree" in err


def test_the_sweep_leaves_a_live_owner_alone_and_removes_a_dead_ones_dir(tmp_path):
    mine = leftovers.temp_dir("test")
    dead = Path(tempfile.gettempdir()) / "perfci-test-999999999.1-abc"
    dead.mkdir()
    (dead / "f").write_text("x" * 1000)
    try:
        said = leftovers.sweep()
        assert mine.is_dir()
        assert not dead.exists()
        assert any(str(dead) in line for line in said)
    finally:
        mine.rmdir()


def test_a_database_on_a_dead_runs_own_cluster_goes_with_the_cluster(tmp_path):
    """`perfci pr` shares its embedded cluster with its stages by DSN: their run databases are
    in the ledger, on a cluster that the sweep removes as a whole (no 'could not reach')."""
    dead = "999999996.1"
    cluster_dir = Path(tempfile.gettempdir()) / f"perfci-pg-{dead}-xyz"
    cluster_dir.mkdir()
    ledger = leftovers.ledger_dir() / f"{dead}.json"
    ledger.parent.mkdir(mode=0o700, exist_ok=True)
    dsn = f"postgresql://postgres:pw@/postgres?host={cluster_dir}&port=5"
    entry = {"kind": "database", "dsn": dsn, "name": "perfci_run_x", "where": "masked"}
    ledger.write_text(json.dumps({"argv": ["perfci", "pr"], "entries": {"db:x": entry}}))
    said = leftovers.sweep()
    assert not ledger.exists() and not cluster_dir.exists()
    assert not any("could not reach" in line for line in said), said


# ---------------------------------------------------------------- a component dies mid-stage


def _postmaster(pid: int) -> psutil.Process:
    for p in descendants(pid):
        with_ppid = p.ppid() == pid
        if with_ppid and p.name() == "postgres":
            return p
    raise AssertionError("no postmaster under perfci")


@pytest.mark.parametrize("victim", ["postgres", "api"])
def test_a_component_killed_during_load_makes_it_exit_3_with_the_log_tail(
    victim, perfci_env, tmp_path
):
    log = tmp_path / "load.log"
    proc = start(
        ["load", "--config", str(small_config(tmp_path)), "--scenario", "long",
         "--duration-scale", "0.15", "--out", str(tmp_path / "run")],
        perfci_env, tmp_path, log,
    )  # fmt: skip
    wait_for("Locust", lambda: any("locust" in c for c in cmdlines(proc.pid)), proc, log)
    time.sleep(2)
    if victim == "postgres":
        target = _postmaster(proc.pid)
        name = "PostgreSQL"
    else:
        target = next(p for p in descendants(proc.pid) if "uvicorn" in " ".join(p.cmdline()))
        name = "the API"
    target.send_signal(signal.SIGKILL)
    rc = proc.wait(timeout=300)
    out = log.read_text()
    assert rc == 3, out[-3000:]
    assert (
        f"perfci: error: {name} (pid {target.pid}) was killed by signal 9 while perfci was using it"
        in out
    )
    assert "last lines of" in out and "Traceback" not in out
    assert not owned_dirs(leftovers.token(proc.pid))  # removed by its own clean-up


def test_postgres_killed_during_bench_exits_3_naming_it(perfci_env, tmp_path):
    log = tmp_path / "bench.log"
    proc = start(
        ["bench", "--config", str(small_config(tmp_path)), "--out", str(tmp_path / "run")],
        perfci_env, tmp_path, log,
    )  # fmt: skip
    wait_for("pytest", lambda: any("pytest" in c for c in cmdlines(proc.pid)), proc, log)
    time.sleep(1)
    target = _postmaster(proc.pid)
    target.send_signal(signal.SIGKILL)
    rc = proc.wait(timeout=300)
    out = log.read_text()
    assert rc == 3, out[-3000:]
    assert (
        f"PostgreSQL (pid {target.pid}) was killed by signal 9 while perfci was using it" in out
    ), out
    assert "benchmark failed its own checks" not in out.split("PostgreSQL (pid")[0]


# ---------------------------------------------------------------- perfci up, the cluster


def test_up_on_a_taken_port_exits_3_before_ready(perfci_env, tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        up = start_up(["--profile", "small", "--port", str(port)], perfci_env, tmp_path)
        rc = up.proc.wait(timeout=240)
    out = up.output.read_text()
    assert rc == 3, out
    assert f"port {port} on 127.0.0.1 is taken by pid {os.getpid()}" in out
    assert "Ready" not in out and not up.ready_file.exists()


def test_a_damaged_cluster_cache_is_replaced(tmp_path):
    from perf.progress import Progress
    from perf.stack import EmbeddedCluster

    said: list[str] = []

    class Record(Progress):
        def line(self, text: str) -> None:
            said.append(text)

    cluster = EmbeddedCluster(cache_dir=tmp_path / "cache", progress=Record())
    try:
        cluster.start()
        cluster.persist_to_cache()
    finally:
        cluster.close()
    (cluster.cached_datadir / "global" / "pg_control").write_bytes(b"broken")
    again = EmbeddedCluster(cache_dir=tmp_path / "cache", progress=Record())
    try:
        server = again.start()
        assert server.version
    finally:
        again.close()
    assert any("did not start; removed it" in line for line in said), said


def test_the_embedded_cluster_wants_a_password_over_tcp(stack):
    import asyncpg

    tcp = stack["tcp_dsn"]
    assert ":" in tcp.split("@")[0].removeprefix("postgresql://")  # user:password@
    hostport = tcp.split("@")[1].split("/")[0]

    async def connect(dsn: str) -> int:
        conn = await asyncpg.connect(dsn, timeout=10)
        try:
            return await conn.fetchval("SELECT 1")
        finally:
            await conn.close()

    with pytest.raises(asyncpg.InvalidPasswordError):
        run(connect(f"postgresql://postgres@{hostport}/postgres"))
    assert run(connect(tcp)) == 1
