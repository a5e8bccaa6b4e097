"""Every bad input exits 2 naming its culprit, every fault exits 3, never with a traceback:
the real `perfci` as a subprocess, one test per cause (exit 1 only ever means a failed gate)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.conftest import PERFCI, ROOT, run, start_up, with_database

REPORT_RUN = ROOT / "tests" / "data" / "report-run"
PASSWORD = "s3cret-pw"


def perfci(
    args: list[str], env: dict[str, str], timeout: float = 120
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*PERFCI, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )


def one_line_error(r: subprocess.CompletedProcess, code: int) -> str:
    """The single stderr line of a command that must have ended with `code`."""
    assert r.returncode == code, (r.returncode, r.stderr)
    assert "Traceback" not in r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("perfci: "), lines[0]
    return lines[0]


def with_user(dsn: str, user: str, password: str) -> str:
    parts = urlsplit(dsn)
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{user}:{password}@{host}"))


# ---------------------------------------------------------------- 1. the error boundary


@pytest.mark.parametrize("kind", ["not-utf8", "directory"])
def test_unreadable_config_exits_2_naming_the_file(kind, perfci_env, tmp_path):
    config = tmp_path / "perfci.toml"
    if kind == "directory":
        config.mkdir()
    else:
        config.write_bytes(b'\xff\xfe[service]\nname = "x"\n')
    line = one_line_error(perfci(["bench", "--config", str(config)], perfci_env), 2)
    assert str(config) in line
    assert ("directory" if kind == "directory" else "UTF-8") in line


def test_dsn_with_an_invalid_port_exits_2_naming_it_masked(perfci_env):
    dsn = f"postgresql://someone:{PASSWORD}@localhost:99999/db"
    line = one_line_error(perfci(["bench", "--dsn", dsn, "--only", "health"], perfci_env), 2)
    assert "postgresql://someone:***@localhost:99999/db" in line and "port" in line
    assert PASSWORD not in line


def test_unreachable_server_exits_3_naming_it_masked(perfci_env):
    dsn = f"postgresql://someone:{PASSWORD}@127.0.0.1:1/db"  # nothing listens on port 1
    line = one_line_error(perfci(["bench", "--dsn", dsn, "--only", "health"], perfci_env), 3)
    assert "postgresql://someone:***@127.0.0.1:1/db" in line
    assert PASSWORD not in line


async def _role(admin_dsn: str, sql: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(admin_dsn)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@pytest.mark.integration
def test_role_without_createdb_exits_3_saying_it_needs_createdb(stack, perfci_env, tmp_path):
    admin = with_database(stack["dsn"], "postgres")
    role = "perfci_nocreatedb"
    run(_role(admin, f"DROP ROLE IF EXISTS {role}; CREATE ROLE {role} LOGIN NOCREATEDB"))
    try:
        dsn = with_user(admin, role, PASSWORD)  # the cluster trusts local users
        r = perfci(
            ["-q", "bench", "--dsn", dsn, "--only", "health", "--out", str(tmp_path / "run")],
            perfci_env,
        )
        line = one_line_error(r, 3)
        assert "CREATEDB" in line and role in line
        assert PASSWORD not in r.stderr + r.stdout
    finally:
        run(_role(admin, f"DROP ROLE IF EXISTS {role}"))


def test_unexpected_exception_exits_3_with_its_traceback_in_a_file(perfci_env):
    # the real main() around a command that fails in a way nobody foresaw
    code = (
        "import sys, perf.cli as cli\n"
        "def broken(args):\n"
        "    raise KeyError('surprise')\n"
        "cli.cmd_compare = broken\n"
        "sys.exit(cli.main(['compare', 'a.json', 'b.json']))\n"
    )
    r = subprocess.run(
        [sys.executable, "-c", code], env=perfci_env, cwd=ROOT, capture_output=True, text=True
    )
    line = one_line_error(r, 3)
    assert line.startswith("perfci: internal error: KeyError: 'surprise'")
    written = Path(line.rsplit("traceback in ", 1)[1].rstrip(")"))
    try:
        text = written.read_text()
        assert "Traceback" in text and "in broken" in text and "KeyError: 'surprise'" in text
    finally:
        written.unlink(missing_ok=True)


# ------------------------------------------------------------- 2. --out is a regular file


@pytest.mark.parametrize("command", [["bench", "--only", "health"], ["sql"]])
def test_out_that_is_a_file_exits_2_before_measuring(command, perfci_env, tmp_path):
    out = tmp_path / "results.txt"
    out.write_text("keep me\n")
    line = one_line_error(perfci([*command, "--out", str(out)], perfci_env, timeout=60), 2)
    assert f"--out {out}" in line and "not a directory" in line
    assert out.read_text() == "keep me\n"


# ------------------------------------------------------------------ 3. DSNs are masked


@pytest.mark.integration
def test_up_prints_the_dsn_masked_and_writes_the_real_one_to_the_ready_file(
    stack, perfci_env, tmp_path
):
    # the embedded cluster trusts local users, so any password connects
    dsn = with_user(with_database(stack["dsn"], "postgres"), "postgres", PASSWORD)
    up = start_up(["--profile", "small", "--dsn", dsn], perfci_env, tmp_path)
    try:
        info = up.wait_ready()
    finally:
        assert up.stop() == 130
    printed = up.output.read_text()
    assert "DSN:" in printed and "postgres:***@" in printed
    assert PASSWORD not in printed
    assert f"postgres:{PASSWORD}@" in info["dsn"]  # scripts read the real one


# ------------------------------------------------------- 4. report and compare inputs


def _edit(run_json: dict, where: str, value: object) -> None:
    """Set run_json at a dotted path such as 'comparisons.0.head.p95'."""
    *parents, last = where.split(".")
    node = run_json
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    if isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value


@pytest.mark.parametrize(
    ("where", "value", "field"),
    [
        ("comparisons.0.estimate", float("nan"), "comparisons[0].estimate"),
        ("comparisons.0.head.p95", float("inf"), "comparisons[0].head.p95"),
        ("comparisons.0.ci_low", "0.98", "comparisons[0].ci_low"),
        ("config", ["not", "an", "object"], "config"),
        ("benchmarks", {"a": 1}, "benchmarks"),
    ],
)
def test_report_on_a_bad_run_json_exits_2_naming_file_and_field(
    where, value, field, perfci_env, tmp_path
):
    run_dir = tmp_path / "run"
    shutil.copytree(REPORT_RUN, run_dir)
    data = json.loads((run_dir / "run.json").read_text())
    _edit(data, where, value)
    (run_dir / "run.json").write_text(json.dumps(data))  # NaN and Infinity as json writes them
    line = one_line_error(perfci(["report", str(run_dir)], perfci_env), 2)
    assert str(run_dir / "run.json") in line and repr(field) in line


BASELINE = {
    "schema": "perfci.baseline/1",
    "environment": {},
    "benchmarks": {"health": {"p50": 0.001, "p95": 0.002, "p99": 0.003, "mean": 0.0015}},
}


@pytest.mark.parametrize("bad", [float("nan"), 0, -0.002])
@pytest.mark.parametrize("which", ["baseline", "current"])
def test_compare_with_a_bad_percentile_exits_2_naming_the_file(which, bad, perfci_env, tmp_path):
    files = {}
    for name in ("baseline", "current"):
        doc = json.loads(json.dumps(BASELINE))
        if name == which:
            doc["benchmarks"]["health"]["p95"] = bad
        files[name] = tmp_path / f"{name}.json"
        files[name].write_text(json.dumps(doc))
    r = perfci(["compare", str(files["baseline"]), str(files["current"])], perfci_env)
    line = one_line_error(r, 2)
    assert str(files[which]) in line and "'health'" in line and "'p95'" in line


# ------------------------------------------- 4. config references resolved before starting

CLASSIFY = """
[[endpoints]]
name = "classify"
method = "POST"
path = "/classify"
payloads = "{payloads}"
expect = "{expect}"
"""


def reference_config(
    tmp_path: Path, payloads: str = "classify_texts", expect: str = "classified", extra: str = ""
) -> Path:
    from tests.conftest import dtrag_service_toml

    config = tmp_path / "perfci.toml"
    endpoint = CLASSIFY.format(payloads=payloads, expect=expect)
    config.write_text(dtrag_service_toml() + endpoint + extra)
    return config


def bad_reference(command: list[str], config: Path, env: dict[str, str], tmp_path: Path) -> str:
    """The one line of a command that must stop at the config, before any stack or run dir."""
    out = tmp_path / "run"
    r = perfci([*command, "--config", str(config), "--out", str(out)], env, timeout=60)
    line = one_line_error(r, 2)
    assert str(config) in line
    assert not out.exists()  # nothing started: no run directory
    return line


def test_a_misspelt_payload_source_exits_2_with_a_did_you_mean(perfci_env, tmp_path):
    config = reference_config(tmp_path, payloads="classify_text")
    line = bad_reference(["bench"], config, perfci_env, tmp_path)
    assert "endpoint 'classify'.payloads" in line and "'classify_text'" in line
    assert "did you mean 'classify_texts'?" in line


def test_a_misspelt_check_exits_2_with_a_did_you_mean(perfci_env, tmp_path):
    config = reference_config(tmp_path, expect="clasified")
    line = bad_reference(["bench"], config, perfci_env, tmp_path)
    assert "endpoint 'classify'.expect" in line and "'clasified'" in line
    assert "did you mean 'classified'?" in line


def test_a_misspelt_plugin_module_exits_2_with_a_did_you_mean(perfci_env, tmp_path):
    config = reference_config(tmp_path)
    text = config.read_text()
    assert 'plugin = "dtrag.perfci"' in text
    config.write_text(text.replace('plugin = "dtrag.perfci"', 'plugin = "dtrag.perfcii"', 1))
    line = bad_reference(["bench"], config, perfci_env, tmp_path)
    assert "[service].plugin: no module 'dtrag.perfcii'" in line
    assert "did you mean 'dtrag.perfci'?" in line


@pytest.mark.parametrize(
    ("bad", "suggestion"),
    [("dtrag.mian:create_app", "dtrag.main"), ("dtrag.main:create_ap", "create_app")],
)
def test_a_misspelt_app_is_a_usage_error_with_a_did_you_mean(bad, suggestion, tmp_path):
    from dataclasses import replace

    from perf.config import check_app, load_config
    from perf.errors import UsageError

    config = load_config(reference_config(tmp_path))
    imported = "dtrag.main" in sys.modules
    check_app(config)  # dtrag's own: found, and not imported
    assert ("dtrag.main" in sys.modules) == imported
    misspelt = replace(config, service=replace(config.service, app=bad))
    with pytest.raises(UsageError) as exc:
        check_app(misspelt)
    line = str(exc.value)
    assert line.startswith(f"{config.path}: [service].app") and "\n" not in line
    assert f"did you mean {suggestion!r}?" in line


@pytest.mark.parametrize("command", [["up"], ["load", "--scenario", "smoke"], ["sql"]])
def test_a_misspelt_app_stops_a_command_before_anything_starts(command, perfci_env, tmp_path):
    config = reference_config(tmp_path)
    text = config.read_text()
    assert 'app = "dtrag.main:create_app"' in text
    config.write_text(text.replace('"dtrag.main:create_app"', '"dtrag.main:create_ap"', 1))
    r = perfci([*command, "--config", str(config)], perfci_env, timeout=60)
    line = one_line_error(r, 2)
    assert "[service].app" in line and "did you mean 'create_app'?" in line
    assert "PostgreSQL" not in r.stdout + r.stderr


def test_the_bookshelf_app_is_found_without_building_it():
    from perf.config import check_app, load_config

    imported = "app.main" in sys.modules
    check_app(load_config(ROOT / "examples" / "bookshelf" / "perfci.toml"))
    assert ("app.main" in sys.modules) == imported  # its settings are read when imported


def test_a_gate_on_an_unknown_endpoint_exits_2_naming_the_scenario(perfci_env, tmp_path):
    load = (
        '\n[load]\n[[load.scenarios]]\nname = "quick"\nusers = 1\nduration = 5\n'
        'gates = ["error_rate < 1%", "p95[clasify] < 2"]\n'
    )
    config = reference_config(tmp_path, extra=load)
    line = bad_reference(["load", "--scenario", "quick"], config, perfci_env, tmp_path)
    assert "load.scenarios 'quick'.gates" in line and "'p95[clasify] < 2'" in line
    assert "no endpoint named 'clasify'" in line and "did you mean 'classify'?" in line


@pytest.mark.parametrize(
    "command",
    [["bench", "--save-baseline", "--baseline"], ["calibrate", "--output"]],
    ids=["bench-baseline", "calibrate-output"],
)
def test_an_output_file_that_is_a_directory_exits_2_before_measuring(command, perfci_env, tmp_path):
    target = tmp_path / "a-directory"
    target.mkdir()
    r = perfci([*command, str(target)], perfci_env, timeout=60)
    line = one_line_error(r, 2)
    assert f"{command[-1]} {target}: is a directory" in line
    assert "PostgreSQL" not in r.stdout + r.stderr


@pytest.mark.parametrize("command", ["bench --config", "compare {f}", "report {d}"])
def test_an_input_that_is_a_fifo_exits_2_instead_of_blocking(command, perfci_env, tmp_path):
    import os

    run_dir = tmp_path / "run"
    run_dir.mkdir()
    fifo = run_dir / "run.json"
    os.mkfifo(fifo)
    args = command.format(f=fifo, d=run_dir).split()
    if args[-1] == "--config":
        args.append(str(fifo))
    if args[0] == "compare":
        args.append(str(fifo))
    line = one_line_error(perfci(args, perfci_env, timeout=60), 2)
    assert f"{fifo}" in line and "not a regular file" in line


def test_load_against_a_target_that_does_not_answer_exits_3(stack, perfci_env, tmp_path):
    args = ["load", "--target", "http://127.0.0.1:1", "--dsn", stack["dsn"], "--scenario",
            "smoke", "--duration-scale", "0.1", "--out", str(tmp_path / "run")]  # fmt: skip
    r = perfci(args, perfci_env, timeout=120)
    assert r.returncode == 3, r.stderr
    assert "the API at --target http://127.0.0.1:1 does not answer /health" in r.stderr
    assert "Traceback" not in r.stderr
