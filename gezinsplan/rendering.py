"""The exact rendering of a version of the plan (or of an evaluation) that a signature's
SHA-256 covers, and its PDF.

The content is rendered by `gezinsplan/plan_content.html` (or `evaluation_content.html`), in the
format's order, with nothing time-dependent in it. At the first signature of a version that
rendering is kept (`SignedRendering`): the other signers read and sign that same text, and the
sealed PDF carries it with the signatures, so a later change to the templates never makes a
signature disagree with what was signed (docs/domain.md, "Signing the gezinsplan")."""

import hashlib

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from gezinsplan.constants import ResultArea
from gezinsplan.models import ArchivedPlan, Gezinsplan, PlanEvaluation, SignedRendering


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


def evaluation_context(evaluation: PlanEvaluation) -> dict:
    outcomes = {o.goal_id: o.text for o in evaluation.outcomes.all()}
    goals = list(evaluation.plan.goals.all())
    return {
        "evaluation": evaluation,
        "rows": [{"goal": g, "outcome": outcomes.get(g.pk, "")} for g in goals],
    }


def fresh_rendering(plan: Gezinsplan, evaluation: PlanEvaluation | None = None) -> str:
    """The current version rendered by today's template."""
    if evaluation is not None:
        return render_to_string(
            "gezinsplan/evaluation_content.html", evaluation_context(evaluation)
        )
    return render_to_string("gezinsplan/plan_content.html", plan_context(plan))


def sha256_of(content: str) -> str:
    return hashlib.sha256(content.encode()).hexdigest()


def kept_rendering(
    plan: Gezinsplan, evaluation: PlanEvaluation | None = None
) -> SignedRendering | None:
    """The rendering the current version's signatures cover, once someone signed it."""
    document = evaluation or plan
    return SignedRendering.objects.filter(
        plan=plan, evaluation=evaluation, version=document.version
    ).first()


def signed_text(rendering: SignedRendering) -> SafeString:
    # Kept as our own template rendered it, escaped there; shown again as it was signed.
    return mark_safe(rendering.content)  # noqa: S308


def current_rendering(plan: Gezinsplan, evaluation: PlanEvaluation | None = None) -> str:
    """What a reader sees of the current version: exactly what was signed once someone
    signed it, else the fresh rendering."""
    kept = kept_rendering(plan, evaluation)
    return signed_text(kept) if kept is not None else fresh_rendering(plan, evaluation)


def render_plan_pdf(
    plan: Gezinsplan,
    *,
    evaluation: PlanEvaluation | None = None,
    rendering: SignedRendering | None = None,
    signatures=(),
) -> bytes:
    """The PDF of the plan (or an evaluation): its kept rendering with the signatures and the
    hash they carry; without a rendering (a draft) the current rendering, unsigned."""
    from knooppunt.pdf import render_pdf

    context = {
        "plan": plan,
        "evaluation": evaluation,
        "pupil": plan.case.pupil,
        "content": signed_text(rendering) if rendering else current_rendering(plan, evaluation),
        "signatures": signatures,
        "sha256": rendering.sha256 if rendering else "",
    }
    template = "pdf/gezinsplan_evaluation.html" if evaluation else "pdf/gezinsplan.html"
    return render_pdf(template, context)


def last_sealed(plan: Gezinsplan, evaluation: PlanEvaluation | None = None) -> ArchivedPlan | None:
    """The sealed PDF of the last fully signed version of the plan, or of an evaluation."""
    archived = ArchivedPlan.objects.filter(plan=plan, evaluation=evaluation)
    return archived.order_by("-version").first()


def pdf_to_download(plan: Gezinsplan, evaluation: PlanEvaluation | None = None) -> bytes:
    """The sealed PDF of the last fully signed version, else the current version unsigned."""
    sealed = last_sealed(plan, evaluation)
    return bytes(sealed.pdf) if sealed else render_plan_pdf(plan, evaluation=evaluation)
