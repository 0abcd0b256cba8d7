"""iCalendar feeds at secret addresses: a school's dates for the school calendar, and one
professional's meetings for their own agenda.

A feed is read without signing in, by whoever holds the address, so an event says only what
kind of meeting it is, for which school, where and when: never a pupil, a case or an agenda.
Rotating the token makes the old address stop working at once.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from meetings.constants import MeetingStatus
from meetings.models import Attendee, CalendarFeed, Meeting, PresenceDay
from meetings.models.planning import new_token
from meetings.planning import (
    PRESENCE_LABEL,
    current_school_year,
    meeting_label,
    school_year_bounds,
)
from partners.access import ib_schools, is_ib_of
from partners.models import School, User

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


# ----- The feed rows ---------------------------------------------------------------------------


def feed_url(feed: CalendarFeed) -> str:
    """The absolute address to subscribe to."""
    return settings.SITE_URL + reverse("meetings:feed", kwargs={"token": feed.token})


def school_feed_get(*, school: School) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(school=school).first()


def user_feed_get(*, user: User) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first()


@transaction.atomic
def calendar_feed_rotate(
    *, rotated_by: User, school: School | None = None, user: User | None = None
) -> CalendarFeed:
    """Create the feed of a school (by its IB'er) or of a user (by that user), or give an
    existing one a new token so its old address stops working."""
    if (school is None) == (user is None):
        raise TypeError("calendar_feed_rotate() needs a school or a user")
    if school is not None and not is_ib_of(rotated_by, school):
        raise ValidationError(_("Alleen de intern begeleider beheert het agenda-abonnement."))
    if user is not None and user.pk != rotated_by.pk:
        raise ValidationError(_("Je beheert alleen je eigen agenda-abonnement."))
    owner = {"school": school} if school is not None else {"user": user}
    feed = CalendarFeed.objects.select_for_update().filter(**owner).first()
    if feed is None:
        return CalendarFeed.objects.create(**owner)
    feed.token = new_token()
    feed.save(update_fields=["token", "rotated_at"])
    return feed


def feed_by_token(token: str) -> CalendarFeed | None:
    """The live feed for a token; none for an unknown token or a deactivated user."""
    feed = CalendarFeed.objects.select_related("school", "user").filter(token=token).first()
    if feed is None or (feed.user is not None and not feed.user.is_active):
        return None
    return feed


# ----- Building the calendar -------------------------------------------------------------------


@dataclass(frozen=True)
class _Revision:
    sequence: int
    stamp: datetime.datetime


def _revisions(model, ids: Iterable[int]) -> dict[int, _Revision]:
    """Per object: how often it was saved (the SEQUENCE) and when last (the DTSTAMP), so an
    unchanged event reads the same on every fetch."""
    rows = (
        model.history.filter(id__in=list(ids))
        .values("id")
        .annotate(saves=Count("history_id"), last=Max("history_date"))
    )
    return {row["id"]: _Revision(max(row["saves"] - 1, 0), row["last"]) for row in rows}


def _since() -> datetime.date:
    """Feeds reach back to the start of the previous school year."""
    return school_year_bounds(current_school_year() - 1)[0]


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//Knooppunt//Jaarplanning//NL")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Amsterdam")
    return cal


def _uid(kind: str, key: object) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "knooppunt"
    return f"{kind}-{key}@{host}"


def _event(
    *,
    uid: str,
    summary: str,
    day: datetime.date,
    start: datetime.time,
    end: datetime.time,
    location: str,
    revision: _Revision | None,
    cancelled: bool = False,
    description: str = "",
) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("summary", summary)
    event.add("dtstart", datetime.datetime.combine(day, start, tzinfo=AMSTERDAM))
    event.add("dtend", datetime.datetime.combine(day, end, tzinfo=AMSTERDAM))
    event.add("dtstamp", revision.stamp if revision else timezone.now())
    event.add("sequence", revision.sequence if revision else 0)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    if location:
        event.add("location", location)
    if description:
        event.add("description", description)
    return event


def _meeting_event(meeting: Meeting, revision, *, uid: str, start=None, end=None) -> Event:
    return _event(
        uid=uid,
        summary=f"{meeting_label(meeting.type)} – {meeting.school.name}",
        day=meeting.date,
        start=start or meeting.start_time,
        end=end or meeting.end_time,
        location=meeting.location,
        revision=revision,
        cancelled=meeting.status == MeetingStatus.CANCELLED,
    )


def _finish(cal: Calendar) -> bytes:
    cal.add_missing_timezones()
    return cal.to_ical()


def school_calendar(*, school: School) -> bytes:
    """The school's presence days and meetings, for the school calendar."""
    since = _since()
    cal = _calendar(f"Knooppunt {school.name}")
    days = list(PresenceDay.objects.filter(school=school, date__gte=since).select_related("school"))
    day_revisions = _revisions(PresenceDay, (d.pk for d in days))
    for day in days:
        cal.add_component(
            _event(
                uid=_uid("aanwezigheid", day.uuid),
                summary=f"{PRESENCE_LABEL} – {school.name}",
                day=day.date,
                start=day.start_time,
                end=day.end_time,
                location=day.location,
                revision=day_revisions.get(day.pk),
                description=day.note,
            )
        )
    meetings = list(Meeting.objects.filter(school=school, date__gte=since).select_related("school"))
    revisions = _revisions(Meeting, (m.pk for m in meetings))
    for meeting in meetings:
        uid = _uid("overleg", meeting.uuid)
        cal.add_component(_meeting_event(meeting, revisions.get(meeting.pk), uid=uid))
    return _finish(cal)


def user_calendar(*, user: User) -> bytes:
    """One professional's meetings: those they chair and, for an IB'er, all meetings of their
    schools, as a whole; those they are invited to, in their own window (from the start of
    their first agenda item to the end of their last; the whole meeting if it has no items).
    Someone taken off every item of a meeting is no longer invited, as in their e-mail."""
    since = _since()
    cal = _calendar(_("Mijn knooppuntoverleggen"))
    whole = Meeting.objects.filter(
        Q(chair=user) | Q(school__in=ib_schools(user)), date__gte=since
    ).select_related("school")
    meetings = {meeting.pk: meeting for meeting in whole}
    windows: dict[int, tuple] = {}
    invited = (
        Attendee.objects.filter(user=user, meeting__date__gte=since)
        .exclude(meeting__in=list(meetings))
        .select_related("meeting__school")
        .annotate(
            first=Min("items__start_time"),
            last=Max("items__end_time"),
            meeting_items=Count("meeting__items", distinct=True),
        )
    )
    for attendee in invited:
        if attendee.first is None and attendee.meeting_items:
            continue
        meetings[attendee.meeting_id] = attendee.meeting
        if attendee.first is not None:
            windows[attendee.meeting_id] = (attendee.first, attendee.last)
    revisions = _revisions(Meeting, meetings)
    for meeting in sorted(meetings.values(), key=lambda m: (m.date, m.start_time)):
        start, end = windows.get(meeting.pk, (None, None))
        uid = _uid("overleg", f"{meeting.uuid}-persoonlijk")
        cal.add_component(
            _meeting_event(meeting, revisions.get(meeting.pk), uid=uid, start=start, end=end)
        )
    return _finish(cal)


def feed_calendar(feed: CalendarFeed) -> bytes:
    if feed.school_id is not None:
        return school_calendar(school=feed.school)
    return user_calendar(user=feed.user)
