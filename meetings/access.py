"""Who may see a meeting and what of its agenda.

A meeting itself ("dat") is visible to its school's staff and to everyone invited to it; the
school's IB'er and the chair manage it. Per agenda item, the pupil's name follows the case's
"dat" permission and the record of the item (decisions, minutes) its "wat" permission, so the
meeting pages can never show more than the case pages would.
"""

import datetime
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from cases import audit
from cases.access import CHANGE, DAT, WAT, Actor, CaseAccess, actor_for, codenames_on
from meetings.constants import MeetingStatus
from meetings.models import AgendaItem, Attendee, Meeting
from partners.access import active_memberships, ib_schools
from partners.models import User

# How long after the meeting an invitee still knows that the case they discussed exists.
INVITED_DAT_DAYS = 90


def invited_user_ids(case_ids: list[int], day: datetime.date) -> QuerySet:
    """(case id, user id): professionals invited to these cases' agenda items of a meeting that
    is not cancelled, from the invitation until INVITED_DAT_DAYS after the meeting
    (docs/domain.md, "Dat, niet wat": a partner sees "dat" of a case whose agenda item they are
    invited to)."""
    since = day - datetime.timedelta(days=INVITED_DAT_DAYS)
    return (
        Attendee.items.through.objects.filter(
            agendaitem__case_id__in=case_ids,
            agendaitem__meeting__date__gte=since,
            attendee__user__is_active=True,
        )
        .exclude(agendaitem__meeting__status=MeetingStatus.CANCELLED)
        .values_list("agendaitem__case_id", "attendee__user_id")
    )


def invitation_expiry_changes(window: tuple[datetime.date, datetime.date]) -> Q:
    """Cases whose invitees' "dat" ran out in the window (for the hourly recompute)."""
    lapsed = tuple(d - datetime.timedelta(days=INVITED_DAT_DAYS + 1) for d in window)
    return Q(agenda_items__meeting__date__range=lapsed)


def meetings_visible_to(user: User) -> QuerySet[Meeting]:
    """Meetings of the schools the user works at, and meetings the user is invited to: to at
    least one of its items (someone taken off every item is no longer invited)."""
    if not user.is_authenticated or not user.is_active:
        return Meeting.objects.none()
    organisations = active_memberships(user).values("organisation_id")
    invited = Attendee.objects.filter(user=user, items__isnull=False).values("meeting_id")
    return Meeting.objects.filter(
        Q(school__organisation__in=organisations) | Q(pk__in=invited) | Q(chair=user)
    ).distinct()


def may_manage(user: User, meeting: Meeting) -> bool:
    """The school's IB'er plans and records the meeting; so does its chair (for a toeleiding,
    the SWV's trajectbegeleider)."""
    return meeting.chair_id == user.pk or ib_schools(user).filter(pk=meeting.school_id).exists()


def get_meeting_for_user(
    request: HttpRequest, meeting_uuid: UUID, *, manage: bool = False
) -> Meeting:
    """The one gate for meetings: 404 to whoever may not know it, 403 to whoever may see it
    but not manage it."""
    meeting = (
        meetings_visible_to(request.user)
        .select_related("school__organisation", "chair")
        .filter(uuid=meeting_uuid)
        .first()
    )
    if meeting is None:
        audit.access_denied(actor_for(request), what=f"overleg {meeting_uuid}: geen toegang")
        raise Http404
    meeting.managed = may_manage(request.user, meeting)
    if manage and not meeting.managed:
        audit.access_denied(actor_for(request), what=f"overleg {meeting_uuid}: niet beheren")
        raise PermissionDenied
    return meeting


def annotate_item_access(actor: Actor | User, items: list[AgendaItem]) -> list[AgendaItem]:
    """Mark each item with what this reader may see of it: `shows_case` (the pupil's name,
    the guardians and the invitees: "dat"), `shows_record` (decisions and minutes, "wat") and
    `may_add_case_work`, `may_arrange` (see and change who attends). A case item's case
    carries the reader's `access` for the log."""
    if not isinstance(actor, Actor):
        actor = Actor.of(actor)
    codenames = codenames_on(actor.user, {item.case_id for item in items if item.case_id})
    for item in items:
        granted = frozenset(codenames.get(item.case_id, ()))
        general = item.case_id is None
        item.shows_case = not general and DAT in granted
        item.shows_record = general or WAT in granted
        item.may_add_case_work = not general and CHANGE in granted
        # Who attends, and changing the item, are "dat" of its case.
        item.may_arrange = general or item.shows_case
        if not general:
            item.case.access = CaseAccess(case=item.case, actor=actor, granted=granted)
    return items


def visible_attendee_ids(items: list[AgendaItem]) -> set[int]:
    """Attendees of the items whose invitees this reader may see (`annotate_item_access`):
    whoever is invited only for a case the reader may not know stays hidden."""
    return {attendee.pk for item in items if item.may_arrange for attendee in item.attendees.all()}
