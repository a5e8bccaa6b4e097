"""A service with a known capacity, for tests/test_capacity.py: one endpoint whose handler
holds a lock for a fixed service time (20 ms of time.sleep), under one uvicorn worker, so it
completes at most 1 / 0.020 = 50 requests/s whatever the concurrency."""

import os
import threading
import time

from fastapi import FastAPI

SERVICE_TIME = float(os.environ.get("CAPACITY_APP_SERVICE_TIME", "0.020"))
LOCK = threading.Lock()
app = FastAPI()


@app.get("/health")
def health() -> dict:
    return {"status": "ok"}


@app.get("/work")
def work() -> dict:  # a sync handler: it runs in the thread pool, the lock serialises it
    with LOCK:
        time.sleep(SERVICE_TIME)
    return {"done": True}
