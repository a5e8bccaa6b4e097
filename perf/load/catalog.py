"""The Locust user classes a scenario can name: the service's own, in the modules `[load] users`
lists (importable from the service root), and perf's generic `EndpointUser`.

perf never imports the service: the users are looked up by name, like Locust takes them from a
locustfile. Importing Locust monkey-patches the standard library (gevent), so perfci's own
process never imports a user module: the Locust processes resolve the names
(`find_user_classes`, in perf/load/locustfile.py), and before the stack starts a short
subprocess (`python -m perf.load.catalog`) lists what the modules define, so that a misspelt
class is a usage error naming the scenario (exit 2), not a Locust failure after the stack's
start-up.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from perf.errors import EnvironmentFailure, UsageError
from perf.load.matrix import GENERIC_USER, LoadConfig, Scenario

PERF_ROOT = Path(__file__).resolve().parents[2]  # where `perf` is importable from


def python_path(service_root: Path | None) -> str:
    """PYTHONPATH of the Locust processes: perf, the service root (its user modules), and
    whatever the caller had."""
    parts = [str(PERF_ROOT), str(service_root) if service_root else None]
    parts.append(os.environ.get("PYTHONPATH"))
    return os.pathsep.join(p for p in parts if p)


def find_user_classes(modules: list[str], root: str | None = None) -> dict[str, type]:
    """Class name → runnable (non-abstract) Locust user class of `modules`, plus the generic
    user. Imports Locust: call it in a Locust process only."""
    import importlib
    import inspect

    from locust import User

    from perf.load.endpoint_user import EndpointUser

    if root and root not in sys.path:
        sys.path.insert(0, root)
    found: dict[str, type] = {GENERIC_USER: EndpointUser}
    for name in modules:
        module = importlib.import_module(name)
        for attr, obj in vars(module).items():
            if not (inspect.isclass(obj) and issubclass(obj, User)) or obj.abstract:
                continue
            if attr in found and found[attr] is not obj:
                raise ValueError(
                    f"user class {attr!r} is defined twice: in {found[attr].__module__} and "
                    f"{obj.__module__}"
                )
            found[attr] = obj
    return found


def list_user_classes(modules: tuple[str, ...], root: Path | None) -> dict[str, str]:
    """Class name → module, from a subprocess that imports the user modules."""
    if not modules:
        return {GENERIC_USER: "perf.load.endpoint_user"}
    with tempfile.TemporaryDirectory(prefix="perfci-users-") as tmp:
        # the base user reads its settings from a plan at import: a minimal one
        plan = Path(tmp) / "plan.json"
        plan.write_text(json.dumps(_LISTING_PLAN | {"samples_dir": tmp}))
        env = {**os.environ, "PERFCI_LOAD_PLAN": str(plan), "PYTHONPATH": python_path(root)}
        cmd = [sys.executable, "-m", "perf.load.catalog", str(root or ""), *modules]
        try:
            r = subprocess.run(cmd, env=env, cwd=tmp, capture_output=True, text=True, timeout=120)
        except subprocess.TimeoutExpired:
            raise EnvironmentFailure(f"importing the user modules {', '.join(modules)} took "
                                     "more than 120 s") from None  # fmt: skip
    lines = r.stdout.strip().splitlines()
    answer = json.loads(lines[-1]) if r.returncode in (0, 2) and lines else None
    if answer is None:
        tail = "\n".join(r.stderr.splitlines()[-15:])
        raise EnvironmentFailure(f"listing the user classes failed (exit {r.returncode}):\n{tail}")
    if "error" in answer:
        raise UsageError(answer["error"])
    return answer["classes"]


def check_user_classes(lc: LoadConfig, scenarios: list[Scenario], root: Path | None) -> None:
    """Every class the scenarios name exists: a usage error naming the scenario otherwise."""
    named = {c for s in scenarios for c in s.user_classes}
    if named <= {GENERIC_USER}:
        return
    try:
        known = list_user_classes(lc.settings.users, root)
    except UsageError as exc:
        raise UsageError(f"{lc.path}: load.users: {exc}") from None
    for s in scenarios:
        for name in s.user_classes:
            if name not in known:
                row = s.matrix_row
                where = f"load.matrix {row!r}" if row else f"load.scenarios {s.name!r}"
                source = (
                    f"the modules of load.users ({', '.join(lc.settings.users)})"
                    if lc.settings.users
                    else "load.users (empty: give the modules that define your users)"
                )
                raise UsageError(
                    f"{lc.path}: {where}.user_classes: unknown user class "
                    f"{name!r}; {source} and perf define: {', '.join(sorted(known))}"
                )


_LISTING_PLAN = {
    "data": {},
    "requests": {},
    "endpoints": [],
    "api_keys": ["-"],
    "wait": [1.0, 1.0],
    "network_timeout": 60.0,
    "seed": 0,
    "auth": {"kind": "none"},
}


def _main(argv: list[str]) -> int:
    """`python -m perf.load.catalog ROOT MODULE...`: prints {"classes": {name: module}}, or
    {"error": ...} with exit 2 when a module cannot be imported."""
    root, modules = argv[0] or None, argv[1:]
    try:
        classes = find_user_classes(modules, root)
    except ImportError as exc:
        print(json.dumps({"error": f"cannot import {exc.name or modules}: {exc}"}))
        return 2
    except Exception as exc:  # a user module that fails at import: the service's code
        print(json.dumps({"error": f"importing {', '.join(modules)}: {type(exc).__name__}: {exc}"}))
        return 2
    print(json.dumps({"classes": {k: v.__module__ for k, v in classes.items()}}))
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
