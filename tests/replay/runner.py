"""Workflow, job and step execution with the semantics of GitHub's runner.

What is reproduced, because each of these has hidden a bug that only showed on GitHub:

- A run: the workflow must be triggered by the event (`on:` and its filters); GITHUB_REF and
  GITHUB_SHA by event type (a pull request runs on refs/pull/N/merge, computed when the run
  starts); workflow and job `concurrency` evaluated; jobs in `needs` order; the run's
  conclusion from its jobs (skipped jobs do not fail it).
- A job: `if:` with the implicit `success() &&` unless a status function is used, where
  success() means every needed job succeeded and failure() that an ancestor failed; a job
  whose condition is false is skipped, its outputs empty. Every `uses:` is resolved when the
  job is set up (as GitHub downloads actions before the first step): an action not in the
  verified pin table fails the job there. The token has the job's permissions (the
  workflow's when the job has none; read-only on a fork's pull request). `outputs` are
  evaluated after the steps.
- A step: `if:` (implicit `success()`), `env` of workflow, job and step (job-level `env`
  wins over GITHUB_ENV, the step's over both), `${{ }}` in run/env/with/name, `shell`
  (default `bash -e {0}`; `shell: bash` is `bash --noprofile --norc -eo pipefail {0}`;
  `defaults.run`), `working-directory`, `timeout-minutes`, `continue-on-error` (outcome
  failure, conclusion success), the default environment variables (CI, GITHUB_ACTIONS,
  GITHUB_WORKSPACE, GITHUB_EVENT_PATH, GITHUB_REF, ...), and after the step the file
  commands: GITHUB_OUTPUT and GITHUB_ENV (`name=value` and `name<<DELIMITER`), GITHUB_PATH
  (prepended) and GITHUB_STEP_SUMMARY (the job summary, 1 MiB per step), plus the workflow
  commands in the log (::error/::warning/::notice annotations, ::add-mask::).

The machine is a `RunnerImage`: Python with the project already installed (so `pip install
-e .` of the workspace is recorded, not run: no network, no change to the test's
environment), `perfci` wrapped to record each command line, git, bash and node. Service
containers are not started: their `env`/ports are only what the steps see.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from tests.replay import actions
from tests.replay.contexts import (
    ExpressionError,
    Expressions,
    expressions,
    github_context,
    inputs_context,
    is_fork_pull_request,
    job_context,
    runner_context,
    secrets_context,
)
from tests.replay.fakegithub import FakeGitHub

SHELLS = {  # "Command run internally", GitHub's workflow syntax reference (Linux)
    None: "bash -e {0}",
    "bash": "bash --noprofile --norc -eo pipefail {0}",
    "sh": "sh -e {0}",
    "python": "python {0}",
}
SCOPES = (
    "actions", "attestations", "checks", "contents", "deployments", "discussions", "id-token",
    "issues", "packages", "pages", "pull-requests", "repository-projects", "security-events",
    "statuses",
)  # fmt: skip
# the repository's default GITHUB_TOKEN permissions when a workflow sets none ("restricted")
DEFAULT_PERMISSIONS = {"contents": "read", "packages": "read"}
SUMMARY_LIMIT = 1024 * 1024
COMMAND = re.compile(r"^::([a-z-]+)(?: ([^:]*))?::(.*)$")


# ---------------------------------------------------------------------------- results


@dataclass
class Annotation:
    level: str  # error | warning | notice
    message: str
    title: str = ""
    step: str = ""


@dataclass
class StepResult:
    name: str
    id: str | None
    outcome: str  # success | failure | skipped
    conclusion: str
    log: str = ""
    annotations: list[Annotation] = field(default_factory=list)
    outputs: dict[str, str] = field(default_factory=dict)
    summary: str = ""
    seconds: float = 0.0


@dataclass
class JobResult:
    id: str
    name: str
    result: str  # success | failure | skipped
    outputs: dict[str, str] = field(default_factory=dict)
    steps: list[StepResult] = field(default_factory=list)
    summary: str = ""
    permissions_requested: dict | str | None = None
    permissions: dict[str, str] = field(default_factory=dict)
    concurrency: dict | None = None
    error: str = ""  # why the job failed before its steps (set up, expressions)

    @property
    def annotations(self) -> list[Annotation]:
        setup = [Annotation("error", self.error, step="Set up job")] if self.error else []
        return setup + [a for s in self.steps for a in s.annotations]

    @property
    def log(self) -> str:
        return "\n".join(f"##[group]{s.name}\n{s.log}" for s in self.steps)

    def step(self, key: str) -> StepResult:
        """The step with id `key`, else the first whose name starts with `key`."""
        for s in self.steps:
            if s.id == key:
                return s
        for s in self.steps:
            if s.name.startswith(key):
                return s
        raise KeyError(f"{self.id}: no step {key!r}; steps: {[s.name for s in self.steps]}")


@dataclass
class WorkflowRun:
    name: str
    path: Path
    event_name: str
    payload: dict
    run_id: int
    ref: str
    sha: str
    triggered: bool = True
    concurrency: dict | None = None
    jobs: dict[str, JobResult] = field(default_factory=dict)
    commands: list[dict] = field(default_factory=list)  # perfci/pip command lines, in order

    @property
    def conclusion(self) -> str:
        results = [j.result for j in self.jobs.values()]
        if any(r == "failure" for r in results):
            return "failure"
        if results and all(r == "skipped" for r in results):
            return "skipped"
        return "success"

    def explain(self) -> str:
        """Every job and step with its result and the end of its log (assertion messages)."""
        lines = [f"{self.name} ({self.event_name}, {self.ref}): {self.conclusion}"]
        for job in self.jobs.values():
            lines.append(f"  job {job.id}: {job.result} {job.error}")
            for s in job.steps:
                lines.append(f"    {s.conclusion:8} {s.seconds:5.1f} s  {s.name}")
                if s.outcome == "failure":
                    lines += ["      | " + line for line in s.log.splitlines()[-25:]]
        return "\n".join(lines)


# ------------------------------------------------------------------------ runner image


class RunnerImage:
    """The machine every job starts on, shared by a test session like a hosted image: one
    HOME (caches stay warm), and wrappers first on PATH for `python`, `python3`, `pip` (the
    project is installed already: `pip install` of the workspace is recorded and succeeds,
    anything else fails) and `perfci` (the real one, each command line recorded)."""

    def __init__(self, root: Path):
        self.root = root
        self.home = root / "home"
        self.bin = root / "bin"
        self.log = root / "commands.jsonl"
        self.home.mkdir(parents=True, exist_ok=True)
        self.bin.mkdir(parents=True, exist_ok=True)
        self._write_wrappers()

    def _write_wrappers(self) -> None:
        python = sys.executable
        record = (
            f"#!{python}\nimport json, os, sys\n"
            "def record(kind):\n"
            f"    with open({str(self.log)!r}, 'a') as fh:\n"
            "        fh.write(json.dumps({'kind': kind, 'argv': sys.argv[1:], 'cwd': os.getcwd(),"
            " 'run_id': os.environ.get('GITHUB_RUN_ID'), 'job': os.environ.get('GITHUB_JOB'),"
            " 'recorded_run': os.environ.get('PERFCI_RECORDED_RUN')}) + '\\n')\n"
        )
        pip = (
            "def pip(args):\n"
            "    record('pip')\n"
            "    targets = [a for a in args[1:] if not a.startswith('-')]\n"
            "    if args[:1] == ['install'] and targets and all(t in ('.', './') or"
            " t.startswith(('.[', './[')) for t in targets):\n"
            "        print('replay runner: the project is installed in this image already')\n"
            "        sys.exit(0)\n"
            "    sys.exit('replay runner: only `pip install` of the workspace is available: '"
            " + ' '.join(args))\n"
        )
        wrappers = {
            "python": record
            + pip
            + "args = sys.argv[1:]\n"
            + "if args[:2] == ['-m', 'pip']:\n    pip(args[2:])\n"
            + f"os.execv({python!r}, [{python!r}, *args])\n",
            "pip": record + pip + "pip(sys.argv[1:])\n",
            "perfci": record
            + "record('perfci')\n"
            + f"os.execv({python!r}, [{python!r}, '-P', '-m', 'perf.cli', *sys.argv[1:]])\n",
        }
        wrappers["python3"] = wrappers["python"]
        for name, text in wrappers.items():
            path = self.bin / name
            path.write_text(text)
            path.chmod(0o755)

    def commands(self, run_id: int) -> list[dict]:
        if not self.log.exists():
            return []
        lines = [json.loads(line) for line in self.log.read_text().splitlines() if line]
        return [c for c in lines if c["run_id"] == str(run_id)]

    def env(self) -> dict[str, str]:
        return {
            "PATH": f"{self.bin}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "HOME": str(self.home),
            "LANG": "C.UTF-8",
            "SHELL": "/bin/bash",
            "USER": "runner",
            "ImageOS": "ubuntu24",
            "DEBIAN_FRONTEND": "noninteractive",
        }


# --------------------------------------------------------------------------- workflow


def load_workflow(text: str) -> dict:
    data = yaml.safe_load(text)
    if True in data:  # YAML 1.1 reads the key `on` as a boolean
        data["on"] = data.pop(True)
    on = data["on"]
    if isinstance(on, str):
        on = {on: None}
    elif isinstance(on, list):
        on = {name: None for name in on}
    data["on"] = {k: (v or {}) for k, v in on.items()}
    return data


def _branch_match(patterns: list[str], name: str) -> bool:
    def one(p: str) -> bool:
        rx = re.escape(p).replace(r"\*\*", ".*").replace(r"\*", "[^/]*")
        return re.fullmatch(rx, name) is not None

    return any(one(p) for p in patterns)


def triggered(on: dict, event_name: str, payload: dict) -> bool:
    """Whether `on:` runs the workflow for this event (types, branches, workflows filters)."""
    if event_name not in on:
        return False
    spec = on[event_name]
    if event_name == "pull_request":
        types = spec.get("types") or ["opened", "synchronize", "reopened"]
        base = payload["pull_request"]["base"]["ref"]
        return payload["action"] in types and _branch_match(spec.get("branches", ["**"]), base)
    if event_name == "push":
        ref = payload["ref"]
        if not ref.startswith("refs/heads/"):
            return "tags" in spec or not spec.get("branches")
        return _branch_match(spec.get("branches", ["**"]), ref.removeprefix("refs/heads/"))
    if event_name == "workflow_run":
        run = payload["workflow_run"]
        return run["name"] in spec.get("workflows", []) and payload["action"] in spec.get(
            "types", ["requested", "completed"]
        )
    return True


def job_order(jobs: dict) -> list[str]:
    order: list[str] = []
    pending = list(jobs)
    while pending:
        ready = [j for j in pending if set(_needs(jobs[j])) <= set(order)]
        if not ready:
            raise ValueError(f"cycle or unknown job in needs: {pending}")
        order.append(ready[0])
        pending.remove(ready[0])
    return order


def _needs(job: dict) -> list[str]:
    needs = job.get("needs") or []
    return [needs] if isinstance(needs, str) else list(needs)


def grant(requested, fork_pr: bool) -> dict[str, str]:
    """The GITHUB_TOKEN's permissions: the requested ones (unlisted scopes: none), read-only
    for a fork's pull request."""
    if requested is None:
        perms = dict(DEFAULT_PERMISSIONS)
    elif requested == "read-all":
        perms = {s: "read" for s in SCOPES}
    elif requested == "write-all":
        perms = {s: "write" for s in SCOPES}
    else:
        perms = {k: v for k, v in dict(requested).items() if v != "none"}
    if fork_pr:
        perms = {k: "read" for k, v in perms.items() if k != "id-token"}
    perms["metadata"] = "read"
    return perms


# ------------------------------------------------------------------------------- run


class Runner:
    """Replays workflow runs against one FakeGitHub on one RunnerImage."""

    def __init__(self, github: FakeGitHub, image: RunnerImage, ex: Expressions | None = None):
        self.github = github
        self.image = image
        self.ex = ex or expressions()

    def run(
        self,
        workflow: str,
        event_name: str,
        payload: dict,
        *,
        vars: dict[str, str] | None = None,
        secrets: dict[str, str] | None = None,
        machine_env: dict[str, str] | None = None,
    ) -> WorkflowRun:
        """One run of the workflow file `workflow` (e.g. "perf-pr.yml") for the event, read
        from the commit the run is for, as GitHub does (a pull request's merge commit, the
        default branch for schedule and workflow_run). `machine_env` is the runner
        machine's own environment (e.g. PERFCI_RECORDED_RUN), not visible to expressions."""
        gh = self.github
        if event_name == "pull_request":
            pr = gh.pulls[payload["number"]]
            ref, sha, head_sha = f"refs/pull/{pr.number}/merge", gh.merge_ref(pr), pr.head_sha
            payload["pull_request"]["merge_commit_sha"] = sha
        elif event_name == "push":
            ref, sha = payload["ref"], payload["after"]
            head_sha = sha
        elif event_name == "workflow_dispatch":
            ref = payload["ref"]
            sha = head_sha = gh.sha(ref)
        else:  # schedule, workflow_run: the default branch's last commit
            ref, sha = "refs/heads/main", gh.sha("main")
            head_sha = sha
        path = f".github/workflows/{workflow}"
        wf = load_workflow(gh.show(sha, path))
        name = wf.get("name") or path
        run_id = gh.new_run(name, event_name, head_sha)
        run = WorkflowRun(name, Path(path), event_name, payload, run_id, ref, sha)
        if not triggered(wf["on"], event_name, payload):
            run.triggered = False
            return run
        root = gh.root / "runs" / str(run_id)
        root.mkdir(parents=True)
        event_path = root / "event.json"
        event_path.write_text(json.dumps(payload, indent=2))
        fork_pr = is_fork_pull_request(event_name, payload)
        base = {
            "vars": dict(vars or {}),
            "inputs": inputs_context(wf["on"], event_name, payload),
            "github": github_context(
                event_name=event_name,
                payload=payload,
                ref=ref,
                sha=sha,
                repository=gh.full_name,
                run_id=run_id,
                workflow=name,
                workflow_path=path,
                token="",
                workspace=Path(),
                event_path=event_path,
                job="",
            ),
        }
        if "concurrency" in wf:
            run.concurrency = self._concurrency(wf["concurrency"], "workflow.concurrency", base)
        jobs = wf.get("jobs") or {}
        for job_id in job_order(jobs):
            job = Job(self, run, wf, job_id, jobs[job_id], base, root, event_path, fork_pr)
            run.jobs[job_id] = job.execute(
                dict(secrets or {}), dict(machine_env or {}), {j: run.jobs[j] for j in run.jobs}
            )
        gh.state["runs"][str(run_id)]["conclusion"] = run.conclusion
        run.commands = self.image.commands(run_id)
        return run

    def _concurrency(self, spec, key: str, contexts: dict) -> dict:
        if isinstance(spec, str):
            spec = {"group": spec}
        return {
            "group": self.ex.string(spec.get("group", ""), key, contexts),
            "cancel-in-progress": bool(
                self.ex.value(spec.get("cancel-in-progress", False), key, contexts)
            ),
        }


class Job:
    """One job of a run on a fresh machine (its own workspace and RUNNER_TEMP)."""

    def __init__(self, runner, run, wf, job_id, spec, base, root, event_path, fork_pr):
        self.runner, self.run, self.wf, self.id, self.spec = runner, run, wf, job_id, spec
        self.ex: Expressions = runner.ex
        self.github: FakeGitHub = runner.github
        self.base, self.fork_pr = base, fork_pr
        self.dir = root / job_id
        self.workspace = self.dir / "work" / self.github.name / self.github.name
        self.temp = self.dir / "work" / "_temp"
        self.tool_cache = self.dir / "hostedtoolcache"
        self.event_path = event_path
        self.result = JobResult(job_id, str(spec.get("name", job_id)), "success")
        self.global_env: dict[str, str] = {}  # GITHUB_ENV
        self.paths: list[str] = []  # GITHUB_PATH, most recent first
        self.steps_ctx: dict[str, dict] = {}
        self.status = "success"

    # ------------------------------------------------------------------------- job

    def execute(self, secrets: dict, machine_env: dict, done: dict[str, JobResult]) -> JobResult:
        r, spec = self.result, self.spec
        needs = _needs(spec)
        needs_ctx = {n: {"result": done[n].result, "outputs": done[n].outputs} for n in needs}
        ancestors = self._ancestors(needs)
        status = {
            "success": all(done[n].result == "success" for n in needs),
            "failure": any(done[a].result == "failure" for a in ancestors),
            "cancelled": False,
        }
        ctx = {**self.base, "needs": needs_ctx}
        try:
            run_job = self.ex.condition(spec.get("if"), "job.if", ctx, status)
        except ExpressionError as exc:
            r.result, r.error = "failure", f"The workflow is not valid: {exc}"
            return r
        if not run_job:
            r.result = "skipped"
            return r
        for key in ("strategy", "container"):
            if key in spec:
                raise NotImplementedError(f"jobs.{self.id}.{key} is not replayed")
        r.permissions_requested = spec.get("permissions", self.wf.get("permissions"))
        r.permissions = grant(r.permissions_requested, self.fork_pr)
        token = self.github.issue_token(self.run.run_id, self.id, r.permissions)
        for d in (self.workspace, self.temp / "_github_workflow", self.tool_cache):
            d.mkdir(parents=True)
        (self.temp / "_github_workflow" / "event.json").write_bytes(self.event_path.read_bytes())
        github = dict(
            self.base["github"],
            job=self.id,
            token=token,
            workspace=str(self.workspace),
            event_path=str(self.temp / "_github_workflow" / "event.json"),
        )
        self.ctx = {
            **self.base,
            "github": github,
            "needs": needs_ctx,
            "secrets": secrets_context(token, secrets, self.fork_pr),
            "strategy": {"fail-fast": True, "job-index": 0, "job-total": 1, "max-parallel": 1},
            "matrix": {},
            "runner": runner_context(self.temp, self.tool_cache),
            "job": job_context(spec, "success"),
            "steps": self.steps_ctx,
        }
        self.machine_env = machine_env
        try:
            self.env = {}
            for key, level in (("workflow.env", self.wf), ("job.env", spec)):
                for k, v in (level.get("env") or {}).items():
                    self.env[k] = self.ex.string(v, key, {**self.ctx, "env": dict(self.env)})
            if "concurrency" in spec:
                r.concurrency = self.runner._concurrency(
                    spec["concurrency"], "job.concurrency", self.ctx
                )
            timeout = float(
                self.ex.value(spec.get("timeout-minutes", 360), "job.timeout-minutes", self.ctx)
            )
        except ExpressionError as exc:
            r.result, r.error = "failure", f"The template is not valid: {exc}"
            return r
        # Set up job: every action is downloaded before the first step runs
        for step in spec.get("steps") or []:
            if "uses" in step and actions.resolve(step["uses"]) is None:
                ref = step["uses"]
                version = ref.rpartition("@")[2]
                r.result = "failure"
                r.error = f"Unable to resolve action `{ref}`, unable to find version `{version}`"
                return r
        deadline = time.monotonic() + timeout * 60
        for index, step in enumerate(spec.get("steps") or []):
            self.ctx["job"]["status"] = self.status
            started = time.monotonic()
            r.steps.append(self._step(index, step, deadline))
            r.steps[-1].seconds = time.monotonic() - started
        r.result = self.status
        for name, value in (spec.get("outputs") or {}).items():
            try:
                ctx = {**self.ctx, "env": dict(self.env)}
                r.outputs[name] = self.ex.string(value, "job.outputs", ctx)
            except ExpressionError as exc:
                r.result, r.error = "failure", f"outputs.{name}: {exc}"
        r.summary = "".join(s.summary for s in r.steps)
        return r

    def _ancestors(self, needs: list[str]) -> set[str]:
        jobs = self.wf.get("jobs") or {}
        out, todo = set(), list(needs)
        while todo:
            j = todo.pop()
            if j not in out:
                out.add(j)
                todo += _needs(jobs[j])
        return out

    # ------------------------------------------------------------------------- step

    def _step(self, index: int, step: dict, deadline: float) -> StepResult:
        step_id = step.get("id")
        name = step.get("name") or (
            f"Run {step['uses']}"
            if "uses" in step
            else f"Run {str(step.get('run', '')).strip().splitlines()[0]}"
        )
        result = StepResult(str(name), step_id, "skipped", "skipped")
        status = {
            "success": self.status == "success",
            "failure": self.status == "failure",
            "cancelled": False,
        }
        env_ctx = {**self.global_env, **self.env}
        ctx = {**self.ctx, "env": env_ctx}
        try:
            if "${{" in str(name):
                result.name = self.ex.string(name, "step.name", ctx, workspace=self.workspace)
            if not self.ex.condition(step.get("if"), "step.if", ctx, status, self.workspace):
                self._record(step_id, result)
                return result
            step_env = {}
            for k, v in (step.get("env") or {}).items():
                step_env[k] = self.ex.string(v, "step.env", ctx, workspace=self.workspace)
            ctx = {**ctx, "env": {**env_ctx, **step_env}}
            continue_on_error = bool(
                self.ex.value(step.get("continue-on-error", False), "step.continue-on-error", ctx)
            )
            minutes = self.ex.value(step.get("timeout-minutes"), "step.timeout-minutes", ctx)
        except ExpressionError as exc:
            return self._fail(result, step_id, f"The template is not valid. {exc}")
        remaining = deadline - time.monotonic()
        timeout = min(remaining, float(minutes) * 60) if minutes else remaining
        files = self._file_commands()
        env = {
            **self.runner.image.env(),
            **self.machine_env,
            **self.global_env,
            **ctx["env"],
            **self._defaults(step_id or f"__{index}"),
            **{k: str(v) for k, v in files.items()},
        }
        env["PATH"] = ":".join([*self.paths, env["PATH"]])
        try:
            if "run" in step:
                ok, log = self._run_script(step, ctx, env, timeout)
            else:
                inputs = {
                    k: self.ex.string(v, "step.with", ctx, workspace=self.workspace)
                    for k, v in (step.get("with") or {}).items()
                }
                ok, log = actions.run(
                    step["uses"], actions.StepContext(self, inputs, env, files, timeout)
                )
        except ExpressionError as exc:
            return self._fail(result, step_id, f"The template is not valid. {exc}")
        result.log = log
        result.annotations = self._workflow_commands(log, result.name)
        try:
            outputs = parse_file_command(files["GITHUB_OUTPUT"].read_text())
            new_env = parse_file_command(files["GITHUB_ENV"].read_text())
        except ValueError as exc:
            ok = False
            result.annotations.append(Annotation("error", str(exc), step=result.name))
            outputs, new_env = {}, {}
        self.global_env.update(new_env)
        for line in files["GITHUB_PATH"].read_text().splitlines():
            if line.strip():
                self.paths = [line.strip(), *[p for p in self.paths if p != line.strip()]]
        summary = files["GITHUB_STEP_SUMMARY"].read_text(encoding="utf-8", errors="replace")
        if len(summary.encode()) > SUMMARY_LIMIT:
            result.annotations.append(
                Annotation(
                    "error",
                    f"$GITHUB_STEP_SUMMARY upload aborted, supports content up to a size of "
                    f"1024k, got {len(summary.encode()) // 1024}k.",
                    step=result.name,
                )
            )
            summary = ""
        result.summary = summary
        result.outputs = outputs
        result.outcome = "success" if ok else "failure"
        result.conclusion = "success" if ok or continue_on_error else "failure"
        if result.conclusion == "failure":
            self.status = "failure"
        self._record(step_id, result)
        return result

    def _fail(self, result: StepResult, step_id, message: str) -> StepResult:
        result.outcome = result.conclusion = "failure"
        result.annotations.append(Annotation("error", message, step=result.name))
        result.log += message
        self.status = "failure"
        self._record(step_id, result)
        return result

    def _record(self, step_id, result: StepResult) -> None:
        if step_id:
            self.steps_ctx[step_id] = {
                "outputs": dict(result.outputs),
                "outcome": result.outcome,
                "conclusion": result.conclusion,
            }

    def _file_commands(self) -> dict[str, Path]:
        d = self.temp / "_runner_file_commands"
        d.mkdir(exist_ok=True)
        files = {}
        for var, stem in (
            ("GITHUB_OUTPUT", "set_output"),
            ("GITHUB_ENV", "set_env"),
            ("GITHUB_PATH", "add_path"),
            ("GITHUB_STEP_SUMMARY", "step_summary"),
            ("GITHUB_STATE", "save_state"),
        ):
            path = d / f"{stem}_{uuid.uuid4()}"
            path.touch()
            files[var] = path
        return files

    def _defaults(self, action: str) -> dict[str, str]:
        """The default environment variables of every step."""
        g = self.ctx["github"]
        return {
            "CI": "true",
            "GITHUB_ACTIONS": "true",
            "GITHUB_ACTION": action,
            "GITHUB_ACTOR": g["actor"],
            "GITHUB_ACTOR_ID": g["actor_id"],
            "GITHUB_API_URL": g["api_url"],
            "GITHUB_BASE_REF": g["base_ref"],
            "GITHUB_EVENT_NAME": g["event_name"],
            "GITHUB_EVENT_PATH": g["event_path"],
            "GITHUB_GRAPHQL_URL": g["graphql_url"],
            "GITHUB_HEAD_REF": g["head_ref"],
            "GITHUB_JOB": self.id,
            "GITHUB_REF": g["ref"],
            "GITHUB_REF_NAME": g["ref_name"],
            "GITHUB_REF_PROTECTED": str(g["ref_protected"]).lower(),
            "GITHUB_REF_TYPE": g["ref_type"],
            "GITHUB_REPOSITORY": g["repository"],
            "GITHUB_REPOSITORY_ID": g["repository_id"],
            "GITHUB_REPOSITORY_OWNER": g["repository_owner"],
            "GITHUB_REPOSITORY_OWNER_ID": g["repository_owner_id"],
            "GITHUB_RETENTION_DAYS": g["retention_days"],
            "GITHUB_RUN_ATTEMPT": g["run_attempt"],
            "GITHUB_RUN_ID": g["run_id"],
            "GITHUB_RUN_NUMBER": g["run_number"],
            "GITHUB_SERVER_URL": g["server_url"],
            "GITHUB_SHA": g["sha"],
            "GITHUB_TRIGGERING_ACTOR": g["triggering_actor"],
            "GITHUB_WORKFLOW": g["workflow"],
            "GITHUB_WORKFLOW_REF": g["workflow_ref"],
            "GITHUB_WORKFLOW_SHA": g["workflow_sha"],
            "GITHUB_WORKSPACE": str(self.workspace),
            "RUNNER_ARCH": "X64",
            "RUNNER_ENVIRONMENT": "github-hosted",
            "RUNNER_NAME": "GitHub Actions 1000000001",
            "RUNNER_OS": "Linux",
            "RUNNER_TEMP": str(self.temp),
            "RUNNER_TOOL_CACHE": str(self.tool_cache),
            "RUNNER_WORKSPACE": str(self.workspace.parent),
        }

    def _run_script(self, step: dict, ctx: dict, env: dict, timeout: float) -> tuple[bool, str]:
        defaults = {
            **((self.wf.get("defaults") or {}).get("run") or {}),
            **((self.spec.get("defaults") or {}).get("run") or {}),
        }
        script = self.ex.string(step["run"], "step.run", ctx, workspace=self.workspace)
        shell = step.get("shell", defaults.get("shell"))
        template = SHELLS.get(shell, shell)
        ext = ".py" if shell == "python" else ".sh"
        path = self.temp / f"{uuid.uuid4()}{ext}"
        path.write_text(script)
        argv = [a.replace("{0}", str(path)) for a in shlex.split(template)]
        wd = step.get("working-directory", defaults.get("working-directory"))
        cwd = self.workspace
        if wd:
            cwd = self.workspace / self.ex.string(wd, "step.working-directory", ctx)
        if not cwd.is_dir():
            return False, (
                f"::error::An error occurred trying to start process '/usr/bin/{argv[0]}' with "
                f"working directory '{cwd}'. No such file or directory"
            )
        header = f"{argv[0]} {' '.join(argv[1:])}\n"
        return _execute(argv, cwd, env, timeout, header)

    def _workflow_commands(self, log: str, step_name: str) -> list[Annotation]:
        out = []
        for line in log.splitlines():
            m = COMMAND.match(line.strip())
            if not m:
                continue
            command, props, message = m.groups()
            if command in ("error", "warning", "notice"):
                title = ""
                for prop in (props or "").split(","):
                    key, _, value = prop.partition("=")
                    if key.strip() == "title":
                        title = _unescape(value, property=True)
                out.append(Annotation(command, _unescape(message), title, step_name))
        return out


def _unescape(text: str, property: bool = False) -> str:
    text = text.replace("%0D", "\r").replace("%0A", "\n")
    if property:
        text = text.replace("%3A", ":").replace("%2C", ",")
    return text.replace("%25", "%")


def _execute(argv: list[str], cwd: Path, env: dict, timeout: float, header: str = "", script=True):
    """Run a step's process in its own process group; (exit code 0, log). A `run:` script's
    non-zero exit is annotated as the runner does ("Process completed with exit code N.")."""
    proc = subprocess.Popen(
        argv,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        out, _ = proc.communicate(timeout=max(timeout, 0.001))
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
        log = header + out.decode(errors="replace")
        return False, log + f"\n::error::The action has timed out after {timeout / 60:g} minutes."
    log = header + out.decode(errors="replace")
    if proc.returncode != 0 and script:
        log += f"\n::error::Process completed with exit code {proc.returncode}."
    return proc.returncode == 0, log


def parse_file_command(text: str) -> dict[str, str]:
    """GITHUB_OUTPUT / GITHUB_ENV: `name=value` lines and `name<<DELIMITER` blocks."""
    out: dict[str, str] = {}
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if not line.strip():
            continue
        eq, heredoc = line.find("="), line.find("<<")
        if heredoc > 0 and (eq < 0 or heredoc < eq):
            name, delimiter = line[:heredoc], line[heredoc + 2 :]
            value = []
            while i < len(lines) and lines[i] != delimiter:
                value.append(lines[i])
                i += 1
            if i >= len(lines):
                raise ValueError(f"Matching delimiter not found '{delimiter}'")
            i += 1
            out[name] = "\n".join(value)
        elif eq > 0:
            out[line[:eq]] = line[eq + 1 :]
        else:
            raise ValueError(f"Invalid format '{line}'")
    return out
