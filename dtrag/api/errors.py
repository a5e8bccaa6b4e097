"""Error responses: RFC 7807-style JSON for HTTP errors and a generic 500 for unexpected ones."""

from __future__ import annotations

import logging
import math
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dtrag.schemas import Problem, pg_safe_text

log = logging.getLogger("dtrag.errors")


def status_phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def problem_response(
    status: int, detail: str, instance: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    body = Problem(title=status_phrase(status), status=status, detail=detail, instance=instance)
    return JSONResponse(body.model_dump(), status_code=status, headers=headers)


def problem_doc(description: str, headers: dict[str, Any] | None = None) -> dict[str, Any]:
    """An entry of a route's `responses=`: a Problem body, optionally with documented headers."""
    doc: dict[str, Any] = {"model": Problem, "description": description}
    if headers:
        doc["headers"] = headers
    return doc


async def http_exception_handler(request: Request, exc: Exception) -> JSONResponse:
    if not isinstance(exc, StarletteHTTPException):  # only registered for HTTPException
        raise exc
    detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    return problem_response(exc.status_code, detail, request.url.path, dict(exc.headers or {}))


def _json_safe(value: Any) -> Any:
    """Echoed input made encodable: lone surrogates replaced, NaN/Infinity as strings."""
    if isinstance(value, str):
        return pg_safe_text(value)
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, dict):
        return {k: _json_safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_safe(v) for v in value]
    return value


async def validation_exception_handler(request: Request, exc: Exception) -> JSONResponse:
    """FastAPI's default 422 body, except that it cannot fail on the input it echoes.

    Python's JSON parser accepts lone surrogate escapes and NaN/Infinity; FastAPI's own
    handler echoes them back and then fails to encode its response (a 500).
    """
    if not isinstance(exc, RequestValidationError):  # only registered for validation errors
        raise exc
    return JSONResponse(
        status_code=422, content={"detail": _json_safe(jsonable_encoder(exc.errors()))}
    )


class UnhandledErrorMiddleware:
    """Turns any exception escaping a route into a logged, generic 500 Problem.

    Pure ASGI and not a Starlette `Exception` handler on purpose: that one re-raises after
    answering, which in-process test clients (httpx ASGITransport) surface as an exception
    instead of the 500 response a real client sees.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_tracking(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, send_tracking)
        except Exception:
            log.exception("unhandled error on %s %s", scope.get("method"), scope.get("path"))
            if started:
                raise  # too late for a clean answer; let the server drop the connection
            response = problem_response(500, "Internal server error", scope.get("path", ""))
            await response(scope, receive, send)


def install_error_handling(app: FastAPI) -> None:
    app.add_exception_handler(StarletteHTTPException, http_exception_handler)
    app.add_exception_handler(RequestValidationError, validation_exception_handler)
    app.add_middleware(UnhandledErrorMiddleware)
