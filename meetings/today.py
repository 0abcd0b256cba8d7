"""What the home page ("Vandaag", docs/domain.md) asks of the meetings: the IB'er's next
knooppunt with each item's readiness, and a professional's coming agenda items. A fixed number
of queries however long the agenda."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone

from cases.access import discussable_case_ids
from meetings import rules
from meetings.access import annotate_item_access
from meetings.constants import MeetingStatus
from meetings.models import AgendaItem, Attendee, Meeting
from partners.access import ib_schools
from partners.models import User


@dataclass(frozen=True)
class ItemReadiness:
    """Whether a case item can be discussed as planned: consent to discuss in force, parents
    invited (or the reason they are not recorded), and an e-mail address for every invitee."""

    item: AgendaItem
    consent: bool
    parents: bool
    emails: bool

    @property
    def ready(self) -> bool:
        return self.consent and self.parents and self.emails


@dataclass(frozen=True)
class NextMeeting:
    meeting: Meeting
    items: list[ItemReadiness]


def next_knooppunt(*, fetched_by: User) -> NextMeeting | None:
    """The first coming meeting, not cancelled, of the schools where the user is IB'er."""
    meeting = (
        Meeting.objects.filter(school__in=ib_schools(fetched_by), date__gte=timezone.localdate())
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("school")
        .order_by("date", "start_time", "pk")
        .first()
    )
    if meeting is None:
        return None
    items = list(
        meeting.items.filter(case__isnull=False)
        .select_related("case__pupil", "meeting__school")
        .prefetch_related(
            Prefetch("attendees", queryset=Attendee.objects.only("pk", "guardian", "email"))
        )
    )
    annotate_item_access(fetched_by, items)
    discussable = discussable_case_ids(item.case for item in items)
    return NextMeeting(
        meeting=meeting,
        items=[
            ItemReadiness(
                item=item,
                consent=item.case_id in discussable,
                parents=not rules.missing_parents(item),
                emails=all(attendee.email for attendee in item.attendees.all()),
            )
            for item in items
        ],
    )


@dataclass(frozen=True)
class ComingInvitation:
    """A coming meeting the user is invited to, with the items they attend (each marked with
    what the user may see of it) and their answer."""

    attendee: Attendee
    meeting: Meeting
    items: list[AgendaItem]


def my_coming_items(*, fetched_by: User, days: int = 60) -> list[ComingInvitation]:
    """The user's invitations to meetings in the coming `days`, soonest first."""
    today = timezone.localdate()
    attendees = list(
        Attendee.objects.filter(
            user=fetched_by,
            meeting__date__gte=today,
            meeting__date__lte=today + datetime.timedelta(days=days),
        )
        .exclude(meeting__status=MeetingStatus.CANCELLED)
        .select_related("meeting__school")
        .prefetch_related(
            Prefetch(
                "items",
                queryset=AgendaItem.objects.select_related("case__pupil").order_by(
                    "position", "start_time"
                ),
            )
        )
        .order_by("meeting__date", "meeting__start_time", "pk")
    )
    items = [item for attendee in attendees for item in attendee.items.all()]
    annotate_item_access(fetched_by, items)
    return [
        ComingInvitation(attendee=a, meeting=a.meeting, items=list(a.items.all()))
        for a in attendees
    ]
