"""The IB'er invites a guardian, or a pupil of 12 and older, to the portal from the case
(professional side)."""

from uuid import UUID

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from cases import audit
from cases.access import CHANGE, get_case_for_user
from consent.rules import age_on
from portal import services
from portal.access import PUPIL_OWN_ACCOUNT_FROM
from pupils.models import Guardian, validate_bsn


class InviteForm(forms.Form):
    guardian = forms.UUIDField(widget=forms.HiddenInput)
    email = forms.EmailField(label="E-mailadres", max_length=254)
    # Only with DigiD switched on, and kept only as a keyed digest (docs/digid.md).
    bsn = forms.CharField(required=False, max_length=9, validators=[validate_bsn])

    def __init__(self, *args, digid: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not digid:
            del self.fields["bsn"]


class PupilInviteForm(forms.Form):
    email = forms.EmailField(label="E-mailadres", max_length=254)


EMAIL_INVALID = "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."
BSN_INVALID = "Dit is geen geldig BSN. Een BSN heeft 9 cijfers; controleer het nummer."


@require_http_methods(["GET", "POST"])
def guardian_invite(request: HttpRequest, case_uuid: UUID) -> HttpResponse:
    case = get_case_for_user(request, case_uuid, perm=CHANGE)
    guardians = list(case.pupil.guardians.select_related("account"))
    if request.method == "POST":
        form = InviteForm(request.POST, digid=settings.DIGID_ENABLED)
        if not form.is_valid():
            messages.error(request, BSN_INVALID if "bsn" in form.errors else EMAIL_INVALID)
            return redirect("portal:guardian_invite", case_uuid)
        guardian = get_object_or_404(Guardian, uuid=form.cleaned_data["guardian"], pupil=case.pupil)
        try:
            services.guardian_invite(
                guardian=guardian,
                email=form.cleaned_data["email"],
                bsn=form.cleaned_data.get("bsn", ""),
                invited_by=request.user,
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            audit.content_changed(case.access, "ouder uitgenodigd voor het portaal")
            messages.success(request, f"{guardian.name} is uitgenodigd voor het ouderportaal.")
        return redirect("portal:guardian_invite", case_uuid)
    pupil_age = age_on(case.pupil.birth_date, timezone.localdate())
    return render(
        request,
        "portal/guardian_invite.html",
        {
            "case": case,
            "guardians": guardians,
            "pupil_may_have_account": pupil_age >= PUPIL_OWN_ACCOUNT_FROM,
            "pupil_account_from": PUPIL_OWN_ACCOUNT_FROM,
            "digid": settings.DIGID_ENABLED,
        },
    )


@require_POST
def pupil_invite(request: HttpRequest, case_uuid: UUID) -> HttpResponse:
    case = get_case_for_user(request, case_uuid, perm=CHANGE)
    form = PupilInviteForm(request.POST)
    if not form.is_valid():
        messages.error(request, EMAIL_INVALID)
        return redirect("portal:guardian_invite", case_uuid)
    try:
        services.pupil_invite(
            pupil=case.pupil, email=form.cleaned_data["email"], invited_by=request.user
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        audit.content_changed(case.access, "leerling uitgenodigd voor een eigen account")
        messages.success(request, "De leerling is uitgenodigd voor een eigen account.")
    return redirect("portal:guardian_invite", case_uuid)
