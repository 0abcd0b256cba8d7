"""Changing a case: gate, form, service, redirect to the tab that shows the change.

Every change writes an access-log row ("wijziging") in the same transaction as the change; a
form page that shows case content (the question and foto, a werkafspraak) writes one "inzage"
row per response that shows it.
"""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cases import selectors, services
from cases.access import CHANGE, LOG_PROGRESS, content_basis, get_case_for_user
from cases.accesslog import log_access
from cases.advice import schools_asking_for
from cases.constants import TRANSITIONS, AccessEvent, Status
from cases.forms import (
    CaseEditForm,
    CaseNewForm,
    CaseStatusForm,
    FeedbackRequestForm,
    InvolvementForm,
    ProgressNoteForm,
    RegieForm,
    WerkafspraakEditForm,
    WerkafspraakForm,
)
from cases.models import Case, FeedbackRequest, Involvement, Werkafspraak


def _log(request: HttpRequest, case: Case, event: AccessEvent, what: str) -> None:
    log_access(
        request, event=event, case=case, what=what, legal_basis=content_basis(request.user, case)
    )


def _form_page(request: HttpRequest, case: Case, *, tab: str, cancel: str, **context):
    """The generic form page inside the case frame (templates/cases/case_form.html)."""
    context |= {"case": case, "tab": tab, "cancel_url": reverse(cancel, args=[case.uuid])}
    return render(request, "cases/case_form.html", context)


# ----- A new case ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def case_new(request: HttpRequest) -> HttpResponse:
    # Only an IB'er opens a case, and only at their own school(s).
    schools = schools_asking_for(request.user)
    if not schools.exists():
        raise PermissionDenied
    form = CaseNewForm(request.POST or None, schools=schools)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                case = services.case_intake(opened_by=request.user, **form.intake())
                _log(request, case, AccessEvent.CHANGE, "casus geopend")
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
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.case_update(case=case, changed_by=request.user, **form.cleaned_data)
                _log(request, case, AccessEvent.CHANGE, "hulpvraag gewijzigd")
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De hulpvraag is opgeslagen."))
            return redirect("cases:case_detail", case_uuid=case.uuid)
    # The form shows the question and the foto.
    _log(request, case, AccessEvent.VIEW, "hulpvraag wijzigen")
    return _form_page(
        request,
        case,
        tab="overzicht",
        cancel="cases:case_detail",
        form=form,
        heading=_("Hulpvraag wijzigen"),
        submit=_("Opslaan"),
    )


@require_http_methods(["GET", "POST"])
def case_status(request: HttpRequest, case_uuid: UUID) -> HttpResponse:
    case = get_case_for_user(request, case_uuid, perm=CHANGE)
    form = CaseStatusForm(request.POST or None, current=case.status)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                case = services.case_transition(
                    case=case, to=Status(data["to"]), changed_by=request.user, reason=data["reason"]
                )
                _log(request, case, AccessEvent.CHANGE, "status gewijzigd")
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("De status is nu “%(status)s”.") % {"status": case.get_status_display()},
            )
            return redirect("cases:case_detail", case_uuid=case.uuid)
    context = {
        "case": case,
        "tab": "overzicht",
        "form": form,
        "next_statuses": [s for s in Status if s in TRANSITIONS[case.status]],
    }
    return render(request, "cases/case_status.html", context)


# ----- Involvement and regie -----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def involvement_add(request: HttpRequest, case_uuid: UUID) -> HttpResponse:
    case = get_case_for_user(request, case_uuid, perm=CHANGE)
    form = InvolvementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                involvement = services.involvement_add(
                    case=case, added_by=request.user, **form.cleaned_data
                )
                _log(request, case, AccessEvent.CHANGE, "betrokkene toegevoegd")
        except ValidationError as error:
            form.add_error("professional", error)
        else:
            messages.success(
                request,
                _("%(organisation)s is betrokken bij de casus.")
                % {"organisation": involvement.organisation.name},
            )
            return redirect("cases:case_involved", case_uuid=case.uuid)
    return _form_page(
        request,
        case,
        tab="betrokkenen",
        cancel="cases:case_involved",
        form=form,
        heading=_("Betrokkene toevoegen"),
        intro=_(
            "Een betrokken professional ziet dat de casus bestaat en wie er betrokken zijn. De "
            "inhoud ziet die alleen met toestemming om gegevens met de organisatie te delen."
        ),
        submit=_("Toevoegen"),
    )


@require_http_methods(["GET", "POST"])
def involvement_end(request: HttpRequest, case_uuid: UUID, involvement_uuid: UUID) -> HttpResponse:
    case = get_case_for_user(request, case_uuid, perm=CHANGE)
    involvement = get_object_or_404(
        Involvement.objects.select_related("organisation", "professional__user"),
        uuid=involvement_uuid,
        case=case,
    )
    if involvement.end is not None:
        messages.info(request, _("Deze betrokkenheid was al beëindigd."))
        return redirect("cases:case_involved", case_uuid=case.uuid)
    if request.method == "POST":
        with transaction.atomic():
            services.involvement_end(involvement=involvement, ended_by=request.user)
            _log(request, case, AccessEvent.CHANGE, "betrokkenheid beëindigd")
        messages.success(
            request,
            _("%(organisation)s is niet meer betrokken bij de casus.")
            % {"organisation": involvement.organisation.name},
        )
        return redirect("cases:case_involved", case_uuid=case.uuid)
    who = involvement.organisation.name
    if involvement.professional is not None:
        who = f"{involvement.professional.user.get_full_name()} ({who})"
    return _form_page(
        request,
        case,
        tab="betrokkenen",
        cancel="cases:case_involved",
        heading=_("Betrokkenheid beëindigen?"),
        intro=_(
            "%(who)s is dan vanaf vandaag niet meer betrokken en ziet de casus niet meer, tenzij "
            "er een andere reden voor is. De betrokkenheid blijft zichtbaar in de geschiedenis."
        )
        % {"who": who},
        submit=_("Ja, beëindigen"),
        danger=True,
    )


@require_http_methods(["GET", "POST"])
def regie_assign(request: HttpRequest, case_uuid: UUID) -> HttpResponse:
    case = get_case_for_user(request, case_uuid, perm=CHANGE)
    form = RegieForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                regie = services.regie_assign(
                    case=case, assigned_by=request.user, **form.cleaned_data
                )
                _log(request, case, AccessEvent.CHANGE, "regie toegewezen")
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("De %(kind)s is vastgelegd.") % {"kind": regie.get_kind_display().lower()},
            )
            return redirect("cases:case_involved", case_uuid=case.uuid)
    return _form_page(
        request,
        case,
        tab="betrokkenen",
        cancel="cases:case_involved",
        form=form,
        heading=_("Regie toewijzen"),
        intro=_(
            "Kies een betrokken professional of een ouder. Wie deze regie nu heeft, houdt die tot "
            "vandaag; de wissel blijft vastgelegd. Staat de professional er niet bij, voeg die "
            "dan eerst toe als betrokkene."
        ),
        submit=_("Regie vastleggen"),
    )


# ----- Werkafspraken and progress ------------------------------------------------------------


def _werkafspraak_shown_to(request: HttpRequest, case: Case, werkafspraak_uuid: UUID):
    """The werkafspraak, if this user may read it: the same rule as the werkafspraken tab
    (partner-authored content is withheld from school staff without consent to share)."""
    for shown in selectors.werkafspraken_for(case=case, fetched_by=request.user):
        if not shown.withheld and shown.item.uuid == werkafspraak_uuid:
            return shown.item
    raise Http404


@require_http_methods(["GET", "POST"])
def werkafspraak_add(request: HttpRequest, case_uuid: UUID) -> HttpResponse:
    case = get_case_for_user(request, case_uuid, perm=LOG_PROGRESS)
    form = WerkafspraakForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.werkafspraak_add(case=case, author=request.user, **form.cleaned_data)
                _log(request, case, AccessEvent.CHANGE, "werkafspraak vastgelegd")
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
    form = WerkafspraakEditForm(request.POST or None, instance=werkafspraak)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.werkafspraak_update(
                    werkafspraak=werkafspraak, changed_by=request.user, **form.cleaned_data
                )
                _log(request, case, AccessEvent.CHANGE, "werkafspraak gewijzigd")
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De werkafspraak is opgeslagen."))
            return redirect("cases:case_werkafspraken", case_uuid=case.uuid)
    # The form shows the werkafspraak's text.
    _log(request, case, AccessEvent.VIEW, "werkafspraak wijzigen")
    return _form_page(
        request,
        case,
        tab="werkafspraken",
        cancel="cases:case_werkafspraken",
        form=form,
        heading=_("Werkafspraak wijzigen"),
        submit=_("Opslaan"),
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
                _log(request, case, AccessEvent.CHANGE, "voortgang vastgelegd")
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
                _log(request, case, AccessEvent.CHANGE, "terugkoppeling gevraagd")
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
            _log(request, case, AccessEvent.CHANGE, "terugkoppeling ontvangen")
        messages.success(
            request,
            _("De terugkoppeling van %(organisation)s is ontvangen.")
            % {"organisation": feedback.organisation.name},
        )
    return redirect("cases:case_werkafspraken", case_uuid=case.uuid)
