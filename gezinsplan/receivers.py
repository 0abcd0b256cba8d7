"""How the gezinsplan app hooks into the lower apps: its part of purging a case."""

from cases.signals import case_purging
from gezinsplan.retention import case_plan_purge


def purge_case(sender, *, case, **kwargs):
    return case_plan_purge(case=case)


def register() -> None:
    case_purging.connect(purge_case, dispatch_uid="gezinsplan_purge_case")
