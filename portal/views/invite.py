"""The IB'er invites a guardian to the portal from the case (professional side)."""

from uuid import UUID

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from cases import audit
from cases.access import CHANGE, get_case_for_user
from portal import services
from pupils.models import Guardian


class InviteForm(forms.Form):
    guardian = forms.UUIDField(widget=forms.HiddenInput)
    email = forms.EmailField(label="E-mailadres", max_length=254)


@require_http_methods(["GET", "POST"])
def guardian_invite(request: HttpRequest, case_uuid: UUID) -> HttpResponse:
    case = get_case_for_user(request, case_uuid, perm=CHANGE)
    guardians = list(case.pupil.guardians.select_related("account"))
    if request.method == "POST":
        form = InviteForm(request.POST)
        if form.is_valid():
            guardian = get_object_or_404(
                Guardian, uuid=form.cleaned_data["guardian"], pupil=case.pupil
            )
            try:
                services.guardian_invite(
                    guardian=guardian, email=form.cleaned_data["email"], invited_by=request.user
                )
            except ValidationError as error:
                messages.error(request, error.messages[0])
            else:
                audit.content_changed(case.access, "ouder uitgenodigd voor het portaal")
                messages.success(request, f"{guardian.name} is uitgenodigd voor het ouderportaal.")
            return redirect("portal:guardian_invite", case_uuid)
    return render(request, "portal/guardian_invite.html", {"case": case, "guardians": guardians})
