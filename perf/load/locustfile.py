"""The locustfile `perfci load` runs: the users of every area and the scenario's shape.

Which users run (and their weights) and the shape come from the plan (PERFCI_LOAD_PLAN); the
user classes are also named on Locust's command line, so only those are spawned.
"""

from __future__ import annotations

from perf.load import shapes
from perf.load.common import PLAN
from perf.load.users_consolidation import ConsolidationRunUser, ConsolidationUser, DryRunUser
from perf.load.users_phase12 import Phase12User
from perf.load.users_reflection import AnalyzeUser, ReflectionUser

USERS = {
    cls.__name__: cls
    for cls in (
        Phase12User,
        AnalyzeUser,
        ReflectionUser,
        ConsolidationUser,
        ConsolidationRunUser,
        DryRunUser,
    )
}
for _name, _weight in PLAN["user_classes"].items():
    USERS[_name].weight = _weight

# Exactly one shape class in this module's namespace: the scenario's.
ScenarioShape = shapes.locust_shape_class(PLAN["shape"]["kind"], PLAN["shape"]["params"])
