"""Werkafspraken, progress and requested feedback on a case; see `cases.views.write`."""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cases import audit, services
from cases.access import CHANGE, LOG_PROGRESS, get_case_for_user
from cases.forms.work import (
    FeedbackRequestForm,
    ProgressNoteForm,
    WerkafspraakEditForm,
    WerkafspraakForm,
)
from cases.models import Case, FeedbackRequest, Werkafspraak
from cases.selectors import case_page
from cases.views._common import _form_page, stale_context
from knooppunt.concurrency import StaleEdit

# ----- Werkafspraken and progress ------------------------------------------------------------


def _werkafspraak_shown_to(request: HttpRequest, case: Case, werkafspraak_uuid: UUID):
    """The werkafspraak, if this user may read it: the same rule as the werkafspraken tab
    (partner-authored content is withheld from school staff without consent to share)."""
    for shown in case_page.werkafspraken_for(access=case.access):
        if not shown.withheld and shown.item.uuid == werkafspraak_uuid:
            return shown.item
    raise Http404


@require_http_methods(["GET", "POST"])
def werkafspraak_add(request: HttpRequest, case_uuid: UUID) -> HttpResponse:
    case = get_case_for_user(request, case_uuid, perm=LOG_PROGRESS)
    form = WerkafspraakForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.werkafspraak_add(case=case, author=request.user, **form.cleaned_data)
                audit.content_changed(case.access, "werkafspraak vastgelegd")
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De werkafspraak is vastgelegd."))
            return redirect("cases:case_werkafspraken", case_uuid=case.uuid)
    return _form_page(
        request,
        case,
        tab="werkafspraken",
        cancel="cases:case_werkafspraken",
        form=form,
        heading=_("Werkafspraak toevoegen"),
        intro=_("Wie doet wat, waarom, wanneer is het klaar en wanneer wordt het geëvalueerd?"),
        submit=_("Vastleggen"),
    )


@require_http_methods(["GET", "POST"])
def werkafspraak_edit(
    request: HttpRequest, case_uuid: UUID, werkafspraak_uuid: UUID
) -> HttpResponse:
    case = get_case_for_user(request, case_uuid, perm=LOG_PROGRESS)
    werkafspraak: Werkafspraak = _werkafspraak_shown_to(request, case, werkafspraak_uuid)
    form = WerkafspraakEditForm(request.POST or None, instance=werkafspraak, case=case)
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.werkafspraak_update(
                    werkafspraak=werkafspraak, changed_by=request.user, **form.cleaned_data
                )
                audit.content_changed(case.access, "werkafspraak gewijzigd")
        except StaleEdit as error:
            stale = stale_context(form, error)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De werkafspraak is opgeslagen."))
            return redirect("cases:case_werkafspraken", case_uuid=case.uuid)
    # The form shows the werkafspraak's text.
    audit.content_viewed(case.access, "werkafspraak wijzigen")
    return _form_page(
        request,
        case,
        tab="werkafspraken",
        cancel="cases:case_werkafspraken",
        form=form,
        heading=_("Werkafspraak wijzigen"),
        submit=_("Opslaan"),
        stale=stale,
    )


@require_http_methods(["GET", "POST"])
def progress_add(request: HttpRequest, case_uuid: UUID) -> HttpResponse:
    case = get_case_for_user(request, case_uuid, perm=LOG_PROGRESS)
    form = ProgressNoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.progress_note_add(
                    case=case, author=request.user, text=form.cleaned_data["text"]
                )
                audit.content_changed(case.access, "voortgang vastgelegd")
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De voortgang is vastgelegd."))
            return redirect("cases:case_progress", case_uuid=case.uuid)
    return _form_page(
        request,
        case,
        tab="voortgang",
        cancel="cases:case_progress",
        form=form,
        heading=_("Voortgang vastleggen"),
        intro=_("Je schrijft namens je eigen organisatie."),
        submit=_("Vastleggen"),
    )


# ----- Requested feedback --------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def feedback_add(request: HttpRequest, case_uuid: UUID) -> HttpResponse:
    case = get_case_for_user(request, case_uuid, perm=CHANGE)
    form = FeedbackRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                feedback = services.feedback_request_add(
                    case=case, requested_by=request.user, **form.cleaned_data
                )
                audit.content_changed(case.access, "terugkoppeling gevraagd")
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("De terugkoppeling van %(organisation)s wordt verwacht vóór %(date)s.")
                % {
                    "organisation": feedback.organisation.name,
                    "date": date_format(feedback.due_date, "j-n-Y"),
                },
            )
            return redirect("cases:case_werkafspraken", case_uuid=case.uuid)
    return _form_page(
        request,
        case,
        tab="werkafspraken",
        cancel="cases:case_werkafspraken",
        form=form,
        heading=_("Terugkoppeling vragen"),
        intro=_(
            "Terugkoppeling blijft vaak uit. Met een datum ziet de casussenlijst wanneer die te "
            "laat is."
        ),
        submit=_("Vragen"),
    )


# A button on the werkafspraken tab; there is nothing to show on GET (405, for everyone, before
# the gate: the answer says nothing about whether the case exists).
@require_POST
def feedback_received(request: HttpRequest, case_uuid: UUID, feedback_uuid: UUID) -> HttpResponse:
    case = get_case_for_user(request, case_uuid, perm=CHANGE)
    feedback = get_object_or_404(
        FeedbackRequest.objects.select_related("organisation"), uuid=feedback_uuid, case=case
    )
    if feedback.received_at is not None:
        messages.info(request, _("Deze terugkoppeling was al ontvangen."))
    else:
        with transaction.atomic():
            services.feedback_received(feedback=feedback, recorded_by=request.user)
            audit.content_changed(case.access, "terugkoppeling ontvangen")
        messages.success(
            request,
            _("De terugkoppeling van %(organisation)s is ontvangen.")
            % {"organisation": feedback.organisation.name},
        )
    return redirect("cases:case_werkafspraken", case_uuid=case.uuid)
