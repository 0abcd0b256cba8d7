"""The gezinsplan in the portal: reading it and its evaluations, signing either after a fresh
e-mailed code. An evaluation is signed through the same views as the plan (docs/domain.md,
"Evaluating the gezinsplan")."""

from uuid import UUID

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cases.access import actor_for
from gezinsplan import services as plan_services
from gezinsplan.models import Gezinsplan, PlanEvaluation
from gezinsplan.rendering import current_rendering, pdf_to_download
from gezinsplan.rules import required_signers
from gezinsplan.services import PlanChanged, signatures_for, still_to_sign
from knooppunt.client_ip import client_ip
from knooppunt.forms import UtrechtFormMixin
from portal import services
from portal.views.common import parent_view


def _plan(access) -> Gezinsplan:
    plan = Gezinsplan.objects.filter(case=access.case).first() if access.case else None
    if plan is None:
        raise Http404
    return plan


def _my_key(access) -> str:
    return "leerling" if access.is_pupil else str(access.guardian.uuid)


def _evaluation(plan: Gezinsplan, evaluation_uuid: UUID | None) -> PlanEvaluation | None:
    if evaluation_uuid is None:
        return None
    evaluation = PlanEvaluation.objects.filter(plan=plan, uuid=evaluation_uuid).first()
    if evaluation is None:
        raise Http404
    return evaluation


def _subject(document: Gezinsplan | PlanEvaluation, version: int) -> str:
    """What a code is for: one version of the plan, or of one evaluation."""
    kind = "evaluatie" if isinstance(document, PlanEvaluation) else "gezinsplan"
    return f"{kind}:{document.uuid}:{version}"


def _sign_urls(pupil_uuid: UUID, evaluation: PlanEvaluation | None) -> tuple[str, str]:
    if evaluation is None:
        return (
            reverse("portal:plan_code", args=[pupil_uuid]),
            reverse("portal:plan_sign", args=[pupil_uuid]),
        )
    args = [pupil_uuid, evaluation.uuid]
    return reverse("portal:evaluation_code", args=args), reverse(
        "portal:evaluation_sign", args=args
    )


@parent_view
@require_GET
def plan(request: HttpRequest, pupil_uuid: UUID) -> HttpResponse:
    access = child_access_for_request(request, pupil_uuid)
    access.require_read("gezinsplan")
    plan = Gezinsplan.objects.filter(case=access.case).first() if access.case else None
    context = {"child": access, "tab": "gezinsplan", "plan": plan}
    if plan is not None:
        access.log_view("gezinsplan (ouderportaal)")
        signers = required_signers(access.pupil, access.day)
        signed = signatures_for(plan)
        context |= {
            "content": current_rendering(plan),
            "signatures": list(signed.values()),
            "to_sign": still_to_sign(plan),
            "i_sign": access.may_decide and any(s.key == _my_key(access) for s in signers),
            "i_signed": _my_key(access) in signed,
            "evaluations": [
                {
                    "evaluation": e,
                    "content": current_rendering(plan, e),
                    "to_sign": still_to_sign(plan, evaluation=e),
                    "i_signed": _my_key(access) in signatures_for(plan, evaluation=e),
                }
                for e in plan.evaluations.prefetch_related("outcomes")
            ],
        }
    return render(request, "portal/plan.html", context)


def child_access_for_request(request, pupil_uuid):
    from portal.access import child_access_for

    return child_access_for(actor_for(request), pupil_uuid)


@require_POST
@parent_view
def plan_code(
    request: HttpRequest, pupil_uuid: UUID, evaluation_uuid: UUID | None = None
) -> HttpResponse:
    access = child_access_for_request(request, pupil_uuid)
    access.require_decide("gezinsplan ondertekenen")
    plan = _plan(access)
    evaluation = _evaluation(plan, evaluation_uuid)
    document = evaluation or plan
    services.sign_code_send(user=request.user, subject=_subject(document, document.version))
    messages.info(request, "We hebben u een code gemaild. Vul die hieronder in.")
    return redirect(_sign_urls(pupil_uuid, evaluation)[1])


class SignForm(UtrechtFormMixin, forms.Form):
    code = forms.CharField(label="Code uit de e-mail", max_length=6, min_length=6)
    versie = forms.IntegerField(widget=forms.HiddenInput)
    akkoord = forms.BooleanField(
        label="Ik heb het gezinsplan gelezen en ik onderteken het.", required=True
    )

    def __init__(self, *args, evaluation: PlanEvaluation | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if evaluation is not None:
            self.fields["akkoord"].label = "Ik heb de evaluatie gelezen en ik onderteken haar."


@parent_view
@require_http_methods(["GET", "POST"])
def plan_sign(
    request: HttpRequest, pupil_uuid: UUID, evaluation_uuid: UUID | None = None
) -> HttpResponse:
    """Sign the plan, or one of its evaluations, after a fresh code: an explicit act for the
    version the signer saw."""
    access = child_access_for_request(request, pupil_uuid)
    access.require_decide("gezinsplan ondertekenen")
    plan = _plan(access)
    evaluation = _evaluation(plan, evaluation_uuid)
    document = evaluation or plan
    if not any(s.key == _my_key(access) for s in required_signers(access.pupil, access.day)):
        access.require_decide("gezinsplan ondertekenen (geen ondertekenaar)")
        raise Http404
    form = SignForm(
        request.POST or None, initial={"versie": document.version}, evaluation=evaluation
    )
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data["versie"]
        if not services.sign_code_check(
            user=request.user,
            subject=_subject(document, version),
            code=form.cleaned_data["code"],
        ):
            form.add_error("code", "Deze code klopt niet of is verlopen. Vraag een nieuwe code.")
        else:
            signer = {
                "expected_version": version,
                "user": request.user,
                "ip": client_ip(request),
                "guardian": access.guardian,
                "by_pupil": access.is_pupil,
            }
            try:
                if evaluation is None:
                    plan_services.plan_sign(plan=plan, **signer)
                else:
                    plan_services.evaluation_sign(evaluation=evaluation, **signer)
            except PlanChanged as error:
                messages.error(request, error.messages[0])
                return redirect("portal:plan", pupil_uuid)
            if evaluation is None:
                access.log_change(f"gezinsplan versie {version} ondertekend")
                messages.success(request, "U heeft het gezinsplan ondertekend. Dank u wel.")
            else:
                access.log_change(f"evaluatie gezinsplan versie {version} ondertekend")
                messages.success(request, "U heeft de evaluatie ondertekend. Dank u wel.")
            return redirect("portal:plan", pupil_uuid)
    return render(
        request,
        "portal/plan_sign.html",
        {
            "child": access,
            "tab": "gezinsplan",
            "form": form,
            "plan": plan,
            "evaluation": evaluation,
            "document": document,
            "code_url": _sign_urls(pupil_uuid, evaluation)[0],
        },
    )


@parent_view
@require_GET
def plan_pdf(
    request: HttpRequest, pupil_uuid: UUID, evaluation_uuid: UUID | None = None
) -> HttpResponse:
    """The sealed PDF of the plan, or of one of its evaluations, as the professionals get it."""
    access = child_access_for_request(request, pupil_uuid)
    access.require_read("gezinsplan pdf")
    plan = _plan(access)
    evaluation = _evaluation(plan, evaluation_uuid)
    pdf = pdf_to_download(plan, evaluation)
    if evaluation is None:
        access.log_view("gezinsplan pdf (ouderportaal)")
        filename = "gezinsplan.pdf"
    else:
        access.log_view("evaluatie gezinsplan pdf (ouderportaal)")
        filename = f"evaluatie-gezinsplan-{evaluation.date.isoformat()}.pdf"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
