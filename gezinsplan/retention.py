"""The gezinsplan's part of purging a case (docs/domain.md, "Retention"; docs/security.md
target 19): the plan with its members, goals, evaluations, signatures and sealed PDFs, and the
history of each."""

from collections import Counter

from cases.models import Case
from gezinsplan.models import (
    ArchivedPlan,
    Gezinsplan,
    PlanEvaluation,
    PlanGoal,
    PlanMember,
    Signature,
)
from knooppunt.purge import purge_rows

# Signatures and sealed PDFs protect their plan; goals hold their members.
PLAN_PARTS = (Signature, ArchivedPlan, PlanGoal, PlanEvaluation, PlanMember)


def case_plan_purge(*, case: Case) -> Counter[str]:
    """Remove what the gezinsplan app keeps about `case`; returns rows removed per table."""
    plan_ids = set(Gezinsplan.objects.filter(case=case).values_list("pk", flat=True))
    plan_ids |= set(Gezinsplan.history.filter(case_id=case.pk).values_list("id", flat=True))
    removed: Counter[str] = Counter()
    if not plan_ids:
        return removed
    for model in PLAN_PARTS:
        removed.update(purge_rows(model, plan_id__in=plan_ids)[0])
    removed.update(purge_rows(Gezinsplan, id__in=plan_ids)[0])
    return removed
