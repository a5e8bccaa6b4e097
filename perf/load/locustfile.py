"""The locustfile `perfci load` runs: the scenario's users, found by name, and its shape.

The plan (PERFCI_LOAD_PLAN) names the user modules of the service (`[load] users`, imported
from the service root), the classes the scenario runs with their weights, and the shape. The
classes are looked up in those modules and perf's generic EndpointUser (perf.load.catalog) and
placed in this module's namespace, where Locust finds users; they are also named on Locust's
command line, so only those are spawned.
"""

from __future__ import annotations

from perf.load import shapes
from perf.load.catalog import find_user_classes
from perf.load.common import PLAN

_found = find_user_classes(PLAN.get("user_modules", []), PLAN.get("service_root"))
_missing = sorted(set(PLAN["user_classes"]) - set(_found))
if _missing:
    raise RuntimeError(
        f"user class(es) {', '.join(_missing)} not found in {PLAN.get('user_modules') or '[]'} "
        f"(known: {', '.join(sorted(_found))})"
    )
for _name, _weight in PLAN["user_classes"].items():
    _found[_name].weight = _weight
    globals()[_name] = _found[_name]

# Exactly one shape class in this module's namespace: the scenario's.
ScenarioShape = shapes.locust_shape_class(PLAN["shape"]["kind"], PLAN["shape"]["params"])
