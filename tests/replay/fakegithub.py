"""The GitHub side of a workflow replay: repository, pull requests, runs, artifacts, comments.

Why a fake and not mocks per test: the workflows talk to GitHub in several ways (a checkout of
refs/pull/N/merge, artifacts passed from one workflow run to another, the REST API from
github-script, a push to gh-pages), and a bug can sit between two of them, e.g. a PR comment
artifact naming a PR whose head has moved. One state that every contract reads and writes
lets a test replay perf-pr, then perf-comment on that run, then a second push, and look at
the PR's comments at the end.

- The repository is a real git repository (`remote`), so that actions/checkout's contract
  fetches real commits at the depth the workflow asks for. Pull requests live in it as GitHub
  keeps them: refs/pull/N/head, and refs/pull/N/merge, the test merge of the head into the
  base branch's tip *at the time the merge is computed* (`merge_ref`). That is HEAD of a
  pull_request run; its first parent is the exact base, which `pull_request.base.sha` in the
  payload is not once the base branch has moved.
- Everything the REST API shows is the JSON `state` (saved to `state_path` so that
  fake_octokit.mjs can read and change it): pull requests, issue comments, workflow runs and
  their artifacts, the gh-pages trend data, and the tokens with their permissions. The
  repository is private, so every API call needs its permission scope, as on GitHub.
- Event payloads start from the fixtures in tests/data/replay/events/ (the shape of GitHub's
  webhook payloads) with the commits, numbers and ids of this fake filled in.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import itertools
import json
import os
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EVENTS = ROOT / "tests" / "data" / "replay" / "events"
# The project in the workspace: what perfci reads (its config, which names the service's
# files, the noise floors and baseline, also from the base commit's tree) and what
# perf-comment runs (ci/check-pr-artifact.py). Tests, docs and measurements stay out; .ci/run
# is a stub (ci.yml's replay must not run the test suite inside the test suite).
SEED_EXCLUDE = ("tests/", "docs/", "examples/", "dashboards/", "reports/eval/", ".ci/", ".github/")
_IDS = itertools.count(9_100_000_001)
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Maintainer",
    "GIT_AUTHOR_EMAIL": "maintainer@example.org",
    "GIT_COMMITTER_NAME": "GitHub",
    "GIT_COMMITTER_EMAIL": "noreply@github.com",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}


# github-action-benchmark's src/write.ts: `const SCRIPT_PREFIX = 'window.BENCHMARK_DATA = '`
BENCHMARK_DATA_PREFIX = "window.BENCHMARK_DATA = "


def git(
    *args: str, cwd: Path, check: bool = True, env: dict | None = None, input: bytes | None = None
) -> str:
    """Run git with a fixed identity and no user or system configuration."""
    r = subprocess.run(
        ["git", *args],
        cwd=cwd,
        env={**os.environ, **GIT_IDENTITY, **(env or {})},
        input=input,
        capture_output=True,
    )
    if check and r.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)}: {r.stderr.decode(errors='replace').strip()}")
    return r.stdout.decode(errors="replace").strip()


def load_event(name: str) -> dict:
    return json.loads((EVENTS / f"{name}.json").read_text())


@dataclass
class PullRequest:
    number: int
    head_ref: str
    head_sha: str
    base_ref: str
    base_sha: str  # the base tip when the PR was opened or last pushed (payload base.sha)
    fork: bool
    title: str
    merge_sha: str = ""  # refs/pull/N/merge, once computed


class FakeGitHub:
    """One repository on a fake GitHub; see the module docstring."""

    owner = "perfci-org"
    name = "perfci"

    def __init__(self, root: Path, workflows: Path, seed: Path = ROOT):
        self.root = root
        self.remote = root / "github" / "repository"
        self.state_path = root / "github" / "state.json"
        self.store = root / "github" / "artifacts"
        self.store.mkdir(parents=True)
        self.pulls: dict[int, PullRequest] = {}
        self.state: dict = {
            "repository": {
                "owner": self.owner,
                "name": self.name,
                "full_name": self.full_name,
                "default_branch": "main",
                "private": True,
            },
            "pulls": {},
            "comments": {},
            "runs": {},
            "tokens": {},
            "api_calls": [],
        }
        self._init_repository(workflows, seed)

    @property
    def full_name(self) -> str:
        return f"{self.owner}/{self.name}"

    def next_id(self) -> int:
        """Run, artifact and comment ids, unique in the process (the runner image's command
        log is shared by every fake GitHub of a test session, keyed by run id)."""
        return next(_IDS)

    # ------------------------------------------------------------------------- repository

    def _init_repository(self, workflows: Path, seed: Path) -> None:
        self.remote.mkdir(parents=True)
        git("init", "-q", "--bare", "-b", "main", cwd=self.remote)
        # GitHub serves any reachable commit by SHA (actions/checkout fetches the SHA)
        git("config", "uploadpack.allowAnySHA1InWant", "true", cwd=self.remote)
        listed = git(
            "ls-files", "--cached", "--others", "--exclude-standard", cwd=seed
        ).splitlines()
        snapshot = self.root / "github" / "seed"  # a copy: the tree may change meanwhile
        for rel in listed:
            if rel.startswith(SEED_EXCLUDE):
                continue
            (snapshot / rel).parent.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(FileNotFoundError, IsADirectoryError):
                shutil.copy2(seed / rel, snapshot / rel)
        files: dict[str, str | bytes | None] = {
            ".ci/run": "#!/usr/bin/env bash\n# the project's tests (not run by the replay)\n"
            'echo ".ci/run: ok"\n',
        }
        for path in sorted(workflows.glob("*.y*ml")):
            files[f".github/workflows/{path.name}"] = path.read_bytes()
        index = self.root / "github" / "index"
        index.unlink(missing_ok=True)
        git(
            f"--work-tree={snapshot}",
            "add",
            "-A",
            cwd=self.remote,
            env={"GIT_INDEX_FILE": str(index)},
        )
        shutil.rmtree(snapshot)
        self.commit("main", files, "the project")
        self.commit("gh-pages", {"index.html": "<!doctype html>\n"}, "gh-pages")

    def sha(self, ref: str) -> str:
        return git("rev-parse", "--verify", "-q", f"{ref}^{{commit}}", cwd=self.remote)

    def show(self, sha: str, path: str) -> str:
        return git("show", f"{sha}:{path}", cwd=self.remote)

    def tree(self, sha: str) -> str:
        return git("rev-parse", f"{sha}^{{tree}}", cwd=self.remote)

    def commit(self, branch: str, files: dict[str, str | bytes | None], message: str) -> str:
        """A commit on `branch` (a branch name or a full ref; a new one starts from nothing)
        that writes (None: deletes) `files`; returns its SHA. Plumbing only: the remote is
        bare, as on a git host."""
        ref = branch if branch.startswith("refs/") else f"refs/heads/{branch}"
        parent = git("rev-parse", "--verify", "-q", ref, cwd=self.remote, check=False)
        index = self.root / "github" / "index"
        env = {"GIT_INDEX_FILE": str(index)}
        if parent:
            git("read-tree", parent, cwd=self.remote, env=env)
        elif not index.exists():
            git("read-tree", "--empty", cwd=self.remote, env=env)
        for rel, content in files.items():
            if content is None:
                git("update-index", "--force-remove", rel, cwd=self.remote, env=env)
                continue
            data = content.encode() if isinstance(content, str) else content
            blob = git("hash-object", "-w", "--stdin", cwd=self.remote, input=data)
            mode = "100755" if rel.startswith(".ci/") else "100644"
            git(
                "update-index",
                "--add",
                "--cacheinfo",
                f"{mode},{blob},{rel}",
                cwd=self.remote,
                env=env,
            )
        tree = git("write-tree", cwd=self.remote, env=env)
        parents = ["-p", parent] if parent else []
        sha = git("commit-tree", tree, *parents, "-m", message, cwd=self.remote)
        git("update-ref", ref, sha, cwd=self.remote)
        index.unlink()
        return sha

    def push_main(self, files: dict[str, str | bytes | None], message: str) -> str:
        return self.commit("main", files, message)

    # ---------------------------------------------------------------------- pull requests

    def open_pull_request(
        self, files: dict[str, str | bytes | None], *, fork: bool = False, title: str = "a change"
    ) -> PullRequest:
        number = 7 + len(self.pulls)
        head_ref = f"change-{number}"
        base_sha = self.sha("main")
        git("update-ref", f"refs/pull/{number}/head", base_sha, cwd=self.remote)
        head_sha = self.commit(f"refs/pull/{number}/head", files, title)
        if not fork:
            git("update-ref", f"refs/heads/{head_ref}", head_sha, cwd=self.remote)
        pr = PullRequest(number, head_ref, head_sha, "main", base_sha, fork, title)
        self.pulls[number] = pr
        self._save_pull(pr)
        return pr

    def push_to_pull_request(self, pr: PullRequest, files: dict[str, str | bytes | None]) -> str:
        """A new head commit (a `synchronize` event); the payload's base.sha becomes the base
        tip at this push."""
        pr.head_sha = self.commit(f"refs/pull/{pr.number}/head", files, f"{pr.title} (more)")
        if not pr.fork:
            git("update-ref", f"refs/heads/{pr.head_ref}", pr.head_sha, cwd=self.remote)
        pr.base_sha = self.sha(pr.base_ref)
        self._save_pull(pr)
        return pr.head_sha

    def merge_ref(self, pr: PullRequest) -> str:
        """refs/pull/N/merge as GitHub computes it: the PR head merged into the base branch's
        current tip (parents: base tip, PR head)."""
        base_tip = self.sha(pr.base_ref)
        tree = git("merge-tree", "--write-tree", base_tip, pr.head_sha, cwd=self.remote)
        message = f"Merge {pr.head_sha} into {base_tip}"
        pr.merge_sha = git(
            "commit-tree", tree.split()[0], "-p", base_tip, "-p", pr.head_sha, "-m", message,
            cwd=self.remote,
        )  # fmt: skip
        git("update-ref", f"refs/pull/{pr.number}/merge", pr.merge_sha, cwd=self.remote)
        self._save_pull(pr)
        return pr.merge_sha

    def _save_pull(self, pr: PullRequest) -> None:
        payload = load_event("pull_request.fork" if pr.fork else "pull_request")["pull_request"]
        payload = self._fill_pull(payload, pr)
        self.state["pulls"][str(pr.number)] = payload

    def _fill_pull(self, p: dict, pr: PullRequest) -> dict:
        p = copy.deepcopy(p)
        url = f"https://api.github.com/repos/{self.full_name}"
        p.update(
            number=pr.number,
            title=pr.title,
            url=f"{url}/pulls/{pr.number}",
            html_url=f"https://github.com/{self.full_name}/pull/{pr.number}",
            issue_url=f"{url}/issues/{pr.number}",
            comments_url=f"{url}/issues/{pr.number}/comments",
            statuses_url=f"{url}/statuses/{pr.head_sha}",
            merge_commit_sha=pr.merge_sha or None,
        )
        p["head"].update(ref=pr.head_ref, sha=pr.head_sha)
        p["head"]["label"] = f"{p['head']['repo']['owner']['login']}:{pr.head_ref}"
        p["base"].update(ref=pr.base_ref, sha=pr.base_sha)
        return p

    # ---------------------------------------------------------------------------- events

    def pull_request_event(self, pr: PullRequest, action: str = "synchronize") -> dict:
        e = load_event("pull_request.fork" if pr.fork else "pull_request")
        e.update(action=action, number=pr.number)
        e["pull_request"] = self._fill_pull(e["pull_request"], pr)
        if action == "synchronize":
            e.update(before=self.sha(f"{pr.head_sha}^"), after=pr.head_sha)
        else:
            for key in ("before", "after"):
                e.pop(key, None)
        return e

    def push_event(self, before: str, after: str) -> dict:
        e = load_event("push")
        message = git("log", "-1", "--format=%s", after, cwd=self.remote)
        e.update(before=before, after=after)
        e["compare"] = f"https://github.com/{self.full_name}/compare/{before[:12]}...{after[:12]}"
        for c in [e["head_commit"], *e["commits"]]:
            c.update(id=after, tree_id=self.tree(after), message=message)
            c["url"] = f"https://github.com/{self.full_name}/commit/{after}"
        return e

    def schedule_event(self) -> dict:
        return load_event("schedule")

    def workflow_dispatch_event(self, inputs: dict[str, str], ref: str = "refs/heads/main"):
        e = load_event("workflow_dispatch")
        e.update(inputs=dict(inputs), ref=ref)
        return e

    def workflow_run_event(
        self, pr: PullRequest, run_id: int, conclusion: str, workflow: str = "perf-pr.yml"
    ) -> dict:
        """`workflow_run` `completed` for a finished run (`run_id`) of the pull_request
        workflow `workflow` on `pr`."""
        e = load_event("workflow_run")
        w = e["workflow_run"]
        api = f"https://api.github.com/repos/{self.full_name}/actions/runs/{run_id}"
        w.update(
            id=run_id,
            name=self.state["runs"][str(run_id)]["name"],
            path=f".github/workflows/{workflow}",
            display_title=pr.title,
            event="pull_request",
            status="completed",
            conclusion=conclusion,
            head_sha=pr.head_sha,
            head_branch=pr.head_ref,
            url=api,
            html_url=f"https://github.com/{self.full_name}/actions/runs/{run_id}",
            jobs_url=f"{api}/jobs",
            logs_url=f"{api}/logs",
            artifacts_url=f"{api}/artifacts",
            cancel_url=f"{api}/cancel",
            rerun_url=f"{api}/rerun",
        )
        w["head_commit"].update(id=pr.head_sha, tree_id=self.tree(pr.head_sha))
        w["head_commit"]["message"] = pr.title
        if pr.fork:  # GitHub lists no pull requests for a run from a fork
            w["head_repository"] = load_event("pull_request.fork")["pull_request"]["head"]["repo"]
            w["pull_requests"] = []
        else:
            pull = self.state["pulls"][str(pr.number)]
            w["pull_requests"] = [
                {
                    "url": pull["url"],
                    "id": pull["id"],
                    "number": pr.number,
                    "head": {
                        "ref": pr.head_ref,
                        "sha": pr.head_sha,
                        "repo": _repo_stub(pull, "head"),
                    },
                    "base": {
                        "ref": pr.base_ref,
                        "sha": pr.base_sha,
                        "repo": _repo_stub(pull, "base"),
                    },
                }
            ]
        e["workflow"]["name"] = w["name"]
        e["workflow"]["path"] = w["path"]
        return e

    # ---------------------------------------------------------------------- runs, tokens

    def new_run(self, name: str, event_name: str, head_sha: str) -> int:
        run_id = self.next_id()
        self.state["runs"][str(run_id)] = {
            "name": name,
            "event": event_name,
            "head_sha": head_sha,
            "conclusion": None,
            "artifacts": [],
        }
        return run_id

    def issue_token(self, run_id: int, job: str, permissions: dict[str, str]) -> str:
        token = f"ghs_replay{run_id}{job.replace('-', '')}"
        self.state["tokens"][token] = {"run_id": run_id, "job": job, "permissions": permissions}
        return token

    def permissions(self, token: str) -> dict[str, str]:
        return self.state["tokens"].get(token, {}).get("permissions", {})

    def add_artifact(
        self, run_id: int, name: str, members: dict[str, bytes], retention_days: int = 90
    ) -> dict:
        """An artifact of run `run_id`: `members` (path → content) zipped as the artifact
        service stores it; the record is what the REST API lists."""
        artifact_id = self.next_id()
        zip_path = self.store / f"{artifact_id}.zip"
        with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as z:
            for member, data in members.items():
                z.writestr(member, data)
        record = {
            "id": artifact_id,
            "name": name,
            "size_in_bytes": zip_path.stat().st_size,
            "expired": False,
            "zip": str(zip_path),
            "digest": "sha256:" + hashlib.sha256(zip_path.read_bytes()).hexdigest(),
            "retention_days": retention_days,
            "files": sorted(members),
        }
        self.artifacts(run_id).append(record)
        return record

    def artifacts(self, run_id: int) -> list[dict]:
        return self.state["runs"][str(run_id)]["artifacts"]

    def comments(self, number: int) -> list[dict]:
        return self.state["comments"].get(str(number), [])

    def benchmark_data(self, data_dir: str, branch: str = "gh-pages") -> dict:
        """github-action-benchmark's stored history, `data_dir/data.js` on the gh-pages branch
        (`window.BENCHMARK_DATA = ` + JSON, as its write.ts writes it), or {} if none yet."""
        text = git("show", f"refs/heads/{branch}:{data_dir}/data.js", cwd=self.remote, check=False)
        if not text:
            return {}
        return json.loads(text.removeprefix(BENCHMARK_DATA_PREFIX))

    def write_benchmark_data(
        self, data_dir: str, data: dict, message: str, branch: str = "gh-pages"
    ) -> str:
        text = BENCHMARK_DATA_PREFIX + json.dumps(data, indent=2)
        return self.commit(branch, {f"{data_dir}/data.js": text}, message)

    def trend(self, data_dir: str, name: str) -> list[dict]:
        """github-action-benchmark's entries on gh-pages (data_dir/data.js, series `name`)."""
        return self.benchmark_data(data_dir).get("entries", {}).get(name, [])

    def add_comment(self, number: int, body: str, user: dict) -> dict:
        """A comment by someone else than the workflows (`user`: login and type)."""
        comment = {
            "id": self.next_id(),
            "body": body,
            "user": user,
            "html_url": f"https://github.com/{self.full_name}/pull/{number}#issuecomment",
        }
        self.state["comments"].setdefault(str(number), []).append(comment)
        return comment

    # --------------------------------------------------------------------- state file

    def save(self) -> Path:
        tmp = self.state_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.state, indent=1))
        tmp.replace(self.state_path)
        return self.state_path

    def reload(self) -> None:
        self.state = json.loads(self.state_path.read_text())


def _repo_stub(pull: dict, side: str) -> dict:
    repo = pull[side]["repo"]
    return {"id": repo["id"], "url": repo["url"], "name": repo["name"]}
