"""The processes perfci starts: how they are started (own session, a parent-death signal), how
they are stopped, and which of them died on their own.

A component (PostgreSQL, the API) that exits while perfci has not asked it to is a fault of the
environment, whatever the stage's gates say afterwards: `stop_process` notices it, keeps the
tail of the component's log (before the clean-up removes the log) and `main` turns the command's
result into exit 3. A child perfci (pytest running the benchmarks) hands its deaths to its parent
through the file named by $PERFCI_DEATHS_FILE.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import signal
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from perf import leftovers

DEATHS_ENV = "PERFCI_DEATHS_FILE"


def log_tail(path: Path, lines: int = 30) -> str:
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return "(no log)"
    return "\n".join(text.splitlines()[-lines:]) or "(log is empty)"


def die_with_parent(sig: int) -> Callable[[], None]:
    """preexec_fn: the child gets `sig` if perfci itself is killed (even with SIGKILL)."""

    def set_pdeathsig() -> None:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, sig)  # PR_SET_PDEATHSIG

    return set_pdeathsig


def set_parent_death_signal(sig: int = signal.SIGTERM) -> None:
    """This process gets `sig` when its parent dies (for processes perfci does not exec itself,
    such as Locust's forked workers)."""
    die_with_parent(sig)()


@dataclass
class Component:
    """A long-running child whose death on its own is a fault (PostgreSQL, the API)."""

    name: str
    proc: subprocess.Popen
    logfile: Path
    stopping: bool = False


@dataclass(frozen=True)
class Death:
    name: str
    pid: int
    code: int | None
    logfile: str
    tail: str

    def message(self) -> str:
        if self.code is None:
            how = "is gone"  # not our child: its exit status is not ours to read
        elif self.code < 0:
            how = f"was killed by signal {-self.code}"
        else:
            how = f"exited with code {self.code}"
        return (
            f"{self.name} (pid {self.pid}) {how} while perfci was using it; last lines of "
            f"{self.logfile}:\n{self.tail}"
        )


_components: dict[int, Component] = {}
_deaths: list[Death] = []


def spawn(
    cmd: list[str],
    logfile: Path,
    death_signal: int,
    component: str | None = None,
    **kwargs,
) -> subprocess.Popen:
    """Start a child with its output appended to `logfile`, in a session of its own (Ctrl-C
    reaches perfci only, which stops the children in order), and sent `death_signal` if perfci
    itself dies. Its process group is written to the ledger of leftovers until it is stopped.
    `component` names a child that must not exit on its own (watched until `stop_process`)."""
    with open(logfile, "ab") as log:
        proc = subprocess.Popen(
            cmd,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            preexec_fn=die_with_parent(death_signal),
            **kwargs,
        )
    leftovers.record_process_group(proc.pid, component or Path(cmd[0]).name)
    if component:
        _components[proc.pid] = Component(component, proc, Path(logfile))
    return proc


def expect_exit(proc: subprocess.Popen) -> None:
    """perfci is about to stop `proc`: its exit from now on is not a fault."""
    comp = _components.get(proc.pid)
    if comp is not None:
        comp.stopping = True


def check_alive(proc: subprocess.Popen) -> None:
    """Record the death of a watched component that has exited on its own."""
    comp = _components.get(proc.pid)
    if comp is None or comp.stopping or proc.poll() is None:
        return
    comp.stopping = True  # recorded once
    record_death(
        Death(comp.name, proc.pid, proc.returncode, str(comp.logfile), log_tail(comp.logfile))
    )


def record_death(death: Death) -> None:
    if any(d.pid == death.pid for d in _deaths):
        return  # the pipeline's cluster, seen dead by a stage and by its owner
    _deaths.append(death)
    path = os.environ.get(DEATHS_ENV)
    if path:  # a child perfci: the parent reads this after we exit
        with contextlib.suppress(OSError), open(path, "a") as fh:
            fh.write(json.dumps(death.__dict__) + "\n")


def absorb_deaths(path: Path) -> None:
    """The deaths a child perfci recorded in `path` (see DEATHS_ENV), as our own."""
    with contextlib.suppress(OSError):
        for line in path.read_text().splitlines():
            with contextlib.suppress(ValueError, TypeError):
                _deaths.append(Death(**json.loads(line)))


def deaths() -> list[Death]:
    for comp in list(_components.values()):
        check_alive(comp.proc)
    return list(_deaths)


def stop_process(proc: subprocess.Popen, sig: int, timeout: float = 15.0) -> None:
    """Send `sig`, wait, then SIGKILL: the process is gone when this returns. A watched
    component found already dead is recorded as a death."""
    check_alive(proc)
    expect_exit(proc)
    try:
        if proc.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            proc.send_signal(sig)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                proc.kill()
            proc.wait(timeout=10)
    finally:
        # what is left of its session (spawn() started one): nothing, normally
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
        _components.pop(proc.pid, None)
        leftovers.forget_process_group(proc.pid)
