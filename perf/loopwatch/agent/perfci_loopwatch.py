"""perfci's event-loop watch, run inside the service's server process (stdlib only).

perfci starts the service as `uvicorn perfci_loopwatch:create --factory` with this directory on
PYTHONPATH and the real ASGI app in PERFCI_LOOPWATCH_APP (PERFCI_LOOPWATCH_FACTORY=1: a factory
called with no arguments). `create()` imports the app and wraps it in a pure ASGI middleware
that changes nothing of a request; it only notes which request each asyncio task serves.

While a watch is on (POST /__perfci/loopwatch/start until GET /__perfci/loopwatch?stop=1,
both answered here and never passed to the app):

- a thread samples the loop's running task every SAMPLE seconds
  (`asyncio.tasks._current_tasks`, what `asyncio.current_task()` reads). When the same task is
  running at two samples in a row, the time between them is time that task held the loop: no
  other request, callback or I/O of this worker could run meanwhile. It is added to the request
  the task serves (a request's own child tasks count for it: a task factory passes the
  request on). Per request: the endpoint (the X-Perfci-Endpoint header perfci's load users
  send, else "METHOD path"), its time in the app, the time it held the loop, and of that the
  time the loop's thread was *blocked*: asleep in the kernel at the sample (state S or D in
  /proc/self/task/<tid>/stat) rather than running or runnable, split by the system call it
  sleeps in (/proc/self/task/<tid>/syscall): a futex is a wait for another thread of the
  process (the GIL, a BLAS worker finishing its half of a matrix product, a thread pool),
  anything else a blocking call (a sleep, a socket read of a synchronous client or driver, a
  file read). A blocking call in an async handler holds the loop and blocks; CPU work holds it
  running (on a busy machine much of its held time is waiting for a CPU, which says nothing
  about the code); an await does neither. (The thread's CPU-time counters cannot replace the
  state: /proc's schedstat of a running thread lags up to a scheduler tick, which turned
  NumPy work into 18 ms of "blocked" per search.)
- a heartbeat callback scheduled every BEAT seconds records how late the loop ran it: the
  event-loop lag every request of this worker sees.
- the acquire of asyncio's Lock and Semaphore (so also Condition, BoundedSemaphore) and of
  anyio's, wrapped once in this process: when the primitive cannot be taken at the call, the
  time until it is (queueing behind the holder, then waiting for the loop to resume the task)
  is the request's *lock wait*. A lock held across an await costs a lone request nothing; under
  concurrency every request that needs it queues: that is what the lock wait shows, whatever
  the latencies of the moment. An uncontended acquire is not timed (anyio's yields to the loop
  once even then: that is loop lag, not a lock).

The sampler needs the GIL to look: while the loop thread runs Python code it looks about every
switch interval (5 ms), while it waits in a blocking call that releases the GIL, every SAMPLE.
"""

from __future__ import annotations

import asyncio
import functools
import importlib
import json
import os
import threading
import time

PATH = "/__perfci/loopwatch"
HEADER = b"x-perfci-endpoint"
SAMPLE = 0.001
BEAT = 0.01
# futex(2), the wait for another thread, by machine (/proc/<pid>/task/<tid>/syscall's number)
FUTEX = {"x86_64": b"202", "aarch64": b"98", "armv7l": b"240", "i686": b"240"}.get(
    os.uname().machine
)

try:  # the dict asyncio's C tasks register the running task in (CPython 3.8-3.13)
    from asyncio.tasks import _current_tasks as CURRENT_TASKS
except ImportError:  # pragma: no cover - other Pythons: lag only
    CURRENT_TASKS = None


class Watch:
    def __init__(self) -> None:
        self.loop: asyncio.AbstractEventLoop | None = None
        # task -> its request's [name, held, blocked, thread wait, lock wait] (seconds)
        self.serving: dict[asyncio.Task, list] = {}
        self.on = False
        self.generation = 0
        # name, start, wall, held, blocked in a call, waiting for other threads, waiting for
        # asyncio/anyio locks and semaphores (seconds)
        self.requests: list[tuple[str, float, float, float, float, float, float]] = []
        self.stat: int | None = None  # fds of the loop thread's stat and syscall (Linux)
        self.syscall: int | None = None
        self.lags: list[float] = []
        self.held_outside = 0.0  # held by tasks that serve no request
        self.started = 0.0

    def install(self, loop: asyncio.AbstractEventLoop) -> None:
        if self.loop is loop:
            return
        self.loop = loop
        inner = loop.get_task_factory()

        def factory(loop, coro, **kwargs):
            task = inner(loop, coro, **kwargs) if inner else asyncio.Task(coro, loop=loop, **kwargs)
            parent = CURRENT_TASKS.get(loop) if CURRENT_TASKS is not None else None
            record = self.serving.get(parent) if parent is not None else None
            if record is not None:
                self.serving[task] = record
                task.add_done_callback(self._forget)
            return task

        loop.set_task_factory(factory)

    def _forget(self, task: asyncio.Task) -> None:
        self.serving.pop(task, None)

    def start(self) -> None:  # in the loop's thread (a request to the control path)
        if self.stat is None:
            try:
                tid = threading.get_native_id()
                self.stat = os.open(f"/proc/self/task/{tid}/stat", os.O_RDONLY)
                self.syscall = os.open(f"/proc/self/task/{tid}/syscall", os.O_RDONLY)
            except OSError:
                self.stat = self.stat or -1
        self.generation += 1
        self.requests, self.lags, self.held_outside = [], [], 0.0
        self.started = time.time()
        self.on = True
        gen = self.generation
        loop = self.loop
        expected = [loop.time() + BEAT]

        def beat() -> None:
            if not self.on or gen != self.generation:
                return
            now = loop.time()
            self.lags.append(now - expected[0])
            expected[0] = now + BEAT
            loop.call_at(expected[0], beat)

        loop.call_at(expected[0], beat)
        if CURRENT_TASKS is not None:
            threading.Thread(target=self._sample, args=(gen,), daemon=True).start()

    def _asleep(self) -> bytes | None:
        """None when the loop's thread runs or waits for a CPU; else the system call it sleeps
        in (its number as /proc gives it; b"?" when unknown)."""
        try:
            stat = os.pread(self.stat, 512, 0)
            state = stat[stat.rindex(b")") + 2 : stat.rindex(b")") + 3]
        except (OSError, ValueError):
            return None
        if state not in (b"S", b"D"):
            return None
        if self.syscall is None:
            return b"?"
        try:
            return os.pread(self.syscall, 64, 0).split()[0]
        except (OSError, IndexError):
            return b"?"

    def _sample(self, gen: int) -> None:
        loop, prev, prev_t = self.loop, None, time.perf_counter()
        watch_state = self.stat is not None and self.stat >= 0
        while self.on and gen == self.generation:
            time.sleep(SAMPLE)
            now = time.perf_counter()
            task = CURRENT_TASKS.get(loop)
            if task is not None and task is prev:
                held = now - prev_t
                call = self._asleep() if watch_state else None
                record = self.serving.get(task)
                if record is not None:
                    record[1] += held
                    if call is not None:
                        record[3 if FUTEX is not None and call == FUTEX else 2] += held
                else:
                    self.held_outside += held
            prev, prev_t = task, now

    def stop(self) -> dict:
        self.on = False
        return {
            "started": self.started,
            "stopped": time.time(),
            "sample": SAMPLE,
            "beat": BEAT,
            "sampled": CURRENT_TASKS is not None,
            "blocked_measured": bool(self.stat is not None and self.stat >= 0),
            "waits_split": bool(self.syscall is not None and FUTEX is not None),
            "locks_watched": LOCKS_WATCHED,
            "requests": self.requests,
            "lags": [round(x, 6) for x in self.lags],
            "held_outside": round(self.held_outside, 6),
        }


WATCH = Watch()
LOCKS_WATCHED: list[str] = []


def _contended(primitive) -> bool:
    """Whether an acquire now would have to wait (asyncio's and anyio's primitives): taken, or
    others already queued (after a release the lock looks free until the woken waiter runs,
    and a newcomer still queues behind it)."""
    if getattr(primitive, "_waiters", None):
        return True
    locked = getattr(primitive, "locked", None)
    if callable(locked):
        return bool(locked())
    value = getattr(primitive, "value", None)  # anyio's Semaphore
    return value is not None and value <= 0


def _timed(acquire):
    @functools.wraps(acquire)
    async def timed_acquire(self, *args, **kwargs):
        if not WATCH.on or not _contended(self):
            return await acquire(self, *args, **kwargs)
        t0 = time.perf_counter()
        try:
            return await acquire(self, *args, **kwargs)
        finally:
            record = WATCH.serving.get(asyncio.current_task())
            if record is not None:
                record[4] += time.perf_counter() - t0

    return timed_acquire


def watch_locks() -> None:
    """Wrap the acquire of asyncio's and anyio's locks and semaphores, once per process."""
    if LOCKS_WATCHED:
        return
    classes = [("asyncio.Lock", asyncio.Lock), ("asyncio.Semaphore", asyncio.Semaphore)]
    try:  # anyio's primitives under the asyncio backend (anyio 4: its own waiter queues)
        from anyio._backends import _asyncio as anyio_asyncio

        classes += [
            (f"anyio.{n}", getattr(anyio_asyncio, n))
            for n in ("Lock", "Semaphore")
            if isinstance(getattr(anyio_asyncio, n, None), type)
        ]
    except ImportError:
        pass
    for name, cls in classes:
        acquire = cls.__dict__.get("acquire")
        if acquire is not None and not hasattr(acquire, "__wrapped__"):
            cls.acquire = _timed(acquire)
            LOCKS_WATCHED.append(name)


class LoopWatch:
    """The wrapping middleware: notes each request's task, answers PATH itself."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        WATCH.install(asyncio.get_running_loop())
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        if scope["path"].startswith(PATH):
            return await self._control(scope, send)
        if not WATCH.on:
            return await self.app(scope, receive, send)
        name = next((v.decode("latin-1") for k, v in scope["headers"] if k == HEADER), None)
        record = [name or f"{scope['method']} {scope['path']}", 0.0, 0.0, 0.0, 0.0]
        task = asyncio.current_task()
        WATCH.serving[task] = record
        start, t0 = time.time(), time.perf_counter()
        try:
            await self.app(scope, receive, send)
        finally:
            WATCH.serving.pop(task, None)
            if WATCH.on:
                WATCH.requests.append(
                    (record[0], round(start, 4), round(time.perf_counter() - t0, 6),
                     round(record[1], 6), round(record[2], 6), round(record[3], 6),
                     round(record[4], 6))
                )  # fmt: skip

    async def _control(self, scope, send) -> None:
        if scope["path"] == PATH + "/start" and scope["method"] == "POST":
            WATCH.start()
            body = {"on": True, "sampled": CURRENT_TASKS is not None}
        elif scope["path"] == PATH and scope["method"] == "GET":
            body = WATCH.stop()
        else:
            body = {"error": f"POST {PATH}/start or GET {PATH}"}
        data = json.dumps(body).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 404 if "error" in body else 200,
                "headers": [(b"content-type", b"application/json")],
            }
        )
        await send({"type": "http.response.body", "body": data})


def create():
    watch_locks()
    module, _, attribute = os.environ["PERFCI_LOOPWATCH_APP"].partition(":")
    app = getattr(importlib.import_module(module), attribute)
    if os.environ.get("PERFCI_LOOPWATCH_FACTORY") == "1":
        app = app()
    return LoopWatch(app)
