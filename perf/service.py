"""The service boundary: what perfci knows of the service it measures, read from `[service]`.

perfci never imports the service. A service is described by configuration (where it lives, how
it is started, its environment, how its database is migrated and seeded, how a client
authenticates) and, where configuration is not enough, by a plugin module that the config
names and that lives with the service (payload sources, response checks, Locust users, engine
profile targets, pool metric names, a SQL catalog). Like Locust, which never imports the
system under test and takes users from the user's locustfile, every service-specific piece
reaches perfci by the name the config gives.

Commands and callables run in the service's own tree (an A/B arm's checkout for that arm), with
the database named in the environment the way services read it: `DATABASE_URL`, the parts
`PERFCI_DB_HOST` … `PERFCI_DB_NAME`, and the service's own `env` with `{dsn}`, `{db_host}`,
`{db_port}`, `{db_user}`, `{db_password}`, `{db_name}`, `{port}`, `{api_key}` (the first of
`{api_keys}`, comma-separated) filled in.
"""

from __future__ import annotations

import asyncio
import glob
import hashlib
import importlib
import os
import shlex
import string
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from perf.errors import EnvironmentFailure, UsageError


class StepFailed(EnvironmentFailure):
    """A migrate or seed step of the service exited non-zero (its output's tail included)."""


PLACEHOLDERS = (
    "dsn",
    "db_host",
    "db_port",
    "db_user",
    "db_password",
    "db_name",
    "port",
    "api_key",
    "api_keys",
    "profile",
    "seed",
)


# --------------------------------------------------------------------------- placeholders


def fill(template: str, values: dict[str, str], where: str) -> str:
    """`template` with `{name}` placeholders replaced; an unknown placeholder is a usage error
    (a typo would otherwise start the service with a literal '{dns}')."""
    names = [name for _, name, _, _ in string.Formatter().parse(template) if name]
    unknown = sorted(set(names) - set(PLACEHOLDERS))
    if unknown:
        raise UsageError(
            f"{where}: unknown placeholder {{{unknown[0]}}} in {template!r}; "
            f"known: {', '.join('{' + p + '}' for p in PLACEHOLDERS)}"
        )
    missing = sorted(set(names) - set(values))
    if missing:
        raise UsageError(f"{where}: {{{missing[0]}}} has no value here (in {template!r})")
    return template.format_map(values)


def dsn_values(dsn: str) -> dict[str, str]:
    """{dsn} and its parts. A Unix-socket DSN (`?host=/dir`) gives that directory as host."""
    parts = urlsplit(dsn)
    query = dict(q.split("=", 1) for q in parts.query.split("&") if "=" in q)
    return {
        "dsn": dsn,
        "db_host": unquote(query.get("host") or parts.hostname or "localhost"),
        "db_port": str(query.get("port") or parts.port or 5432),
        "db_user": unquote(parts.username or query.get("user") or ""),
        "db_password": unquote(parts.password or query.get("password") or ""),
        "db_name": unquote(parts.path.lstrip("/")),
    }


# --------------------------------------------------------------------------- declarations


@dataclass(frozen=True)
class Step:
    """One database preparation step: a shell command, a callable (`module:function`, called
    with an asyncpg connection), a directory of .sql files applied in name order, or one .sql
    file (a plain-SQL pg_dump works)."""

    command: str | None = None
    call: str | None = None
    sql_dir: str | None = None
    sql_file: str | None = None

    @property
    def kind(self) -> str:
        return next(k for k in ("command", "call", "sql_dir", "sql_file") if getattr(self, k))

    def describe(self) -> str:
        return f"{self.kind} {getattr(self, self.kind)!r}"


@dataclass(frozen=True)
class Database:
    """How a fresh database gets the service's schema and a data profile."""

    migrate: Step | None = None
    seed: Step | None = None
    # files (globs relative to the service root) whose content names the template: a change
    # to any of them builds a new seeded template, nothing else does
    inputs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Auth:
    """How a client authenticates: none, a static header, or a login request whose JSON
    response holds a token that later requests send (OAuth2 password flow by default)."""

    kind: str = "none"  # none | header | login
    header: str = "Authorization"
    value: str = "{api_key}"  # kind = header: the header's value ({api_key} filled in)
    path: str = "/auth/token"  # kind = login
    form: dict[str, str] = field(default_factory=dict)  # login fields, form-encoded ...
    json: dict[str, str] = field(default_factory=dict)  # ... or as JSON
    token: str = "access_token"  # dotted path of the token in the login response
    scheme: str = "Bearer"  # the header value is "<scheme> <token>"


@dataclass(frozen=True)
class Service:
    """`[service]`: where the service lives and how it runs. Paths are relative to `root`,
    which is relative to the config file's directory."""

    root: Path
    app: str | None = None  # ASGI import path 'module:attribute'
    factory: bool = False  # the attribute is a factory called with no arguments
    command: str | None = None  # or a command that serves HTTP on {port}
    health: str = "/health"
    env: dict[str, str] = field(default_factory=dict)
    plugin: str | None = None  # module (importable from root) with the service's extras
    profile: str = "default"
    profiles: tuple[str, ...] = ("small", "default", "large")
    database: Database = field(default_factory=Database)
    auth: Auth = field(default_factory=Auth)
    # metric names on the service's /metrics for DB pool size, in use and waits (load stage)
    pool_metrics: dict[str, str] = field(default_factory=dict)
    where: str = "[service]"

    # -- the environment -------------------------------------------------------------------
    def values(
        self,
        dsn: str,
        port: int | None = None,
        api_key: str | None = None,
        api_keys: list[str] | None = None,
    ) -> dict:
        # no port or key (a migration or seed command): those placeholders are empty
        values = dsn_values(dsn)
        values["port"] = "" if port is None else str(port)
        keys = list(api_keys or ([api_key] if api_key else []))
        values["api_key"] = api_key or (keys[0] if keys else "")
        values["api_keys"] = ",".join(keys)
        return values

    def environment(
        self,
        dsn: str,
        port: int | None = None,
        api_key: str | None = None,
        api_keys: list[str] | None = None,
    ) -> dict:
        """The service's `env` filled in, plus DATABASE_URL and PERFCI_DB_* for its tools."""
        values = self.values(dsn, port, api_key, api_keys)
        env = {
            "DATABASE_URL": dsn,
            "PERFCI_DB_HOST": values["db_host"],
            "PERFCI_DB_PORT": values["db_port"],
            "PERFCI_DB_USER": values["db_user"],
            "PERFCI_DB_PASSWORD": values["db_password"],
            "PERFCI_DB_NAME": values["db_name"],
        }
        for key, template in self.env.items():
            env[key] = fill(template, values, f"{self.where}.env.{key}")
        return env

    def server_command(self, port: int, app: str | None = None) -> list[str]:
        """The command that serves the API on 127.0.0.1:`port`, run in the service root;
        `app` serves another ASGI factory instead (the event-loop watch wrapping the app)."""
        if self.command:
            return shlex.split(fill(self.command, {"port": str(port)}, f"{self.where}.command"))
        assert self.app
        cmd = [sys.executable, "-m", "uvicorn", app or self.app]
        if self.factory or app:
            cmd.append("--factory")
        return [
            *cmd,
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--no-access-log",
            "--log-level",
            "warning",
        ]

    def root_in(self, tree: Path, repo: Path) -> Path:
        """The service root inside another checkout `tree` of the repository `repo`."""
        try:
            return tree / self.root.resolve().relative_to(repo.resolve())
        except ValueError:
            return self.root

    # -- the template cache key ------------------------------------------------------------
    def cache_key(self, root: Path, profile: str, seed: int) -> str:
        """Names the seeded template: the preparation steps, the content of the declared
        inputs (migrations, seed scripts, data files) under `root`, the profile and seed."""
        h = hashlib.sha256()
        db = self.database
        for step in (db.migrate, db.seed):
            h.update((step.describe() if step else "-").encode() + b"\0")
        for path in input_files(root, db):
            h.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
        h.update(f"{profile}\0{seed}".encode())
        return h.hexdigest()[:12]


def input_files(root: Path, db: Database) -> list[Path]:
    """The files the template depends on: the declared inputs, plus a sql_dir/sql_file."""
    patterns = list(db.inputs)
    for step in (db.migrate, db.seed):
        if step and step.sql_dir:
            patterns.append(f"{step.sql_dir.rstrip('/')}/*.sql")
        if step and step.sql_file:
            patterns.append(step.sql_file)
    files: set[Path] = set()
    for pattern in patterns:
        files.update(Path(p) for p in glob.glob(str(root / pattern), recursive=True))
    return sorted(p for p in files if p.is_file())


# --------------------------------------------------------------------------- preparation


def run_step(
    service: Service,
    step: Step,
    root: Path,
    dsn: str,
    profile: str,
    seed: int,
    what: str,
    migration_target: str | None = None,
) -> str:
    """Run one preparation step against the database at `dsn` in the service tree `root`;
    returns its output. A failing step is an environment failure naming the step and its
    output's tail. `migration_target` (the SQL stage's before/after) reaches a callable as
    `target` and a command as $PERFCI_MIGRATION_TARGET."""
    env = dict(os.environ, **service.environment(dsn))
    env.update(PERFCI_PROFILE=profile, PERFCI_SEED=str(seed))
    if migration_target:
        env["PERFCI_MIGRATION_TARGET"] = migration_target
    values = {**service.values(dsn), "profile": profile, "seed": str(seed)}
    where = f"{service.where}.database.{what}"
    if step.command:
        cmd = ["bash", "-c", fill(step.command, values, where)]
    else:
        source = Path(__file__).with_name("prepstep.py").read_text()
        cmd = [sys.executable, "-c", source, step.kind, getattr(step, step.kind)]
        cmd += [dsn, profile, str(seed), *([migration_target] if migration_target else [])]
    if not root.is_dir():
        raise UsageError(f"{where}: the service root {root} is not a directory")
    try:
        r = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True)
    except FileNotFoundError as exc:
        raise EnvironmentFailure(f"{where}: cannot run {cmd[0]}: {exc}") from None
    if r.returncode != 0:
        tail = "\n".join((r.stderr or r.stdout).splitlines()[-25:])
        raise StepFailed(
            f"{where} ({step.describe()}) failed with exit {r.returncode} in {root}:\n{tail}"
        )
    return r.stdout


async def prepare_database(
    service: Service,
    root: Path,
    dsn: str,
    profile: str,
    seed: int,
    progress=None,
    migration_target: str | None = None,
) -> None:
    """Migrate, then seed, the (empty) database at `dsn` with the code in `root`; then create
    pg_stat_statements in it when the server preloads the library."""
    import asyncpg

    for what in ("migrate", "seed"):
        step = getattr(service.database, what)
        if step is None:
            continue
        if progress is not None:
            progress.line(f"{what}: {step.describe()}")
        target = migration_target if what == "migrate" else None
        await asyncio.to_thread(run_step, service, step, root, dsn, profile, seed, what, target)
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
    except asyncpg.PostgresError as exc:
        if progress is not None:
            progress.line(f"pg_stat_statements not available: {exc}")
    finally:
        await conn.close()


# --------------------------------------------------------------------------- plugins


def import_object(spec: str) -> Any:
    """'package.module:name' (or 'package.module') → the object; a usage error otherwise."""
    module, _, name = spec.partition(":")
    try:
        obj = importlib.import_module(module)
    except ImportError as exc:
        raise UsageError(f"cannot import {module!r} (from {spec!r}): {exc}") from None
    if not name:
        return obj
    try:
        for part in name.split("."):
            obj = getattr(obj, part)
    except AttributeError:
        raise UsageError(f"{module!r} has no {name!r} (from {spec!r})") from None
    return obj
