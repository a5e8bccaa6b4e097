"""GitHub Actions glue, written by perfci itself so that the workflows stay thin.

When `GITHUB_ACTIONS=true`, `perfci pr` and `perfci weekly` end by publishing their run
directory the way GitHub shows it: the job summary appended to `$GITHUB_STEP_SUMMARY`,
annotations (GitHub shows at most 10 error and 10 warning annotations per step, so perfci
prints at most that many and folds the rest into the last one), and, for a pull request, the
comment artifact that perf-comment.yml posts: `pr-comment/comment.md` and `pr-comment/pr.json`
(the PR number and head SHA, read from the event payload at `$GITHUB_EVENT_PATH`).

The same module knows which commit a pull request's A/B compares against: on a
`pull_request` event the checkout is GitHub's merge commit (refs/pull/N/merge), whose first
parent is the base branch exactly as the merge was computed. `pull_request.base.sha` is not:
it is the base tip when the PR was opened or last pushed, so when main moved since, an A/B
against it would measure everything merged to main as if the PR had made it.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TextIO

COMMENT_DIR = "pr-comment"
COMMENT_SCHEMA = "perfci.pr-comment/1"
PR_EVENTS = ("pull_request", "pull_request_target")


def active() -> bool:
    """True when running as a GitHub Actions step."""
    return os.environ.get("GITHUB_ACTIONS") == "true"


def event_payload() -> dict:
    """The webhook payload of the triggering event ({} outside Actions or when unreadable)."""
    path = os.environ.get("GITHUB_EVENT_PATH")
    if not path:
        return {}
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def pull_request() -> dict | None:
    """The event's pull_request object on a pull-request event, else None."""
    if os.environ.get("GITHUB_EVENT_NAME") not in PR_EVENTS:
        return None
    pr = event_payload().get("pull_request")
    return pr if isinstance(pr, dict) else None


def pr_base_commit(repo: Path) -> str | None:
    """On a pull-request event checked out at GitHub's merge commit: its first parent, the
    exact base of the PR's diff. None elsewhere (or when HEAD is not a merge commit, e.g. a
    checkout of the PR head), so that the caller falls back to the merge-base."""
    from perf.ab import git
    from perf.errors import UsageError

    if not active() or pull_request() is None:
        return None
    try:
        parents = git("rev-list", "--parents", "-n", "1", "HEAD", cwd=repo).split()
    except UsageError:
        return None
    return parents[1] if len(parents) == 3 else None


def publish(run_dir: Path, stream: TextIO | None = None) -> list[str]:
    """Publish a rendered run directory to GitHub (no-op outside Actions). Returns what was
    done, one line each, for the log."""
    if not active():
        return []
    from perf.report.model import load_report
    from perf.report.render import emit_annotations

    done: list[str] = []
    emit_annotations(load_report(run_dir), stream or sys.stdout)
    summary = run_dir / "summary.md"
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target and summary.exists():
        with open(target, "a", encoding="utf-8") as fh:
            fh.write(summary.read_text(encoding="utf-8"))
        done.append("job summary written")
    pr = pull_request()
    comment = run_dir / "comment.md"
    if pr is not None and comment.exists():
        write_comment_artifact(run_dir, pr)
        done.append(f"PR comment for #{pr.get('number')} in {run_dir / COMMENT_DIR}")
    return done


def write_comment_artifact(run_dir: Path, pr: dict) -> Path:
    """pr-comment/{comment.md,pr.json}: what perf-comment.yml checks and posts."""
    number, head = pr.get("number"), (pr.get("head") or {}).get("sha")
    if not isinstance(number, int) or not isinstance(head, str):
        from perf.errors import UsageError

        raise UsageError(f"{os.environ.get('GITHUB_EVENT_PATH')}: no pull_request number/head")
    out = run_dir / COMMENT_DIR
    out.mkdir(parents=True, exist_ok=True)
    (out / "comment.md").write_text((run_dir / "comment.md").read_text(encoding="utf-8"))
    meta = {"schema": COMMENT_SCHEMA, "pr": number, "head_sha": head}
    (out / "pr.json").write_text(json.dumps(meta) + "\n")
    return out
