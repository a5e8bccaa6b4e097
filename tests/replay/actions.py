"""The `uses:` steps of the workflows, as their documented contracts.

Why contracts and not the actions themselves: they need GitHub (the artifact service, the
API, a git host), and what the workflows rely on is their documented behaviour: what
actions/checkout leaves in the workspace at a given fetch-depth, that upload-artifact with
`if-no-files-found: error` fails, that download-artifact fails on a missing artifact, what
github-action-benchmark accepts. Each contract implements that behaviour (with the actions'
own messages) against the FakeGitHub. actions/github-script is not a contract: its script is
run for real in Node (fake_octokit.mjs) with a fake Octokit over the same state.

Before anything runs, `resolve` looks the reference up in the verified pin table
(ci/action-pins.json: each action's tag resolved to its commit in a snapshot of the action's
repository): a `owner/repo@sha` that is not there is what GitHub reports as "Unable to
resolve action", and the job fails when it is set up.
"""

from __future__ import annotations

import glob as globlib
import json
import os
import shutil
import sys
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tests.replay.fakegithub import git

if TYPE_CHECKING:
    from tests.replay.runner import Job

ROOT = Path(__file__).resolve().parents[2]
PINS = ROOT / "ci" / "action-pins.json"
FAKE_OCTOKIT = Path(__file__).with_name("fake_octokit.mjs")


def load_pins() -> list[dict]:
    return json.loads(PINS.read_text())


def resolve(uses: str) -> dict | None:
    """The pin table's entry for `owner/repo[/path]@sha`, or None (GitHub: unable to
    resolve the action)."""
    name, _, ref = uses.partition("@")
    repo = "/".join(name.split("/")[:2])
    for pin in load_pins():
        if pin["action"] == repo and pin["sha"] == ref:
            return pin
    return None


@dataclass
class StepContext:
    """What a `uses:` step sees: its inputs (`with`, evaluated), its process environment,
    the file-command files, and its job (workspace, token, run)."""

    job: Job
    inputs: dict[str, str]
    env: dict[str, str]
    files: dict[str, Path]
    timeout: float
    lines: list[str] = field(default_factory=list)

    @property
    def workspace(self) -> Path:
        return self.job.workspace

    @property
    def github(self):
        return self.job.github

    def input(self, name: str, default: str = "") -> str:
        """core.getInput after the runner applied action.yml's default."""
        value = self.inputs.get(name)
        return default if value is None else str(value).strip()

    def flag(self, name: str, default: bool) -> bool:
        value = self.input(name, "true" if default else "false").lower()
        return value == "true"

    def log(self, message: str) -> None:
        self.lines.append(message)

    def annotate(self, level: str, message: str) -> None:
        self.lines.append(f"::{level}::" + message.replace("%", "%25").replace("\n", "%0A"))

    def fail(self, message: str) -> tuple[bool, str]:
        self.annotate("error", message)
        return False, self.text()

    def ok(self) -> tuple[bool, str]:
        return True, self.text()

    def set_output(self, name: str, value: str) -> None:
        with self.files["GITHUB_OUTPUT"].open("a") as fh:
            fh.write(f"{name}<<ghadelimiter_replay\n{value}\nghadelimiter_replay\n")

    def export(self, name: str, value: str) -> None:
        with self.files["GITHUB_ENV"].open("a") as fh:
            fh.write(f"{name}<<ghadelimiter_replay\n{value}\nghadelimiter_replay\n")

    def add_path(self, path: Path) -> None:
        with self.files["GITHUB_PATH"].open("a") as fh:
            fh.write(f"{path}\n")

    def text(self) -> str:
        return "\n".join(self.lines)

    def git(self, *args: str, cwd: Path | None = None) -> str:
        self.log(f"[command]/usr/bin/git {' '.join(args)}")
        return git(*args, cwd=cwd or self.workspace)

    def can(self, scope: str, level: str = "read") -> bool:
        return _allows(self.job.result.permissions, scope, level)


def _allows(permissions: dict[str, str], scope: str, level: str) -> bool:
    granted = permissions.get(scope)
    return granted == "write" or (granted == "read" and level == "read")


def run(uses: str, ctx: StepContext) -> tuple[bool, str]:
    repo = "/".join(uses.partition("@")[0].split("/")[:2])
    contract = CONTRACTS.get(repo)
    if contract is None:
        raise NotImplementedError(f"{uses}: no contract for this action in tests/replay/actions.py")
    return contract(ctx)


# --------------------------------------------------------------------- actions/checkout


def checkout(ctx: StepContext) -> tuple[bool, str]:
    """actions/checkout v4: `git init`, fetch the run's ref at `fetch-depth` (0: every
    branch and tag, then the ref), optional cone-mode `sparse-checkout`, check out (a branch
    with `-B`, a pull request's merge ref detached). Outputs ref and commit."""
    g = ctx.job.ctx["github"]
    repository = ctx.input("repository", g["repository"])
    if repository != ctx.github.full_name:
        raise NotImplementedError("checkout of another repository")
    if not ctx.can("contents"):
        ctx.log("remote: Repository not found.")
        return ctx.fail(
            f"fatal: repository 'https://github.com/{repository}/' not found\n"
            "The process '/usr/bin/git' failed with exit code 128"
        )
    ref, commit = ctx.input("ref"), ""
    if not ref:
        ref, commit = g["ref"], g["sha"]
    elif not ref.startswith("refs/"):
        branch = git("ls-remote", "--heads", str(ctx.github.remote), ref, cwd=ctx.github.remote)
        ref = f"refs/heads/{ref}" if branch else ref
    dest = (ctx.workspace / ctx.input("path", ".")).resolve()
    if dest.exists():
        for child in dest.iterdir():
            shutil.rmtree(child) if child.is_dir() else child.unlink()
    dest.mkdir(parents=True, exist_ok=True)
    depth = int(ctx.input("fetch-depth", "1") or "1")
    url = f"file://{ctx.github.remote}"
    ctx.git("init", "-q", str(dest), cwd=dest)
    ctx.git("remote", "add", "origin", url, cwd=dest)
    ctx.git("config", "--local", "gc.auto", "0", cwd=dest)
    if ref.startswith("refs/heads/"):
        branch = ref.removeprefix("refs/heads/")
        spec, start = (
            f"+{commit or ref}:refs/remotes/origin/{branch}",
            f"refs/remotes/origin/{branch}",
        )
    elif ref.startswith("refs/pull/"):
        name = ref.removeprefix("refs/pull/")
        spec, start, branch = (
            f"+{commit or ref}:refs/remotes/pull/{name}",
            f"refs/remotes/pull/{name}",
            "",
        )
    else:
        spec, start, branch = f"+{commit or ref}:{ref}", ref, ""
    fetch = ["-c", "protocol.version=2", "fetch", "--prune", "--no-recurse-submodules"]
    if depth <= 0:
        ctx.git(
            *fetch,
            "origin",
            "+refs/heads/*:refs/remotes/origin/*",
            "+refs/tags/*:refs/tags/*",
            cwd=dest,
        )
        ctx.git(*fetch, "origin", spec, cwd=dest)
    else:
        tags = [] if ctx.flag("fetch-tags", False) else ["--no-tags"]
        ctx.git(*fetch[:3], *tags, *fetch[3:], f"--depth={depth}", "origin", spec, cwd=dest)
    sparse = [p for p in ctx.input("sparse-checkout").splitlines() if p.strip()]
    if sparse:
        cone = [] if ctx.flag("sparse-checkout-cone-mode", True) else ["--no-cone"]
        ctx.git("sparse-checkout", "set", *cone, *sparse, cwd=dest)
    if branch:
        ctx.git("checkout", "-q", "--force", "-B", branch, start, cwd=dest)
    else:
        ctx.git("checkout", "-q", "--force", start, cwd=dest)
    head = ctx.git("log", "-1", "--format=%H", cwd=dest)
    if ctx.flag("persist-credentials", True):
        ctx.git(
            "config",
            "--local",
            "http.https://github.com/.extraheader",
            "AUTHORIZATION: basic ***",
            cwd=dest,
        )
    ctx.set_output("ref", ref)
    ctx.set_output("commit", head)
    return ctx.ok()


# ---------------------------------------------------------------- actions/setup-python


def setup_python(ctx: StepContext) -> tuple[bool, str]:
    """actions/setup-python v5: the requested version from the tool cache, on PATH first
    (GITHUB_PATH), pythonLocation & co. exported. The image has one Python, the test's."""
    version = ctx.input("python-version")
    have = f"{sys.version_info.major}.{sys.version_info.minor}.{sys.version_info.micro}"
    if version and not (have + ".").startswith(version.rstrip("x*.") + "."):
        return ctx.fail(
            f"The version '{version}' with architecture 'x64' was not found for Ubuntu 24.04."
        )
    location = ctx.job.tool_cache / "Python" / have / "x64"
    (location / "bin").mkdir(parents=True, exist_ok=True)
    for name in ("python", "python3", "pip"):
        link = location / "bin" / name
        if not link.exists():
            link.symlink_to(ctx.job.runner.image.bin / name)
    ctx.log(f"Successfully set up CPython ({have})")
    ctx.add_path(location / "bin")
    ctx.add_path(location)
    for var in ("pythonLocation", "Python_ROOT_DIR", "Python2_ROOT_DIR", "Python3_ROOT_DIR"):
        ctx.export(var, str(location))
    ctx.export("PKG_CONFIG_PATH", str(location / "lib" / "pkgconfig"))
    ctx.set_output("python-version", have)
    ctx.set_output("python-path", str(location / "bin" / "python"))
    ctx.set_output("cache-hit", "false")
    return ctx.ok()


# ------------------------------------------------------- actions/upload-/download-artifact


def _search(workspace: Path, text: str, hidden: bool) -> tuple[list[Path], Path | None]:
    """upload-artifact's file search: the files the patterns match (directories: all files
    under them; `!pattern` excludes) and the artifact root, the least common ancestor of the
    search paths."""
    include, exclude, roots = set(), set(), []
    for line in (t.strip() for t in text.splitlines()):
        if not line:
            continue
        negate = line.startswith("!")
        pattern = line.lstrip("!")
        matched = set()
        for hit in globlib.glob(pattern, root_dir=workspace, recursive=True, include_hidden=True):
            p = workspace / hit
            matched |= {f for f in p.rglob("*") if f.is_file()} if p.is_dir() else {p}
        (exclude if negate else include).update(matched)
        if not negate:
            literal = Path(pattern.split("*")[0].split("?")[0])
            base = workspace / literal
            roots.append(base if pattern.endswith("/") or base.is_dir() else base.parent)
    files = sorted(f for f in include - exclude if f.is_file())
    if not files:
        return [], None
    root = Path(os.path.commonpath([str(r) for r in roots])) if roots else workspace
    if not hidden:
        files = [f for f in files if not any(p.startswith(".") for p in f.relative_to(root).parts)]
    return files, root


def upload_artifact(ctx: StepContext) -> tuple[bool, str]:
    """actions/upload-artifact v4: the matched files zipped into the run's artifact store;
    `if-no-files-found` warn (default) / error / ignore; hidden files left out unless
    `include-hidden-files`; a second artifact of the same name fails unless `overwrite`.
    Outputs artifact-id, artifact-url, artifact-digest."""
    name = ctx.input("name", "artifact")
    path = ctx.input("path")
    if not path:
        return ctx.fail("Input required and not supplied: path")
    bad = set('"<>|*?\r\n\\/:') & set(name)
    if bad:
        return ctx.fail(f"The artifact name is not valid: {name}. Contains the character(s) {bad}")
    files, root = _search(ctx.workspace, path, ctx.flag("include-hidden-files", False))
    if not files:
        message = (
            f"No files were found with the provided path: {path}. No artifacts will be uploaded."
        )
        mode = ctx.input("if-no-files-found", "warn")
        if mode == "error":
            return ctx.fail(message)
        if mode == "warn":
            ctx.annotate("warning", message)
        else:
            ctx.log(message)
        return ctx.ok()
    run_id = ctx.job.run.run_id
    artifacts = ctx.github.artifacts(run_id)
    if any(a["name"] == name for a in artifacts):
        if not ctx.flag("overwrite", False):
            return ctx.fail(
                "Failed to CreateArtifact: Received non-retryable error: Failed request: (409) "
                "Conflict: an artifact with this name already exists on the workflow run"
            )
        artifacts[:] = [a for a in artifacts if a["name"] != name]
    ctx.log(f"With the provided path, there will be {len(files)} file(s) uploaded")
    members = {f.relative_to(root).as_posix(): f.read_bytes() for f in files}
    retention = int(ctx.input("retention-days", "90") or 90)
    artifact = ctx.github.add_artifact(run_id, name, members, retention)
    artifact_id, size = artifact["id"], artifact["size_in_bytes"]
    url = f"https://github.com/{ctx.github.full_name}/actions/runs/{run_id}/artifacts/{artifact_id}"
    ctx.log(
        f"Artifact {name} has been successfully uploaded! Final size is {size} bytes. "
        f"Artifact ID is {artifact_id}"
    )
    ctx.set_output("artifact-id", str(artifact_id))
    ctx.set_output("artifact-url", url)
    ctx.set_output("artifact-digest", artifact["digest"].removeprefix("sha256:"))
    return ctx.ok()


def download_artifact(ctx: StepContext) -> tuple[bool, str]:
    """actions/download-artifact v4: artifacts of this run (or of `run-id` with a
    `github-token` that may read actions) extracted into `path`; a named artifact that is
    not there fails the step."""
    run_id = ctx.job.run.run_id
    if ctx.input("run-id"):
        token = ctx.input("github-token")
        if not _allows(ctx.github.permissions(token), "actions", "read"):
            return ctx.fail(
                "Unable to download artifact(s): Resource not accessible by integration"
            )
        run_id = int(ctx.input("run-id"))
    name = ctx.input("name")
    dest = ctx.workspace / ctx.input("path", ".")
    available = ctx.github.artifacts(run_id) if str(run_id) in ctx.github.state["runs"] else []
    if name:
        chosen = [a for a in available if a["name"] == name]
        if not chosen:
            return ctx.fail(
                f"Unable to download artifact(s): Artifact not found for name: {name}\n"
                "        Please ensure that your artifact is not expired and the artifact was "
                "uploaded using a compatible version of toolkit/upload-artifact.\n"
                "        For more information, visit the GitHub Artifacts FAQ: "
                "https://github.com/actions/toolkit/blob/main/packages/artifact/docs/faq.md"
            )
        targets = [(chosen[0], dest)]
    else:
        merge = ctx.flag("merge-multiple", False)
        targets = [(a, dest if merge else dest / a["name"]) for a in available]
    for artifact, where in targets:
        where.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(artifact["zip"]) as z:
            z.extractall(where)
        ctx.log(f"Artifact download completed successfully: {artifact['name']} -> {where}")
    ctx.set_output("download-path", str(dest))
    return ctx.ok()


# ---------------------------------------------------------------- actions/github-script


def github_script(ctx: StepContext) -> tuple[bool, str]:
    """actions/github-script v7, run for real: the script as the body of an async function
    with `github` (Octokit over the fake GitHub's state), `context`, `core`, `require`, in a
    Node process with the step's environment and INPUT_* variables, as the runner starts an
    action; unhandled errors fail the step ("Unhandled error: ...")."""
    inputs = {
        "github-token": ctx.job.ctx["github"]["token"],
        "result-encoding": "json",
        **ctx.inputs,
    }
    env = dict(ctx.env)
    for name, value in inputs.items():
        env[f"INPUT_{name.replace(' ', '_').upper()}"] = value
    state = ctx.github.save()
    from tests.replay.runner import _execute

    argv = ["node", str(FAKE_OCTOKIT), str(state)]
    ok, log = _execute(argv, ctx.workspace, env, ctx.timeout, script=False)
    ctx.github.reload()
    ctx.lines.append(log)
    return ok, ctx.text()


# ------------------------------------------------- benchmark-action/github-action-benchmark


def github_action_benchmark(ctx: StepContext) -> tuple[bool, str]:
    """benchmark-action/github-action-benchmark v1.20.4's input contract: the inputs are
    validated as its config.ts does, `output-file-path` is read as its extract.ts does for
    customSmallerIsBetter/customBiggerIsBetter (a JSON array of {name, unit, value}; none:
    "No benchmark result was found"), the commit comes from the payload (head_commit, a pull
    request's head) or the API with the token; with `auto-push` the entry is appended to
    gh-pages (here: the fake's trend store), which needs `contents: write`. An entry without
    a string name/unit or a numeric value is refused here too: the action would store it
    and draw a broken chart."""
    tool = ctx.input("tool")
    if tool not in ("customSmallerIsBetter", "customBiggerIsBetter"):
        raise NotImplementedError(f"github-action-benchmark tool {tool!r}")
    path = ctx.input("output-file-path")
    resolved = (ctx.workspace / path).resolve()
    if not resolved.is_file():
        why = "no such file or directory" if not resolved.exists() else "not a file"
        return ctx.fail(
            f"Invalid value for 'output-file-path' input: Error: Cannot stat '{resolved}': {why}"
        )
    if not ctx.input("gh-pages-branch", "gh-pages"):
        return ctx.fail("Branch value must not be empty for 'gh-pages-branch' input")
    name = ctx.input("name", "Benchmark")
    if not name:
        return ctx.fail("Name must not be empty")
    token = ctx.input("github-token")
    auto_push = ctx.flag("auto-push", False)
    if auto_push and not token:
        return ctx.fail(
            "'auto-push' is enabled but 'github-token' is not set. Please give API token to push "
            "GitHub pages branch to remote"
        )
    threshold = ctx.input("alert-threshold", "200%")
    if not threshold.endswith("%"):
        return ctx.fail(
            "'alert-threshold' input must ends with '%' for percentage value (e.g. '200%')"
        )
    output = resolved.read_text()
    what = (
        "Output file for 'custom-(bigger|smaller)-is-better' must be JSON file containing an "
        "array of entries in BenchmarkResult format"
    )
    try:
        benches = json.loads(output)
    except ValueError as exc:
        return ctx.fail(f"{what}: {exc}")
    if not isinstance(benches, list):
        return ctx.fail(f"{what}: json.map is not a function")
    if not benches:
        return ctx.fail(
            f"No benchmark result was found in {resolved}. Benchmark output was '{output}'"
        )
    for i, b in enumerate(benches):
        if not (
            isinstance(b, dict)
            and isinstance(b.get("name"), str)
            and isinstance(b.get("unit"), str)
            and isinstance(b.get("value"), int | float)
            and not isinstance(b.get("value"), bool)
        ):
            return ctx.fail(
                f"{what}: entry {i} is not {{name: string, unit: string, value: number}}"
            )
    payload = ctx.job.run.payload
    if payload.get("head_commit"):
        commit = payload["head_commit"]
    elif payload.get("pull_request"):
        commit = {"id": payload["pull_request"]["head"]["sha"]}
    elif not token:
        return ctx.fail(
            f"No commit information is found in payload: {json.dumps(payload, indent=2)}. Also, "
            "no 'github-token' provided, could not fallback to GitHub API Request."
        )
    elif not _allows(ctx.github.permissions(token), "contents", "read"):
        return ctx.fail("HttpError: Resource not accessible by integration")
    else:
        sha = ctx.job.ctx["github"]["sha"]  # repos.getCommit of github.ref
        commit = {"id": sha, "url": f"https://github.com/{ctx.github.full_name}/commit/{sha}"}
    if auto_push:
        try:
            ctx.git("rev-parse", "--git-dir")
        except RuntimeError as exc:
            return ctx.fail(f"{exc}")
        branch = ctx.input("gh-pages-branch", "gh-pages")
        if not git("ls-remote", "--heads", str(ctx.github.remote), branch, cwd=ctx.github.remote):
            return ctx.fail(f"fatal: couldn't find remote ref {branch}")
        if not _allows(ctx.github.permissions(token), "contents", "write"):
            return ctx.fail(
                f"remote: Permission to {ctx.github.full_name}.git denied to github-actions[bot].\n"
                "fatal: unable to access: The requested URL returned error: 403"
            )
        data_dir = ctx.input("benchmark-data-dir-path", "dev/bench")
        # write.ts: the stored data gains this run's entry, and is committed to gh-pages
        data = ctx.github.benchmark_data(data_dir, branch) or {"entries": {}}
        data["lastUpdate"] = int(time.time() * 1000)
        data["repoUrl"] = f"https://github.com/{ctx.github.full_name}"
        entry = {"commit": commit, "date": data["lastUpdate"], "tool": tool, "benches": benches}
        data.setdefault("entries", {}).setdefault(name, []).append(entry)
        ctx.github.write_benchmark_data(
            data_dir, data, f"add {name} ({tool}) benchmark result for {commit['id']}", branch
        )
        ctx.log(f"Pushed {len(benches)} benchmark results to {branch}:{data_dir}/data.js ({name})")
    return ctx.ok()


CONTRACTS = {
    "actions/checkout": checkout,
    "actions/setup-python": setup_python,
    "actions/upload-artifact": upload_artifact,
    "actions/download-artifact": download_artifact,
    "actions/github-script": github_script,
    "benchmark-action/github-action-benchmark": github_action_benchmark,
}
