"""The consent tab of a case and recording consent and legal bases other than consent.

They live in the cases app because they need the case gate; the consent app below it does
the recording (consent.services) and the rules (consent.rules) and never imports cases.
"""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cases import audit, consent_requests
from cases.access import CHANGE, WAT, get_case_for_user
from cases.forms.consent import ConsentForm, LegalBasisForm
from consent import services
from consent.constants import Decision
from consent.models import LegalBasis
from consent.rules import consent_overview

# A POST with this step comes from the "intrekken" button on the consent tab: it shows the
# prefilled form to confirm instead of recording at once.
CONFIRM_STEP = "bevestigen"


@require_GET
def case_consent(request: HttpRequest, case_uuid: UUID) -> HttpResponse:
    case = get_case_for_user(request, case_uuid, perm=WAT)
    overview = consent_overview(pupil=case.pupil)
    audit.content_viewed(case.access, "toestemming")
    context = {
        "case": case,
        "tab": "toestemming",
        "overview": overview,
        "can_change": CHANGE in case.granted,
        "today": timezone.localdate(),
        "withdrawn": Decision.WITHDRAWN,
        "confirm_step": CONFIRM_STEP,
    }
    return render(request, "cases/case_consent.html", context)


@require_http_methods(["GET", "POST"])
def consent_add(request: HttpRequest, case_uuid: UUID) -> HttpResponse:
    case = get_case_for_user(request, case_uuid, perm=CHANGE)
    pupil = case.pupil
    confirming = request.method == "POST" and request.POST.get("stap") == CONFIRM_STEP
    if confirming:
        # The withdraw shortcut: prefill the form (only its own fields) and ask to confirm.
        fields = ConsentForm.base_fields
        form = ConsentForm(
            initial={k: v for k, v in request.POST.items() if k in fields}, pupil=pupil
        )
    else:
        form = ConsentForm(request.POST or None, pupil=pupil)
    if request.method == "POST" and not confirming and form.is_valid():
        try:
            with transaction.atomic():
                services.consent_record(pupil=pupil, recorded_by=request.user, **form.recording())
                audit.content_changed(case.access, "toestemming vastgelegd")
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            if form.cleaned_data["decision"] == Decision.WITHDRAWN:
                text = _("De intrekking is vastgelegd en gaat direct in.")
            else:
                text = _("Het toestemmingsbesluit is vastgelegd.")
            messages.success(request, text)
            return redirect("cases:case_consent", case_uuid=case.uuid)
    context = {"case": case, "tab": "toestemming", "form": form, "confirming": confirming}
    return render(request, "cases/consent_form.html", context)


@require_http_methods(["GET", "POST"])
def legal_basis_add(request: HttpRequest, case_uuid: UUID) -> HttpResponse:
    case = get_case_for_user(request, case_uuid, perm=CHANGE)
    form = LegalBasisForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.legal_basis_record(
                    pupil=case.pupil, recorded_by=request.user, **form.cleaned_data
                )
                audit.content_changed(case.access, "andere grondslag vastgelegd")
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("De andere grondslag is vastgelegd."))
            return redirect("cases:case_consent", case_uuid=case.uuid)
    context = {"case": case, "tab": "toestemming", "form": form}
    return render(request, "cases/legal_basis_form.html", context)


@require_http_methods(["GET", "POST"])
def legal_basis_end(request: HttpRequest, case_uuid: UUID, basis_uuid: UUID) -> HttpResponse:
    case = get_case_for_user(request, case_uuid, perm=CHANGE)
    # Only a basis of this case's pupil: another pupil's basis answers 404.
    basis = get_object_or_404(
        LegalBasis.objects.select_related("recipient"), uuid=basis_uuid, pupil=case.pupil
    )
    if request.method == "POST":
        if basis.ended_at is not None:
            messages.info(request, _("Deze grondslag was al beëindigd."))
        else:
            with transaction.atomic():
                services.legal_basis_end(basis=basis, ended_by=request.user)
                audit.content_changed(case.access, "andere grondslag beëindigd")
            messages.success(
                request,
                _("De grondslag voor %(organisation)s is beëindigd en geldt niet meer.")
                % {"organisation": basis.recipient.name},
            )
        return redirect("cases:case_consent", case_uuid=case.uuid)
    context = {"case": case, "tab": "toestemming", "basis": basis}
    return render(request, "cases/legal_basis_end.html", context)


@require_POST
def consent_ask(request: HttpRequest, case_uuid: UUID) -> HttpResponse:
    """A partner with only "dat" asks the IB'er to seek consent (cases/consent_requests.py)."""
    case = get_case_for_user(request, case_uuid)
    withheld = consent_requests.content_withheld(access=case.access)
    if withheld is None or withheld.school_role or withheld.organisation is None:
        raise PermissionDenied
    _request, new = consent_requests.consent_request(access=case.access)
    if new:
        messages.success(
            request,
            _(
                "Je vraag is doorgegeven aan de intern begeleider. Je ziet de inhoud zodra er "
                "toestemming is."
            ),
        )
    else:
        messages.info(request, _("Je organisatie heeft hier onlangs al om gevraagd."))
    return redirect("cases:case_detail", case_uuid=case.uuid)
