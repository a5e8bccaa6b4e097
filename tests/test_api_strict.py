"""Strict request bodies (API-CONTRACT.md): an unknown field is a 422 naming it, never silently
dropped (a misspelt `dryrun` must not turn a dry run into a real consolidation run), and any
body, however hostile (deep nesting, megabytes, bytes that are not UTF-8, NaN, a wrong
top-level type), is answered with a 4xx JSON error: never a 500, never a recursion error.

The live tests run against one uvicorn on a database of this module's own (copied from the
seeded small-profile template), with a rate limit high enough for the request matrix.
"""

from __future__ import annotations

import asyncio
import importlib
import json
import secrets
from collections.abc import Iterator
from pathlib import Path

import asyncpg
import httpx
import pytest
from fastapi.exceptions import RequestValidationError

from dtrag.api.errors import (
    ECHO_MAX_CHARS,
    MAX_ERRORS,
    validation_exception_handler,
)
from dtrag.schemas import (
    AnalyzeRequest,
    BatchRequest,
    ClassifyRequest,
    ConsolidationRequest,
    SearchRequest,
)
from perf.config import load_config
from perf.stack import ApiProcess, free_port, with_database
from tests.conftest import DTRAG, KEYS, _create_db, _drop_db, run
from tests.test_consolidation_safety import checksums

ROOT = Path(__file__).resolve().parent.parent
KEY = KEYS["other"]
JSON = {"content-type": "application/json"}
MAX_ERROR_BODY = 64 * 1024  # an error answer stays small whatever the request held

# A valid body for every POST endpoint, and the request model behind it.
VALID = {
    "/classify": ({"text": "vector search reranking"}, ClassifyRequest),
    "/search": ({"q": "vector search"}, SearchRequest),
    "/reflection/analyze": ({"case_id": "test-001"}, AnalyzeRequest),
    "/reflection/batch": ({"min_logs": 10}, BatchRequest),
    "/consolidation/run": ({"dry_run": True}, ConsolidationRequest),
    "/consolidation/dry-run": ({"threshold": 30}, ConsolidationRequest),
}
POST_PATHS = list(VALID)
# `null` and an empty body are the documented "no body" of these (defaults apply).
OPTIONAL_BODY = {"/reflection/batch", "/consolidation/run", "/consolidation/dry-run"}


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def strict_api(stack, tmp_path_factory) -> Iterator[ApiProcess]:
    """One uvicorn for the module on a database of its own, rate limit out of the way."""
    admin = with_database(stack["dsn"], "postgres")
    name = f"test_strict_{secrets.token_hex(4)}"
    run(_create_db(admin, stack["template"], name))
    api = ApiProcess(
        service=DTRAG.service,
        dsn=with_database(stack["dsn"], name),
        port=free_port(),
        logfile=tmp_path_factory.mktemp("strict-api") / "api.log",
        api_keys=[KEY],
        extra_env={"DTRAG_RATE_LIMIT": "1000000"},
    )
    try:
        api.start()
        yield api
    finally:
        api.stop()
        run(_drop_db(admin, name))


@pytest.fixture(scope="module")
def client(strict_api) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=strict_api.base_url, headers={"X-API-Key": KEY}, timeout=60) as c:
        yield c


# --------------------------------------------------------------------------- helpers


def assert_client_error(r: httpx.Response) -> dict:
    """A 4xx with a JSON body in the contract's shape: FastAPI's 422 `{"detail": [...]}`
    for validation errors, an RFC 7807 problem for the other HTTP errors."""
    assert 400 <= r.status_code < 500, (r.status_code, r.text[:500])
    assert r.headers["content-type"].startswith("application/json"), r.headers
    assert len(r.content) <= MAX_ERROR_BODY, len(r.content)
    body = r.json()
    if r.status_code == 422:
        assert isinstance(body["detail"], list) and body["detail"], body
        assert len(body["detail"]) <= MAX_ERRORS
        for error in body["detail"]:
            assert {"type", "loc", "msg"} <= error.keys(), error
            assert isinstance(error["loc"], list)
    else:
        assert {"type", "title", "status", "detail", "instance"} <= body.keys(), body
        assert body["status"] == r.status_code
    return body


def extra_forbidden(body: dict) -> list[list]:
    return [e["loc"] for e in body["detail"] if e["type"] == "extra_forbidden"]


async def _case_counts(dsn: str) -> tuple[int, int]:
    conn = await asyncpg.connect(dsn)
    try:
        live = await conn.fetchval("SELECT count(*) FROM case_bank")
        archived = await conn.fetchval("SELECT count(*) FROM case_bank_archive")
        return live, archived
    finally:
        await conn.close()


def nested(depth: int, inner: bytes = b"") -> bytes:
    return b"[" * depth + inner + b"]" * depth


# --------------------------------------------------------------------------- unknown fields


@pytest.mark.integration
@pytest.mark.parametrize("path", POST_PATHS)
def test_unknown_field_is_422_naming_it(client, path):
    valid, _ = VALID[path]
    r = client.post(path, json={**valid, "unexpected_field": 1})
    body = assert_client_error(r)
    assert r.status_code == 422
    assert extra_forbidden(body) == [["body", "unexpected_field"]], body
    # the same body without the unknown field is fine (the 422 is about that field only)
    assert client.post(path, json=valid).status_code == 200


@pytest.mark.integration
def test_unknown_nested_field_is_422(client):
    r = client.post("/search", json={"q": "x", "filters": {"doc_types": ["text/html"]}})
    body = assert_client_error(r)
    assert extra_forbidden(body) == [["body", "filters", "doc_types"]], body


@pytest.mark.integration
@pytest.mark.parametrize(
    ("path", "raw"),
    [
        ("/consolidation/run", b'{"dryrun": true}'),
        ("/consolidation/run", b'{"dry-run": true}'),
        ("/consolidation/run", b'{"DRY_RUN": true}'),
        ("/consolidation/run", b'{"treshold": 90}'),
        ("/consolidation/run", b'{"dry_run": false, "similarity": 0.5}'),
        ("/consolidation/run", b'{"threshold": NaN}'),
        ("/consolidation/run", b'{"threshold": Infinity}'),
        ("/consolidation/run", b'{"similarity_threshold": -Infinity}'),
        ("/consolidation/run", b"[]"),
        ("/consolidation/run", b'"dry_run"'),
        ("/consolidation/run", b"true"),
        ("/consolidation/run", b"{"),
        ("/consolidation/run", b'{"dry_run": "true"}'),
        ("/consolidation/dry-run", b'{"treshold": 90}'),
    ],
)
def test_consolidation_run_refuses_what_it_does_not_understand(client, strict_api, path, raw):
    before = run(checksums(strict_api.dsn))
    counts = run(_case_counts(strict_api.dsn))
    r = client.post(path, content=raw, headers=JSON)
    assert_client_error(r)
    assert r.status_code == 422, r.text
    assert run(_case_counts(strict_api.dsn)) == counts
    assert run(checksums(strict_api.dsn)) == before


@pytest.mark.integration
def test_misspelt_dry_run_would_have_written(client, strict_api):
    """The 422s above matter: on this database a real run has work, so a body read with its
    misspelt field dropped would have archived cases."""
    plan = client.post("/consolidation/dry-run").json()
    assert plan["removed_cases"] + plan["merged_cases"] + plan["archived_cases"] > 0
    r = client.post("/consolidation/run", json={"dryrun": True})
    assert r.status_code == 422
    assert extra_forbidden(r.json()) == [["body", "dryrun"]]
    live, archived = run(_case_counts(strict_api.dsn))
    assert archived == 0 and live > 0


# --------------------------------------------------------------------------- hostile bodies

MB_STRING = "x" * 1_000_000

HOSTILE: dict[str, tuple[bytes, dict[str, str]]] = {
    "nested_10000": (nested(10_000), JSON),
    "nested_10000_unclosed": (b"[" * 10_000, JSON),
    "nested_objects_10000": (b'{"a":' * 10_000 + b"1" + b"}" * 10_000, JSON),
    "nested_500_in_unknown_field": (b'{"x": ' + nested(500) + b"}", JSON),
    "nested_500_top_level": (nested(500), JSON),
    "string_1mb_unknown_field": (json.dumps({"x": MB_STRING}).encode(), JSON),
    "string_1mb_top_level": (json.dumps(MB_STRING).encode(), JSON),
    "key_1mb": (json.dumps({MB_STRING: 1}).encode(), JSON),
    "many_unknown_fields": (json.dumps({f"f{i}": i for i in range(20_000)}).encode(), JSON),
    "invalid_utf8_json": (b'{"x": "\xff\xfe\xc3\x28"}', JSON),
    "invalid_utf8_text_plain": (b"\xff\xfe\xc3\x28", {"content-type": "text/plain"}),
    "invalid_utf8_no_content_type": (b"\xff\xfe\xc3\x28", {}),
    "lone_surrogate_key": (b'{"\\ud800": 1}', JSON),
    "lone_surrogate_value": (b'{"x": "\\udfff"}', JSON),
    "nan_unknown_field": (b'{"x": NaN}', JSON),
    "nan_top_level": (b"NaN", JSON),
    "infinity_top_level": (b"-Infinity", JSON),
    "top_level_array": (b"[1, 2, 3]", JSON),
    "top_level_string": (b'"text"', JSON),
    "top_level_number": (b"42", JSON),
    "not_json": (b"hello, world", JSON),
    "truncated_json": (b'{"x": [1, 2', JSON),
    "trailing_garbage": (b"{} {}", JSON),
    "huge_integer": (b'{"x": 1' + b"0" * 5000 + b"}", JSON),
    "form_encoded": (b"text=hello", {"content-type": "application/x-www-form-urlencoded"}),
}


@pytest.mark.integration
@pytest.mark.parametrize("case", list(HOSTILE))
@pytest.mark.parametrize("path", POST_PATHS)
def test_hostile_body_is_a_4xx_json_error(client, strict_api, path, case):
    raw, headers = HOSTILE[case]
    counts = run(_case_counts(strict_api.dsn)) if path == "/consolidation/run" else None
    r = client.post(path, content=raw, headers=headers)
    assert_client_error(r)
    if counts is not None:
        assert run(_case_counts(strict_api.dsn)) == counts


@pytest.mark.integration
@pytest.mark.parametrize("path", sorted(set(POST_PATHS) - OPTIONAL_BODY))
def test_null_body_is_422_where_a_body_is_required(client, path):
    r = client.post(path, content=b"null", headers=JSON)
    assert_client_error(r)
    assert r.status_code == 422


@pytest.mark.integration
def test_deep_input_is_echoed_bounded(client):
    """JSON nested deep enough to parse reaches the 422 handler, whose echo is cut short."""
    r = client.post("/classify", content=b'{"text": ' + nested(500) + b"}", headers=JSON)
    body = assert_client_error(r)
    assert r.status_code == 422
    assert len(r.content) < 1000
    assert body["detail"][0]["loc"] == ["body", "text"]


@pytest.mark.integration
def test_long_string_is_echoed_bounded(client):
    r = client.post("/classify", json={"text": MB_STRING})
    body = assert_client_error(r)
    assert r.status_code == 422
    (error,) = body["detail"]
    assert error["type"] == "string_too_long"
    assert error["input"].startswith("xxx") and len(error["input"]) == ECHO_MAX_CHARS + 1


@pytest.mark.integration
def test_server_is_healthy_afterwards(client, strict_api):
    """Last in the module: after everything above, the server answers and logged no error."""
    assert client.get("/health").json() == {"status": "ok", "database": "connected"}
    r = client.post("/classify", json={"text": "vector search reranking"})
    assert r.status_code == 200, r.text
    log = strict_api.logfile.read_text(errors="replace")
    assert "Traceback" not in log and "unhandled error" not in log, log[-3000:]


# --------------------------------------------------------------------------- the handler


def test_validation_handler_never_recurses_on_the_input():
    """Inputs nested far beyond the recursion limit (which JSON parsing would refuse, but the
    handler must not rely on that), non-UTF-8 bytes, NaN and lone surrogates."""
    deep: list = []
    cursor = deep
    for _ in range(100_000):
        cursor.append([])
        cursor = cursor[0]
    errors = [
        {"type": "list_type", "loc": ("body", "x"), "msg": "deep", "input": deep},
        {"type": "bytes", "loc": ("body",), "msg": "bytes", "input": b"\xff" * 10_000_000},
        {"type": "nan", "loc": ("body", "\ud800"), "msg": "nan", "input": float("nan")},
        {
            "type": "ctx",
            "loc": ("body",),
            "msg": "ctx",
            "input": {},
            "ctx": {"error": ValueError("bad")},
        },
    ] + [{"type": "many", "loc": ("body", i), "msg": "m", "input": i} for i in range(10_000)]
    response = asyncio.run(validation_exception_handler(None, RequestValidationError(errors)))
    assert response.status_code == 422
    assert len(response.body) <= MAX_ERROR_BODY
    detail = json.loads(response.body)["detail"]
    assert len(detail) == MAX_ERRORS
    assert detail[2]["input"] == "nan" and detail[2]["loc"] == ["body", "\ufffd"]
    assert detail[3]["ctx"] == {"error": "bad"}


# --------------------------------------------------------------------------- the senders


def test_every_configured_body_is_accepted():
    """Every literal request body in perfci.toml validates against its endpoint's model: no
    sender in the repository sends a field the API now refuses."""
    models = {path: model for path, (_, model) in VALID.items()}
    config = load_config(ROOT / "perfci.toml")
    checked = 0
    for endpoint in config.endpoints:
        if endpoint.method == "GET" or endpoint.json is None:
            continue
        models[endpoint.path].model_validate_json(json.dumps(endpoint.json))
        checked += 1
    assert checked > 0


@pytest.mark.integration
def test_every_payload_source_is_accepted(client, strict_api):
    """The benchmark payload sources named in perfci.toml produce bodies the API accepts."""
    config = load_config(ROOT / "perfci.toml")
    module = importlib.import_module(config.service.plugin)

    async def bodies() -> dict[str, list]:
        conn = await asyncpg.connect(strict_api.dsn)
        try:
            out = {}
            for e in config.endpoints:
                if e.payloads:
                    out[e.path] = (await getattr(module, e.payloads)(conn))[:3]
            return out
        finally:
            await conn.close()

    sources = run(bodies())
    assert sources
    for path, items in sources.items():
        assert items, path
        for item in items:
            r = client.post(path, json=item)
            assert r.status_code == 200, (path, item, r.text[:300])
