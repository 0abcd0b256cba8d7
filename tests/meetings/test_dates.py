"""No poison rows (docs/security.md, "Nothing lost"): every form and service that takes a date
for a meeting or the year planning keeps it between 1 January 2000 and ten years ahead, with a
Dutch message; a message that still cannot be built (a row from before these checks) fails for
good as "het bericht kon niet worden gemaakt" and is not retried."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from meetings import dates, outbox, planning, services
from meetings.constants import Failure, MeetingType, OutboxState, PlanningKind, WeekOfMonth
from meetings.forms.meeting import MeetingForm, MeetingPlanForm
from meetings.forms.minutes import ItemRecordForm
from meetings.forms.planning import PlanningRuleForm, PresenceDayForm
from meetings.invitations import invitation_rows, invitations_send
from meetings.models import Attendee, Invitation, Meeting
from meetings.tasks import deliver_invitation
from partners.models import School
from tests.conftest import signed_in_client

pytestmark = pytest.mark.django_db

FIRST_DAY = datetime.date(1, 1, 1)
LAST_DAY = datetime.date(9999, 12, 31)
POISON = [FIRST_DAY, LAST_DAY]


def _meeting_data(day: datetime.date, **extra) -> dict:
    return {"date": day.isoformat(), "start_time": "09:00", "end_time": "11:00"} | extra


@pytest.mark.parametrize("day", [*POISON, datetime.date(1999, 12, 31)])
def test_planning_a_meeting_on_an_impossible_date_is_refused_in_dutch(ctx, day):
    client = signed_in_client(ctx.ib)
    response = client.post(
        reverse("meetings:meeting_new"),
        _meeting_data(day, school=ctx.school.pk, type=MeetingType.CASUISTIEK),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["date"]
    assert errors in (
        ["Kies een datum vanaf 1 januari 2000."],
        [f"Kies een datum tot en met {dates.latest():%d-%m-%Y} (tien jaar vooruit)."],
    )
    assert not Meeting.objects.exists()
    with pytest.raises(ValidationError):
        services.meeting_plan(
            school=ctx.school,
            type=MeetingType.CASUISTIEK,
            date=day,
            start_time=datetime.time(9),
            end_time=datetime.time(11),
            planned_by=ctx.ib,
        )


def test_the_range_runs_from_2000_to_ten_years_ahead(ctx):
    schools = School.objects.filter(pk=ctx.school.pk)
    ten_years = dates.latest()
    for day, valid in [
        (datetime.date(2000, 1, 1), True),
        (ten_years, True),
        (ten_years + datetime.timedelta(days=1), False),
    ]:
        # A date in the past is only for recording a meeting that was held.
        held = {"held": "on"} if day.year == 2000 else {}
        form = MeetingPlanForm(
            _meeting_data(day, school=ctx.school.pk, type=MeetingType.CASUISTIEK) | held,
            schools=schools,
        )
        assert form.is_valid() is valid, (day, form.errors)


def test_moving_a_meeting_to_an_impossible_date_is_refused(ctx, meeting):
    schools = School.objects.filter(pk=ctx.school.pk)
    for day in POISON:
        form = MeetingForm(_meeting_data(day), schools=schools, with_chair=False)
        assert not form.is_valid()
        assert "date" in form.errors
        with pytest.raises(ValidationError):
            services.meeting_update(meeting=meeting, changed_by=ctx.ib, date=day)
    meeting.refresh_from_db()
    assert meeting.date not in POISON


def test_presence_days_rules_and_next_knooppunt_keep_to_the_range(ctx, meeting):
    for day in POISON:
        form = PresenceDayForm(_meeting_data(day))
        assert not form.is_valid() and "date" in form.errors
        with pytest.raises(ValidationError):
            planning.presence_day_add(
                school=ctx.school,
                date=day,
                start_time=datetime.time(9),
                end_time=datetime.time(12),
                added_by=ctx.ib,
            )
        item = meeting.items.get(case=ctx.case)
        record = ItemRecordForm({"next_knooppunt": day.isoformat()}, instance=item)
        assert not record.is_valid() and "next_knooppunt" in record.errors

    far = dates.latest().year + 1
    rule = PlanningRuleForm(
        {
            "school_year": far,
            "kind": PlanningKind.PRESENCE,
            "weekday": 0,
            "week_of_month": WeekOfMonth.FIRST,
            "month_interval": 1,
            "start_time": "09:00",
            "end_time": "12:00",
        },
        school_year=far,
    )
    assert not rule.is_valid()
    assert rule.errors["school_year"] == ["Kies een schooljaar dat binnen tien jaar eindigt."]
    with pytest.raises(ValidationError):
        planning.planning_rule_add(
            school=ctx.school,
            school_year=1999,
            kind=PlanningKind.PRESENCE,
            weekday=0,
            week_of_month=WeekOfMonth.FIRST,
            start_time=datetime.time(9),
            end_time=datetime.time(12),
            added_by=ctx.ib,
        )


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("day", POISON)
def test_an_invitation_that_cannot_be_built_fails_for_good_and_says_so(ctx, day):
    """A meeting stored before the checks existed: its invitation cannot be built. That is a
    permanent error, shown on the meeting page, and not retried."""
    from tests.meetings.builders import planned_meeting

    meeting = planned_meeting(ctx)
    Attendee.objects.filter(meeting=meeting, guardian=ctx.mother).update(
        email="moeder@test.example"
    )
    Meeting.objects.filter(pk=meeting.pk).update(date=day)  # past every check
    meeting.refresh_from_db()

    invitations_send(meeting=meeting, sent_by=ctx.ib)  # Celery runs eagerly here

    rows = Invitation.objects.filter(attendee__meeting=meeting)
    assert {(row.state, row.failure, row.attempts) for row in rows} == {
        (OutboxState.FAILED_FOR_GOOD, Failure.UNBUILDABLE, 1)
    }
    assert mail.outbox == []
    labels = {row.label for row in invitation_rows(meeting)} - {"geen e-mailadres"}
    assert labels == {"Mislukt: het bericht kon niet worden gemaakt"}
    later = timezone.now() + datetime.timedelta(days=2)
    assert outbox.sweep(Invitation, deliver_invitation, now=later) == 0
    page = signed_in_client(ctx.ib).get(reverse("meetings:meeting_detail", args=[meeting.uuid]))
    assert "Mislukt: het bericht kon niet worden gemaakt" in page.content.decode()
