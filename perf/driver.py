"""The endpoint driver: what request an endpoint of the config stands for, how a client
authenticates, and whether a response is the one the benchmark claims to time.

One of each, used by bench (in-process ASGI client), ab (two uvicorns), the SQL workload and the
profile: requests come from a plugin payload source, from rows a SQL query samples from the
seeded database (each row fills the `{column}` placeholders of the path, the query string and
the JSON body), or from the literal JSON body; a response is valid when its status is the
expected one, its body is not empty (and not empty at `expect.json`), and the plugin's check,
if the endpoint names one, passes. A benchmark of an empty-data path is worse than none.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from typing import Any

from perf.config import Config, Endpoint
from perf.errors import UsageError
from perf.service import Auth, import_object


@dataclass(frozen=True)
class Request:
    """One concrete request of an endpoint."""

    method: str
    path: str
    json: Any = None
    params: dict[str, str] = field(default_factory=dict)

    def kwargs(self) -> dict[str, Any]:
        """Keyword arguments of httpx's `request()` (and Locust's FastHttpUser's)."""
        out: dict[str, Any] = {}
        if self.json is not None and self.method != "GET":
            out["json"] = self.json
        if self.params:
            out["params"] = self.params
        return out


class InvalidResponse(AssertionError):
    """The endpoint answered, but not with what the benchmark claims to time."""


# --------------------------------------------------------------------------- plugin


def plugin(config: Config):
    """The service's plugin module (payload sources, checks, ...), or None."""
    name = config.service.plugin
    if not name:
        return None
    import sys

    root = str(config.service.root)
    if root not in sys.path:  # the plugin lives with the service, importable from its root
        sys.path.insert(0, root)
    return import_object(name)


def plugin_attr(config: Config, name: str, what: str, endpoint: Endpoint):
    module = plugin(config)
    obj = getattr(module, name, None) if module is not None else None
    if obj is None:
        where = f"{config.path}: endpoint {endpoint.name!r}"
        if module is None:
            raise UsageError(f"{where}: {what} {name!r} needs [service] plugin = 'module'")
        raise UsageError(f"{where}: {what} {name!r} not found in {config.service.plugin}")
    return obj


# --------------------------------------------------------------------------- requests


def _fill(value: Any, row: dict[str, Any], where: str) -> Any:
    """{column} placeholders of strings (recursively) filled from a sampled row. A string
    that is exactly one placeholder takes the column's value with its type."""
    if isinstance(value, str):
        names = [n for _, n, _, _ in string.Formatter().parse(value) if n]
        if not names:
            return value
        missing = [n for n in names if n not in row]
        if missing:
            raise UsageError(f"{where}: {{{missing[0]}}} is not a column of the sample query")
        if value == "{" + names[0] + "}":
            v = row[names[0]]
            return v if isinstance(v, int | float | bool | str) or v is None else str(v)
        return value.format_map({k: str(v) for k, v in row.items()})
    if isinstance(value, dict):
        return {k: _fill(v, row, where) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, row, where) for v in value]
    return value


async def requests_for(config: Config, endpoint: Endpoint, conn) -> list[Request]:
    """The requests an endpoint cycles through, drawn from the seeded database on `conn`."""
    where = f"{config.path}: endpoint {endpoint.name!r}"
    if endpoint.payloads:
        source = plugin_attr(config, endpoint.payloads, "payload source", endpoint)
        bodies = await source(conn)
        if not bodies:
            raise InvalidResponse(f"{endpoint.name}: payload source {endpoint.payloads} is empty")
        return [Request(endpoint.method, endpoint.path, b, dict(endpoint.query)) for b in bodies]
    if endpoint.sample:
        import asyncpg

        try:
            rows = [dict(r) for r in await conn.fetch(endpoint.sample)]
        except asyncpg.PostgresError as exc:
            raise UsageError(f"{where}.sample: {exc}") from None
        if not rows:
            raise InvalidResponse(f"{endpoint.name}: the sample query returned no rows")
        return [
            Request(
                endpoint.method,
                _fill(endpoint.path, row, f"{where}.path"),
                _fill(endpoint.json, row, f"{where}.json"),
                _fill(dict(endpoint.query), row, f"{where}.query"),
            )
            for row in rows
        ]
    placeholders = [n for _, n, _, _ in string.Formatter().parse(endpoint.path) if n]
    if placeholders:
        raise UsageError(
            f"{where}.path: {{{placeholders[0]}}} needs a sample query (sample = 'SELECT …')"
        )
    return [Request(endpoint.method, endpoint.path, endpoint.json, dict(endpoint.query))]


async def all_requests(config: Config, conn, only=None) -> dict[str, list[Request]]:
    return {
        e.name: await requests_for(config, e, conn)
        for e in config.endpoints
        if only is None or e.name in only
    }


# --------------------------------------------------------------------------- responses


def json_at(body: Any, path: str | None) -> Any:
    if not path or path == "$":
        return body
    for part in path.split("."):
        if isinstance(body, dict):
            body = body.get(part)
        elif isinstance(body, list) and part.isdigit() and int(part) < len(body):
            body = body[int(part)]
        else:
            return None
    return body


def check(config: Config, endpoint: Endpoint, status: int, body_text: str) -> None:
    """Raises InvalidResponse unless the response is the valid, non-empty one."""
    import json

    if status != endpoint.expect_status:
        raise InvalidResponse(
            f"{endpoint.name}: {endpoint.method} answered {status} "
            f"(expected {endpoint.expect_status}): {body_text[:300]}"
        )
    try:
        body = json.loads(body_text) if body_text else None
    except ValueError:
        body = body_text
    if body in (None, {}, [], ""):
        raise InvalidResponse(f"{endpoint.name}: empty response body")
    if endpoint.expect_json and json_at(body, endpoint.expect_json) in (None, {}, [], ""):
        raise InvalidResponse(f"{endpoint.name}: nothing at {endpoint.expect_json!r}")
    if endpoint.expect:
        fn = plugin_attr(config, endpoint.expect, "check", endpoint)
        try:
            fn(body)
        except AssertionError as exc:
            raise InvalidResponse(f"{endpoint.name}: {exc}") from None


# --------------------------------------------------------------------------- auth


def auth_headers(auth: Auth, api_key: str, login) -> dict[str, str]:
    """Headers that authenticate a client. `login(path, form, json)` performs the login
    request with the caller's client and returns (status, body text)."""
    import json

    if auth.kind == "none":
        return {}
    if auth.kind == "header":
        return {auth.header: auth.value.replace("{api_key}", api_key)}
    status, text = login(auth.path, auth.form or None, auth.json or None)
    if status != 200:
        from perf.errors import EnvironmentFailure

        raise EnvironmentFailure(f"login at {auth.path} answered {status}: {text[:300]}")
    token = json_at(json.loads(text), auth.token)
    if not isinstance(token, str) or not token:
        from perf.errors import EnvironmentFailure

        raise EnvironmentFailure(f"login at {auth.path}: no token at {auth.token!r}")
    return {auth.header: f"{auth.scheme} {token}".strip()}


def sync_login(client):
    """`login` for an httpx.Client."""

    def login(path, form, body):
        r = client.post(path, data=form, json=body)
        return r.status_code, r.text

    return login
