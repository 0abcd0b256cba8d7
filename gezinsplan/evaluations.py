"""The verbs of an evaluation (docs/domain.md, "Evaluating the gezinsplan"): on one of the
plan's evaluation dates the regisseur records per goal what happened. An evaluation is a
document of its own with its own version: any change to it makes a new version that everyone
signs again, and a form opened on an older version is refused (StaleEdit)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gezinsplan.models import Gezinsplan, GoalEvaluation, PlanEvaluation, PlanGoal
from knooppunt.concurrency import lock_current
from knooppunt.history import delete_with_user, save_with_user


def _write_outcomes(evaluation: PlanEvaluation, outcomes: dict[PlanGoal, str], *, by) -> None:
    """Per goal what happened; an empty text removes that goal's outcome."""
    current = {o.goal_id: o for o in evaluation.outcomes.select_for_update()}
    for goal, text in outcomes.items():
        if goal.plan_id != evaluation.plan_id:
            raise ValidationError(_("Dit doel hoort niet bij dit gezinsplan."))
        outcome = current.get(goal.pk)
        text = text.strip()
        if not text:
            if outcome is not None:
                delete_with_user(outcome, by=by)
        elif outcome is None:
            save_with_user(GoalEvaluation(evaluation=evaluation, goal=goal, text=text), by=by)
        elif outcome.text != text:
            outcome.text = text
            save_with_user(outcome, by=by)


@transaction.atomic
def evaluation_record(
    *,
    plan: Gezinsplan,
    recorded_by,
    date: datetime.date,
    text: str = "",
    outcomes: dict[PlanGoal, str],
) -> PlanEvaluation:
    """Record the evaluation of one of the plan's evaluation dates. The plan is locked, so two
    people recording the same date at once get one evaluation and a clear message."""
    plan = Gezinsplan.objects.select_for_update().get(pk=plan.pk)
    if date.isoformat() not in plan.evaluation_dates:
        raise ValidationError(_("Kies een van de evaluatiedata van het plan."))
    evaluation = PlanEvaluation(plan=plan, date=date, text=text, recorded_by=recorded_by)
    save_with_user(evaluation, by=recorded_by)
    _write_outcomes(evaluation, outcomes, by=recorded_by)
    return evaluation


@transaction.atomic
def evaluation_update(
    *,
    evaluation: PlanEvaluation,
    changed_by,
    text: str,
    outcomes: dict[PlanGoal, str],
    expected_version: int | None = None,
) -> PlanEvaluation:
    """Change an evaluation: a new version, so earlier signatures on it no longer count."""
    current = lock_current(evaluation, expected_version=expected_version)
    current.text = text
    current.version += 1
    save_with_user(current, by=changed_by, update_fields=["text", "version"])
    _write_outcomes(current, outcomes, by=changed_by)
    return current
