"""Shared fixtures: a real `perfci up` stack (embedded PostgreSQL + uvicorn) on the small profile,
fresh databases copied from its template, and extra API processes on them."""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg
import pytest

from perf.config import load_config
from perf.stack import ApiProcess, free_port, with_database

PERFCI = [sys.executable, "-m", "perf.cli"]
ROOT = Path(__file__).resolve().parents[1]
DTRAG = load_config(ROOT / "perfci.toml")  # dtrag, as perfci sees it through its config


def dtrag_service_toml(profile: str = "small", rate_limit: str | None = None) -> str:
    """perfci.toml's [service] tables (app, env, auth, database) for a test's own config file
    anywhere: the root points at this repository, the data profile is `profile`."""
    text = (ROOT / "perfci.toml").read_text()
    service = text[text.index("[service]") : text.index("[bench]")]
    service = service.replace('root = "."', f"root = {str(ROOT)!r}", 1)
    service = service.replace('profile = "default"', f'profile = "{profile}"', 1)
    if rate_limit is not None:
        service = service.replace(
            'DTRAG_RATE_LIMIT = "1000000000"', f'DTRAG_RATE_LIMIT = "{rate_limit}"'
        )
    assert f'profile = "{profile}"' in service and str(ROOT) in service
    return service


KEYS = {
    "contract": "test-key-contract",
    "ratelimit": "test-key-ratelimit",
    "other": "test-key-other",
}


def run(coro):
    return asyncio.run(coro)


@dataclass
class UpProcess:
    """`perfci up` as a subprocess, with its ready file and captured output."""

    proc: subprocess.Popen
    ready_file: Path
    output: Path
    info: dict = field(default_factory=dict)

    def wait_ready(self, timeout: float = 300.0) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.ready_file.exists():
                self.info = json.loads(self.ready_file.read_text())
                return self.info
            if self.proc.poll() is not None:
                raise AssertionError(
                    f"perfci up exited with {self.proc.returncode}:\n{self.output.read_text()}"
                )
            time.sleep(0.1)
        raise AssertionError(f"perfci up not ready in {timeout} s:\n{self.output.read_text()}")

    def stop(self, sig: int = signal.SIGINT, timeout: float = 60.0) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode


def start_up(
    args: list[str], env: dict[str, str], workdir: Path, sigint_ignored: bool = False
) -> UpProcess:
    ready = workdir / f"ready-{secrets.token_hex(3)}.json"
    out = workdir / f"up-{secrets.token_hex(3)}.log"
    with open(out, "wb") as fh:
        proc = subprocess.Popen(
            [*PERFCI, "up", "--ready-file", str(ready), *args],
            stdout=fh,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
            # as a background job of a non-interactive shell starts it
            preexec_fn=(lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
            if sigint_ignored
            else None,
        )
    return UpProcess(proc=proc, ready_file=ready, output=out)


@pytest.fixture(scope="session")
def perfci_env(tmp_path_factory) -> dict[str, str]:
    """Environment for perfci subprocesses: a private template cache, no inherited DSN."""
    env = dict(os.environ)
    env["PERFCI_CACHE_DIR"] = str(tmp_path_factory.mktemp("perfci-cache"))
    env.pop("DATABASE_URL", None)
    # the project's own CI runs on GitHub Actions: a perfci under test must not take the
    # job's event for its own (base commit, job summary, comment artifact)
    for name in [n for n in env if n.startswith("GITHUB_")] + ["PERFCI_RECORDED_RUN"]:
        env.pop(name, None)
    return env


@pytest.fixture(scope="session")
def stack(perfci_env, tmp_path_factory) -> Iterator[dict]:
    """One `perfci up --profile small` for the session; default rate limit (100/min/key)."""
    workdir = tmp_path_factory.mktemp("stack")
    keys: list[str] = []
    for key in KEYS.values():
        keys += ["--api-key", key]
    # the service's documented default limit (perfci.toml raises it for the benchmark client)
    up = start_up(
        ["--profile", "small", "--env", "DTRAG_RATE_LIMIT=100", *keys], perfci_env, workdir
    )
    try:
        info = up.wait_ready()
        info["output"] = str(up.output)
        yield info
    finally:
        rc = up.stop()
        assert rc in (130, 0), f"perfci up ended with {rc}:\n{up.output.read_text()}"


async def _create_db(admin_dsn: str, template: str, name: str) -> None:
    conn = await asyncpg.connect(admin_dsn)
    try:
        await conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    finally:
        await conn.close()


async def _drop_db(admin_dsn: str, name: str) -> None:
    conn = await asyncpg.connect(admin_dsn)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


@pytest.fixture
def fresh_dsn(stack) -> Iterator[str]:
    """A database of its own, copied from the stack's seeded template, dropped afterwards."""
    admin = with_database(stack["dsn"], "postgres")
    name = f"test_{secrets.token_hex(4)}"
    run(_create_db(admin, stack["template"], name))
    try:
        yield with_database(stack["dsn"], name)
    finally:
        run(_drop_db(admin, name))


@pytest.fixture
def fresh_api(fresh_dsn, tmp_path) -> Iterator[ApiProcess]:
    """A second uvicorn on a fresh database, with a high rate limit for bulk tests."""
    api = ApiProcess(
        service=DTRAG.service,
        dsn=fresh_dsn,
        port=free_port(),
        logfile=tmp_path / "api.log",
        api_keys=[KEYS["other"]],
        extra_env={"DTRAG_RATE_LIMIT": "1000000"},
    )
    try:
        api.start()
        yield api
    finally:
        api.stop()
