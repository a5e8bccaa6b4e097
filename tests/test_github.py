"""perf.github: what perfci writes for GitHub Actions by itself (job summary, annotations, the
PR comment artifact) and which commit a pull request's A/B compares against."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from perf import github
from perf.report import render
from perf.report.render import capped

ROOT = Path(__file__).resolve().parents[1]
SLOW = ROOT / "reports/eval/2026-11-29/slow25-01"


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@localhost", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


@pytest.fixture
def actions_env(tmp_path, monkeypatch):
    """A pull_request event as the runner sets it up."""
    event = {"number": 7, "pull_request": {"number": 7, "head": {"sha": "c" * 40}}}
    (tmp_path / "event.json").write_text(json.dumps(event))
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_EVENT_NAME", "pull_request")
    monkeypatch.setenv("GITHUB_EVENT_PATH", str(tmp_path / "event.json"))
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary"))
    return tmp_path


def test_annotations_are_capped_per_level_and_say_what_was_folded():
    lines = [f"::error title=t{i}::m{i}" for i in range(13)] + ["::warning::w"] * 2
    out = capped(lines)
    errors = [x for x in out if x.startswith("::error")]
    # 9: the runner adds its own error annotation when the step fails, GitHub shows 10
    assert len(errors) == 9 and errors[:8] == lines[:8]
    assert "5 more error annotations" in errors[-1]
    assert [x for x in out if x.startswith("::warning")] == ["::warning::w"] * 2
    assert capped(lines[:9]) == lines[:9]


def test_publish_writes_summary_annotations_and_the_comment_artifact(actions_env, tmp_path):
    run_dir = tmp_path / "run"
    shutil.copytree(SLOW, run_dir)
    render(run_dir)
    stream = io.StringIO()
    done = github.publish(run_dir, stream)
    assert len(done) == 2, done
    summary = (actions_env / "summary").read_text()
    assert summary == (run_dir / "summary.md").read_text() and "regress" in summary
    meta = json.loads((run_dir / "pr-comment/pr.json").read_text())
    assert meta == {"schema": "perfci.pr-comment/1", "pr": 7, "head_sha": "c" * 40}
    comment = (run_dir / "pr-comment/comment.md").read_text()
    assert comment == (run_dir / "comment.md").read_text()
    assert "::error title=perfci%3A reflection_analyze regressed::" in stream.getvalue()
    # the artifact passes the trusted checker that perf-comment.yml runs
    zipped = shutil.make_archive(str(tmp_path / "perf-comment"), "zip", run_dir / "pr-comment")
    checked = subprocess.run(
        ["python3", str(ROOT / "ci/check-pr-artifact.py"), zipped, str(tmp_path / "checked")],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr


def test_publish_writes_no_comment_outside_a_pull_request(actions_env, tmp_path, monkeypatch):
    monkeypatch.setenv("GITHUB_EVENT_NAME", "schedule")
    run_dir = tmp_path / "run"
    shutil.copytree(SLOW, run_dir)
    render(run_dir)
    assert github.publish(run_dir, io.StringIO()) == ["job summary written"]
    assert not (run_dir / "pr-comment").exists()


def test_publish_does_nothing_outside_actions(tmp_path, monkeypatch):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    run_dir = tmp_path / "run"
    shutil.copytree(SLOW, run_dir)
    assert github.publish(run_dir) == []
    assert not (run_dir / "pr-comment").exists()


def test_the_pr_base_is_the_merge_commits_first_parent(actions_env, tmp_path):
    """main moved after the PR was opened: payload base.sha is the old tip, the merge ref's
    first parent the new one; perfci takes the merge's parent."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git("init", "-q", "-b", "main", cwd=repo)
    (repo / "a").write_text("1")
    git("add", "a", cwd=repo)
    git("commit", "-qm", "first", cwd=repo)
    old_base = git("rev-parse", "HEAD", cwd=repo)
    git("checkout", "-qb", "feature", cwd=repo)
    (repo / "b").write_text("pr")
    git("add", "b", cwd=repo)
    git("commit", "-qm", "pr", cwd=repo)
    git("checkout", "-q", "main", cwd=repo)
    (repo / "c").write_text("later on main")
    git("add", "c", cwd=repo)
    git("commit", "-qm", "main moved", cwd=repo)
    new_base = git("rev-parse", "HEAD", cwd=repo)
    assert github.pr_base_commit(repo) is None  # not a merge commit: the caller falls back
    git("merge", "-q", "--no-ff", "-m", "Merge feature into main", "feature", cwd=repo)
    assert github.pr_base_commit(repo) == new_base != old_base


def test_the_pr_base_is_not_taken_from_other_events(actions_env, tmp_path, monkeypatch):
    monkeypatch.setenv("GITHUB_EVENT_NAME", "push")
    assert github.pr_base_commit(ROOT) is None
