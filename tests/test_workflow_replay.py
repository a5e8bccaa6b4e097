"""The workflows replayed step by step as GitHub's runner runs them (tests/replay/), for every
event that triggers them, asserting what a user sees: job results, the job summary, the PR
comment, artifacts, trend data, concurrency.

zizmor, check-jsonschema and tests/test_workflows.py passed workflows that failed on GitHub:
a step read a variable nothing set, the trend job's condition was false on every scheduled
run, an action was pinned to a SHA that does not exist, and the A/B base was the payload's
`base.sha` instead of the merge commit's first parent. `test_a_reintroduced_bug_fails_a_replay`
puts each of them back into a copy of the workflows and checks that a replay fails.

perfci's measuring stages are replaced by recorded run directories (PERFCI_RECORDED_RUN):
reports/eval/2026-11-29/aa-01 (an A/A run: passes) and slow25-01 (a 25 % slowdown: the gate
fails) for `perfci pr`; tests/data/replay/runs/ for `perfci weekly` (see its README).
Needs node (expressions are evaluated by GitHub's @actions/expressions, github-script steps
run in Node): `bash ci/install-replay.sh` installs the package.
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.replay import actions
from tests.replay.fakegithub import FakeGitHub, PullRequest, git, load_event
from tests.replay.runner import Runner, RunnerImage, WorkflowRun, load_workflow, triggered

# expressions are evaluated, and github-script steps run, in Node
needs_node = pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"
DATA = Path(__file__).parent / "data" / "replay"
PASSING = ROOT / "reports" / "eval" / "2026-11-29" / "aa-01"
FAILING = ROOT / "reports" / "eval" / "2026-11-29" / "slow25-01"
WEEKLY = DATA / "runs" / "weekly-smoke"
WEEKLY_NO_POINTS = DATA / "runs" / "weekly-no-points"
MARKER = "<!-- perfci-comment -->"
TREND = ("perf/weekly", "perfci weekly")  # benchmark-data-dir-path, name


@pytest.fixture(scope="session")
def image(tmp_path_factory) -> RunnerImage:
    return RunnerImage(tmp_path_factory.mktemp("runner-image"))


class Project:
    """The project's repository on a fake GitHub, with the workflows of `workflows`
    committed to main, and a runner to replay them."""

    def __init__(self, root: Path, image: RunnerImage, workflows: Path | None = None):
        self.root = root
        self.gh = FakeGitHub(root, workflows or WORKFLOWS)
        self.runner = Runner(self.gh, image)

    def recorded(self, source: Path) -> dict[str, str]:
        """The runner machine's environment that feeds perfci a copy of a recorded run."""
        copy = self.root / "recorded" / source.name
        if not copy.exists():
            shutil.copytree(source, copy)
        return {"PERFCI_RECORDED_RUN": str(copy)}

    def perf_pr(self, pr: PullRequest, recorded: Path, action="synchronize") -> WorkflowRun:
        event = self.gh.pull_request_event(pr, action)
        return self.runner.run(
            "perf-pr.yml", "pull_request", event, machine_env=self.recorded(recorded)
        )

    def perf_comment(self, run: WorkflowRun, pr: PullRequest) -> WorkflowRun:
        event = self.gh.workflow_run_event(pr, run.run_id, run.conclusion)
        return self.runner.run("perf-comment.yml", "workflow_run", event)

    def weekly(self, event_name: str, recorded: Path, inputs: dict | None = None) -> WorkflowRun:
        if event_name == "schedule":
            event = self.gh.schedule_event()
        else:
            event = self.gh.workflow_dispatch_event(inputs or {})
        return self.runner.run(
            "perf-weekly.yml", event_name, event, machine_env=self.recorded(recorded)
        )

    def artifact(self, run: WorkflowRun, name: str) -> zipfile.ZipFile:
        found = [a for a in self.gh.artifacts(run.run_id) if a["name"] == name]
        assert found, f"no artifact {name!r} in run {run.run_id}:\n{run.explain()}"
        return zipfile.ZipFile(found[0]["zip"])


@dataclass
class PullRequestStory:
    """A pull request opened while main moves on, replayed push by push: perf-pr on the
    merge commit, then perf-comment on that run."""

    project: Project
    pr: PullRequest
    payload_base: list[str] = field(default_factory=list)  # pull_request.base.sha per push
    merge_parent: list[str] = field(default_factory=list)  # HEAD^1 of the merge commit
    perf_pr: list[WorkflowRun] = field(default_factory=list)
    perf_comment: list[WorkflowRun] = field(default_factory=list)


HUMAN = {"login": "maintainer", "id": 41000003, "type": "User"}


def pull_request_story(project: Project, recorded: Path, pushes: int = 1, fork=False):
    gh = project.gh
    pr = gh.open_pull_request({"dtrag/CHANGES.md": "a change\n"}, fork=fork)
    # a person quoting the marker: not the sticky comment, never edited by the workflow
    gh.add_comment(pr.number, f"why does the bot post {MARKER}?", HUMAN)
    story = PullRequestStory(project, pr)
    for push in range(pushes):
        if push:
            gh.push_to_pull_request(pr, {"dtrag/CHANGES.md": f"a change, push {push + 1}\n"})
        # main moves on after the event's base.sha was taken: the merge ref is rebuilt on it
        gh.push_main({"README.md": f"# perfci\n\nmain moved {push + 1}\n"}, "main moves on")
        story.payload_base.append(pr.base_sha)
        run = project.perf_pr(pr, recorded, "opened" if push == 0 else "synchronize")
        story.merge_parent.append(git("rev-parse", f"{pr.merge_sha}^1", cwd=gh.remote))
        story.perf_pr.append(run)
        story.perf_comment.append(project.perf_comment(run, pr))
    return story


# ------------------------------------------------------------------ what the user sees


def verdict_line(project: Project, run: WorkflowRun, artifact: str = "perf-run") -> str:
    with project.artifact(run, artifact) as z:
        return z.read("comment.md").decode().splitlines()[0]


def assert_summary_and_annotations(project: Project, run: WorkflowRun, artifact="perf-run"):
    """The first job's summary holds the verdict line, and no step shows more annotations
    of a level than GitHub displays (10)."""
    job = next(iter(run.jobs.values()))
    assert job.summary.strip(), f"empty job summary\n{run.explain()}"
    assert verdict_line(project, run, artifact) in job.summary
    for step in job.steps:
        for level in ("error", "warning"):
            shown = [a for a in step.annotations if a.level == level]
            assert len(shown) <= 10, f"{step.name}: {len(shown)} {level} annotations"


def assert_base_is_the_merge_parent(story: PullRequestStory) -> None:
    for i, run in enumerate(story.perf_pr):
        with story.project.artifact(run, "perf-run") as z:
            pipeline = json.loads(z.read("run.json"))["config"]["pipeline"]
        assert story.payload_base[i] != story.merge_parent[i]  # main moved: they differ
        assert pipeline["base_sha"] == story.merge_parent[i], (
            f"perfci measured against {pipeline['base_sha']}, not HEAD^1 of the merge commit "
            f"{story.merge_parent[i]} (payload base.sha: {story.payload_base[i]})"
        )
        perfci = [c for c in run.commands if c["kind"] == "perfci"]
        assert [c["argv"][0] for c in perfci] == ["pr"], perfci


def assert_one_sticky_comment(story: PullRequestStory) -> list[dict]:
    gh, pr = story.project.gh, story.pr
    for run in story.perf_comment:
        assert run.conclusion == "success", run.explain()
    comments = [c for c in gh.comments(pr.number) if c["user"] != HUMAN]
    assert len(comments) == 1, f"{len(comments)} comments: {[c['body'][:80] for c in comments]}"
    (comment,) = comments
    assert comment["user"]["type"] == "Bot" and MARKER in comment["body"]
    (human,) = [c for c in gh.comments(pr.number) if c["user"] == HUMAN]
    assert "updated" not in human
    last = story.perf_pr[-1]
    assert comment["body"].startswith(verdict_line(story.project, last))
    assert f"/actions/runs/{last.run_id})" in comment["body"]  # the latest run's link
    assert comment.get("updated", 0) == len(story.perf_pr) - 1
    return comments


def check_passing_pr(story: PullRequestStory) -> None:
    """A PR whose gate passes: green perf-pr, summary with the verdict, the exact base, one
    sticky comment (updated by later pushes)."""
    for run in story.perf_pr:
        assert run.conclusion == "success", run.explain()
        assert_summary_and_annotations(story.project, run)
    assert_base_is_the_merge_parent(story)
    assert_one_sticky_comment(story)


def weekly_commands(run: WorkflowRun) -> list[list[str]]:
    return [c["argv"] for c in run.commands if c["kind"] == "perfci" and c["argv"][0] == "weekly"]


def check_schedule_pushes_trend(project: Project) -> WorkflowRun:
    run = project.weekly("schedule", WEEKLY)
    assert run.jobs["weekly"].result == "success", run.explain()
    assert_summary_and_annotations(project, run, "perf-weekly")
    assert run.jobs["trend"].result == "success", run.explain()
    (entry,) = project.gh.trend(*TREND)
    with project.artifact(run, "perf-weekly") as z:
        assert entry["benches"] == json.loads(z.read("benchmark-action.json"))
    assert entry["commit"]["id"] == project.gh.sha("main")
    return run


# ---------------------------------------------------------------------- perf-pr + comment


@pytest.fixture(scope="module")
def passing_story(tmp_path_factory, image) -> PullRequestStory:
    project = Project(tmp_path_factory.mktemp("passing-pr"), image)
    return pull_request_story(project, PASSING, pushes=2)


@needs_node
def test_a_passing_pr_is_green_with_its_verdict_in_the_job_summary(passing_story):
    for run in passing_story.perf_pr:
        assert run.conclusion == "success", run.explain()
        assert_summary_and_annotations(passing_story.project, run)
        assert run.jobs["perf"].step("perfci pr").outcome == "success"


@needs_node
def test_perfci_measures_against_the_merge_commits_first_parent(passing_story):
    assert_base_is_the_merge_parent(passing_story)


@needs_node
def test_one_sticky_comment_updated_by_the_next_push(passing_story):
    first, second = passing_story.perf_pr
    assert first.sha != second.sha and passing_story.pr.head_sha == second.payload["after"]
    assert_one_sticky_comment(passing_story)


@needs_node
def test_a_failing_gate_fails_the_job_and_still_comments(tmp_path, image):
    project = Project(tmp_path, image)
    story = pull_request_story(project, FAILING)
    (run,) = story.perf_pr
    job = run.jobs["perf"]
    assert job.result == "failure", run.explain()
    assert "exit code 1." in job.step("perfci pr").log  # the verdict's exit code
    assert [s.conclusion for s in job.steps[-2:]] == ["success", "success"]  # both uploads
    assert_summary_and_annotations(project, run)
    assert any(a.level == "error" and a.step.startswith("perfci pr") for a in job.annotations)
    (comment,) = assert_one_sticky_comment(story)
    assert not comment["body"].startswith("no significant change")


@pytest.fixture(scope="module")
def fork_story(tmp_path_factory, image) -> PullRequestStory:
    project = Project(tmp_path_factory.mktemp("fork-pr"), image)
    return pull_request_story(project, PASSING, fork=True)


@needs_node
def test_a_fork_pr_gets_a_read_only_token_and_still_a_comment(fork_story):
    (run,) = fork_story.perf_pr
    job = run.jobs["perf"]
    assert "write" not in json.dumps(job.permissions_requested), job.permissions_requested
    assert set(job.permissions.values()) == {"read"}, job.permissions
    check_passing_pr(fork_story)
    (workflow_run,) = [r.payload["workflow_run"] for r in fork_story.perf_comment]
    assert workflow_run["pull_requests"] == []  # GitHub lists none for a fork's run


@needs_node
def test_a_forged_pr_number_posts_nothing(fork_story):
    """The fork's code (perfci runs it) writes another PR's number into the artifact."""
    project, pr = fork_story.project, fork_story.pr
    gh = project.gh
    victim = gh.open_pull_request({"dtrag/OTHER.md": "another change\n"})
    with project.artifact(fork_story.perf_pr[0], "perf-comment") as z:
        members = {n: z.read(n) for n in z.namelist()}
    meta = json.loads(members["pr.json"])
    assert meta == {"schema": "perfci.pr-comment/1", "pr": pr.number, "head_sha": pr.head_sha}
    members["pr.json"] = json.dumps(dict(meta, pr=victim.number)).encode()
    forged = gh.new_run("perf-pr", "pull_request", pr.head_sha)
    gh.add_artifact(forged, "perf-comment", members)
    before = json.dumps(gh.comments(pr.number))
    event = gh.workflow_run_event(pr, forged, "success")
    comment = project.runner.run("perf-comment.yml", "workflow_run", event)
    assert gh.comments(victim.number) == [] and json.dumps(gh.comments(pr.number)) == before
    notices = [a.message for a in comment.jobs["comment"].annotations if a.level == "notice"]
    assert any("not commenting" in n for n in notices), comment.explain()


@needs_node
@pytest.mark.parametrize("conclusion", ["success", "failure"])
def test_perf_comment_on_a_run_without_artifact(tmp_path, image, conclusion):
    """A successful perf-pr run always leaves the comment artifact: when it did not, the
    comment workflow fails loudly; after a failed run it only warns."""
    project = Project(tmp_path, image)
    pr = project.gh.open_pull_request({"dtrag/CHANGES.md": "a change\n"})
    run_id = project.gh.new_run("perf-pr", "pull_request", pr.head_sha)  # no artifacts
    event = project.gh.workflow_run_event(pr, run_id, conclusion)
    comment = project.runner.run("perf-comment.yml", "workflow_run", event)
    job = comment.jobs["comment"]
    assert project.gh.comments(pr.number) == []
    levels = {a.level for a in job.annotations}
    if conclusion == "success":
        assert job.result == "failure" and "error" in levels, comment.explain()
    else:
        assert job.result == "success" and "warning" in levels, comment.explain()


# ----------------------------------------------------------------------------- weekly


@needs_node
def test_a_scheduled_run_pushes_the_trend(tmp_path, image):
    run = check_schedule_pushes_trend(Project(tmp_path, image))
    (perfci,) = weekly_commands(run)
    assert perfci[:5] == ["weekly", "--duration-scale", "1", "--scenario", "all"]  # defaults


@needs_node
def test_the_trend_job_runs_perfci_trend_over_the_stored_history(tmp_path, image):
    """The job checks out gh-pages after the action pushed this week's point and runs
    `perfci trend` on it: one point is too short to decide anything (pass); a stored history
    whose newest week is a slower step in `search` fails the job with an annotation."""
    project = Project(tmp_path, image)
    run = check_schedule_pushes_trend(project)
    trend = [c["argv"] for c in run.commands if c["kind"] == "perfci" and c["argv"][0] == "trend"]
    assert trend == [["trend", "--history", "gh-pages/perf/weekly/data.js", "--bench-name",
                      "perfci weekly", "--out", "trend-out"]]  # fmt: skip
    assert "perfci trend: PASS" in run.jobs["trend"].log

    stored = json.loads(
        (ROOT / "tests/data/trend/step.js").read_text().removeprefix("window.BENCHMARK_DATA = ")
    )
    project.gh.write_benchmark_data(TREND[0], stored, "a stored history with a step")
    run = project.weekly("schedule", WEEKLY)
    assert run.jobs["trend"].result == "failure", run.explain()
    step = run.jobs["trend"].step("perfci trend (change points over the whole history)")
    assert step.conclusion == "failure"
    assert any("search" in a.message and a.level == "error" for a in step.annotations), (
        step.annotations
    )
    assert len(project.gh.trend(*TREND)) == len(stored["entries"][TREND[1]]) + 1


@needs_node
def test_a_run_without_trend_points_skips_the_trend_job(tmp_path, image):
    project = Project(tmp_path, image)
    run = project.weekly("schedule", WEEKLY_NO_POINTS)
    assert run.jobs["weekly"].result == "success", run.explain()
    assert_summary_and_annotations(project, run, "perf-weekly")
    assert [a["name"] for a in project.gh.artifacts(run.run_id)] == ["perf-weekly"]
    assert run.jobs["weekly"].outputs.get("trend-artifact", "") == ""
    assert run.jobs["trend"].result == "skipped" and run.conclusion == "success", run.explain()
    assert project.gh.trend(*TREND) == []


@needs_node
def test_dispatch_inputs_reach_the_perfci_command_line(tmp_path, image):
    project = Project(tmp_path, image)
    inputs = {"duration-scale": "0.05", "scenarios": "smoke,spike"}
    run = project.weekly("workflow_dispatch", WEEKLY, inputs)
    (perfci,) = weekly_commands(run)
    assert perfci[:5] == ["weekly", "--duration-scale", "0.05", "--scenario", "smoke,spike"]
    with project.artifact(run, "perf-weekly") as z:
        pipeline = json.loads(z.read("run.json"))["config"]["pipeline"]
    assert pipeline["duration_scale"] == 0.05 and pipeline["scenarios"] == ["smoke", "spike"]
    assert run.jobs["trend"].result == "success", run.explain()  # dispatched on main
    assert len(project.gh.trend(*TREND)) == 1


# --------------------------------------------------------------------------------- ci


@needs_node
@pytest.mark.parametrize("event", ["push", "pull_request", "pull_request from a fork"])
def test_ci_concurrency_cancels_only_pull_request_runs(tmp_path, image, event):
    project = Project(tmp_path, image)
    gh = project.gh
    if event == "push":
        before = gh.sha("main")
        after = gh.push_main({"README.md": "# perfci\n\nnews\n"}, "a commit on main")
        run = project.runner.run("ci.yml", "push", gh.push_event(before, after))
        assert run.concurrency == {"group": f"ci-{after}", "cancel-in-progress": False}
    else:
        pr = gh.open_pull_request({"dtrag/CHANGES.md": "x\n"}, fork=event.endswith("fork"))
        run = project.runner.run("ci.yml", "pull_request", gh.pull_request_event(pr))
        assert run.concurrency == {"group": f"ci-{pr.number}", "cancel-in-progress": True}
    assert run.conclusion == "success", run.explain()
    assert ".ci/run: ok" in run.jobs["tests"].step(".ci/run").log


# ------------------------------------------------------------------------- triggers


def test_each_workflow_runs_on_exactly_its_events():
    events = {
        "push to main": ("push", load_event("push")),
        "push to a branch": ("push", dict(load_event("push"), ref="refs/heads/topic")),
        "pull_request": ("pull_request", load_event("pull_request")),
        "pull_request from a fork": ("pull_request", load_event("pull_request.fork")),
        "pull_request closed": ("pull_request", dict(load_event("pull_request"), action="closed")),
        "schedule": ("schedule", load_event("schedule")),
        "workflow_dispatch": ("workflow_dispatch", load_event("workflow_dispatch")),
        "workflow_run of perf-pr": ("workflow_run", load_event("workflow_run")),
    }
    other = load_event("workflow_run")
    other["workflow_run"] = dict(other["workflow_run"], name="ci")
    events["workflow_run of ci"] = ("workflow_run", other)
    expected = {
        "ci.yml": {"push to main", "pull_request", "pull_request from a fork"},
        "perf-pr.yml": {"pull_request", "pull_request from a fork"},
        "perf-comment.yml": {"workflow_run of perf-pr"},
        "perf-weekly.yml": {"schedule", "workflow_dispatch"},
    }
    for workflow, names in expected.items():
        on = load_workflow((WORKFLOWS / workflow).read_text())["on"]
        runs_on = {n for n, (event, payload) in events.items() if triggered(on, event, payload)}
        assert runs_on == names, workflow


# ------------------------------------------------------------- the runner's semantics

SEMANTICS = """\
name: semantics
on:
  push:
    branches: [main]
permissions: {}
env:
  FROM_WORKFLOW: wf
  UNSET: ${{ vars.NOT_SET }}
  DEFAULTED: ${{ vars.NOT_SET || 'fallback' }}
jobs:
  first:
    runs-on: ubuntu-latest
    timeout-minutes: 5
    permissions:
      contents: read
    env:
      FROM_JOB: job
    outputs:
      plain: ${{ steps.out.outputs.plain }}
      multi: ${{ steps.out.outputs.multi }}
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
        with:
          persist-credentials: false
      - id: out
        run: |
          echo "plain=a=b" >> "$GITHUB_OUTPUT"
          { echo "multi<<END"; echo "line 1"; echo "line 2"; echo "END"; } >> "$GITHUB_OUTPUT"
          echo "LATER=from-github-env" >> "$GITHUB_ENV"
          echo "FROM_JOB=overridden" >> "$GITHUB_ENV"
          mkdir -p "$RUNNER_TEMP/tools"
          printf '#!/bin/sh\\necho tool ran\\n' > "$RUNNER_TEMP/tools/mytool"
          chmod +x "$RUNNER_TEMP/tools/mytool"
          echo "$RUNNER_TEMP/tools" >> "$GITHUB_PATH"
          echo "### summary of step one" >> "$GITHUB_STEP_SUMMARY"
      - id: env
        env:
          FROM_STEP: step
        run: |
          test "$FROM_WORKFLOW/$FROM_JOB/$FROM_STEP/$LATER" = "wf/job/step/from-github-env"
          test -z "$UNSET" && test "$DEFAULTED" = fallback
          test "$CI/$GITHUB_ACTIONS/$GITHUB_EVENT_NAME" = "true/true/push"
          test "$GITHUB_WORKSPACE" = "$PWD" && test -f "$GITHUB_EVENT_PATH" && test -f README.md
          test "$(mytool)" = "tool ran"
          test "${{ steps.out.outputs.plain }}" = "a=b"
          test "${{ github.ref }}/${{ github.event_name }}" = "refs/heads/main/push"
      - name: default shell is bash -e without pipefail
        run: false | true
      - id: pipefail
        name: shell bash has pipefail
        shell: bash
        continue-on-error: true
        run: false | true
      - id: checks
        if: >-
          ${{ hashFiles('no/such/file') == '' && hashFiles('README.md') != '' &&
          steps.pipefail.outcome == 'failure' && steps.pipefail.conclusion == 'success' }}
        working-directory: .github
        run: test -d workflows
      - id: slow
        timeout-minutes: 0.01
        continue-on-error: true
        run: sleep 10
      - id: boom
        run: exit 3
      - id: skipped
        run: echo never
      - id: on-failure
        if: failure()
        run: echo "::warning title=seen::failure()%0Aseen"
  second:
    needs: first
    runs-on: ubuntu-latest
    timeout-minutes: 5
    steps:
      - run: echo never
  third:
    needs: [first]
    if: ${{ always() && needs.first.outputs.plain == 'a=b' }}
    runs-on: ubuntu-latest
    timeout-minutes: 5
    steps:
      - env:
          MULTI: ${{ needs.first.outputs.multi }}
          RESULT: ${{ needs.first.result }}
        run: test "$MULTI" = "$(printf 'line 1\\nline 2')" && test "$RESULT" = failure
"""


@needs_node
def test_the_replay_reproduces_the_runners_semantics(tmp_path, image):
    """The harness itself, on a workflow written to exercise it: env levels and GITHUB_ENV,
    outputs (multiline), GITHUB_PATH, the summary, the default shells, continue-on-error,
    hashFiles, working-directory, status functions, needs, unset vars."""
    workflows = tmp_path / "workflows"
    workflows.mkdir()
    (workflows / "semantics.yml").write_text(SEMANTICS)
    project = Project(tmp_path / "project", image, workflows)
    gh = project.gh
    before = gh.sha("main")
    after = gh.push_main({"README.md": "# perfci\n"}, "a commit")
    run = project.runner.run("semantics.yml", "push", gh.push_event(before, after))
    first = run.jobs["first"]
    outcomes = {s.id or s.name: (s.outcome, s.conclusion) for s in first.steps}
    assert outcomes == {
        "Run actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683": ("success", "success"),
        "out": ("success", "success"),
        "env": ("success", "success"),
        "default shell is bash -e without pipefail": ("success", "success"),
        "pipefail": ("failure", "success"),
        "checks": ("success", "success"),
        "slow": ("failure", "success"),
        "boom": ("failure", "failure"),
        "skipped": ("skipped", "skipped"),
        "on-failure": ("success", "success"),
    }, run.explain()
    assert first.result == "failure" and first.outputs == {
        "plain": "a=b",
        "multi": "line 1\nline 2",
    }
    assert first.summary == "### summary of step one\n"
    (warning,) = [a for a in first.annotations if a.level == "warning"]
    assert (warning.title, warning.message) == ("seen", "failure()\nseen")
    assert "timed out" in first.step("slow").log
    assert run.jobs["second"].result == "skipped"
    assert run.jobs["third"].result == "success", run.explain()
    assert run.conclusion == "failure"


@needs_node
def test_an_action_not_in_the_pin_table_fails_the_job_at_set_up(tmp_path, image):
    pins = json.loads(actions.PINS.read_text())
    bogus = "d48d326b4ca9ba73ca32a28a0dbe91660ab6f6bd"
    assert bogus not in {p["sha"] for p in pins}
    text = SEMANTICS.replace("11bd71901bbe5b1630ceea73d27597364c9af683", bogus)
    workflows = tmp_path / "workflows"
    workflows.mkdir()
    (workflows / "semantics.yml").write_text(text)
    project = Project(tmp_path / "project", image, workflows)
    before = project.gh.sha("main")
    after = project.gh.push_main({"README.md": "x\n"}, "a commit")
    run = project.runner.run("semantics.yml", "push", project.gh.push_event(before, after))
    first = run.jobs["first"]
    assert first.result == "failure" and first.steps == []
    assert first.error == (
        f"Unable to resolve action `actions/checkout@{bogus}`, unable to find version `{bogus}`"
    )


# ---------------------------------------------------- the bugs the replay must catch


def _insert_before(text: str, anchor: str, insert: str) -> str:
    assert anchor in text
    return text.replace(anchor, insert + anchor, 1)


def _replace_job_if(text: str, job: str, condition: str) -> str:
    """The `if:` of `job` (one line or a block scalar) replaced by `condition`."""
    block = re.search(rf"(?ms)^  {job}:\n.*?(?=^  \S|\Z)", text)
    assert block
    new_block, n = re.subn(
        r"(?m)^    if:.*\n(?:^      .*\n)*", f"    if: {condition}\n", block.group(0), count=1
    )
    assert n == 1
    return text[: block.start()] + new_block + text[block.end() :]


REGRESSIONS = {
    # a step reading $PERFCI_RUN_DIR, which nothing sets
    "PERFCI_RUN_DIR": (
        "perf-pr.yml",
        lambda t: _insert_before(
            t,
            "      - name: Upload the run directory",
            "      - name: Job summary\n"
            "        if: ${{ !cancelled() && hashFiles('perf-run/summary.md') != '' }}\n"
            '        run: cat "$PERFCI_RUN_DIR/summary.md" >> "$GITHUB_STEP_SUMMARY"\n\n',
        ),
        "passing pr",
    ),
    # the trend job's condition read the payload's repository, absent on schedule events
    "trend if on schedule": (
        "perf-weekly.yml",
        lambda t: _replace_job_if(
            t,
            "trend",
            "${{ !cancelled() && github.ref == "
            "format('refs/heads/{0}', github.event.repository.default_branch) }}",
        ),
        "schedule",
    ),
    # github-action-benchmark pinned to a SHA that does not exist
    "benchmark action pin": (
        "perf-weekly.yml",
        lambda t: re.sub(
            r"(github-action-benchmark@)[0-9a-f]{40}",
            r"\g<1>d48d326b4ca9ba73ca32a28a0dbe91660ab6f6bd",
            t,
        ),
        "schedule",
    ),
    # the A/B base from the payload's base.sha instead of the merge commit's first parent
    "payload base.sha": (
        "perf-pr.yml",
        lambda t: t.replace(
            "perfci pr --dsn",
            "perfci pr --base ${{ github.event.pull_request.base.sha }} --dsn",
        ),
        "passing pr",
    ),
    # the same with the full history the workflow once fetched: the job is green, the base
    # silently wrong (everything merged to main since base.sha counted as the PR's change)
    "payload base.sha, full history": (
        "perf-pr.yml",
        lambda t: t.replace("fetch-depth: 2", "fetch-depth: 0").replace(
            "perfci pr --dsn",
            "perfci pr --base ${{ github.event.pull_request.base.sha }} --dsn",
        ),
        "passing pr",
    ),
}


@needs_node
@pytest.mark.parametrize("bug", list(REGRESSIONS))
def test_a_reintroduced_bug_fails_a_replay(tmp_path, image, bug):
    workflow, regress, scenario = REGRESSIONS[bug]
    workflows = tmp_path / "workflows"
    shutil.copytree(WORKFLOWS, workflows)
    original = (workflows / workflow).read_text()
    changed = regress(original)
    assert changed != original, f"{bug}: the substitution no longer applies to {workflow}"
    (workflows / workflow).write_text(changed)
    project = Project(tmp_path / "project", image, workflows)
    with pytest.raises(AssertionError):
        if scenario == "passing pr":
            check_passing_pr(pull_request_story(project, PASSING))
        else:
            check_schedule_pushes_trend(project)
