"""The demo's year planning at IKC De Vuurtoren (docs/domain.md, "Year planning"): the
structural partners in the building on the first Monday of every month from 9:00 to 12:00, a
knooppunt every other month from 9:00 to 11:00, the yearly knooppunt algemeen, and the next
casuïstiek meeting with Sam de Vries's case on the agenda and the involved partners and parents
invited to that item.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from cases.models import Case
from meetings import invitations, planning, services
from meetings.constants import MeetingStatus, MeetingType, PlanningKind, WeekOfMonth
from meetings.models import Meeting, PlanningRule
from partners.constants import Weekday


def easter(year: int) -> datetime.date:
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (h + m - 7 * ((a + 11 * h + 22 * m) // 451) + 114) // 31
    p = (h + m - 7 * ((a + 11 * h + 22 * m) // 451) + 114) % 31
    return datetime.date(year, n, p + 1)


def monday_holidays(school_year: int) -> list[datetime.date]:
    """Mondays without school in the spring of the school year: Easter and Whit Monday."""
    sunday = easter(school_year + 1)
    return [sunday + datetime.timedelta(days=1), sunday + datetime.timedelta(days=50)]


@transaction.atomic
def build_demo_planning(*, accounts: dict, schools: dict) -> None:
    school = schools["99VT"]
    year = planning.current_school_year()
    if PlanningRule.objects.filter(school=school, school_year=year).exists():
        return  # idempotent: this year's planning exists already
    ib = accounts["ib@vuurtoren.example"].user
    common = {
        "school": school,
        "school_year": year,
        "weekday": Weekday.MONDAY,
        "week_of_month": WeekOfMonth.FIRST,
        "added_by": ib,
        "skip_dates": monday_holidays(year),
    }
    presence = planning.planning_rule_add(
        kind=PlanningKind.PRESENCE,
        start_time=datetime.time(9, 0),
        end_time=datetime.time(12, 0),
        **common,
    )
    knooppunt = planning.planning_rule_add(
        kind=PlanningKind.MEETING,
        meeting_type=MeetingType.CASUISTIEK,
        month_interval=2,
        start_time=datetime.time(9, 0),
        end_time=datetime.time(11, 0),
        **common,
    )
    planning.planning_generate(rule=presence, generated_by=ib)
    planning.planning_generate(rule=knooppunt, generated_by=ib)
    _, last_day = planning.school_year_bounds(year)
    services.meeting_plan(
        school=school,
        type=MeetingType.ALGEMEEN,
        date=_monday_before(last_day - datetime.timedelta(days=45)),
        start_time=datetime.time(13, 0),
        end_time=datetime.time(15, 0),
        location=knooppunt.location,
        planned_by=ib,
    )
    _plan_sams_meeting(school, ib, rule=knooppunt)


def _monday_before(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def _plan_sams_meeting(school, ib, *, rule) -> None:
    today = timezone.localdate()
    meeting = (
        Meeting.objects.filter(rule=rule, date__gt=today, status=MeetingStatus.PLANNED)
        .order_by("date")
        .first()
    )
    if meeting is None:  # the school year's last knooppunt is behind us
        meeting = services.meeting_plan(
            school=school,
            type=MeetingType.CASUISTIEK,
            date=today + datetime.timedelta(days=7),
            start_time=datetime.time(9, 0),
            end_time=datetime.time(11, 0),
            location=rule.location,
            planned_by=ib,
        )
    case = Case.objects.get(school=school, pupil__first_name="Sam", pupil__last_name="de Vries")
    opening = services.item_add(meeting=meeting, added_by=ib, title="Opening en mededelingen")
    item = services.item_add(meeting=meeting, added_by=ib, case=case)
    involved = [
        involvement.professional
        for involvement in case.involvements.filter(end__isnull=True, professional__isnull=False)
    ]
    services.item_attendees_set(
        item=item, set_by=ib, professionals=involved, guardians=list(case.pupil.guardians.all())
    )
    services.item_attendees_set(item=opening, set_by=ib, professionals=involved, guardians=[])
    invitations.invitations_send(meeting=meeting, sent_by=ib)
