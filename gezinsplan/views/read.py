"""The gezinsplan for professionals: reading it, who still has to sign the plan and each
evaluation, its PDF. For whoever may write it, the same page is the drafting screen: each
section has its own change link."""

from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from cases import audit
from cases.access import actor_for
from gezinsplan.access import plan_access_for
from gezinsplan.models import Gezinsplan, PlanEvaluation
from gezinsplan.rendering import current_rendering, last_sealed, pdf_to_download
from gezinsplan.services import signatures_for, still_to_sign


def evaluations_with_signing(plan: Gezinsplan) -> list[dict]:
    """Each evaluation with its rendering, its signatures, who still has to sign it and its
    last sealed PDF."""
    return [
        {
            "evaluation": evaluation,
            "content": current_rendering(plan, evaluation),
            "signatures": list(signatures_for(plan, evaluation=evaluation).values()),
            "to_sign": still_to_sign(plan, evaluation=evaluation),
            "archived": last_sealed(plan, evaluation),
        }
        for evaluation in plan.evaluations.prefetch_related("outcomes")
    ]


@require_GET
def plan_detail(request: HttpRequest, case_uuid: UUID) -> HttpResponse:
    access = plan_access_for(actor_for(request), case_uuid)
    case = access.case_access.case
    plan = access.plan
    context = {
        "case": case,
        "plan": plan,
        "may_edit": access.may_edit,
        "may_start": access.may_start,
    }
    if plan is not None:
        audit.content_viewed(access.case_access, "gezinsplan")
        context |= {
            "content": current_rendering(plan),
            "signatures": list(signatures_for(plan).values()),
            "to_sign": still_to_sign(plan),
            "archived": last_sealed(plan),
            "members": list(plan.members.all()),
            "goals": list(plan.goals.all()),
            "evaluations": evaluations_with_signing(plan),
            "open_evaluation_dates": sorted(
                set(plan.evaluation_dates) - {e.date.isoformat() for e in plan.evaluations.all()}
            ),
        }
    return render(request, "gezinsplan/plan_detail.html", context)


@require_GET
def plan_pdf(
    request: HttpRequest, case_uuid: UUID, evaluation_uuid: UUID | None = None
) -> HttpResponse:
    """The sealed PDF of the last fully signed version of the plan, or of one of its
    evaluations; else the current version unsigned."""
    access = plan_access_for(actor_for(request), case_uuid)
    plan = access.plan
    if plan is None:
        raise Http404
    evaluation = None
    if evaluation_uuid is not None:
        evaluation = get_object_or_404(PlanEvaluation, plan=plan, uuid=evaluation_uuid)
    pdf = pdf_to_download(plan, evaluation)
    if evaluation is None:
        audit.content_printed(access.case_access, "gezinsplan (pdf)")
        filename = "gezinsplan.pdf"
    else:
        audit.content_printed(access.case_access, "gezinsplan: evaluatie (pdf)")
        filename = f"evaluatie-gezinsplan-{evaluation.date.isoformat()}.pdf"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
