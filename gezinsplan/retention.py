"""The gezinsplan's part of purging a case (docs/domain.md, "Retention"; docs/security.md
target 19): the plan with its members, goals, evaluations (per goal too), signatures, signed
renderings and sealed PDFs, and the history of each."""

from collections import Counter

from cases.models import Case
from gezinsplan.models import (
    ArchivedPlan,
    Gezinsplan,
    GoalEvaluation,
    PlanEvaluation,
    PlanGoal,
    PlanMember,
    Signature,
    SignedRendering,
)
from knooppunt.purge import ids_of, purge_rows

# Signatures, their renderings and sealed PDFs protect their plan and evaluations; goals hold
# their members.
PLAN_PARTS = (Signature, SignedRendering, ArchivedPlan, PlanGoal, PlanEvaluation, PlanMember)


def case_plan_purge(*, case: Case) -> Counter[str]:
    """Remove what the gezinsplan app keeps about `case`; returns rows removed per table."""
    plan_ids = ids_of(Gezinsplan, case_id=case.pk)
    removed: Counter[str] = Counter()
    if not plan_ids:
        return removed
    goal_ids = ids_of(PlanGoal, plan_id__in=plan_ids)
    removed.update(purge_rows(GoalEvaluation, goal_id__in=goal_ids)[0])
    for model in PLAN_PARTS:
        removed.update(purge_rows(model, plan_id__in=plan_ids)[0])
    removed.update(purge_rows(Gezinsplan, id__in=plan_ids)[0])
    return removed
