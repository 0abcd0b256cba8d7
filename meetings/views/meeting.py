"""The meeting list and page, and planning, changing and cancelling a meeting."""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cases import audit
from cases.access import actor_for
from knooppunt.pdf import render_pdf
from meetings import invitations, reminders, selectors, services
from meetings.access import get_meeting_for_user, may_record, visible_attendee_ids
from meetings.constants import MeetingStatus, MeetingType
from meetings.forms.agenda import ItemAddForm
from meetings.forms.meeting import MeetingForm, MeetingPlanForm
from meetings.views.handoff import hands_over
from partners.access import ib_schools
from partners.models import School

PER_PAGE = 25


@require_GET
def meeting_list(request: HttpRequest) -> HttpResponse:
    period = "geweest" if request.GET.get("periode") == "geweest" else "komend"
    meetings = selectors.meeting_list(fetched_by=request.user, period=period)
    schools = list(ib_schools(request.user).order_by("name"))
    today = timezone.localdate()
    context = {
        "page": Paginator(meetings, PER_PAGE).get_page(request.GET.get("pagina")),
        "period": period,
        "can_plan": bool(schools),
        "algemeen_due": [
            school for school in schools if reminders.algemeen_overdue(school, today=today)
        ],
    }
    return render(request, "meetings/meeting/list.html", context)


def meeting_page_context(request: HttpRequest, meeting) -> dict:
    items = selectors.agenda_items(meeting=meeting, fetched_by=actor_for(request))
    for item in items:
        item.may_record = may_record(meeting, item)
    context = {"meeting": meeting, "items": items}
    if meeting.managed:
        rows = invitations.invitation_rows(meeting, shown=visible_attendee_ids(items))
        context |= {
            "add_form": ItemAddForm(
                cases=selectors.addable_cases(meeting=meeting, user=request.user),
                with_cases=meeting.type != MeetingType.ALGEMEEN,
            ),
            "invitation_rows": rows,
            "failed_for_good": sum(row.failed_for_good for row in rows),
            "problems": invitations.sending_refusals(meeting),
        }
    return context


@require_GET
def meeting_detail(request: HttpRequest, meeting_uuid: UUID) -> HttpResponse:
    meeting = get_meeting_for_user(request, meeting_uuid)
    return render(request, "meetings/meeting/detail.html", meeting_page_context(request, meeting))


@require_http_methods(["GET", "POST"])
def meeting_new(request: HttpRequest) -> HttpResponse:
    schools = ib_schools(request.user).order_by("name")
    if not schools.exists():
        raise PermissionDenied
    form = MeetingPlanForm(request.POST or None, schools=schools)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_plan(planned_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Het overleg is gepland. Stel nu de agenda samen."))
            return redirect("meetings:meeting_detail", meeting_uuid=meeting.uuid)
    return render(
        request,
        "meetings/meeting/form.html",
        {"form": form, "heading": _("Overleg plannen"), "submit": _("Plannen")},
    )


@require_http_methods(["GET", "POST"])
@hands_over
def meeting_edit(request: HttpRequest, meeting_uuid: UUID) -> HttpResponse:
    meeting = get_meeting_for_user(request, meeting_uuid, manage=True)
    if meeting.status == MeetingStatus.CANCELLED:
        messages.error(request, _("Een geannuleerd overleg kan niet meer worden gewijzigd."))
        return redirect("meetings:meeting_detail", meeting_uuid=meeting.uuid)
    initial = {
        name: getattr(meeting, name)
        for name in ("date", "start_time", "end_time", "location", "chair")
    }
    form = MeetingForm(
        request.POST or None,
        initial=initial,
        schools=School.objects.filter(pk=meeting.school_id),
        with_chair=meeting.type == MeetingType.TOELEIDING,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(meeting=meeting, changed_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Het overleg is gewijzigd. Wie al was uitgenodigd, krijgt de wijziging."),
            )
            return redirect("meetings:meeting_detail", meeting_uuid=meeting.uuid)
    return render(
        request,
        "meetings/meeting/form.html",
        {
            "form": form,
            "meeting": meeting,
            "heading": _("Overleg wijzigen"),
            "submit": _("Opslaan"),
        },
    )


@require_http_methods(["GET", "POST"])
@hands_over
def meeting_cancel(request: HttpRequest, meeting_uuid: UUID) -> HttpResponse:
    meeting = get_meeting_for_user(request, meeting_uuid, manage=True)
    if request.method == "POST":
        services.meeting_cancel(meeting=meeting, cancelled_by=request.user)
        messages.success(
            request, _("Het overleg is geannuleerd. Genodigden krijgen een afzegging.")
        )
        return redirect("meetings:meeting_detail", meeting_uuid=meeting.uuid)
    return render(
        request,
        "meetings/meeting/form.html",
        {
            "meeting": meeting,
            "heading": _("Overleg annuleren?"),
            "intro": _(
                "Iedereen die al een uitnodiging heeft, krijgt een afzegging. "
                "Dit kan niet ongedaan worden gemaakt."
            ),
            "submit": _("Ja, annuleren"),
            "danger": True,
        },
    )


@require_GET
def agenda_pdf(request: HttpRequest, meeting_uuid: UUID) -> HttpResponse:
    """The agenda as this reader may see it: items of cases they may not know are shown only
    as a closed time slot; decisions only to whoever may read the item's record. Each case
    item printed with the pupil's name writes an access-log row."""
    meeting = get_meeting_for_user(request, meeting_uuid)
    items = selectors.agenda_items(meeting=meeting, fetched_by=actor_for(request))
    # Every print that names a pupil is logged; with the decisions when they are printed too.
    for item in items:
        if item.case_id and item.shows_case:
            printed = "besluiten in agenda-pdf" if item.shows_record and item.decisions else None
            audit.content_printed(item.case.access, printed or "naam in agenda-pdf")
    pdf = render_pdf("pdf/agenda.html", {"meeting": meeting, "items": items})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="agenda-{meeting.school.brin}-{meeting.date:%Y-%m-%d}.pdf"'
    )
    return response
