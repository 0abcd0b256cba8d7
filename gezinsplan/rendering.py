"""The exact rendering of a plan version that a signature's SHA-256 covers, and its PDF.

The hash covers the plan's content as rendered by `gezinsplan/plan_content.html`, in the
format's order; nothing time-dependent enters it, so rendering the same version again gives
the same hash. The PDF carries that same content, then the signatures with that hash."""

import hashlib

from django.template.loader import render_to_string

from gezinsplan.constants import ResultArea
from gezinsplan.models import Gezinsplan, PlanEvaluation


def plan_context(plan: Gezinsplan) -> dict:
    members = list(plan.members.all())
    goals = list(plan.goals.prefetch_related("members"))
    matrix = []
    for area in ResultArea:
        rows = [
            {"goal": g, "ticks": [m in g.members.all() for m in members]}
            for g in goals
            if g.area == area
        ]
        matrix.append({"area": area.label, "rows": rows})
    case = plan.case
    return {
        "plan": plan,
        "school": case.school,
        "pupil": case.pupil,
        "regisseur": plan.regisseur,
        "members": members,
        "matrix": matrix,
        "smart_goals": goals,
    }


def render_content(plan: Gezinsplan) -> str:
    return render_to_string("gezinsplan/plan_content.html", plan_context(plan))


def content_sha256(plan: Gezinsplan) -> str:
    return hashlib.sha256(render_content(plan).encode()).hexdigest()


def render_plan_pdf(plan: Gezinsplan, *, signatures=(), sha256: str = "") -> bytes:
    from knooppunt.pdf import render_pdf

    context = plan_context(plan) | {
        "content": render_content(plan),
        "signatures": signatures,
        "sha256": sha256,
    }
    return render_pdf("pdf/gezinsplan.html", context)


def evaluation_context(evaluation: PlanEvaluation) -> dict:
    outcomes = {o.goal_id: o.text for o in evaluation.outcomes.all()}
    goals = list(evaluation.plan.goals.all())
    return {
        "evaluation": evaluation,
        "rows": [{"goal": g, "outcome": outcomes.get(g.pk, "")} for g in goals],
    }


def render_evaluation(evaluation: PlanEvaluation) -> str:
    """The exact rendering of an evaluation version that its signatures' SHA-256 covers."""
    return render_to_string("gezinsplan/evaluation_content.html", evaluation_context(evaluation))


def evaluation_sha256(evaluation: PlanEvaluation) -> str:
    return hashlib.sha256(render_evaluation(evaluation).encode()).hexdigest()
