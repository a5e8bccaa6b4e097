"""Every `perfci` command, given a broken config, a broken input file and an impossible flag
value, exits 2 with one line on stderr that names the culprit, and no traceback (issue 19).

The cases fail before anything starts: PERFCI_PG_BINDIR points at a directory without
PostgreSQL, so a command that reached its stack would exit 3 naming it instead, and a command's
run directory (--out) must not exist afterwards. Commands that need a server are given an
external --dsn nothing listens on (3 if it were ever connected to). Compare and report take no
--config: their "config" is the reference document they read (the baseline, the run's
recorded config), see their cases."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import PERFCI, ROOT
from tests.test_reliability import one_line_error

REPORT_RUN = ROOT / "tests" / "data" / "report-run"
NOWHERE_DSN = "postgresql://nobody@127.0.0.1:1/none"  # nothing listens on port 1

# A case builds its files under tmp and returns (argv, strings the one line must contain,
# extra environment). "{config}" and "{out}" in the argv are the case's files.
Case = Callable[[Path], tuple[list[str], list[str], dict[str, str]]]
CASES: dict[str, Case] = {}


def case(command: str, kind: str) -> Callable[[Case], Case]:
    def register(fn: Case) -> Case:
        CASES[f"{command}-{kind}"] = fn
        return fn

    return register


def config_text() -> str:
    """This repository's perfci.toml, usable from any directory (the root made absolute)."""
    text = (ROOT / "perfci.toml").read_text()
    assert 'root = "."' in text
    return text.replace('root = "."', f"root = {str(ROOT)!r}", 1)


def write_config(tmp: Path, old: str = "", new: str = "", extra: str = "") -> Path:
    """perfci.toml with `old` replaced by `new` (once) and `extra` appended."""
    text = config_text()
    if old:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp / "perfci.toml"
    path.write_text(text + extra)
    return path


def not_toml(tmp: Path) -> Path:
    """A config with a TOML syntax error (a string never closed) on line 2."""
    path = tmp / "perfci.toml"
    path.write_text('[service]\nroot = ".\napp = "dtrag.main:create_app"\n')
    return path


def not_utf8(tmp: Path) -> Path:
    path = tmp / "perfci.toml"
    path.write_bytes(config_text().replace("# perfci", "# perfci \xe9", 1).encode("latin-1"))
    return path


# ------------------------------------------------------------------------------------- up


@case("up", "config")
def up_config(tmp: Path):
    """An unknown table: a misspelt [service] must not start a default service."""
    config = write_config(tmp, extra='\n[servce]\nhealth = "/health"\n')
    return ["up", "--config", str(config)], [str(config), "'servce'", "'service'"], {}


@case("up", "input")
def up_input(tmp: Path):
    """up reads no file but its config (--ready-file is written): the config is not TOML."""
    config = not_toml(tmp)
    return ["up", "--config", str(config)], [str(config), "TOML", "line 2"], {}


@case("up", "flag")
def up_flag(tmp: Path):
    return ["up", "--port", "99999"], ["--port", "99999"], {}


# ----------------------------------------------------------------------------------- seed


@case("seed", "config")
def seed_config(tmp: Path):
    """The issue's `min_roundz = 30`: it must not run with the default 20 rounds."""
    config = write_config(tmp, "min_rounds = 30", "min_roundz = 30")
    argv = ["seed", "--dsn", NOWHERE_DSN, "--config", str(config)]
    return argv, [str(config), "'min_roundz'", "did you mean 'min_rounds'?"], {}


@case("seed", "input")
def seed_input(tmp: Path):
    """seed reads no file but its config (the data come from the service's generator): the
    config is not UTF-8."""
    config = not_utf8(tmp)
    argv = ["seed", "--dsn", NOWHERE_DSN, "--config", str(config)]
    return argv, [str(config), "UTF-8"], {}


@case("seed", "flag")
def seed_flag(tmp: Path):
    argv = ["seed", "--dsn", NOWHERE_DSN, "--profile", "nosuch"]
    return argv, ["--profile", "'nosuch'"], {}


# ---------------------------------------------------------------------------------- bench


@case("bench", "config")
def bench_config(tmp: Path):
    """`sla = { p95 = 0 }` must not remove the gate."""
    config = write_config(tmp, "sla = { p95 = 2.0 }", "sla = { p95 = 0 }")
    argv = ["bench", "--config", str(config), "--out", "{out}"]
    return argv, [str(config), "endpoint 'classify'.sla.p95"], {}


@case("bench", "input")
def bench_input(tmp: Path):
    """bench reads no file but its config (--baseline is written): the config is a
    directory."""
    config = tmp / "perfci.toml"
    config.mkdir()
    argv = ["bench", "--config", str(config), "--out", "{out}"]
    return argv, [str(config), "directory"], {}


@case("bench", "flag")
def bench_flag(tmp: Path):
    argv = ["bench", "--only", "nosuchendpoint", "--out", "{out}"]
    return argv, ["nosuchendpoint"], {}


# -------------------------------------------------------------------------------- compare

BASELINE = {
    "schema": "perfci.baseline/1",
    "environment": {},
    "benchmarks": {"health": {"p50": 0.001, "p95": 0.002, "p99": 0.003, "mean": 0.0015}},
}


def compare_files(tmp: Path) -> tuple[Path, Path]:
    baseline, current = tmp / "baseline.json", tmp / "current.json"
    baseline.write_text(json.dumps(BASELINE))
    current.write_text(json.dumps(BASELINE))
    return baseline, current


@case("compare", "config")
def compare_config(tmp: Path):
    """compare takes no --config; its reference is the baseline file: one whose statistic
    has the wrong type."""
    baseline, current = compare_files(tmp)
    doc = json.loads(json.dumps(BASELINE))
    doc["benchmarks"]["health"]["p95"] = "2 ms"
    baseline.write_text(json.dumps(doc))
    return ["compare", str(baseline), str(current)], [str(baseline), "'health'", "'p95'"], {}


@case("compare", "input")
def compare_input(tmp: Path):
    """The current result is not JSON (a run cut short while writing it)."""
    baseline, current = compare_files(tmp)
    current.write_text(json.dumps(BASELINE)[:40])
    return ["compare", str(baseline), str(current)], [str(current), "JSON"], {}


@case("compare", "flag")
def compare_flag(tmp: Path):
    baseline, current = compare_files(tmp)
    argv = ["compare", str(baseline), str(current), "--threshold", "0%"]
    return argv, ["--threshold", "'0%'"], {}


# ------------------------------------------------------------------------------------- ab


@case("ab", "config")
def ab_config(tmp: Path):
    """A misspelt [gate] threshold must not leave the default 10 % in force."""
    config = write_config(tmp, 'threshold = "10%"', 'treshold = "5%"')
    argv = ["ab", "--base", "HEAD", "--config", str(config), "--out", "{out}"]
    return argv, [str(config), "'treshold'", "did you mean 'threshold'?"], {}


@case("ab", "input")
def ab_input(tmp: Path):
    """ab reads no file of the user's but its config (the noise floors come from an arm's
    tree): the config is not TOML."""
    config = not_toml(tmp)
    argv = ["ab", "--base", "HEAD", "--config", str(config), "--out", "{out}"]
    return argv, [str(config), "TOML"], {}


@case("ab", "flag")
def ab_flag(tmp: Path):
    argv = ["ab", "--base", "HEAD", "--budget", "0", "--out", "{out}"]
    return argv, ["--budget", "0"], {}


# ------------------------------------------------------------------------------------- pr


@case("pr", "config")
def pr_config(tmp: Path):
    """A gate of the smoke load on an endpoint that does not exist: found when the config is
    read, not after the A/B has measured for minutes."""
    config = write_config(tmp, '"p95[search] < 1",', '"p95[serch] < 1",')
    argv = ["pr", "--base", "HEAD", "--config", str(config), "--out", "{out}"]
    return argv, [str(config), "'p95[serch] < 1'", "did you mean 'search'?"], {}


@case("pr", "input")
def pr_input(tmp: Path):
    """pr reads no file of the user's but its config: the config is not UTF-8."""
    config = not_utf8(tmp)
    argv = ["pr", "--base", "HEAD", "--config", str(config), "--out", "{out}"]
    return argv, [str(config), "UTF-8"], {}


@case("pr", "flag")
def pr_flag(tmp: Path):
    argv = ["pr", "--base", "HEAD", "--time-limit", "inf", "--out", "{out}"]
    return argv, ["--time-limit", "inf"], {}


# --------------------------------------------------------------------------------- weekly


@case("weekly", "config")
def weekly_config(tmp: Path):
    """A misspelt key of [profile], the weekly job's last stage: found before the load
    matrix runs for hours."""
    config = write_config(tmp, "[profile]\n", "[profile]\nduraton = 20\n")
    argv = ["weekly", "--config", str(config), "--out", "{out}"]
    return argv, [str(config), "'duraton'", "did you mean 'duration'?"], {}


@case("weekly", "input")
def weekly_input(tmp: Path):
    """weekly reads no file of the user's but its config: the config is not TOML."""
    config = not_toml(tmp)
    argv = ["weekly", "--config", str(config), "--out", "{out}"]
    return argv, [str(config), "TOML"], {}


@case("weekly", "flag")
def weekly_flag(tmp: Path):
    argv = ["weekly", "--scenario", "nosuch", "--out", "{out}"]
    return argv, ["'nosuch'"], {}


# ------------------------------------------------------------------------------ calibrate


@case("calibrate", "config")
def calibrate_config(tmp: Path):
    """An unknown field of an endpoint."""
    config = write_config(tmp, 'path = "/classify"', 'path = "/classify"\nmethd = "GET"')
    argv = ["calibrate", "--config", str(config), "--output", str(tmp / "floors.json")]
    return argv, [str(config), "'methd'", "did you mean 'method'?"], {}


@case("calibrate", "input")
def calibrate_input(tmp: Path):
    """calibrate reads no file but its config (--output is written): the config is not
    TOML."""
    config = not_toml(tmp)
    argv = ["calibrate", "--config", str(config), "--output", str(tmp / "floors.json")]
    return argv, [str(config), "TOML"], {}


@case("calibrate", "flag")
def calibrate_flag(tmp: Path):
    return ["calibrate", "--runs", "0"], ["--runs", "0"], {}


# -------------------------------------------------------------------------------- profile


@case("profile", "config")
def profile_config(tmp: Path):
    config = write_config(tmp, "[profile]\n", "[profile]\nusrs = 8\n")
    argv = ["profile", "--config", str(config), "--out", "{out}"]
    return argv, [str(config), "'usrs'", "did you mean 'users'?"], {}


@case("profile", "input")
def profile_input(tmp: Path):
    """profile reads no file of the user's but its config: the config is not UTF-8."""
    config = not_utf8(tmp)
    argv = ["profile", "--config", str(config), "--out", "{out}"]
    return argv, [str(config), "UTF-8"], {}


@case("profile", "flag")
def profile_flag(tmp: Path):
    return ["profile", "--duration", "-1", "--out", "{out}"], ["--duration", "-1"], {}


# ------------------------------------------------------------------------------------ sql


@case("sql", "config")
def sql_config(tmp: Path):
    config = write_config(tmp, "[sql]\n", "[sql]\ncatalogue = 'x'\n")
    argv = ["sql", "--config", str(config), "--out", "{out}"]
    return argv, [str(config), "'catalogue'", "did you mean 'catalog'?"], {}


@case("sql", "input")
def sql_input(tmp: Path):
    """A query file of the [sql] catalog that is not UTF-8 text."""
    catalog = tmp / "queries"
    shutil.copytree(ROOT / "dtrag" / "perfci" / "queries", catalog)
    bad = catalog / "zz_latin1.sql"
    bad.write_bytes("-- café\nSELECT 1;\n".encode("latin-1"))
    config = write_config(tmp, 'catalog = "dtrag/perfci/queries"', f"catalog = {str(catalog)!r}")
    argv = ["sql", "--config", str(config), "--out", "{out}"]
    return argv, [str(bad), "UTF-8"], {}


@case("sql", "flag")
def sql_flag(tmp: Path):
    return ["sql", "--only", "nosuchquery", "--out", "{out}"], ["'nosuchquery'"], {}


# --------------------------------------------------------------------------------- report


def report_run(tmp: Path) -> Path:
    run_dir = tmp / "run-to-report"
    shutil.copytree(REPORT_RUN, run_dir)
    return run_dir


@case("report", "config")
def report_config(tmp: Path):
    """report takes no --config; it reads the config recorded in run.json: one whose gate
    threshold is below 0 (every change would read as a regression)."""
    run_dir = report_run(tmp)
    data = json.loads((run_dir / "run.json").read_text())
    data["config"]["threshold"] = -0.1
    (run_dir / "run.json").write_text(json.dumps(data))
    return ["report", str(run_dir)], [str(run_dir / "run.json"), "'config.threshold'"], {}


@case("report", "input")
def report_input(tmp: Path):
    """run.json is not JSON."""
    run_dir = report_run(tmp)
    (run_dir / "run.json").write_text('{"schema": "perfci.run/1", ')
    return ["report", str(run_dir)], [str(run_dir / "run.json"), "JSON"], {}


@case("report", "flag")
def report_flag(tmp: Path):
    """The run directory given is a file."""
    run_json = report_run(tmp) / "run.json"
    return ["report", str(run_json)], [str(run_json), "not a directory"], {}


# ----------------------------------------------------------------------------------- load


@case("load", "config")
def load_config_case(tmp: Path):
    config = write_config(tmp, "stop_timeout = 30", "stop_timout = 30")
    argv = ["load", "--scenario", "smoke", "--config", str(config), "--out", "{out}"]
    return argv, [str(config), "'stop_timout'", "did you mean 'stop_timeout'?"], {}


@case("load", "input")
def load_input(tmp: Path):
    """load reads no file of the user's but its config (the users and their data are the
    service's modules): the config is not TOML."""
    config = not_toml(tmp)
    argv = ["load", "--scenario", "smoke", "--config", str(config), "--out", "{out}"]
    return argv, [str(config), "TOML"], {}


@case("load", "flag")
def load_flag(tmp: Path):
    argv = ["load", "--scenario", "smoke", "--duration-scale", "nan", "--out", "{out}"]
    return argv, ["--duration-scale", "nan"], {}


@case("trend", "config")
def trend_config(tmp: Path):
    """trend takes no --config: its document is the stored history, here one whose suite is
    not a list of runs."""
    history = tmp / "data.json"
    history.write_text('{"entries": {"perfci weekly": 5}}')
    argv = ["trend", "--history", str(history), "--out", "{out}"]
    return argv, [str(history), "'perfci weekly'", "not a list of runs"], {}


@case("trend", "input")
def trend_input(tmp: Path):
    history = tmp / "data.js"
    history.write_text("window.BENCHMARK_DATA = {oops")
    argv = ["trend", "--history", str(history), "--out", "{out}"]
    return argv, [str(history), "data.js"], {}


@case("trend", "flag")
def trend_flag(tmp: Path):
    history = Path(__file__).parent / "data" / "trend" / "flat.js"
    argv = ["trend", "--history", str(history), "--bench-name", "nosuch", "--out", "{out}"]
    return argv, ["--bench-name", "'nosuch'", "'perfci weekly'"], {}


def _commands() -> list[str]:
    """Every command of the real parser: a new command needs its three cases here."""
    import argparse

    from perf.cli import build_parser

    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return sorted(sub.choices)


def test_every_command_has_its_three_cases():
    assert sorted(CASES) == sorted(
        f"{c}-{k}" for c in _commands() for k in ("config", "input", "flag")
    )


@dataclass
class Outcome:
    result: subprocess.CompletedProcess
    culprits: list[str]
    out: Path


def run_case(name: str, tmp: Path, env: dict[str, str]) -> Outcome:
    argv, culprits, extra_env = CASES[name](tmp)
    out = tmp / "out"
    argv = [a.replace("{out}", str(out)) for a in argv]
    no_postgres = tmp / "no-postgres-here"  # reaching the stack would exit 3 naming it
    env = {**env, "PERFCI_PG_BINDIR": str(no_postgres), **extra_env}
    r = subprocess.run(
        [*PERFCI, *argv], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    return Outcome(r, culprits, out)


@pytest.fixture(scope="module")
def outcomes(request, perfci_env, tmp_path_factory) -> dict[str, Outcome]:
    """The selected cases, run a few at a time: each is one `perfci` process that spends most
    of its second or two importing, so they overlap well."""
    wanted = [
        item.callspec.params["name"]
        for item in request.session.items
        if item.originalname == "test_bad_input_exits_2_naming_the_culprit"
    ]
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = {
            name: pool.submit(run_case, name, tmp_path_factory.mktemp(name), perfci_env)
            for name in wanted
        }
        return {name: f.result() for name, f in futures.items()}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_exits_2_naming_the_culprit(name, outcomes):
    outcome = outcomes[name]
    line = one_line_error(outcome.result, 2)
    for culprit in outcome.culprits:
        assert culprit in line, (culprit, line)
    assert not outcome.out.exists()  # nothing measured, no run directory
