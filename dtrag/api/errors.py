"""Error responses: RFC 7807-style JSON for HTTP errors and a generic 500 for unexpected ones."""

from __future__ import annotations

import logging
import math
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
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


# What a 422 echoes of the request is bounded: the input may have any shape (nesting deeper
# than the interpreter's recursion limit, megabytes of text, bytes that are not UTF-8, NaN,
# lone surrogates), and the error body must stay small and encodable whatever it is.
MAX_ERRORS = 100  # errors listed per response (a 10,000-item list can fail item by item)
ECHO_MAX_DEPTH = 4  # containers nested deeper are echoed as ELLIPSIS
ECHO_MAX_VALUES = 200  # values echoed per error, all levels together
ECHO_MAX_CHARS = 256  # per echoed string or bytes; longer ones are cut and end with ELLIPSIS
MSG_MAX_CHARS = 1024
ELLIPSIS = "\u2026"


def _short_text(value: str, limit: int = ECHO_MAX_CHARS) -> str:
    if len(value) > limit:
        value = value[:limit] + ELLIPSIS
    return pg_safe_text(value)  # lone surrogates would make the response unencodable


class _Echo:
    """A bounded, JSON-encodable copy of (part of) a request, for a 422 body.

    Recursion is bounded by ECHO_MAX_DEPTH, not by the input, and the total work by
    ECHO_MAX_VALUES, so neither a deeply nested nor a huge input can exhaust the stack or
    the response size. NaN/Infinity become strings (JSON has no literal for them), bytes are
    decoded with replacement characters, other objects are named by their type.
    """

    def __init__(self) -> None:
        self.budget = ECHO_MAX_VALUES

    def __call__(self, value: Any, depth: int = 0) -> Any:
        if self.budget <= 0:
            return ELLIPSIS
        self.budget -= 1
        if value is None or isinstance(value, bool):
            return value
        if isinstance(value, int):
            # str() of an int over 4300 digits raises; JSON parsing refuses those anyway
            return value if value.bit_length() <= 64 else "<large integer>"
        if isinstance(value, float):
            return value if math.isfinite(value) else str(value)
        if isinstance(value, str):
            return _short_text(value)
        if isinstance(value, bytes | bytearray):
            text = bytes(value[:ECHO_MAX_CHARS]).decode("utf-8", "replace")
            return pg_safe_text(text + ELLIPSIS if len(value) > ECHO_MAX_CHARS else text)
        if isinstance(value, BaseException):  # e.g. ctx["error"] of a validator
            return _short_text(str(value), MSG_MAX_CHARS)
        if isinstance(value, dict | list | tuple) and depth >= ECHO_MAX_DEPTH:
            return ELLIPSIS
        if isinstance(value, dict):
            out: dict[str, Any] = {}
            for key, item in value.items():
                if self.budget <= 0:
                    out[ELLIPSIS] = ELLIPSIS
                    break
                name = _short_text(key) if isinstance(key, str) else f"<{type(key).__name__}>"
                out[name] = self(item, depth + 1)
            return out
        if isinstance(value, list | tuple):
            items: list[Any] = []
            for item in value:
                if self.budget <= 0:
                    items.append(ELLIPSIS)
                    break
                items.append(self(item, depth + 1))
            return items
        return f"<{type(value).__name__}>"


def _error_entry(error: Any) -> dict[str, Any]:
    """One entry of FastAPI's 422 `detail` list (type, loc, msg, input, ctx), made safe."""
    if not isinstance(error, dict):
        return {"type": "value_error", "loc": [], "msg": _short_text(str(error), MSG_MAX_CHARS)}
    entry: dict[str, Any] = {
        "type": _short_text(str(error.get("type", "value_error"))),
        # the loc names fields of the input (an unknown field's name is the client's text)
        "loc": [_Echo()(part, ECHO_MAX_DEPTH) for part in tuple(error.get("loc", ()))[:32]],
        "msg": _short_text(str(error.get("msg", "")), MSG_MAX_CHARS),
    }
    if "input" in error:
        entry["input"] = _Echo()(error["input"])
    if "ctx" in error:
        entry["ctx"] = _Echo()(error["ctx"])
    return entry


async def validation_exception_handler(request: Request, exc: Exception) -> JSONResponse:
    """FastAPI's 422 body (`{"detail": [{type, loc, msg, input, ctx}]}`), built so that it
    cannot fail, whatever the request held: FastAPI's own handler encodes the echoed input
    recursively (a RecursionError on deeply nested JSON), decodes echoed bytes as UTF-8 and
    emits NaN and lone surrogates, each of which turned a client error into a 500.

    The echo is bounded (see _Echo) and at most MAX_ERRORS errors are listed.
    """
    if not isinstance(exc, RequestValidationError):  # only registered for validation errors
        raise exc
    errors = exc.errors()
    detail = [_error_entry(error) for error in errors[:MAX_ERRORS]]
    return JSONResponse(status_code=422, content={"detail": detail})


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
