"""During and after a meeting: attendance and mandate, and the outcome of an agenda item (under
the case's dat/wat rules): its record, and the werkafspraken, regie and next knooppunt agreed at
it, created on the case."""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cases import audit
from cases.access import actor_for
from meetings import outcome, selectors, services
from meetings.access import annotate_item_access, get_meeting_for_user, visible_attendee_ids
from meetings.constants import MeetingStatus
from meetings.forms.minutes import AttendanceForm, MeetingHeldForm
from meetings.forms.outcome import (
    ItemOutcomeRecordForm,
    OutcomeRegieForm,
    werkafspraak_formset,
)
from meetings.models import AgendaItem, Meeting
from meetings.views.handoff import hands_over

# ----- Attendance and mandate ----------------------------------------------------------------


def _attendees(request: HttpRequest, meeting: Meeting) -> list:
    """The invitees this reader may see: attendees left without any item are no longer
    invited (meetings.services), and whoever is invited only for a case the reader may not
    know stays hidden, so a chair without "dat" learns no guardian's or invitee's name."""
    items = selectors.agenda_items(meeting=meeting, fetched_by=actor_for(request))
    return list(
        meeting.attendees.filter(pk__in=visible_attendee_ids(items))
        .select_related("organisation")
        .order_by("name", "pk")
    )


@require_http_methods(["GET", "POST"])
def attendance(request: HttpRequest, meeting_uuid: UUID) -> HttpResponse:
    meeting = get_meeting_for_user(request, meeting_uuid, manage=True)
    cancelled = meeting.status == MeetingStatus.CANCELLED
    data = request.POST if request.method == "POST" and not cancelled else None
    rows = [AttendanceForm(data, attendee=attendee) for attendee in _attendees(request, meeting)]
    held_form = MeetingHeldForm(data, meeting=meeting)
    if data is not None and held_form.is_valid() and all(row.is_valid() for row in rows):
        try:
            with transaction.atomic():
                # Only changed rows are saved: every save is a history row.
                for row in rows:
                    if row.changed():
                        services.attendance_record(
                            attendee=row.attendee,
                            recorded_by=request.user,
                            attendance=row.cleaned_data["attendance"],
                            mandate=row.cleaned_data.get("mandate", False),
                        )
                if held_form.cleaned_data.get("held"):
                    services.meeting_mark_held(meeting=meeting, recorded_by=request.user)
        except ValidationError as error:
            held_form.add_error(None, error)
        else:
            messages.success(request, _("De aanwezigheid is opgeslagen."))
            return redirect("meetings:attendance", meeting_uuid=meeting.uuid)
    elif request.method == "POST" and cancelled:
        messages.error(request, _("Dit overleg is geannuleerd."))
    return render(
        request,
        "meetings/minutes/attendance.html",
        {"meeting": meeting, "rows": rows, "held_form": held_form, "cancelled": cancelled},
    )


# ----- The record of an agenda item ----------------------------------------------------------


def _item(request: HttpRequest, meeting_uuid: UUID, item_uuid: UUID, *, manage: bool = False):
    """The meeting through its gate, then the item on it, marked with what this user may see."""
    meeting = get_meeting_for_user(request, meeting_uuid, manage=manage)
    item = get_object_or_404(
        AgendaItem.objects.select_related("case__pupil", "case__school"),
        meeting=meeting,
        uuid=item_uuid,
    )
    item.meeting = meeting
    annotate_item_access(actor_for(request), [item])
    return meeting, item


def _refuse(request: HttpRequest, item: AgendaItem, what: str):
    """403 for someone who knows the meeting but may not do this; logged for a case item."""
    if item.case_id is not None:
        audit.case_access_denied(item.case.access.actor, case=item.case, what=f"geweigerd ({what})")
    raise PermissionDenied


def _may_edit(meeting: Meeting, item: AgendaItem) -> bool:
    """The manager records the meeting; a case item's record also needs change_case."""
    return meeting.managed and (item.case_id is None or item.may_add_case_work)


@require_GET
def item_record(request: HttpRequest, meeting_uuid: UUID, item_uuid: UUID) -> HttpResponse:
    meeting, item = _item(request, meeting_uuid, item_uuid)
    if not item.shows_record:
        _refuse(request, item, "verslag agendapunt")
    if item.case_id is not None:
        audit.content_viewed(item.case.access, "verslag agendapunt")
    may_edit = _may_edit(meeting, item)
    return render(
        request,
        "meetings/minutes/item_record.html",
        {
            "meeting": meeting,
            "item": item,
            "attendees": item.attendees.select_related("organisation").order_by("name"),
            "may_edit": may_edit,
        },
    )


@require_http_methods(["GET", "POST"])
@hands_over
def item_record_edit(request: HttpRequest, meeting_uuid: UUID, item_uuid: UUID) -> HttpResponse:
    """The outcome of an item on one page with one save: decisions, minutes and the parents'
    version, and for a case item the werkafspraken, regie and next knooppunt (meetings/outcome.py).
    """
    meeting, item = _item(request, meeting_uuid, item_uuid, manage=True)
    if not _may_edit(meeting, item):
        _refuse(request, item, "verslag agendapunt wijzigen")
    data = request.POST if request.method == "POST" else None
    record_form = ItemOutcomeRecordForm(data, instance=item)
    werkafspraken = regie_form = None
    if item.case_id is not None:
        werkafspraken = werkafspraak_formset(data, item=item)
        regie_form = OutcomeRegieForm(data, item=item)
    forms = [form for form in (record_form, werkafspraken, regie_form) if form is not None]
    if data is not None and all(form.is_valid() for form in forms):
        try:
            outcome.item_outcome_record(
                item=item,
                recorded_by=request.user,
                record=record_form.record_fields(),
                werkafspraken=[
                    row.cleaned_data for row in werkafspraken or [] if row.has_changed()
                ],
                regie=regie_form.service_kwargs() if regie_form and regie_form.chosen() else None,
                next_meeting=record_form.cleaned_data.get("next_meeting"),
            )
        except ValidationError as error:
            record_form.add_error(None, error)
        else:
            messages.success(request, _("De uitkomst van het agendapunt is opgeslagen."))
            return redirect("meetings:item_record", meeting_uuid=meeting.uuid, item_uuid=item.uuid)
    if item.case_id is not None:
        # The form shows the record.
        audit.content_viewed(item.case.access, "verslag agendapunt wijzigen")
    return render(
        request,
        "meetings/minutes/item_outcome.html",
        {
            "meeting": meeting,
            "item": item,
            "form": record_form,
            "werkafspraken": werkafspraken,
            "regie_form": regie_form,
        },
    )
