"""iCalendar feeds: Europe/Amsterdam times, stable UIDs, cancelled meetings, only the owner's
meetings in a personal feed, nothing of a case, and rotation that kills the old address."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from meetings import feeds, planning, services
from meetings.constants import MeetingType, PlanningKind, WeekOfMonth
from meetings.models import CalendarFeed, Meeting
from tests.conftest import CANARY, signed_in_client

# The world is built once for the module, each test in its own savepoint; see tests/conftest.py.
pytestmark = pytest.mark.usefixtures("shared_case_world")

D = datetime.date
T = datetime.time


def _fetch(feed: CalendarFeed):
    response = Client().get(reverse("meetings:feed", kwargs={"token": feed.token}))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response.content, Calendar.from_ical(response.content)


def _events(cal) -> dict[str, object]:
    return {str(event["UID"]): event for event in cal.walk("VEVENT")}


def _school_feed(world) -> CalendarFeed:
    return feeds.calendar_feed_rotate(school=world.school, rotated_by=world.ib)


def _user_feed(user) -> CalendarFeed:
    return feeds.calendar_feed_rotate(user=user, rotated_by=user)


@pytest.fixture
def school_year(world):
    """Presence days and knooppunt meetings of the current school year, from the rules of
    docs/domain.md, "Year planning"."""
    year = planning.current_school_year()
    for kind, interval, end in (
        (PlanningKind.PRESENCE, 1, T(12)),
        (PlanningKind.MEETING, 2, T(11)),
    ):
        rule = planning.planning_rule_add(
            school=world.school,
            school_year=year,
            kind=kind,
            weekday=0,
            week_of_month=WeekOfMonth.FIRST,
            month_interval=interval,
            start_time=T(9),
            end_time=end,
            location="Teamkamer",
            added_by=world.ib,
        )
        planning.planning_generate(rule=rule, generated_by=world.ib)
    return year


def test_school_feed_has_amsterdam_times_with_the_right_utc_offset(world, school_year):
    raw, cal = _fetch(_school_feed(world))
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    winter = D(school_year + 1, 1, 1)
    winter += datetime.timedelta(days=(0 - winter.weekday()) % 7)  # first Monday of January
    summer = D(school_year, 9, 1)
    summer += datetime.timedelta(days=(0 - summer.weekday()) % 7)  # first Monday of September
    assert f"DTSTART;TZID=Europe/Amsterdam:{winter:%Y%m%d}T090000".encode() in raw
    starts = {
        event.decoded("DTSTART").date(): event.decoded("DTSTART")
        for event in cal.walk("VEVENT")
        if "Aanwezigheid" in str(event["SUMMARY"])
    }
    assert starts[winter].hour == 9 and starts[winter].utcoffset() == datetime.timedelta(hours=1)
    assert starts[summer].hour == 9 and starts[summer].utcoffset() == datetime.timedelta(hours=2)
    assert starts[winter].astimezone(datetime.UTC).hour == 8
    assert starts[summer].astimezone(datetime.UTC).hour == 7


def test_school_feed_holds_presence_days_and_meetings_in_seed_wording(world, school_year):
    _raw, cal = _fetch(_school_feed(world))
    summaries = [str(event["SUMMARY"]) for event in cal.walk("VEVENT")]
    assert summaries.count(f"Aanwezigheid vaste partners in gebouw – {world.school.name}") == 11
    assert summaries.count(f"Knooppuntoverleg (casuïstiek) – {world.school.name}") == 6
    assert {str(event["LOCATION"]) for event in cal.walk("VEVENT")} == {"Teamkamer"}


def test_uid_and_sequence_are_stable_and_a_change_raises_the_sequence(world, school_year):
    feed = _school_feed(world)
    _raw, first = _fetch(feed)
    _raw, second = _fetch(feed)
    assert _events(first).keys() == _events(second).keys()
    assert len(_events(first)) == 17
    for uid, event in _events(first).items():
        assert _events(second)[uid].to_ical() == event.to_ical()

    meeting = Meeting.objects.filter(school=world.school).order_by("date").last()
    uid = next(uid for uid in _events(first) if str(meeting.uuid) in uid)
    services.meeting_cancel(meeting=meeting, cancelled_by=world.ib)
    _raw, third = _fetch(feed)
    cancelled = _events(third)[uid]
    assert cancelled["STATUS"] == "CANCELLED"
    assert cancelled["SEQUENCE"] > _events(first)[uid]["SEQUENCE"]
    assert {str(e["STATUS"]) for u, e in _events(third).items() if u != uid} == {"CONFIRMED"}


def test_feeds_never_carry_the_case_on_the_agenda(ctx, meeting):
    for feed in (_school_feed(ctx), _user_feed(ctx.partner), _user_feed(ctx.ib)):
        raw, cal = _fetch(feed)
        text = raw.decode()
        assert str(meeting.uuid) in text
        for secret in (CANARY, ctx.pupil.last_name, "Opening"):
            assert secret not in text
        assert {str(event["SUMMARY"]) for event in cal.walk("VEVENT")} == {
            f"Knooppuntoverleg (casuïstiek) – {ctx.school.name}"
        }


def test_personal_feed_shows_each_invitee_their_own_window(ctx, meeting):
    general, case_item = meeting.items.order_by("position")
    # The youth doctor attends only the case's item; the SMW partner both.
    services.item_attendees_set(
        item=general, set_by=ctx.ib, professionals=[ctx.partner.memberships.get()], guardians=[]
    )

    def window(user):
        (event,) = _fetch(_user_feed(user))[1].walk("VEVENT")
        return event.decoded("DTSTART").time(), event.decoded("DTEND").time()

    assert window(ctx.jeugdarts) == (case_item.start_time, case_item.end_time)
    assert window(ctx.partner) == (general.start_time, case_item.end_time)
    # The IB'er chairs the meeting and sees all of it.
    assert window(ctx.ib) == (T(9), T(11))


def test_personal_feed_shows_only_the_users_meetings(ctx, meeting):
    services.meeting_plan(
        school=ctx.other_school,
        type=MeetingType.ALGEMEEN,
        date=meeting.date,
        start_time=T(13),
        end_time=T(15),
        planned_by=ctx.ib_other_school,
    )
    uids = {
        user: {str(e["UID"]) for e in _fetch(_user_feed(user))[1].walk("VEVENT")}
        for user in (ctx.partner, ctx.ib, ctx.ib_other_school, ctx.outsider, ctx.directeur)
    }
    assert len(uids[ctx.partner]) == 1 and uids[ctx.partner] == uids[ctx.ib]
    assert len(uids[ctx.ib_other_school]) == 1 and uids[ctx.ib_other_school] != uids[ctx.ib]
    # Neither invited, nor chair, nor IB'er: nothing.
    assert uids[ctx.outsider] == set() and uids[ctx.directeur] == set()


def test_a_cancelled_meeting_stays_in_the_personal_feed_as_cancelled(ctx, meeting):
    services.meeting_cancel(meeting=meeting, cancelled_by=ctx.ib)
    (event,) = _fetch(_user_feed(ctx.partner))[1].walk("VEVENT")
    assert event["STATUS"] == "CANCELLED"


@pytest.mark.django_db
def test_unknown_token_is_404():
    response = Client().get(reverse("meetings:feed", kwargs={"token": "geen-echt-token"}))
    assert response.status_code == 404


def test_feed_of_a_deactivated_user_stops(world):
    feed = _user_feed(world.partner)
    world.partner.is_active = False
    world.partner.save()
    assert Client().get(reverse("meetings:feed", args=[feed.token])).status_code == 404


def test_rotating_the_school_feed_kills_the_old_address(world):
    client = signed_in_client(world.ib)
    url = reverse("meetings:school_feed", kwargs={"school_uuid": world.school.uuid})
    assert "Er is nog geen adres." in client.get(url).content.decode()
    client.post(url)
    old = CalendarFeed.objects.get(school=world.school).token
    page = client.get(url).content.decode()
    assert f"/agenda/{old}.ics" in page and "Nieuw adres maken" in page
    confirm = client.get(url + "?vernieuwen=1").content.decode()
    assert "Het huidige adres werkt direct niet meer" in confirm
    assert CalendarFeed.objects.get(school=world.school).token == old

    client.post(url)
    new = CalendarFeed.objects.get(school=world.school).token
    assert new != old
    assert Client().get(reverse("meetings:feed", args=[old])).status_code == 404
    assert Client().get(reverse("meetings:feed", args=[new])).status_code == 200


def test_rotating_my_feed_kills_the_old_address(world):
    client = signed_in_client(world.partner)
    url = reverse("meetings:my_feed")
    client.post(url)
    old = CalendarFeed.objects.get(user=world.partner).token
    client.post(url)
    new = CalendarFeed.objects.get(user=world.partner).token
    assert new != old
    assert Client().get(reverse("meetings:feed", args=[old])).status_code == 404
    assert Client().get(reverse("meetings:feed", args=[new])).status_code == 200


def test_feed_address_is_absolute_from_site_url(world, settings):
    settings.SITE_URL = "https://knooppunt.example"
    feed = _school_feed(world)
    assert feeds.feed_url(feed) == f"https://knooppunt.example/agenda/{feed.token}.ics"


def test_only_the_school_ib_rotates_the_school_feed(world):
    url = reverse("meetings:school_feed", kwargs={"school_uuid": world.school.uuid})
    assert signed_in_client(world.directeur).post(url).status_code == 403
    assert not CalendarFeed.objects.exists()
