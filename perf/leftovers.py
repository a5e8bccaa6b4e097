"""Crash-safe clean-up: what a perfci process creates can be found, and removed, after it died.

A perfci process that is killed outright (SIGKILL, the OOM killer, a cancelled CI job) runs no
clean-up. So everything it creates is named after its owner, the pid and start time of the
perfci process (`token()`), which tells a live owner from a dead one even after the pid is
reused:
- temp directories (a cluster, a run's work dir, an A/B's worktrees) are `perfci-<kind>-<token>-*`
  in the system temp dir;
- what has no such name (a child's process group, a git worktree registered in a repository, a
  run database on a PostgreSQL server, `perfci up`'s ready file) is written to the owner's
  ledger, `perfci-owners-<uid>/<token>.json` in the temp dir, before it is created, and struck
  off when it is removed.
Every perfci command starts with `sweep()`: the ledgers and temp dirs of dead owners are
cleaned up, and what was removed is said on stderr.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

_lock = threading.Lock()
_NAME = re.compile(r"^perfci-[a-z]+-(\d+)\.(\d+)-")


class Unreachable(Exception):
    """What a dead run left cannot be reached any more (its server is down or gone)."""


# --------------------------------------------------------------------------- owners


def process_start(pid: int) -> int | None:
    """The process's start time (clock ticks since boot), or None when there is no such
    process. With the pid it identifies a process for good: pids are reused, not both."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (OSError, ValueError):
        return None
    fields = stat.rpartition(")")[2].split()
    try:
        return int(fields[19])  # field 22 of proc(5); fields[0] is field 3
    except (IndexError, ValueError):
        return None


def token(pid: int | None = None) -> str:
    pid = os.getpid() if pid is None else pid
    return f"{pid}.{process_start(pid) or 0}"


def alive(owner: str) -> bool:
    """The owner `pid.start` still runs (a zombie, killed but not yet reaped, does not)."""
    pid, _, start = owner.partition(".")
    try:
        if process_start(int(pid)) != int(start):
            return False
        state = Path(f"/proc/{int(pid)}/stat").read_text().rpartition(")")[2].split()[0]
    except (ValueError, OSError, IndexError):
        return False
    return state not in ("Z", "X")


def temp_dir(kind: str) -> Path:
    """A new temp directory named after this process (see the module's docstring)."""
    return Path(tempfile.mkdtemp(prefix=f"perfci-{kind}-{token()}-"))


# --------------------------------------------------------------------------- the ledger


def ledger_dir() -> Path:
    return Path(tempfile.gettempdir()) / f"perfci-owners-{os.getuid()}"


def _ledger_path() -> Path:
    return ledger_dir() / f"{token()}.json"


def _read(path: Path) -> dict:
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return {"entries": {}}
    return (
        data
        if isinstance(data, dict) and isinstance(data.get("entries"), dict)
        else {"entries": {}}
    )


def _write(path: Path, data: dict) -> None:
    if not data["entries"]:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        return
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # DSNs hold passwords
    with os.fdopen(fd, "w") as fh:
        json.dump(data, fh)
    tmp.replace(path)


def record(key: str, entry: dict) -> None:
    """Write `entry` (what this process is about to create) to its ledger under `key`."""
    with _lock:
        path = _ledger_path()
        data = _read(path)
        data.setdefault("argv", sys.argv)
        data["entries"][key] = entry
        _write(path, data)


def forget(key: str) -> None:
    """Strike `key` off this process's ledger: it has been removed."""
    with _lock:
        path = _ledger_path()
        if not path.exists():
            return
        data = _read(path)
        if data["entries"].pop(key, None) is not None:
            _write(path, data)


def record_process_group(pid: int, name: str) -> None:
    record(
        f"group:{pid}", {"kind": "group", "pgid": pid, "start": process_start(pid), "name": name}
    )


def forget_process_group(pid: int) -> None:
    forget(f"group:{pid}")


def record_database(dsn: str, name: str, where: str) -> None:
    """A run database about to be created on a server that outlives us (`where`: the server,
    its password masked)."""
    record(f"db:{name}", {"kind": "database", "dsn": dsn, "name": name, "where": where})


def forget_database(name: str) -> None:
    forget(f"db:{name}")


# --------------------------------------------------------------------------- the sweep


def sweep() -> list[str]:
    """Remove what dead perfci processes left behind; say what on stderr. Returns the lines."""
    said: list[str] = []
    own = token()
    base = ledger_dir()
    if base.is_dir():
        for path in sorted(base.glob("*.json")):
            owner = path.stem
            if owner == own or alive(owner):
                continue
            claimed = path.with_name(f"{owner}.claimed-{own}")
            try:
                path.rename(claimed)  # two sweeps at once: one of them cleans
            except OSError:
                continue
            said += _clean_ledger(owner, _read(claimed), path)
            with contextlib.suppress(FileNotFoundError):
                claimed.unlink()
        for path in base.glob("*.claimed-*"):  # a sweep that died half-way
            owner, _, claimer = path.name.partition(".claimed-")
            if not alive(claimer):
                with contextlib.suppress(OSError):
                    path.rename(base / f"{owner}.json")
    said += _clean_temp_dirs(own)
    for line in said:
        print(f"perfci: {line}", file=sys.stderr)
    return said


def _clean_ledger(owner: str, data: dict, path: Path) -> list[str]:
    said = []
    who = f"dead perfci pid {owner.partition('.')[0]}"
    argv = data.get("argv")
    if isinstance(argv, list) and argv:
        who += f" ({' '.join(['perfci', *map(str, argv[1:])])[:80]})"
    kept = {}
    for key, entry in data["entries"].items():
        try:
            done = _clean_entry(entry)
        except Unreachable as exc:  # not retried: the server may be gone for good
            done = None
            said.append(f"{exc} (left by {who})")
        except Exception as exc:  # noqa: BLE001 - one entry's failure must not stop the sweep
            done = None
            said.append(f"could not remove {key} left by {who}: {type(exc).__name__}: {exc}")
            kept[key] = entry
        if done:
            said.append(f"removed {done}, left by {who}")
    if kept:  # retried by the next sweep
        _write(path, {"argv": argv, "entries": kept})
    return said


def _clean_entry(entry: dict) -> str | None:
    kind = entry.get("kind")
    if kind == "group":
        name = str(entry.get("name"))
        first = signal.SIGQUIT if name.lower().startswith("postgres") else signal.SIGKILL
        return _kill_group(int(entry["pgid"]), entry.get("start"), name, first)
    if kind == "worktree":
        return _remove_worktree(Path(entry["repo"]), Path(entry["path"]))
    if kind == "database":
        return _drop_database(str(entry["dsn"]), str(entry["name"]), str(entry.get("where")))
    if kind == "file":
        path = Path(entry["path"])
        if path.exists():
            path.unlink()
            return f"file {path}"
    return None


def _group_members(pgid: int) -> list[int]:
    members = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            stat = (proc / "stat").read_text()
        except OSError:
            continue
        fields = stat.rpartition(")")[2].split()
        if len(fields) > 2 and fields[0] != "Z" and fields[2] == str(pgid):
            members.append(int(proc.name))
    return members


def _kill_group(pgid: int, start: int | None, name: str, first: int = signal.SIGKILL) -> str | None:
    """SIGKILL the process group `pgid` if it is still the one the dead owner started: its
    leader has the recorded start time, or the leader is gone and members remain (a pgid is
    not given to a new process while its group has members)."""
    leader_start = process_start(pgid)
    if leader_start is not None and start is not None and leader_start != start:
        return None  # the pid was reused by an unrelated process
    members = _group_members(pgid)
    if not members:
        return None
    for sig in dict.fromkeys((first, signal.SIGKILL)):  # SIGQUIT: PostgreSQL's immediate stop
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pgid, sig)
        deadline = time.monotonic() + 5
        while _group_members(pgid) and time.monotonic() < deadline:
            time.sleep(0.05)
    return f"{len(members)} process(es) of {name} (process group {pgid})"


def _remove_worktree(repo: Path, path: Path) -> str | None:
    if not path.exists() and not repo.is_dir():
        return None
    registered = False
    if repo.is_dir():
        r = subprocess.run(
            ["git", "worktree", "remove", "--force", str(path)],
            cwd=repo,
            capture_output=True,
            text=True,
        )
        registered = r.returncode == 0
    existed = path.exists()
    shutil.rmtree(path, ignore_errors=True)
    if repo.is_dir():
        subprocess.run(["git", "worktree", "prune"], cwd=repo, capture_output=True)
    return f"git worktree {path} of {repo}" if registered or existed else None


def _drop_database(dsn: str, name: str, where: str) -> str | None:
    import asyncio

    import asyncpg

    async def drop() -> bool:
        conn = await asyncpg.connect(dsn, timeout=5)
        try:
            exists = await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name)
            if exists:
                quoted = '"' + name.replace('"', '""') + '"'
                await conn.execute(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)")
            return bool(exists)
        finally:
            await conn.close()

    socket_dir = dict(parse_qsl(urlsplit(dsn).query)).get("host", "")
    m = _NAME.match(Path(socket_dir).name) if socket_dir.startswith("/") else None
    if m and not alive(f"{m.group(1)}.{m.group(2)}"):
        return None  # on the embedded cluster of a dead perfci: removed with its directory
    try:
        dropped = asyncio.run(drop())
    except (OSError, TimeoutError) as exc:
        if socket_dir.startswith("/") and not Path(socket_dir).exists():
            return None  # it was on a cluster that is gone with it
        raise Unreachable(
            f"could not reach {where} to drop database {name} ({type(exc).__name__}: {exc}); "
            "drop it by hand if that server is still in use"
        ) from None
    return f"database {name} on {where}" if dropped else None


def _postmaster_pid(datadir: Path) -> int | None:
    try:
        return int((datadir / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def _clean_temp_dirs(own: str) -> list[str]:
    said = []
    for path in sorted(Path(tempfile.gettempdir()).glob("perfci-*-*.*-*")):
        m = _NAME.match(path.name)
        if not m or not path.is_dir():
            continue
        owner = f"{m.group(1)}.{m.group(2)}"
        if owner == own or alive(owner):
            continue
        # a cluster whose postmaster outlived its owner: stop it before removing its files
        pid = _postmaster_pid(path / "data")
        if pid is not None and process_start(pid) is not None:
            with contextlib.suppress(OSError):
                cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
                if str(path / "data").encode() in cmdline:
                    _kill_group(pid, None, "postgres", signal.SIGQUIT)
        size = _size(path)
        shutil.rmtree(path, ignore_errors=True)
        said.append(f"removed {path} ({size / 1e6:.0f} MB), left by dead perfci pid {m.group(1)}")
    return said


def _size(path: Path) -> int:
    total = 0
    for root, _dirs, files in os.walk(path):
        for f in files:
            with contextlib.suppress(OSError):
                total += os.lstat(os.path.join(root, f)).st_size
    return total
