"""The stack under test: a PostgreSQL server (embedded throwaway cluster or a given DSN),
cached seeded template databases, and the API under uvicorn, all cleaned up on exit.

Data flows one way: `PgServer` → `ensure_template` → `create_run_database` → `ApiProcess`.
`Stack` composes them for `perfci up` and for the measuring commands.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import glob
import hashlib
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

import asyncpg
import httpx

from perf import leftovers
from perf.errors import EnvironmentFailure, UsageError
from perf.procs import Death, expect_exit, log_tail, record_death, spawn, stop_process
from perf.progress import Progress
from perf.service import Service, prepare_database

PROFILES = ("small", "default", "large")
TEMPLATE_PREFIX = "perfci_tpl_"
RUN_PREFIX = "perfci_run_"
PASSWORD_FILE = "perfci-password"  # the embedded cluster's superuser password, in its datadir

# Settings of the embedded cluster. Durability is irrelevant for a throwaway cluster, and
# fsync, JIT compilation and autovacuum add timing noise that is not the service's own.
BENCHMARK_SETTINGS: dict[str, str] = {
    "shared_preload_libraries": "pg_stat_statements",
    "pg_stat_statements.track": "all",
    "pg_stat_statements.max": "10000",
    "track_io_timing": "on",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "jit": "off",
    "autovacuum": "off",
    "shared_buffers": "512MB",
    "work_mem": "32MB",
    "maintenance_work_mem": "256MB",
    "max_connections": "200",
    "log_min_messages": "warning",
    "logging_collector": "off",
}


# --------------------------------------------------------------------------- helpers


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_in_use(port: int) -> None:
    """EnvironmentFailure naming who holds 127.0.0.1:`port`, if anyone does: the API must not
    start on a port where another server would answer its health check in its place."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            s.bind(("127.0.0.1", port))
            return
        except OSError as exc:
            reason = exc.strerror or str(exc)
    holder = ""
    with contextlib.suppress(Exception):
        import psutil

        for conn in psutil.net_connections("tcp"):
            if conn.laddr and conn.laddr.port == port and conn.status == "LISTEN" and conn.pid:
                p = psutil.Process(conn.pid)
                holder = f" by pid {conn.pid} ({' '.join(p.cmdline())[:80]})"
                break
    raise EnvironmentFailure(
        f"port {port} on 127.0.0.1 is taken{holder} ({reason}); choose another --port, or "
        "omit it for a free one"
    )


def with_database(dsn: str, dbname: str) -> str:
    """The same server DSN pointing at another database."""
    parts = urlsplit(dsn)
    return urlunsplit(parts._replace(path="/" + quote(dbname)))


def mask_dsn(dsn: str) -> str:
    """The DSN with its password replaced by *** (in the user part and in a `password=`
    query parameter), for every message and printed line; only files meant for scripts
    (the ready file) keep the real one. Works on DSNs too broken to parse (a bad port)."""
    parts = urlsplit(dsn)
    netloc = parts.netloc
    userinfo, at, hostport = netloc.rpartition("@")
    if at and ":" in userinfo:
        netloc = f"{userinfo.partition(':')[0]}:***@{hostport}"
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        if any(k == "password" for k, _ in pairs):
            query = urlencode([(k, "***" if k == "password" else v) for k, v in pairs], safe="*/")
    return urlunsplit(parts._replace(netloc=netloc, query=query))


def check_dsn(dsn: str) -> str:
    """The DSN when it is a postgresql:// URL with a valid port, else UsageError naming it
    (masked)."""
    parts = urlsplit(dsn)
    if parts.scheme not in ("postgresql", "postgres"):
        raise UsageError(
            f"DSN {mask_dsn(dsn)!r} is not a postgresql:// URL "
            "(e.g. postgresql://user:pass@host:5432/db)"
        )
    try:
        # asyncpg would silently wrap an out-of-range port (99999 → 34463)
        port = parts.port
        query_port = dict(parse_qsl(parts.query)).get("port")
        if query_port is not None and not 0 < int(query_port) < 65536:
            raise ValueError(f"port {query_port} out of range 1-65535")
    except ValueError as exc:
        raise UsageError(f"DSN {mask_dsn(dsn)!r}: invalid port ({exc})") from None
    if port == 0:
        raise UsageError(f"DSN {mask_dsn(dsn)!r}: invalid port 0")
    return dsn


def tcp_dsn_of(dsn: str) -> str:
    """For a Unix-socket DSN of the embedded cluster, the equivalent 127.0.0.1 DSN."""
    parts = urlsplit(dsn)
    query = dict(parse_qsl(parts.query))
    if "host" not in query:
        return dsn
    query.pop("host")
    port = query.pop("port", "5432")
    user = parts.username or "postgres"
    netloc = (
        f"{user}:{parts.password}@127.0.0.1:{port}"
        if parts.password
        else f"{user}@127.0.0.1:{port}"
    )
    return urlunsplit(parts._replace(netloc=netloc, query=urlencode(query)))


def run_async(coro):
    return asyncio.run(coro)


# --------------------------------------------------------------------------- servers


@dataclass
class PgServer:
    """A PostgreSQL server we may create databases on; `admin_dsn` is its maintenance DB."""

    admin_dsn: str
    embedded: bool = False
    version: str = ""
    pid: int | None = None  # the postmaster, when it runs on this machine
    logfile: Path | None = None  # its server log, when perfci's own cluster writes it here

    def dsn_for(self, dbname: str) -> str:
        return with_database(self.admin_dsn, dbname)


def find_pg_bindir() -> Path:
    """Directory holding initdb and postgres: $PERFCI_PG_BINDIR, pg_config, or Debian's path."""
    explicit = os.environ.get("PERFCI_PG_BINDIR")
    if explicit:
        d = Path(explicit)
        if (d / "initdb").is_file() and (d / "postgres").is_file():
            return d
        raise EnvironmentFailure(
            f"PERFCI_PG_BINDIR={explicit} holds no initdb and postgres; point it at the bin "
            "directory of a PostgreSQL 15+ server (Debian: apt-get install postgresql-15)"
        )
    candidates: list[Path] = []
    for d in sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]), reverse=True
    ):
        candidates.append(Path(d))
    pg_config = shutil.which("pg_config")
    if pg_config:
        with contextlib.suppress(OSError, subprocess.CalledProcessError):
            out = subprocess.run(
                [pg_config, "--bindir"], capture_output=True, text=True, check=True
            )
            candidates.append(Path(out.stdout.strip()))
    if shutil.which("initdb"):
        candidates.append(Path(shutil.which("initdb")).parent)
    for d in candidates:
        if (d / "initdb").is_file() and (d / "postgres").is_file():
            return d
    raise EnvironmentFailure(
        "PostgreSQL server binaries (initdb, postgres) not found; install them "
        "(Debian: apt-get install postgresql-15) or set PERFCI_PG_BINDIR, "
        "or pass --dsn to use a running server"
    )


def _unprivileged_user() -> pwd.struct_passwd | None:
    """initdb refuses root: when root, run PostgreSQL as this user instead."""
    if os.geteuid() != 0:
        return None
    for name in (os.environ.get("PERFCI_PG_USER"), "postgres", "nobody"):
        if not name:
            continue
        with contextlib.suppress(KeyError):
            return pwd.getpwnam(name)
    raise EnvironmentFailure("running as root and no unprivileged user (postgres, nobody) exists")


def _chown_tree(path: Path, uid: int, gid: int) -> None:
    os.chown(path, uid, gid)
    for root, dirs, files in os.walk(path):
        for name in dirs + files:
            os.lchown(os.path.join(root, name), uid, gid)


def default_cache_dir() -> Path:
    base = os.environ.get("PERFCI_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "perfci"
    )
    return Path(base)


class EmbeddedCluster:
    """A throwaway PostgreSQL cluster in a temp dir, started from the machine's binaries.

    The cluster's data directory is cached (after a clean shutdown) whenever a new template
    database was built in it, so the next cluster starts from a copy that already holds the
    seeded templates. Stopped and removed by `close()`, also on errors and signals.
    """

    def __init__(self, cache_dir: Path | None = None, progress: Progress | None = None) -> None:
        self.cache_dir = cache_dir or default_cache_dir()
        self.progress = progress or Progress()
        self.bindir = find_pg_bindir()
        self.user = _unprivileged_user()
        self.tmpdir: Path | None = None
        self.proc: subprocess.Popen | None = None
        self.port = 0
        self.version = ""

    # -- layout
    @property
    def datadir(self) -> Path:
        assert self.tmpdir is not None
        return self.tmpdir / "data"

    @property
    def logfile(self) -> Path:
        assert self.tmpdir is not None
        return self.tmpdir / "postgres.log"

    @property
    def cached_datadir(self) -> Path:
        return self.cache_dir / f"pg{self.major}" / "data"

    @property
    def major(self) -> str:
        return self.bindir.parent.name if self.bindir.parent.name.isdigit() else "pg"

    def _as_user(self) -> dict:
        if self.user is None:
            return {}
        return {"user": self.user.pw_uid, "group": self.user.pw_gid, "extra_groups": []}

    @contextlib.contextmanager
    def _cache_lock(self) -> Iterator[None]:
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        with open(self.cache_dir / "lock", "w") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    # -- lifecycle
    def start(self) -> PgServer:
        self.tmpdir = leftovers.temp_dir("pg")
        if self.user is not None:
            os.chown(self.tmpdir, self.user.pw_uid, self.user.pw_gid)
        cached = self.cached_datadir
        with self._cache_lock():
            copied = (cached / PASSWORD_FILE).is_file()  # a cache without one predates auth
            if copied:
                shutil.copytree(cached, self.datadir, symlinks=True)
                if self.user is not None:
                    _chown_tree(self.datadir, self.user.pw_uid, self.user.pw_gid)
            else:
                self._initdb()
        if copied:
            self.progress.line(f"cluster copied from cache {cached}")
            try:
                self._start_postgres()
                return self.server()
            except EnvironmentFailure as exc:
                # A damaged cache would fail every later run: drop it and start afresh.
                self.progress.line(
                    f"the cached cluster {cached} did not start; removed it, and starting a "
                    f"new cluster (its templates are rebuilt). {exc}"
                )
                with self._cache_lock():
                    shutil.rmtree(cached, ignore_errors=True)
                    shutil.rmtree(self.datadir, ignore_errors=True)
                    self._initdb()
        self._start_postgres()
        return self.server()

    def _initdb(self) -> None:
        """A new cluster: Unix-socket connections (in the 0700 temp dir: this user and root
        only) are trusted; TCP connections need the superuser's generated password."""
        assert self.tmpdir is not None
        pwfile = self.tmpdir / "initdb.pw"
        password = secrets.token_hex(16)
        fd = os.open(pwfile, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(password + "\n")
        if self.user is not None:
            os.chown(pwfile, self.user.pw_uid, self.user.pw_gid)
        cmd = [
            str(self.bindir / "initdb"),
            "-D",
            str(self.datadir),
            "-U",
            "postgres",
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            f"--pwfile={pwfile}",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        ]
        log = self.tmpdir / "initdb.log"
        try:
            with open(log, "w") as out:
                rc = subprocess.run(
                    cmd, stdout=out, stderr=subprocess.STDOUT, cwd=self.tmpdir, **self._as_user()
                ).returncode
        finally:
            pwfile.unlink(missing_ok=True)
        if rc != 0:
            raise EnvironmentFailure(f"initdb failed (exit {rc}):\n{log_tail(log)}")
        # kept in the data directory, so that a cached copy knows its own password
        stored = self.datadir / PASSWORD_FILE
        fd = os.open(stored, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(password)
        if self.user is not None:
            os.chown(stored, self.user.pw_uid, self.user.pw_gid)

    @property
    def password(self) -> str:
        try:
            return (self.datadir / PASSWORD_FILE).read_text().strip()
        except OSError:
            return ""

    def _start_postgres(self) -> None:
        for _attempt in range(3):
            self.port = free_port()
            args = [
                str(self.bindir / "postgres"),
                "-D",
                str(self.datadir),
                "-p",
                str(self.port),
                "-k",
                str(self.tmpdir),
                "-c",
                "listen_addresses=127.0.0.1",
            ]
            for key, value in BENCHMARK_SETTINGS.items():
                args += ["-c", f"{key}={value}"]
            # SIGINT is PostgreSQL's fast shutdown.
            self.proc = spawn(
                args,
                self.logfile,
                signal.SIGINT,
                component="PostgreSQL",
                cwd=self.tmpdir,
                **self._as_user(),
            )
            if self._wait_ready():
                return
            expect_exit(self.proc)
            stop_process(self.proc, signal.SIGQUIT, timeout=5)
            if "could not bind" not in log_tail(self.logfile, 10):
                break
        raise EnvironmentFailure(
            f"PostgreSQL did not start in {self.datadir} (log {self.logfile}):\n"
            f"{log_tail(self.logfile)}"
        )

    def _wait_ready(self, timeout: float = 60.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc is None or self.proc.poll() is not None:
                return False
            try:
                self.version = run_async(_server_facts(self.server().admin_dsn))[0]
                return True
            except (TimeoutError, OSError, asyncpg.PostgresError):
                time.sleep(0.1)
        return False

    def server(self) -> PgServer:
        # over the Unix socket (trusted); the password serves the TCP DSN derived from it
        dsn = f"postgresql://postgres:{self.password}@/postgres?host={self.tmpdir}&port={self.port}"
        return PgServer(admin_dsn=dsn, embedded=True, version=self.version, logfile=self.logfile)

    def stop_postgres(self) -> None:
        if self.proc is not None:
            stop_process(self.proc, signal.SIGINT, timeout=30)  # SIGINT = fast shutdown
            self.proc = None

    def persist_to_cache(self) -> None:
        """Store this cluster (cleanly shut down) as the cache, then start it again."""
        self.stop_postgres()
        with self._cache_lock():
            target = self.cached_datadir
            staging = target.with_name(f"data.tmp-{os.getpid()}")
            shutil.rmtree(staging, ignore_errors=True)
            staging.parent.mkdir(parents=True, exist_ok=True)
            for transient in ("postmaster.pid", "postmaster.opts"):
                with contextlib.suppress(FileNotFoundError):
                    (self.datadir / transient).unlink()
            shutil.copytree(self.datadir, staging, symlinks=True)
            old = target.with_name(f"data.old-{os.getpid()}")
            if target.exists():
                target.rename(old)
            staging.rename(target)
            shutil.rmtree(old, ignore_errors=True)
        self._start_postgres()

    def close(self) -> None:
        try:
            self.stop_postgres()
        finally:
            if self.tmpdir is not None:
                shutil.rmtree(self.tmpdir, ignore_errors=True)
                self.tmpdir = None


async def _server_facts(dsn: str) -> tuple[str, int | None, Path | None]:
    """The server's version; its postmaster's pid when it runs on this machine and its data
    directory is readable; and its log when it is perfci's own embedded cluster (`postgres.log`
    beside the data directory). So a server given by DSN, such as the cluster a pipeline shares
    between its stages, still has its CPU watched and its log read."""
    conn = await asyncpg.connect(dsn, timeout=5)
    try:
        version = await conn.fetchval("SHOW server_version")
        pid = logfile = None
        with contextlib.suppress(asyncpg.PostgresError, OSError, ValueError, IndexError):
            datadir = Path(await conn.fetchval("SHOW data_directory"))
            pid = int((datadir / "postmaster.pid").read_text().split()[0])
            if not Path(f"/proc/{pid}").exists():
                pid = None
            elif (datadir.parent / "postgres.log").is_file():
                logfile = datadir.parent / "postgres.log"
        return version, pid, logfile
    finally:
        await conn.close()


def external_server(dsn: str) -> PgServer:
    """A server given by DSN: check we can reach it, else exit 3 naming the DSN's host."""
    check_dsn(dsn)
    try:
        version, pid, logfile = run_async(_server_facts(dsn))
    except (TimeoutError, OSError, asyncpg.PostgresError) as exc:
        raise EnvironmentFailure(
            f"cannot connect to PostgreSQL at {mask_dsn(dsn)}: {type(exc).__name__}: {exc}"
        ) from exc
    return PgServer(admin_dsn=dsn, embedded=False, version=version, pid=pid, logfile=logfile)


# --------------------------------------------------------------------------- databases


@dataclass(frozen=True)
class DataSpec:
    """What a seeded database holds: the service's schema and data as its tree at `root`
    prepares them, for one profile and seed. Its hash names the cached template."""

    service: Service
    profile: str = "default"
    seed: int = 42
    root: Path | None = None  # the service tree that prepares it (default: service.root)
    migrations_target: str | None = None  # None: every migration

    def __post_init__(self) -> None:
        if self.profile not in self.service.profiles:
            raise UsageError(
                f"unknown profile {self.profile!r}; choose one of "
                f"{', '.join(self.service.profiles)} ({self.service.where}.profiles)"
            )

    @property
    def tree(self) -> Path:
        return self.root or self.service.root

    def cache_key(self) -> str:
        key = self.service.cache_key(self.tree, self.profile, self.seed)
        if self.migrations_target is None:
            return key
        return hashlib.sha256(f"{key}\0{self.migrations_target}".encode()).hexdigest()[:12]

    def template_name(self) -> str:
        return f"{TEMPLATE_PREFIX}{self.profile}_{self.cache_key()}"


async def _database_exists(conn: asyncpg.Connection, name: str) -> bool:
    return bool(await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name))


async def load_database(dsn: str, spec: DataSpec, progress: Progress) -> None:
    """Migrate and seed the database at `dsn` the way the service declares it (its tables
    must be empty)."""
    started = time.perf_counter()
    await prepare_database(
        spec.service,
        spec.tree,
        dsn,
        spec.profile,
        spec.seed,
        progress,
        migration_target=spec.migrations_target,
    )
    progress.line(f"prepared {spec.profile} in {time.perf_counter() - started:.1f} s")


async def _drop_stale_templates(
    admin: asyncpg.Connection, profile: str, keep: set[str], progress: Progress
) -> int:
    """Drop the profile's templates other than `keep` (left by older migrations or generator
    versions), so that the cached cluster does not grow with every change; how many."""
    stale = await admin.fetch(
        "SELECT datname FROM pg_database WHERE datname LIKE $1 AND NOT datname = ANY($2)",
        f"{TEMPLATE_PREFIX}{profile}\\_%",
        sorted(keep),
    )
    for row in stale:
        await admin.execute(f'ALTER DATABASE "{row[0]}" WITH IS_TEMPLATE false')
        await admin.execute(f'DROP DATABASE IF EXISTS "{row[0]}" WITH (FORCE)')
        progress.line(f"dropped stale template {row[0]}")
    return len(stale)


async def drop_stale_templates(server: PgServer, profile: str, keep: set[str]) -> int:
    admin = await asyncpg.connect(server.admin_dsn)
    try:
        return await _drop_stale_templates(admin, profile, keep, Progress(quiet=True))
    finally:
        await admin.close()


async def ensure_template(
    server: PgServer, spec: DataSpec, progress: Progress, drop_stale: bool = True
) -> bool:
    """Build the template for `spec` unless it exists; True when it was built now. With
    `drop_stale`, the profile's other templates are dropped first (an A/B keeps both arms'
    templates and drops the rest itself)."""
    name = spec.template_name()
    admin = await asyncpg.connect(server.admin_dsn)
    try:
        # Serialise builders of the same template on a shared server.
        lock_key = int(hashlib.sha256(name.encode()).hexdigest()[:15], 16)
        await admin.execute("SELECT pg_advisory_lock($1)", lock_key)
        try:
            if await _database_exists(admin, name):
                return False
            if drop_stale:
                await _drop_stale_templates(admin, spec.profile, {name}, progress)
            building = f"{name}_building"
            await admin.execute(f'DROP DATABASE IF EXISTS "{building}" WITH (FORCE)')
            await admin.execute(f'CREATE DATABASE "{building}" TEMPLATE template0')
            try:
                await load_database(server.dsn_for(building), spec, progress)
            except BaseException:
                await admin.execute(f'DROP DATABASE IF EXISTS "{building}" WITH (FORCE)')
                raise
            await admin.execute(f'ALTER DATABASE "{building}" RENAME TO "{name}"')
            await admin.execute(
                f'ALTER DATABASE "{name}" WITH IS_TEMPLATE true ALLOW_CONNECTIONS false'
            )
            return True
        finally:
            await admin.execute("SELECT pg_advisory_unlock($1)", lock_key)
    finally:
        await admin.close()


async def _create_from_template(server: PgServer, template: str, name: str) -> None:
    if not server.embedded:  # the server outlives us: a killed run's database is swept
        leftovers.record_database(server.admin_dsn, name, mask_dsn(server.admin_dsn))
    admin = await asyncpg.connect(server.admin_dsn)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    finally:
        await admin.close()


async def _drop_database(server: PgServer, name: str) -> None:
    admin = await asyncpg.connect(server.admin_dsn, timeout=10)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()
    leftovers.forget_database(name)


# public names of the database helpers the stages use
create_from_template = _create_from_template
drop_database = _drop_database


def new_run_database_name(profile: str) -> str:
    return f"{RUN_PREFIX}{profile}_{os.getpid()}_{secrets.token_hex(3)}"


# --------------------------------------------------------------------------- the API


@dataclass
class ApiProcess:
    """The service's server in a subprocess, in the service's tree: started with the service's
    environment filled in, health-checked, stopped. The one way perfci starts the service."""

    service: Service
    dsn: str
    port: int
    logfile: Path
    api_keys: list[str] = field(default_factory=lambda: ["perfci-key"])
    root: Path | None = None  # the tree to run in (an A/B arm's checkout); default its root
    extra_env: dict[str, str] = field(default_factory=dict)  # over the service's own env
    # A command the server runs under, e.g. `py-spy record ... --`: the wrapper is our child and
    # the server its child; stop() ends the server first so that the wrapper can finish.
    wrapper: list[str] = field(default_factory=list)
    # Serve the app wrapped in the event-loop watch (perf/loopwatch): only for an `app` service
    loopwatch: bool = False
    proc: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_key(self) -> str:
        return self.api_keys[0]

    def environment(self) -> dict[str, str]:
        env = dict(os.environ)
        env["PYTHONUNBUFFERED"] = "1"
        env.update(self.service.environment(self.dsn, port=self.port, api_keys=self.api_keys))
        env.update(self.extra_env)
        if self.watched:
            from perf import loopwatch

            assert self.service.app
            env.update(loopwatch.agent_environment(self.service.app, self.service.factory))
        return env

    @property
    def watched(self) -> bool:
        """Whether the event-loop watch runs in the server (an `app` service only)."""
        return self.loopwatch and bool(self.service.app) and not self.service.command

    def start(self, timeout: float = 60.0) -> None:
        from perf import loopwatch

        cmd = self.service.server_command(
            self.port, app=loopwatch.AGENT_APP if self.watched else None
        )
        port_in_use(self.port)
        self.proc = spawn(
            [*self.wrapper, *cmd],
            self.logfile,
            signal.SIGTERM,
            component="the API",
            cwd=self.root or self.service.root,
            env=self.environment(),
        )
        self._wait_healthy(timeout)

    def _wait_healthy(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        last = "no answer"
        with httpx.Client(timeout=2.0) as client:
            while time.monotonic() < deadline:
                if self.proc is None or self.proc.poll() is not None:
                    code = self.proc.returncode if self.proc else "?"
                    raise EnvironmentFailure(
                        f"the API exited (code {code}) before it became healthy; "
                        f"log {self.logfile}:\n{log_tail(self.logfile)}"
                    )
                try:
                    r = client.get(f"{self.base_url}{self.service.health}")
                    if r.status_code == 200 and self.proc.poll() is None:
                        return
                    last = f"HTTP {r.status_code}: {r.text[:200]}"
                except httpx.HTTPError as exc:
                    last = type(exc).__name__
                time.sleep(0.1)
        raise EnvironmentFailure(
            f"the API did not become healthy within {timeout:.0f} s ({last}); "
            f"log {self.logfile}:\n{log_tail(self.logfile)}"
        )

    def server_pid(self) -> int | None:
        """The uvicorn process's pid (under a wrapper: the wrapper's child)."""
        if self.proc is None or self.proc.poll() is not None:
            return None
        if not self.wrapper:
            return self.proc.pid
        import psutil

        with contextlib.suppress(psutil.Error):
            for child in psutil.Process(self.proc.pid).children(recursive=True):
                if child.ppid() == self.proc.pid:
                    return child.pid
        return None

    def stop(self) -> None:
        if self.proc is not None:
            if self.wrapper:
                from perf.procs import check_alive

                check_alive(self.proc)
                expect_exit(self.proc)
                pid = self.server_pid()
                if pid is not None:
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(pid, signal.SIGTERM)
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self.proc.wait(timeout=60)  # the wrapper writes its output, then exits
            stop_process(self.proc, signal.SIGTERM, timeout=15)
            self.proc = None


# --------------------------------------------------------------------------- composition


@dataclass
class StackInfo:
    """What a running stack offers; written as JSON by `perfci up --ready-file`."""

    base_url: str
    api_key: str
    api_keys: list[str]
    dsn: str
    tcp_dsn: str
    database: str
    template: str
    template_cached: bool
    profile: str
    embedded: bool
    postgres_version: str
    cluster_dir: str | None
    postgres_pid: int | None
    api_pid: int | None
    api_log: str
    ready_seconds: float


class Stack:
    """PostgreSQL + seeded database + API, as a context manager that always cleans up."""

    def __init__(
        self,
        spec: DataSpec,
        dsn: str | None = None,
        port: int | None = None,
        api_keys: list[str] | None = None,
        extra_env: dict[str, str] | None = None,
        cache_dir: Path | None = None,
        progress: Progress | None = None,
        start_api: bool = True,
    ) -> None:
        self.spec = spec
        self.dsn = check_dsn(dsn) if dsn else None
        self.port = port
        self.api_keys = list(api_keys or []) or [secrets.token_urlsafe(18)]
        self.extra_env = dict(extra_env or {})
        self.cache_dir = cache_dir
        self.progress = progress or Progress()
        self.start_api = start_api
        self.cluster: EmbeddedCluster | None = None
        self.server: PgServer | None = None
        self.database: str | None = None
        self.api: ApiProcess | None = None
        self.workdir: Path | None = None
        self.info: StackInfo | None = None

    def __enter__(self) -> StackInfo:
        try:
            return self._start()
        except BaseException:
            self.close()
            raise

    def __exit__(self, *exc) -> None:
        self.close()

    def _start(self) -> StackInfo:
        started = time.perf_counter()
        if self.dsn:
            self.server = external_server(self.dsn)
            self.workdir = leftovers.temp_dir("run")
            self.progress.line(f"using PostgreSQL {self.server.version} at the given DSN")
        else:
            with self.progress.step("starting the embedded PostgreSQL cluster"):
                self.cluster = EmbeddedCluster(self.cache_dir, self.progress)
                self.server = self.cluster.start()
            self.workdir = self.cluster.tmpdir
            self.progress.line(
                f"PostgreSQL {self.server.version} in {self.cluster.tmpdir} "
                f"(port {self.cluster.port})"
            )
        template = self.spec.template_name()
        with self.progress.step(f"template {template}"):
            built = run_async(ensure_template(self.server, self.spec, self.progress))
        if built and self.cluster is not None:
            with self.progress.step("caching the seeded cluster"):
                self.cluster.persist_to_cache()
                self.server = self.cluster.server()
        self.database = new_run_database_name(self.spec.profile)
        with self.progress.step(f"database {self.database} from the template"):
            run_async(_create_from_template(self.server, template, self.database))
        dsn = self.server.dsn_for(self.database)
        if self.start_api:
            self.api = ApiProcess(
                service=self.spec.service,
                dsn=dsn,
                port=self.port or free_port(),
                logfile=self.workdir / "api.log",
                api_keys=self.api_keys,
                root=self.spec.tree,
                extra_env=self.extra_env,
            )
            with self.progress.step("starting the API"):
                self.api.start()
        self.info = StackInfo(
            base_url=self.api.base_url if self.api else "",
            api_key=self.api_keys[0],
            api_keys=self.api_keys,
            dsn=dsn,
            tcp_dsn=tcp_dsn_of(dsn),
            database=self.database,
            template=template,
            template_cached=not built,
            profile=self.spec.profile,
            embedded=self.cluster is not None,
            postgres_version=self.server.version,
            cluster_dir=str(self.cluster.tmpdir) if self.cluster else None,
            postgres_pid=(
                self.cluster.proc.pid if self.cluster and self.cluster.proc else self.server.pid
            ),
            api_pid=self.api.proc.pid if self.api and self.api.proc else None,
            api_log=str(self.workdir / "api.log"),
            ready_seconds=round(time.perf_counter() - started, 2),
        )
        return self.info

    def _check_server_alive(self) -> None:
        """A server given by DSN that runs on this machine (its pid known) and is gone now
        died during the run: a fault, as the embedded cluster's death is."""
        server = self.server
        if server is None or server.pid is None or Path(f"/proc/{server.pid}").exists():
            return
        log = server.logfile
        record_death(
            Death(
                f"PostgreSQL at {mask_dsn(server.admin_dsn)}",
                server.pid,
                None,
                str(log) if log else "(its log is not readable here)",
                log_tail(log) if log else "",
            )
        )
        server.pid = None

    def close(self) -> None:
        """Stop the API, drop the run database (external server), stop the cluster."""
        # A second Ctrl-C or SIGTERM must not interrupt the clean-up half-way.
        previous = {}
        if threading.current_thread() is threading.main_thread():
            previous = {
                s: signal.signal(s, signal.SIG_IGN) for s in (signal.SIGINT, signal.SIGTERM)
            }
        try:
            if self.api is not None:
                self.api.stop()
                self.api = None
            if self.cluster is not None:
                self.cluster.close()
                self.cluster = None
            else:
                self._check_server_alive()
                if self.server is not None and self.database is not None:
                    with contextlib.suppress(OSError, asyncpg.PostgresError, asyncio.TimeoutError):
                        run_async(_drop_database(self.server, self.database))
                if self.workdir is not None:
                    shutil.rmtree(self.workdir, ignore_errors=True)
            self.database = None
            self.workdir = None
        finally:
            for s, handler in previous.items():
                signal.signal(s, handler)
