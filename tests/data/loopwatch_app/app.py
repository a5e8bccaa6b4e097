"""A service for the event-loop watch's test (tests/test_loopwatch.py): async handlers that take
the same 30 ms: awaiting (the loop serves others meanwhile), blocking in a sleep (the loop is
held and its thread off CPU in a sleep), waiting for another thread (held, off CPU in a futex),
spinning on the CPU (held, not blocked); and handlers that hold a process-wide asyncio.Lock,
asyncio.Semaphore(1) or anyio.Lock across their await (under concurrency every request queues
behind the holder: lock wait)."""

import asyncio
import threading
import time

import anyio

PAUSE = 0.03
_primitives: dict[str, object] = {}


def _primitive(kind: str):
    """One per process, made in the loop (anyio's needs a running loop)."""
    if kind not in _primitives:
        make = {"lock": asyncio.Lock, "semaphore": lambda: asyncio.Semaphore(1),
                "anyio-lock": anyio.Lock}[kind]  # fmt: skip
        _primitives[kind] = make()
    return _primitives[kind]


async def app(scope, receive, send):
    if scope["type"] == "lifespan":
        while (await receive())["type"] != "lifespan.shutdown":
            await send({"type": "lifespan.startup.complete"})
        await send({"type": "lifespan.shutdown.complete"})
        return
    if scope["path"] == "/await":
        await asyncio.sleep(PAUSE)
    elif scope["path"] == "/block":
        time.sleep(PAUSE)
    elif scope["path"] == "/spin":
        end = time.perf_counter() + PAUSE
        while time.perf_counter() < end:
            pass
    elif scope["path"] == "/join-thread":  # waits for another thread: a futex, not I/O
        worker = threading.Thread(target=time.sleep, args=(PAUSE,))
        worker.start()
        worker.join()
    elif scope["path"] in ("/lock", "/semaphore", "/anyio-lock"):
        async with _primitive(scope["path"][1:]):
            await asyncio.sleep(PAUSE)
    elif scope["path"] == "/spawn-block":  # the blocking call in a child task of the request
        await asyncio.get_running_loop().create_task(_block())
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"ok"})


async def _block():
    time.sleep(PAUSE)
