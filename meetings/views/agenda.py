"""The agenda builder: add, order, time and remove items, and choose who attends each.

Every change answers an htmx request with the agenda partial of the meeting page and any
other request with a redirect to it, so the builder also works without JavaScript.
"""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cases import audit
from cases.access import actor_for
from meetings import selectors, services
from meetings.access import annotate_item_access, get_meeting_for_user
from meetings.constants import WITHOUT_PARENTS, MeetingStatus, MeetingType
from meetings.forms.agenda import ItemAddForm, ItemAttendeesForm, ItemEditForm
from meetings.models import AgendaItem
from meetings.rules import max_partners, too_many_partners
from meetings.views.handoff import hands_over
from meetings.views.meeting import meeting_page_context


def _open_meeting(request: HttpRequest, meeting_uuid: UUID):
    meeting = get_meeting_for_user(request, meeting_uuid, manage=True)
    if meeting.status == MeetingStatus.CANCELLED:
        raise Http404
    return meeting


def _managed_item(request: HttpRequest, meeting_uuid: UUID, item_uuid: UUID):
    meeting = _open_meeting(request, meeting_uuid)
    item = (
        AgendaItem.objects.select_related("case__pupil", "meeting__school")
        .filter(meeting=meeting, uuid=item_uuid)
        .first()
    )
    if item is None:
        raise Http404
    annotate_item_access(actor_for(request), [item])
    if not item.may_arrange:
        # A chair who may not know the case learns nothing of it, and invites nobody to it.
        audit.access_denied(actor_for(request), what=f"agendapunt {item.uuid}: besloten")
        raise PermissionDenied
    return meeting, item


def _agenda_response(request: HttpRequest, meeting) -> HttpResponse:
    if request.htmx:
        return render(
            request,
            "meetings/meeting/detail.html#agenda",
            meeting_page_context(request, meeting),
        )
    return redirect("meetings:meeting_detail", meeting_uuid=meeting.uuid)


def _form_page(request, meeting, **context) -> HttpResponse:
    return render(request, "meetings/meeting/form.html", {"meeting": meeting, **context})


def _search_context(request: HttpRequest, meeting) -> dict:
    query = request.GET.get("zoek", "").strip()[:100]
    return {
        "meeting": meeting,
        "query": query,
        "matches": selectors.agenda_case_matches(meeting=meeting, user=request.user, query=query),
        "limit": selectors.SEARCH_LIMIT,
    }


@require_http_methods(["GET", "POST"])
@hands_over
def item_add(request: HttpRequest, meeting_uuid: UUID) -> HttpResponse:
    """Put a case (found with `item_case_search`) or a general item on the agenda. Without
    JavaScript the search is a GET of this page."""
    meeting = _open_meeting(request, meeting_uuid)
    form = ItemAddForm(
        request.POST or None,
        cases=selectors.addable_cases(meeting=meeting, user=request.user),
        with_cases=meeting.type != MeetingType.ALGEMEEN,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.item_add(meeting=meeting, added_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Het agendapunt is toegevoegd."))
            return _agenda_response(request, meeting)
    return render(
        request,
        "meetings/meeting/item_add.html",
        _search_context(request, meeting) | {"add_form": form},
    )


@require_GET
def item_case_search(request: HttpRequest, meeting_uuid: UUID) -> HttpResponse:
    """The cases that may go on the agenda whose pupil's name matches `zoek`, as radio
    buttons for the add form (htmx; without JavaScript the add page searches); at most
    selectors.SEARCH_LIMIT."""
    meeting = _open_meeting(request, meeting_uuid)
    return render(request, "meetings/meeting/_case_results.html", _search_context(request, meeting))


@require_POST
def item_move(request: HttpRequest, meeting_uuid: UUID, item_uuid: UUID) -> HttpResponse:
    """Move an item one place; the answer to htmx keeps focus on the moved item
    (static/meetings/agenda.js) and announces its new place and time in the status region."""
    meeting, item = _managed_item(request, meeting_uuid, item_uuid)
    direction = "omhoog" if request.POST.get("richting") == "omhoog" else "omlaag"
    try:
        item = services.item_move(
            item=item, moved_by=request.user, step=-1 if direction == "omhoog" else 1
        )
    except ValidationError as error:
        announcement = " ".join(error.messages)
    else:
        announcement = _(
            "Het punt staat nu op plek %(position)s, van %(start)s tot %(end)s uur. De andere "
            "tijden zijn aangepast."
        ) % {
            "position": item.position,
            "start": f"{item.start_time:%H.%M}",
            "end": f"{item.end_time:%H.%M}",
        }
    if request.htmx:
        context = meeting_page_context(request, meeting) | {
            "announcement": announcement,
            "moved": item,
            "moved_direction": direction,
        }
        return render(request, "meetings/meeting/detail.html#agenda", context)
    messages.info(request, announcement)
    url = reverse("meetings:meeting_detail", kwargs={"meeting_uuid": meeting.uuid})
    return redirect(f"{url}#punt-{item.uuid}")


@require_http_methods(["GET", "POST"])
@hands_over
def item_edit(request: HttpRequest, meeting_uuid: UUID, item_uuid: UUID) -> HttpResponse:
    meeting, item = _managed_item(request, meeting_uuid, item_uuid)
    general = item.case_id is None
    initial = {"title": item.title, "start_time": item.start_time, "end_time": item.end_time}
    form = ItemEditForm(request.POST or None, initial=initial, general=general)
    if request.method == "POST" and form.is_valid():
        try:
            services.item_update(item=item, changed_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Het agendapunt is gewijzigd."))
            return redirect("meetings:meeting_detail", meeting_uuid=meeting.uuid)
    return _form_page(
        request,
        meeting,
        item=item,
        form=form,
        heading=_("Agendapunt wijzigen"),
        submit=_("Opslaan"),
    )


@require_http_methods(["GET", "POST"])
@hands_over
def item_remove(request: HttpRequest, meeting_uuid: UUID, item_uuid: UUID) -> HttpResponse:
    meeting, item = _managed_item(request, meeting_uuid, item_uuid)
    if request.method == "POST":
        services.item_remove(item=item, removed_by=request.user)
        messages.success(request, _("Het agendapunt is van de agenda gehaald."))
        return redirect("meetings:meeting_detail", meeting_uuid=meeting.uuid)
    return _form_page(
        request,
        meeting,
        item=item,
        heading=_("Agendapunt verwijderen?"),
        intro=_(
            "Wie alleen voor dit punt was uitgenodigd, krijgt een afzegging. "
            "Het verslag van dit punt gaat verloren."
        ),
        submit=_("Ja, verwijderen"),
        danger=True,
    )


@require_http_methods(["GET", "POST"])
@hands_over
def item_attendees(request: HttpRequest, meeting_uuid: UUID, item_uuid: UUID) -> HttpResponse:
    meeting, item = _managed_item(request, meeting_uuid, item_uuid)
    candidates = selectors.attendee_candidates(item=item)
    current = list(item.attendees.all())
    # The form's choices are Professional rows; the attendees are users.
    professional_of = {
        p.user_id: p.pk for group in ("involved", "partners", "school") for p in candidates[group]
    }
    chosen = [professional_of[a.user_id] for a in current if a.user_id in professional_of]
    guardians = [a.guardian_id for a in current if a.guardian_id]
    if not current and not item.no_parents_reason:
        # Parents sit at the table (docs/domain.md, "The knooppunt"): ticked until unticked.
        guardians = [g.pk for g in candidates["guardians"]]
    initial = {
        "involved": chosen,
        "partners": chosen,
        "school": chosen,
        "guardians": guardians,
        "no_parents_reason": item.no_parents_reason,
    }
    form = ItemAttendeesForm(
        request.POST or None,
        initial=initial,
        candidates=candidates,
        ask_reason=item.case_id is not None and meeting.type not in WITHOUT_PARENTS,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.item_attendees_set(
                item=item,
                set_by=request.user,
                professionals=form.professionals(),
                guardians=list(form.cleaned_data.get("guardians", [])),
                no_parents_reason=form.cleaned_data.get("no_parents_reason"),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            limit = max_partners(meeting)
            if too_many_partners(item, limit):
                messages.warning(
                    request,
                    _(
                        "Er zijn meer dan %(limit)s partners bij dit punt. Houd het aantal klein, "
                        "zodat ouders niet worden overvallen."
                    )
                    % {"limit": limit},
                )
            messages.success(request, _("De genodigden voor dit punt zijn opgeslagen."))
            return redirect("meetings:meeting_detail", meeting_uuid=meeting.uuid)
    return render(
        request,
        "meetings/meeting/attendees.html",
        {"meeting": meeting, "item": item, "form": form, "limit": max_partners(meeting)},
    )
