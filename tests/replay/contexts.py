"""Expression contexts of a replayed run and their evaluation by GitHub's own evaluator.

Why not evaluate expressions here: an earlier bug hid in exactly the details a hand-written
evaluator gets wrong (an unset `vars.X` is '' and `'' || 'x'` is 'x'; a property of a
missing object is null; comparisons ignore case; a key may only use some contexts). The
expressions are evaluated by @actions/expressions, the library GitHub's own tooling uses, in
one long-lived Node process running ci/replay/eval.mjs (about a millisecond per expression).

This module builds the contexts as GitHub documents them, per event: `github` (the event
payload, ref/sha by event type, head_ref/base_ref for pull requests, the token), `runner`,
`job`, `strategy`, `matrix`, `secrets` (GITHUB_TOKEN, plus the scenario's other secrets unless
the run is for a fork's pull request), `vars` (empty unless the scenario sets them) and
`inputs`; and it says which contexts and functions each workflow key may use (GitHub's
"context availability" table): a key that uses another is an error, as on GitHub.
"""

from __future__ import annotations

import atexit
import json
import subprocess
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EVAL = ROOT / "ci" / "replay" / "eval.mjs"
NODE_MODULES = ROOT / "ci" / "replay" / "node_modules" / "@actions" / "expressions"

STATUS = ("success", "failure", "cancelled", "always")
_STEP = ["github", "needs", "strategy", "matrix", "job", "runner", "env", "vars", "steps", "inputs"]
# key → (contexts, functions), from GitHub's context availability table
AVAILABILITY: dict[str, tuple[list[str], tuple[str, ...]]] = {
    "workflow.concurrency": (["github", "inputs", "vars"], ()),
    "workflow.env": (["github", "secrets", "inputs", "vars"], ()),
    "job.if": (["github", "needs", "vars", "inputs"], STATUS),
    "job.env": (["github", "needs", "strategy", "matrix", "vars", "secrets", "inputs"], ()),
    "job.concurrency": (["github", "needs", "strategy", "matrix", "inputs", "vars"], ()),
    "job.timeout-minutes": (["github", "needs", "strategy", "matrix", "vars", "inputs"], ()),
    "job.outputs": ([*_STEP, "secrets"], ()),
    "step.if": (_STEP, (*STATUS, "hashFiles")),
    "step.env": ([*_STEP, "secrets"], ("hashFiles",)),
    "step.with": ([*_STEP, "secrets"], ("hashFiles",)),
    "step.run": ([*_STEP, "secrets"], ("hashFiles",)),
    "step.name": ([*_STEP, "secrets"], ("hashFiles",)),
    "step.working-directory": ([*_STEP, "secrets"], ("hashFiles",)),
    "step.timeout-minutes": (_STEP, ("hashFiles",)),
    "step.continue-on-error": (_STEP, ("hashFiles",)),
}
PR_EVENTS = ("pull_request", "pull_request_target")


class ExpressionError(Exception):
    """An expression GitHub would refuse or fail on (the step or job fails)."""


class Expressions:
    """The evaluator process (ci/replay/eval.mjs); thread-safe, started on first use."""

    def __init__(self) -> None:
        self._proc: subprocess.Popen | None = None
        self._lock = threading.Lock()

    def _ask(self, request: dict) -> dict:
        with self._lock:
            if self._proc is None or self._proc.poll() is not None:
                if not NODE_MODULES.exists():
                    raise RuntimeError(
                        "ci/replay/node_modules missing: run bash ci/install-replay.sh"
                    )
                self._proc = subprocess.Popen(
                    ["node", str(EVAL)],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    text=True,
                    cwd=EVAL.parent,
                )
            assert self._proc.stdin and self._proc.stdout
            self._proc.stdin.write(json.dumps(request) + "\n")
            self._proc.stdin.flush()
            line = self._proc.stdout.readline()
        if not line:
            raise RuntimeError("ci/replay/eval.mjs exited")
        answer = json.loads(line)
        if "error" in answer:
            raise ExpressionError(f"{answer['error']} (in: {request['text']!r})")
        return answer

    def _request(self, kind: str, text: str, key: str, contexts: dict, status, workspace) -> dict:
        names, functions = AVAILABILITY[key]
        return {
            "kind": kind,
            "text": text,
            "contexts": {n: contexts.get(n) for n in names},
            "functions": list(functions),
            "status": status or {"success": True, "failure": False, "cancelled": False},
            "workspace": str(workspace) if workspace else None,
        }

    def value(self, value, key: str, contexts: dict, status=None, workspace=None):
        """A workflow value: strings with `${{ }}` are evaluated (a value that is exactly one
        expression keeps its type), anything else is returned as is."""
        if not isinstance(value, str) or "${{" not in value:
            return value
        return self._ask(self._request("template", value, key, contexts, status, workspace))[
            "value"
        ]

    def string(self, value, key: str, contexts: dict, status=None, workspace=None) -> str:
        """A workflow value as the string a process sees (env, with, run)."""
        if isinstance(value, bool):
            return "true" if value else "false"
        if not isinstance(value, str):
            return "" if value is None else str(value)
        if "${{" not in value:
            return value
        return self._ask(self._request("template", value, key, contexts, status, workspace))[
            "string"
        ]

    def condition(self, text, key: str, contexts: dict, status, workspace=None) -> bool:
        """A job or step `if:` (absent: `success()`)."""
        if text is None:
            text = "success()"
        if isinstance(text, bool):
            text = "true" if text else "false"
        return bool(
            self._ask(self._request("if", str(text), key, contexts, status, workspace))["value"]
        )

    def close(self) -> None:
        if self._proc and self._proc.poll() is None:
            assert self._proc.stdin
            self._proc.stdin.close()
            self._proc.wait(timeout=10)


_shared: Expressions | None = None


def expressions() -> Expressions:
    """The session's evaluator (one Node process, closed at exit)."""
    global _shared
    if _shared is None:
        _shared = Expressions()
        atexit.register(_shared.close)
    return _shared


# ---------------------------------------------------------------------------- contexts


def github_context(
    *,
    event_name: str,
    payload: dict,
    ref: str,
    sha: str,
    repository: str,
    run_id: int,
    workflow: str,
    workflow_path: str,
    token: str,
    workspace: Path,
    event_path: Path,
    job: str,
    actor: str = "maintainer",
) -> dict:
    pr = payload.get("pull_request") if event_name in PR_EVENTS else None
    ref_type = "tag" if ref.startswith("refs/tags/") else "branch"
    if ref.startswith(("refs/heads/", "refs/tags/")):
        ref_name = ref.split("/", 2)[2]
    else:  # refs/pull/7/merge → "7/merge", as GitHub shows it
        ref_name = ref.removeprefix("refs/pull/")
    owner = repository.split("/")[0]
    return {
        "action": "",
        "action_path": "",
        "action_ref": "",
        "action_repository": "",
        "actor": actor,
        "actor_id": "41000003",
        "api_url": "https://api.github.com",
        "base_ref": pr["base"]["ref"] if pr else "",
        "env": "",
        "event": payload,
        "event_name": event_name,
        "event_path": str(event_path),
        "graphql_url": "https://api.github.com/graphql",
        "head_ref": pr["head"]["ref"] if pr else "",
        "job": job,
        "path": "",
        "ref": ref,
        "ref_name": ref_name,
        "ref_protected": ref == "refs/heads/main",
        "ref_type": ref_type,
        "repository": repository,
        "repository_id": "812345678",
        "repository_owner": owner,
        "repository_owner_id": "170000001",
        "repositoryUrl": f"git://github.com/{repository}.git",
        "retention_days": "90",
        "run_attempt": "1",
        "run_id": str(run_id),
        "run_number": "41",
        "secret_source": "Actions",
        "server_url": "https://github.com",
        "sha": sha,
        "token": token,
        "triggering_actor": actor,
        "workflow": workflow,
        "workflow_ref": f"{repository}/{workflow_path}@{ref}",
        "workflow_sha": sha,
        "workspace": str(workspace),
    }


def is_fork_pull_request(event_name: str, payload: dict) -> bool:
    if event_name != "pull_request":
        return False
    pr = payload.get("pull_request") or {}
    head = (pr.get("head") or {}).get("repo") or {}
    base = (pr.get("base") or {}).get("repo") or {}
    return head.get("full_name") != base.get("full_name")


def secrets_context(token: str, secrets: dict[str, str], fork_pr: bool) -> dict:
    """GITHUB_TOKEN always (read-only for a fork's PR); other secrets are not passed to
    workflows triggered by a fork's pull request."""
    return {"GITHUB_TOKEN": token, **({} if fork_pr else secrets)}


def runner_context(temp: Path, tool_cache: Path) -> dict:
    return {
        "name": "GitHub Actions 1000000001",
        "os": "Linux",
        "arch": "X64",
        "temp": str(temp),
        "tool_cache": str(tool_cache),
        "debug": "",
        "environment": "github-hosted",
    }


def job_context(job: dict, status: str) -> dict:
    services = {}
    for name, spec in (job.get("services") or {}).items():
        ports = {}
        for p in (spec or {}).get("ports") or []:
            host, _, container = str(p).rpartition(":")
            ports[container or host] = host or container
        services[name] = {
            "id": f"replay-{name}",
            "network": "github_network_replay",
            "ports": ports,
        }
    return {"status": status, "services": services, "container": {"id": "", "network": ""}}


def inputs_context(workflow_on: dict, event_name: str, payload: dict) -> dict:
    """workflow_dispatch inputs, typed by their declaration (boolean, number, string), with
    the declared defaults; {} for other events."""
    if event_name != "workflow_dispatch":
        return {}
    declared = ((workflow_on or {}).get("workflow_dispatch") or {}).get("inputs") or {}
    given = payload.get("inputs") or {}
    out = {}
    for name, spec in declared.items():
        spec = spec or {}
        raw = given.get(name, spec.get("default", ""))
        kind = spec.get("type", "string")
        if kind == "boolean":
            out[name] = raw if isinstance(raw, bool) else str(raw).lower() == "true"
        elif kind == "number":
            out[name] = float(raw) if raw not in ("", None) else None
        else:
            out[name] = "" if raw is None else str(raw)
        if spec.get("required") and out[name] in ("", None):
            raise ExpressionError(f"input {name!r} is required")
    return out
