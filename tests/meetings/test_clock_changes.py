"""Times are wall-clock times in Amsterdam (docs/domain.md), also on the two nights a year the
clocks change, and nobody is mailed at night.

Spring: on the last Sunday of March 02:00-03:00 does not exist. A meeting across it keeps its
real length in the .ics; a time inside it is refused, in Dutch, instead of becoming a zero-length
event. Autumn: on the last Sunday of October 02:00-03:00 happens twice; a time in it is its
first occurrence, as calendar programs read it, so the .ics and the calendar agree.

Reminders are queued from 07:00 Amsterdam time, whatever the offset from UTC that day, and each
goes out once.
"""

import calendar
import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from icalendar import Calendar

from meetings import services
from meetings.constants import Failure, OutboxState, ReminderKind
from meetings.forms.meeting import MeetingForm
from meetings.invitations import invitations_send
from meetings.models import AgendaItem, Attendee, Invitation, Reminder
from meetings.reminders import reminders_queue
from partners.models import School

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
T = datetime.time


def last_sunday(year: int, month: int) -> datetime.date:
    last = datetime.date(year, month, calendar.monthrange(year, month)[1])
    return last - datetime.timedelta(days=(last.weekday() - 6) % 7)


NEXT_YEAR = timezone.localdate().year + 1
SPRING = last_sunday(NEXT_YEAR, 3)  # 02:00 CET -> 03:00 CEST
AUTUMN = last_sunday(NEXT_YEAR, 10)  # 03:00 CEST -> 02:00 CET


def _on(meeting, ctx, day: datetime.date, start: datetime.time, end: datetime.time) -> None:
    """Move the meeting to `day`, every item to start-end."""
    services.meeting_update(meeting=meeting, changed_by=ctx.ib, date=day)
    for item in meeting.items.all():
        services.item_update(item=item, changed_by=ctx.ib, start_time=start, end_time=end)


def _event_to(address: str):
    message = [m for m in mail.outbox if m.to == [address]][-1]
    part = next(p for p in message.message().walk() if p.get_content_type() == "text/calendar")
    text = part.get_content()
    return Calendar.from_ical(text).events[0], text


def _real_length(event) -> datetime.timedelta:
    # Not event.DTEND - event.DTSTART: with the same tzinfo Python subtracts wall clocks.
    return event.DTEND.astimezone(datetime.UTC) - event.DTSTART.astimezone(datetime.UTC)


@pytest.fixture
def invited(ctx, meeting):
    Attendee.objects.filter(meeting=meeting, guardian=ctx.mother).update(
        email="moeder@test.example"
    )
    return meeting


def test_a_meeting_across_the_spring_change_keeps_its_real_length(
    ctx, invited, django_capture_on_commit_callbacks
):
    _on(invited, ctx, SPRING, T(1, 30), T(3, 30))
    with django_capture_on_commit_callbacks(execute=True):
        invitations_send(meeting=invited, sent_by=ctx.ib)
    event, text = _event_to("smw@test.example")
    assert f"DTSTART;TZID=Europe/Amsterdam:{SPRING:%Y%m%d}T013000" in text
    assert f"DTEND;TZID=Europe/Amsterdam:{SPRING:%Y%m%d}T033000" in text
    assert event.DTSTART.utcoffset() == datetime.timedelta(hours=1)
    assert event.DTEND.utcoffset() == datetime.timedelta(hours=2)
    assert _real_length(event) == datetime.timedelta(hours=1)


def test_a_time_the_spring_change_skips_is_refused_in_dutch(ctx, invited):
    schools = School.objects.filter(pk=ctx.school.pk)
    form = MeetingForm(
        {"date": SPRING.isoformat(), "start_time": "02:00", "end_time": "03:00"},
        schools=schools,
        with_chair=False,
    )
    assert not form.is_valid()
    assert form.errors["start_time"] == [
        f"2.00 uur bestaat niet op {SPRING:%d-%m-%Y}: de klok gaat die nacht een uur vooruit. "
        "Kies een andere tijd."
    ]
    services.meeting_update(meeting=invited, changed_by=ctx.ib, date=SPRING)
    item = invited.items.first()
    with pytest.raises(ValidationError):
        services.item_update(item=item, changed_by=ctx.ib, start_time=T(2, 30), end_time=T(3, 30))
    with pytest.raises(ValidationError):
        services.meeting_update(
            meeting=invited, changed_by=ctx.ib, start_time=T(2, 15), end_time=T(4)
        )


def test_an_old_row_inside_the_spring_gap_is_no_zero_length_event(
    ctx, invited, django_capture_on_commit_callbacks
):
    """Times stored before these checks: an event that would last zero minutes is not sent;
    the invitation fails for good as a message that cannot be built."""
    services.meeting_update(meeting=invited, changed_by=ctx.ib, date=SPRING)
    AgendaItem.objects.filter(meeting=invited).update(start_time=T(2), end_time=T(3))
    with django_capture_on_commit_callbacks(execute=True):
        invitations_send(meeting=invited, sent_by=ctx.ib)
    for message in mail.outbox:
        part = next(p for p in message.message().walk() if p.get_content_type() == "text/calendar")
        event = Calendar.from_ical(part.get_content()).events[0]
        assert _real_length(event) > datetime.timedelta(0)
    rows = Invitation.objects.filter(attendee__meeting=invited)
    assert {(row.state, row.failure) for row in rows} == {
        (OutboxState.FAILED_FOR_GOOD, Failure.UNBUILDABLE)
    }


def test_a_meeting_across_the_autumn_change_keeps_its_real_length(
    ctx, invited, django_capture_on_commit_callbacks
):
    _on(invited, ctx, AUTUMN, T(1, 30), T(3, 30))
    with django_capture_on_commit_callbacks(execute=True):
        invitations_send(meeting=invited, sent_by=ctx.ib)
    event, text = _event_to("smw@test.example")
    assert f"DTSTART;TZID=Europe/Amsterdam:{AUTUMN:%Y%m%d}T013000" in text
    assert f"DTEND;TZID=Europe/Amsterdam:{AUTUMN:%Y%m%d}T033000" in text
    assert event.DTSTART.utcoffset() == datetime.timedelta(hours=2)
    assert event.DTEND.utcoffset() == datetime.timedelta(hours=1)
    assert _real_length(event) == datetime.timedelta(hours=3)


def test_a_time_in_the_repeated_autumn_hour_is_its_first_occurrence(
    ctx, invited, django_capture_on_commit_callbacks
):
    _on(invited, ctx, AUTUMN, T(2, 15), T(2, 45))
    with django_capture_on_commit_callbacks(execute=True):
        invitations_send(meeting=invited, sent_by=ctx.ib)
    event, _text = _event_to("smw@test.example")
    row = Invitation.objects.get(attendee__email="smw@test.example")
    assert row.starts_at == datetime.datetime.combine(AUTUMN, T(0, 15), datetime.UTC)
    assert row.ends_at == datetime.datetime.combine(AUTUMN, T(0, 45), datetime.UTC)
    assert event.DTSTART.astimezone(datetime.UTC) == row.starts_at
    assert _real_length(event) == datetime.timedelta(minutes=30)


# ----- Reminders are not sent at night --------------------------------------------------------


@pytest.mark.parametrize(
    ("day_before", "first_utc_hour"),
    [(SPRING, 5), (AUTUMN, 6), (SPRING - datetime.timedelta(days=7), 6)],
    ids=["spring-change", "autumn-change", "winter"],
)
def test_reminders_go_out_once_from_seven_in_amsterdam(
    ctx, invited, django_capture_on_commit_callbacks, day_before, first_utc_hour
):
    """Beat runs every hour; the day before the meeting the first run that queues anything is
    the one at 07:00 in Amsterdam: 05:00 UTC in summer time, 06:00 UTC in winter time."""
    services.meeting_update(
        meeting=invited, changed_by=ctx.ib, date=day_before + datetime.timedelta(days=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        invitations_send(meeting=invited, sent_by=ctx.ib)
    mail.outbox.clear()

    first_sent = None
    start = datetime.datetime.combine(day_before, T(0), datetime.UTC) - datetime.timedelta(hours=3)
    for hour in range(27):
        now = start + datetime.timedelta(hours=hour)
        with django_capture_on_commit_callbacks(execute=True):
            reminders_queue(now=now)
        reminders = [m for m in mail.outbox if m.subject.startswith("Herinnering: knooppunt")]
        if reminders and first_sent is None:
            first_sent = now
    assert first_sent == datetime.datetime.combine(day_before, T(first_utc_hour), datetime.UTC)
    assert first_sent.astimezone(AMSTERDAM).time() == T(7)
    to = sorted(m.to[0] for m in mail.outbox if m.subject.startswith("Herinnering: knooppunt"))
    assert to == ["arts@test.example", "moeder@test.example", "smw@test.example"]
    assert Reminder.objects.filter(kind=ReminderKind.MEETING_TOMORROW).count() == 3
