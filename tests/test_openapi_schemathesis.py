"""schemathesis against the live app's OpenAPI document: no 5xx, no response breaking its schema."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import KEYS

pytestmark = pytest.mark.integration

MAX_EXAMPLES = 15  # per operation: bounded so the suite stays fast


def test_schemathesis_finds_no_server_error_or_schema_violation(fresh_api, tmp_path: Path):
    exe = shutil.which("schemathesis") or str(Path(sys.executable).parent / "schemathesis")
    cmd = [
        exe,
        "run",
        f"{fresh_api.base_url}/openapi.json",
        "--header",
        f"X-API-Key: {KEYS['other']}",
        "--checks",
        "not_a_server_error,status_code_conformance,content_type_conformance,"
        "response_headers_conformance,response_schema_conformance",
        "--phases",
        "examples,coverage,fuzzing",
        "--max-examples",
        str(MAX_EXAMPLES),
        "--seed",
        "20261128",
        "--workers",
        "1",
        "--generation-database",
        "none",
        "--request-timeout",
        "60",
        "--no-color",
    ]
    result = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path, timeout=900)
    report = result.stdout[-6000:] + result.stderr[-2000:]
    assert result.returncode == 0, report
    assert "passed" in result.stdout.lower(), report
