"""The GitHub workflows: every `perfci` command line in them parses with the real CLI parser,
and the rules of the design hold (pinned actions, least privilege, timeouts, concurrency). Also
the comment workflow's artifact checker (ci/check-pr-artifact.py) on a real rendered comment."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from perf.cli import build_parser
from perf.report import render

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
CHECKER = ROOT / "ci" / "check-pr-artifact.py"
DATA = Path(__file__).parent / "data" / "report-run"
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")
# what the shell variables of the workflows stand for when a command line is parsed here
PLACEHOLDERS = {
    "BASE_SHA": "0123456789abcdef0123456789abcdef01234567",
    "DATABASE_URL": "postgresql://postgres:postgres@localhost:5432/postgres",
    "DURATION_SCALE": "1",
    "SCENARIOS": "all",
}


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text())
    if True in data:  # YAML 1.1 reads the key `on` as a boolean
        data["on"] = data.pop(True)
    return data


def perfci_lines() -> list[tuple[str, str]]:
    """(workflow file, command line) for every line of a `run:` step that calls perfci."""
    out = []
    for path in WORKFLOWS:
        for job in load(path)["jobs"].values():
            for step in job.get("steps", []):
                for line in str(step.get("run", "")).splitlines():
                    line = line.strip()
                    if line.startswith("perfci ") or line == "perfci":
                        out.append((path.name, line))
    return out


def expand(line: str) -> list[str]:
    def sub(match: re.Match) -> str:
        name = match.group(1) or match.group(2)
        assert name in PLACEHOLDERS, f"no placeholder for ${name} in: {line}"
        return PLACEHOLDERS[name]

    return shlex.split(re.sub(r"\$\{(\w+)\}|\$(\w+)", sub, line))[1:]


def test_the_workflows_exist():
    assert {p.name for p in WORKFLOWS} >= {
        "perf-pr.yml",
        "perf-comment.yml",
        "perf-weekly.yml",
        "ci.yml",
    }
    commands = {expand(line)[0] for _, line in perfci_lines()}
    assert {"pr", "weekly"} <= commands


@pytest.mark.parametrize(("workflow", "line"), perfci_lines(), ids=lambda v: str(v)[:60])
def test_perfci_command_lines_parse_with_the_real_cli(workflow, line):
    parser = build_parser()
    argv = expand(line)
    commands = parser._subparsers._group_actions[0].choices  # the registered subcommands
    if argv[0] not in commands:
        assert argv[0] == "weekly", f"{workflow}: unknown perfci command in {line!r}"
        pytest.skip("`perfci weekly` is not registered yet (the lead adds it); argv: " + line)
    args = parser.parse_args(argv)  # argparse exits 2 on anything it does not accept
    assert args.command == argv[0]
    if argv[0] == "pr":
        # no --base: perfci takes the merge commit's first parent (tests/test_github.py)
        assert args.base is None and args.dsn and args.out


def test_every_action_pinned_by_sha_with_a_version_comment():
    for path in WORKFLOWS:
        text = path.read_text()
        for match in re.finditer(r"uses:\s*(\S+)(.*)", text):
            ref, rest = match.group(1), match.group(2)
            assert PINNED.match(ref), f"{path.name}: {ref} is not pinned by a full commit SHA"
            assert re.search(r"#\s*v\d+(\.\d+)*", rest), f"{path.name}: {ref} has no version"


def test_least_privilege_timeouts_and_concurrency():
    writers = []
    for path in WORKFLOWS:
        wf = load(path)
        assert wf.get("permissions") == {}, f"{path.name}: top-level permissions must be {{}}"
        assert "concurrency" in wf, f"{path.name}: no concurrency group"
        for name, job in wf["jobs"].items():
            assert isinstance(job.get("timeout-minutes"), int), f"{path.name}:{name} no timeout"
            perms = job.get("permissions")
            assert isinstance(perms, dict), f"{path.name}:{name}: permissions not explicit"
            if perms.get("pull-requests") == "write":
                writers.append(path.name)
            for step in job.get("steps", []):
                if "actions/checkout@" in str(step.get("uses", "")):
                    assert step.get("with", {}).get("persist-credentials") is False
    assert writers == ["perf-comment.yml"]
    pr = load(ROOT / ".github/workflows/perf-pr.yml")
    assert pr["concurrency"]["cancel-in-progress"] is True
    assert "pull_request.number" in pr["concurrency"]["group"]
    assert pr["jobs"]["perf"]["permissions"] == {"contents": "read"}
    service = pr["jobs"]["perf"]["services"]["postgres"]
    assert "shared_preload_libraries=pg_stat_statements" in service["command"]
    comment = load(ROOT / ".github/workflows/perf-comment.yml")
    assert list(comment["on"]) == ["workflow_run"]
    assert "${{" not in "".join(
        str(s.get("with", {}).get("script", "")) + str(s.get("run", ""))
        for s in comment["jobs"]["comment"]["steps"]
    ), "expressions in scripts invite injection: pass data through env or the event payload"
    weekly = load(ROOT / ".github/workflows/perf-weekly.yml")
    trend = weekly["jobs"]["trend"]
    assert "default_branch" in trend["if"] and "schedule" in trend["if"]
    assert trend["concurrency"]["group"] == "gh-pages-writers"


# ------------------------------------------------------------- the comment artifact checker


def artifact(tmp_path: Path, members: dict[str, str | bytes]) -> Path:
    path = tmp_path / "perf-comment.zip"
    with zipfile.ZipFile(path, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def check(zip_path: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(CHECKER), str(zip_path), str(out)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_checker_accepts_a_rendered_comment_and_rejects_bad_artifacts(tmp_path):
    run_dir = tmp_path / "run"
    shutil.copytree(DATA, run_dir)
    comment = render(run_dir)["comment.md"].read_text()
    meta = {"schema": "perfci.pr-comment/1", "pr": 42, "head_sha": "a" * 40}
    good = {"pr.json": json.dumps(meta), "comment.md": comment}

    result = check(artifact(tmp_path, good), tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "comment.md").read_text() == comment
    assert json.loads((tmp_path / "out" / "pr.json").read_text())["pr"] == 42

    bad_cases = {
        "extra member": dict(good, **{"run.sh": "echo hi"}),
        "forged schema": dict(good, **{"pr.json": json.dumps(dict(meta, schema="x/1"))}),
        "number not an int": dict(good, **{"pr.json": json.dumps(dict(meta, pr="42"))}),
        "extra field": dict(good, **{"pr.json": json.dumps(dict(meta, token="x"))}),
        "short sha": dict(good, **{"pr.json": json.dumps(dict(meta, head_sha="abc"))}),
        "no marker": dict(good, **{"comment.md": "no significant change\n"}),
        "too long": dict(good, **{"comment.md": comment + "x" * 70_000}),
        "not utf-8": dict(good, **{"comment.md": b"\xff\xfe" + comment.encode()}),
    }
    for why, members in bad_cases.items():
        case = tmp_path / why.replace(" ", "-")
        case.mkdir()
        result = check(artifact(case, members), case / "out")
        assert result.returncode == 2, f"{why}: accepted\n{result.stdout}"
        assert "rejected" in result.stderr
        assert not (case / "out" / "comment.md").exists(), why
