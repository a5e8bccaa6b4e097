"""Request dependencies: API-key auth, the per-key fixed-window rate limit, pool and settings."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

import asyncpg
from fastapi import Depends, HTTPException, Request, Response, Security
from fastapi.security import APIKeyHeader

from dtrag.api.errors import problem_doc
from dtrag.core.config import Settings

API_KEY_HEADER = "X-API-Key"

api_key_header = APIKeyHeader(
    name=API_KEY_HEADER,
    auto_error=False,
    description="One of the keys configured in DTRAG_API_KEYS.",
)


@dataclass(frozen=True)
class RateDecision:
    allowed: bool
    limit: int
    remaining: int
    retry_after: int  # whole seconds until the window ends, >= 1


class RateLimiter:
    """Fixed-window request counter per API key, in process memory.

    Windows are aligned on multiples of `window_seconds` of the (monotonic) clock, so every
    key's window ends at the same instant. Only valid keys reach it, so its size is bounded by
    the configured key set.
    """

    def __init__(
        self, limit: int, window_seconds: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window = window_seconds
        self._clock = clock
        self._windows: dict[str, tuple[int, int]] = {}  # key -> (window index, count)

    def hit(self, key: str) -> RateDecision:
        now = self._clock()
        index = math.floor(now / self.window)
        window, count = self._windows.get(key, (index, 0))
        if window != index:
            count = 0
        count += 1
        self._windows[key] = (index, count)
        retry_after = max(1, math.ceil((index + 1) * self.window - now))
        return RateDecision(
            allowed=count <= self.limit,
            limit=self.limit,
            remaining=max(0, self.limit - count),
            retry_after=retry_after,
        )


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_pool(request: Request) -> asyncpg.Pool:
    return request.app.state.pool


async def api_key(request: Request, key: Annotated[str | None, Security(api_key_header)]) -> str:
    """The caller's API key; 401 when it is missing or unknown."""
    if not key:
        raise HTTPException(status_code=401, detail="API key is required")
    if key not in get_settings(request).api_keys:
        raise HTTPException(status_code=401, detail="Invalid API key")
    return key


async def rate_limit(
    request: Request, response: Response, key: Annotated[str, Depends(api_key)]
) -> str:
    """Count the request against its key's window; 429 with Retry-After once over the limit."""
    limiter: RateLimiter = request.app.state.rate_limiter
    decision = limiter.hit(key)
    if not decision.allowed:
        raise HTTPException(
            status_code=429,
            detail=f"Rate limit exceeded: {decision.limit} requests per {limiter.window} s",
            headers={
                "Retry-After": str(decision.retry_after),
                "X-RateLimit-Limit": str(decision.limit),
                "X-RateLimit-Remaining": "0",
            },
        )
    response.headers["X-RateLimit-Limit"] = str(decision.limit)
    response.headers["X-RateLimit-Remaining"] = str(decision.remaining)
    return key


SettingsDep = Annotated[Settings, Depends(get_settings)]
PoolDep = Annotated[asyncpg.Pool, Depends(get_pool)]

# Attach to every route that needs a key: auth, then the rate limit.
PROTECTED = [Depends(rate_limit)]

_INT_HEADER = {"schema": {"type": "integer"}}
_LIMIT_HEADERS = {
    "X-RateLimit-Limit": {"description": "Requests allowed per window", **_INT_HEADER},
    "X-RateLimit-Remaining": {"description": "Requests left in this window", **_INT_HEADER},
}
PROTECTED_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"headers": _LIMIT_HEADERS},
    401: problem_doc("API key missing or unknown"),
    429: problem_doc(
        "Rate limit exceeded",
        headers={
            "Retry-After": {"description": "Seconds until the window ends", **_INT_HEADER},
            **_LIMIT_HEADERS,
        },
    ),
}
# Routes taking a JSON body: FastAPI answers 400 when the body is not decodable at all.
BODY_RESPONSES: dict[int | str, dict[str, Any]] = {
    **PROTECTED_RESPONSES,
    400: problem_doc("Request body could not be decoded (e.g. not UTF-8)"),
}
