"""The gezinsplan in the portal: reading it, signing it after a fresh e-mailed code."""

from uuid import UUID

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cases.access import actor_for
from gezinsplan import services as plan_services
from gezinsplan.models import ArchivedPlan, Gezinsplan
from gezinsplan.rendering import render_content, render_plan_pdf
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


def _subject(plan: Gezinsplan) -> str:
    return f"gezinsplan:{plan.uuid}:{plan.version}"


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
            "content": render_content(plan),
            "signatures": list(signed.values()),
            "to_sign": still_to_sign(plan),
            "i_sign": access.may_decide and any(s.key == _my_key(access) for s in signers),
            "i_signed": _my_key(access) in signed,
        }
    return render(request, "portal/plan.html", context)


def child_access_for_request(request, pupil_uuid):
    from portal.access import child_access_for

    return child_access_for(actor_for(request), pupil_uuid)


@require_POST
@parent_view
def plan_code(request: HttpRequest, pupil_uuid: UUID) -> HttpResponse:
    access = child_access_for_request(request, pupil_uuid)
    access.require_decide("gezinsplan ondertekenen")
    plan = _plan(access)
    services.sign_code_send(user=request.user, subject=_subject(plan))
    messages.info(request, "We hebben u een code gemaild. Vul die hieronder in.")
    return redirect("portal:plan_sign", pupil_uuid)


class SignForm(UtrechtFormMixin, forms.Form):
    code = forms.CharField(label="Code uit de e-mail", max_length=6, min_length=6)
    versie = forms.IntegerField(widget=forms.HiddenInput)
    akkoord = forms.BooleanField(
        label="Ik heb het gezinsplan gelezen en ik onderteken het.", required=True
    )


@parent_view
@require_http_methods(["GET", "POST"])
def plan_sign(request: HttpRequest, pupil_uuid: UUID) -> HttpResponse:
    """Sign after a fresh code: an explicit act for the version the signer saw."""
    access = child_access_for_request(request, pupil_uuid)
    access.require_decide("gezinsplan ondertekenen")
    plan = _plan(access)
    if not any(s.key == _my_key(access) for s in required_signers(access.pupil, access.day)):
        access.require_decide("gezinsplan ondertekenen (geen ondertekenaar)")
        raise Http404
    form = SignForm(request.POST or None, initial={"versie": plan.version})
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data["versie"]
        subject = f"gezinsplan:{plan.uuid}:{version}"
        if not services.sign_code_check(
            user=request.user, subject=subject, code=form.cleaned_data["code"]
        ):
            form.add_error("code", "Deze code klopt niet of is verlopen. Vraag een nieuwe code.")
        else:
            try:
                plan_services.plan_sign(
                    plan=plan,
                    expected_version=version,
                    user=request.user,
                    ip=client_ip(request),
                    guardian=access.guardian,
                    by_pupil=access.is_pupil,
                )
            except PlanChanged as error:
                messages.error(request, error.messages[0])
                return redirect("portal:plan", pupil_uuid)
            access.log_change(f"gezinsplan versie {version} ondertekend")
            messages.success(request, "U heeft het gezinsplan ondertekend. Dank u wel.")
            return redirect("portal:plan", pupil_uuid)
    return render(
        request,
        "portal/plan_sign.html",
        {"child": access, "tab": "gezinsplan", "form": form, "plan": plan},
    )


@parent_view
@require_GET
def plan_pdf(request: HttpRequest, pupil_uuid: UUID) -> HttpResponse:
    access = child_access_for_request(request, pupil_uuid)
    access.require_read("gezinsplan pdf")
    plan = _plan(access)
    archived = ArchivedPlan.objects.filter(plan=plan).order_by("-version").first()
    pdf = bytes(archived.pdf) if archived else render_plan_pdf(plan)
    access.log_view("gezinsplan pdf (ouderportaal)")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="gezinsplan.pdf"'
    return response
