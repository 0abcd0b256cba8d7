"""Changing a case: gate, form, service, redirect to the tab that shows the change.

Every change writes an access-log row ("wijziging") in the same transaction as the change; a
form page that shows case content (the question and foto, a werkafspraak) writes one "inzage"
row per response that shows it.
"""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases import audit, services
from cases.access import CHANGE, actor_for, case_access_for, get_case_for_user
from cases.constants import TRANSITIONS, Status
from cases.forms.case import CaseEditForm, CaseStatusForm
from cases.forms.intake import CaseNewForm
from cases.views._common import _form_page, stale_context
from knooppunt.concurrency import StaleEdit
from partners.access import ib_schools

# ----- A new case ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def case_new(request: HttpRequest) -> HttpResponse:
    # Only an IB'er opens a case, and only at their own school(s).
    schools = ib_schools(request.user)
    if not schools.exists():
        raise PermissionDenied
    form = CaseNewForm(request.POST or None, schools=schools)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                case = services.case_intake(opened_by=request.user, **form.intake())
                access = case_access_for(actor_for(request), case.uuid, perm=CHANGE)
                audit.content_changed(access, "casus geopend")
        except ValidationError as error:
            form.add_error(error)
        else:
            messages.success(request, _("De casus is geopend."))
            return redirect("cases:case_detail", case_uuid=case.uuid)
    return render(request, "cases/case_new.html", {"form": form})


# ----- The question and the status -----------------------------------------------------------


@require_http_methods(["GET", "POST"])
def case_edit(request: HttpRequest, case_uuid: UUID) -> HttpResponse:
    case = get_case_for_user(request, case_uuid, perm=CHANGE)
    form = CaseEditForm(request.POST or None, instance=case)
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.case_update(case=case, changed_by=request.user, **form.cleaned_data)
                audit.content_changed(case.access, "hulpvraag gewijzigd")
        except StaleEdit as error:
            stale = stale_context(form, error)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De hulpvraag is opgeslagen."))
            return redirect("cases:case_detail", case_uuid=case.uuid)
    # The form shows the question and the foto.
    audit.content_viewed(case.access, "hulpvraag wijzigen")
    return _form_page(
        request,
        case,
        tab="overzicht",
        cancel="cases:case_detail",
        form=form,
        heading=_("Hulpvraag wijzigen"),
        submit=_("Opslaan"),
        stale=stale,
    )


@require_http_methods(["GET", "POST"])
def case_status(request: HttpRequest, case_uuid: UUID) -> HttpResponse:
    case = get_case_for_user(request, case_uuid, perm=CHANGE)
    form = CaseStatusForm(request.POST or None, current=case.status)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                updated = services.case_transition(
                    case=case, to=Status(data["to"]), changed_by=request.user, reason=data["reason"]
                )
                audit.content_changed(case.access, "status gewijzigd")
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("De status is nu “%(status)s”.") % {"status": updated.get_status_display()},
            )
            return redirect("cases:case_detail", case_uuid=case.uuid)
    context = {
        "case": case,
        "tab": "overzicht",
        "form": form,
        "next_statuses": [s for s in Status if s in TRANSITIONS[case.status]],
    }
    return render(request, "cases/case_status.html", context)
