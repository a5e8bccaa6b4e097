"""`perfci ab` end to end against a scratch clone of this repository: base from a git worktree,
both arms' APIs, alternating calls, run.json. The scratch head adds a query per log row."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import PERFCI

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[1]
ANCHOR = "        logs = await repo.fetch_recent_logs(conn, case_id, limit)\n"


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout.strip()


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> tuple[Path, str, str]:
    """A clone whose HEAD adds an N+1 to reflection analyze; returns (clone, base, head)."""
    clone = tmp_path_factory.mktemp("scratch") / "repo"
    git("clone", "-q", str(ROOT), str(clone), cwd=ROOT)
    base = git("rev-parse", "HEAD", cwd=clone)
    target = clone / "dtrag/engines/reflection.py"
    text = target.read_text()
    assert ANCHOR in text
    target.write_text(
        text.replace(
            ANCHOR,
            ANCHOR + "        for _ in logs[:5]:\n            await conn.fetchval('SELECT 1')\n",
            1,
        )
    )
    config = (clone / "perfci.toml").read_text().replace('profile = "default"', 'profile = "small"')
    (clone / "perfci-small.toml").write_text(config)
    git("-c", "user.name=t", "-c", "user.email=t@localhost", "commit", "-qam", "N+1", cwd=clone)
    git("-c", "user.name=t", "-c", "user.email=t@localhost", "add", "perfci-small.toml", cwd=clone)
    git("-c", "user.name=t", "-c", "user.email=t@localhost", "commit", "-qm", "cfg", cwd=clone)
    return clone, base, git("rev-parse", "HEAD", cwd=clone)


def ab(clone: Path, env: dict, out: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            *PERFCI,
            "ab",
            "--config",
            "perfci-small.toml",
            "--out",
            str(out),
            "--only",
            "reflection_analyze",
            "taxonomy_tree",
            "--budget",
            "1",
            "--warmup",
            "0.2",
            *args,
        ],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_ab_flags_an_added_query_per_item(scratch, perfci_env, tmp_path):
    clone, base, head = scratch
    r = ab(clone, perfci_env, tmp_path / "run", "--base", base, "--head", head)
    assert r.returncode == 1, r.stdout[-3000:] + r.stderr[-3000:]
    run = json.loads((tmp_path / "run" / "run.json").read_text())
    assert run["kind"] == "ab" and run["config"]["base"]["sha"] == base
    assert run["config"]["head"]["sha"] == head
    assert run["config"]["data"].startswith("identical data")
    by = {c["name"]: c for c in run["comparisons"]}
    analyze = by["reflection_analyze"]
    assert analyze["verdict"] == "regression"
    stmts = analyze["statements_per_request"]
    assert stmts["head"] == stmts["base"] + 5
    assert "statements per request" in analyze["reason"]
    # which statement multiplied: the added one, 0 → 5 calls per request, and nothing else
    top = analyze["statement_deltas"][0]
    assert top["query"] == "SELECT 1" and top["calls"] == {"base": 0, "head": 5}
    assert len(analyze["statement_deltas"]) == 1, analyze["statement_deltas"]
    assert by["taxonomy_tree"]["statement_deltas"] == []
    # ... and the PR comment names it
    r2 = subprocess.run([*PERFCI, "report", str(tmp_path / "run")], cwd=clone, env=perfci_env,
                        capture_output=True, text=True, timeout=300)  # fmt: skip
    assert r2.returncode == 0, r2.stderr
    comment = (tmp_path / "run" / "comment.md").read_text()
    assert "reflection_analyze: statements per request" in comment
    assert "`SELECT 1` 0 → 5 calls per request" in comment
    assert (
        by["taxonomy_tree"]["statements_per_request"]["head"]
        == (by["taxonomy_tree"]["statements_per_request"]["base"])
    )
    for c in by.values():
        assert c["pairs"] >= 20 and c["ci_low"] <= c["estimate"] <= c["ci_high"]
    samples = json.loads((tmp_path / "run" / "ab-samples.json").read_text())
    assert len(samples["reflection_analyze"]["base"]) == analyze["pairs"]
    assert "REGRESSION: reflection_analyze" in r.stderr
    # the base worktree is gone afterwards
    assert git("worktree", "list", cwd=clone).count("\n") == 0


def test_ab_unknown_ref_exit_2(scratch, perfci_env, tmp_path):
    clone, _, _ = scratch
    r = ab(clone, perfci_env, tmp_path / "run", "--base", "no-such-ref")
    assert r.returncode == 2, r.stderr
    assert "no-such-ref" in r.stderr and "Traceback" not in r.stderr


def test_pr_compares_every_endpoint_against_the_merge_base(scratch, perfci_env, tmp_path):
    clone, base, head = scratch
    out = tmp_path / "pr"
    r = subprocess.run(
        [
            *PERFCI,
            "pr",
            "--quick",
            "--base",
            base,
            "--config",
            "perfci-small.toml",
            "--out",
            str(out),
            "--budget",
            "0.5",
            "--warmup",
            "0.2",
        ],
        cwd=clone,
        env=perfci_env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert r.returncode == 1, r.stdout[-3000:] + r.stderr[-3000:]
    assert f"merge-base of {base} and HEAD: {base[:12]}" in r.stderr
    run = json.loads((out / "run.json").read_text())
    assert run["config"]["base"]["sha"] == base and run["config"]["head"]["sha"] == head
    names = {c["name"] for c in run["comparisons"]}
    assert names == {
        "health",
        "classify",
        "search",
        "taxonomy_tree",
        "reflection_analyze",
        "reflection_batch",
        "consolidation_run",
        "consolidation_dry_run",
    }
    flagged = {c["name"] for c in run["comparisons"] if c["verdict"] == "regression"}
    assert "reflection_analyze" in flagged
    # the later stages wrote into the same run directory
    assert {"load", "sql", "profile"} <= set(run["stages"]), r.stderr[-3000:]
    assert run["kind"] == "pr" and run["stages"]["profile"]["samples"] > 0
    smoke = run["stages"]["load"]["scenarios"][0]
    assert smoke["name"] == "smoke" and smoke["requests"] > 0
    assert (out / smoke["locust_html"]).exists()
    assert run["stages"]["sql"]["catalog"]
    for name in ("report.html", "comment.md", "summary.md", "benchmark-action.json"):
        assert (out / name).stat().st_size > 0, name
    assert (out / "flamegraph.svg").exists()
    comment = (out / "comment.md").read_text()
    headline = comment.splitlines()[0]
    if flagged == {"reflection_analyze"}:
        assert "reflection_analyze" in headline or "/reflection/analyze" in headline, headline
    else:  # a short A/B on a busy machine can flag another endpoint (a CI run: classify +21 %)
        assert "more endpoint" in headline and "`reflection_analyze`" in comment, comment[:500]
    # the mutating endpoint was restored before every pair: both arms did the same work
    run_cmp = next(c for c in run["comparisons"] if c["name"] == "consolidation_run")
    stmts = run_cmp["statements_per_request"]
    assert stmts["base"] == stmts["head"] > 10  # per-case archive + delete statements


def test_ab_across_a_new_migration_keeps_both_arms_templates(scratch, perfci_env, tmp_path):
    """A head with a migration the base lacks: each arm's template is built by its own
    migrations, and building the head's must not drop the base's as stale."""
    clone, _, head = scratch
    git("checkout", "-q", "-b", "with-migration", head, cwd=clone)
    (clone / "dtrag/db/migrations/900_scratch_index.sql").write_text(
        "CREATE INDEX idx_scratch_taxonomy_label ON taxonomy_nodes (label);\n"
    )
    git("add", "dtrag/db/migrations/900_scratch_index.sql", cwd=clone)
    git("-c", "user.name=t", "-c", "user.email=t@localhost", "commit", "-qm", "mig", cwd=clone)
    migrated = git("rev-parse", "HEAD", cwd=clone)
    git("checkout", "-q", "--detach", head, cwd=clone)
    r = ab(clone, perfci_env, tmp_path / "run", "--base", head, "--head", migrated)
    assert r.returncode in (0, 1), r.stdout[-3000:] + r.stderr[-3000:]
    run = json.loads((tmp_path / "run" / "run.json").read_text())
    assert run["config"]["data"].startswith("the arms' data differ")
    assert {c["name"] for c in run["comparisons"]} == {"reflection_analyze", "taxonomy_tree"}


def test_a_change_that_loosens_its_own_gate_is_judged_by_the_base_gate(
    scratch, perfci_env, tmp_path
):
    """A head that slows reflection analyze down by 20 ms a request (about 3× its small-profile
    time) and, in the same commit, raises [gate] threshold to 900 % and the noise floors to
    900 %: judged by its own tree's gate it passes (checked, so this test can fail), judged by
    the base's (perfci pr, `--gate-from base`) it is a regression and the run names the
    changed settings."""
    clone, base, head = scratch
    commit = ("-c", "user.name=t", "-c", "user.email=t@localhost", "commit", "-qm")
    git("checkout", "-q", "-b", "loosen-gate", base, cwd=clone)
    small = (clone / "perfci.toml").read_text().replace('profile = "default"', 'profile = "small"')
    (clone / "perfci-small.toml").write_text(small)
    git("add", "perfci-small.toml", cwd=clone)
    git(*commit, "small config", cwd=clone)
    strict = git("rev-parse", "HEAD", cwd=clone)
    target = clone / "dtrag/engines/reflection.py"
    target.write_text(
        target.read_text().replace(
            ANCHOR, ANCHOR + "        import time\n\n        time.sleep(0.02)\n", 1
        )
    )
    assert 'threshold = "10%"' in small
    (clone / "perfci-small.toml").write_text(
        small.replace('threshold = "10%"', 'threshold = "900%"')
    )
    floors_path = clone / "reports/noise_floors.json"
    floors = json.loads(floors_path.read_text())
    floors["floors"] = {k: 9.0 for k in floors["floors"]}
    floors_path.write_text(json.dumps(floors))
    git("add", "-A", cwd=clone)
    git(*commit, "slower, and a looser gate", cwd=clone)
    loosened = git("rev-parse", "HEAD", cwd=clone)
    try:
        common = ("--base", strict, "--head", loosened, "--only", "reflection_analyze")
        own = ab(clone, perfci_env, tmp_path / "own", *common, "--gate-from", "head")
        assert own.returncode == 0, own.stdout[-3000:] + own.stderr[-3000:]
        judged = ab(clone, perfci_env, tmp_path / "base", *common, "--gate-from", "base")
        assert judged.returncode == 1, judged.stdout[-3000:] + judged.stderr[-3000:]
    finally:
        git("checkout", "-q", "--detach", head, cwd=clone)
    run = json.loads((tmp_path / "base" / "run.json").read_text())
    (analyze,) = run["comparisons"]
    assert analyze["verdict"] == "regression" and analyze["noise_floor"] < 0.5
    assert run["config"]["threshold"] == pytest.approx(0.10)
    changes = run["config"]["gate"]["changes"]
    assert run["config"]["gate"]["source"] == "base"
    assert any(
        c.startswith("gate.threshold: 10% in the base, 900% in this change") for c in changes
    )
    assert any(c.startswith("noise floor of reflection_analyze") for c in changes)
    subprocess.run([*PERFCI, "report", str(tmp_path / "base")], check=True, env=perfci_env)
    comment = (tmp_path / "base" / "comment.md").read_text()
    assert "edits the gate's settings" in comment and "900% in this change" in comment
