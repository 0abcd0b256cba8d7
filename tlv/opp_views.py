"""The OPP's screens for whoever keeps it (tlv/access.py opp_access_for): the plan with its
evaluations, editing it, and recording an evaluation. Every read of its content is logged."""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cases import audit
from knooppunt.concurrency import StaleEdit
from tlv import forms, opp_services
from tlv.access import Role, get_opp_for_user


def _context(access, **extra) -> dict:
    return {"access": access, "opp": access.opp, "dossier": access.dossier, **extra}


@require_GET
def opp_detail(request: HttpRequest, dossier_uuid: UUID) -> HttpResponse:
    access = get_opp_for_user(request, dossier_uuid)
    audit.tlv_dossier_viewed(access.actor, case=access.case, what="OPP", ground=access.ground)
    context = _context(
        access,
        decision=access.dossier.decision,
        reads_dossier=Role.SCHOOL in access.roles,
        evaluations=access.opp.evaluations.select_related("recorded_by"),
        today=timezone.localdate(),
    )
    return render(request, "tlv/opp_detail.html", context)


@require_http_methods(["GET", "POST"])
def opp_edit(request: HttpRequest, dossier_uuid: UUID) -> HttpResponse:
    access = get_opp_for_user(request, dossier_uuid)
    form = forms.OppForm(request.POST or None, instance=access.opp)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in opp_services.OPP_FIELDS}
        try:
            opp_services.opp_update(access=access, version=form.cleaned_data["version"], **data)
        except StaleEdit as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Het OPP is opgeslagen."))
            return redirect("tlv:opp_detail", dossier_uuid=dossier_uuid)
    else:
        audit.tlv_dossier_viewed(
            access.actor, case=access.case, what="OPP bewerken", ground=access.ground
        )
    return render(request, "tlv/opp_edit.html", _context(access, form=form))


@require_http_methods(["GET", "POST"])
def opp_evaluate(request: HttpRequest, dossier_uuid: UUID) -> HttpResponse:
    access = get_opp_for_user(request, dossier_uuid)
    form = forms.OppEvaluationForm(request.POST or None, initial={"held_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            opp_services.opp_evaluate(access=access, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("De evaluatie is vastgelegd. De volgende evaluatie is op %(day)s.")
                % {"day": date_format(access.opp.next_evaluation, "j F Y")},
            )
            return redirect("tlv:opp_detail", dossier_uuid=dossier_uuid)
    else:
        audit.tlv_dossier_viewed(
            access.actor, case=access.case, what="OPP evalueren", ground=access.ground
        )
    return render(request, "tlv/opp_evaluate.html", _context(access, form=form))
