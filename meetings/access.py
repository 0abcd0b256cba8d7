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

from cases.access import CHANGE, DAT, WAT
from cases.models import Case, CaseUserObjectPermission
from meetings.constants import MeetingStatus
from meetings.models import AgendaItem, Attendee, Meeting
from partners.access import active_memberships, ib_schools
from partners.models import User

# How long after the meeting an invitee still knows that the case they discussed exists.
INVITED_DAT_DAYS = 90


def invited_user_ids(case: Case, day: datetime.date) -> list[int]:
    """Professionals invited to this case's agenda item of a meeting that is not cancelled,
    from the invitation until INVITED_DAT_DAYS after the meeting (DOMAIN.md: a partner sees
    "dat" of a case whose agenda item they are invited to)."""
    since = day - datetime.timedelta(days=INVITED_DAT_DAYS)
    return list(
        Attendee.objects.filter(
            items__case=case,
            meeting__date__gte=since,
            user__is_active=True,
        )
        .exclude(meeting__status=MeetingStatus.CANCELLED)
        .values_list("user_id", flat=True)
        .distinct()
    )


def invitation_expiry_changes(window: tuple[datetime.date, datetime.date]) -> Q:
    """Cases whose invitees' "dat" ran out in the window (for the hourly recompute)."""
    lapsed = tuple(d - datetime.timedelta(days=INVITED_DAT_DAYS + 1) for d in window)
    return Q(agenda_items__meeting__date__range=lapsed)


def meetings_visible_to(user: User) -> QuerySet[Meeting]:
    """Meetings of the schools the user works at, and meetings the user is invited to."""
    if not user.is_authenticated or not user.is_active:
        return Meeting.objects.none()
    organisations = active_memberships(user).values("organisation_id")
    return Meeting.objects.filter(
        Q(school__organisation__in=organisations) | Q(attendees__user=user) | Q(chair=user)
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
        raise Http404
    meeting.managed = may_manage(request.user, meeting)
    if manage and not meeting.managed:
        raise PermissionDenied
    return meeting


def case_codenames_by_item(user: User, items: list[AgendaItem]) -> dict[int, set[str]]:
    """item id -> the user's codenames on the item's case, in one query."""
    case_ids = {item.case_id for item in items if item.case_id}
    granted: dict[int, set[str]] = {case_id: set() for case_id in case_ids}
    if user.is_authenticated and user.is_active and case_ids:
        rows = CaseUserObjectPermission.objects.filter(
            user=user, content_object_id__in=case_ids
        ).values_list("content_object_id", "permission__codename")
        for case_id, codename in rows:
            granted[case_id].add(codename)
    return {item.pk: granted.get(item.case_id, set()) for item in items}


def annotate_item_access(user: User, items: list[AgendaItem]) -> list[AgendaItem]:
    """Mark each item with what this reader may see of it: `shows_case` (the pupil's name,
    "dat"), `shows_record` (decisions and minutes, "wat") and `may_add_case_work`."""
    codenames = case_codenames_by_item(user, items)
    for item in items:
        granted = codenames[item.pk]
        general = item.case_id is None
        item.shows_case = not general and DAT in granted
        item.shows_record = general or WAT in granted
        item.may_add_case_work = not general and CHANGE in granted
    return items
