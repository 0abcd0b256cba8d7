"""The year planning: recurring dates generated from a rule, and presence days.

A school year N runs from 1 August N to 31 July N+1. Rules count their months from September,
as the year planning in docs/domain.md does (September to July; August is the summer holiday).

Regenerating a rule never duplicates a date. A date counts as done for a rule once any version
of one of the rule's presence days or meetings held it: the history tables record the rule's
foreign key and the date of every version, so a date the IB'er moved or removed by hand is not
brought back. The models keep no "generated for" date of their own; the history already does.
"""

import calendar
import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from knooppunt.history import delete_with_user, save_with_user
from meetings import dates, services
from meetings.constants import MeetingStatus, MeetingType, PlanningKind, WeekOfMonth
from meetings.models import Meeting, PlanningRule, PresenceDay
from partners.access import is_ib_of
from partners.models import KnooppuntSetup, School, User

SCHOOL_YEAR_FIRST_MONTH = 8  # a school year starts on 1 August
RULE_FIRST_MONTH = 9  # rules count months from September...
RULE_MONTHS = 11  # ...up to and including July

# How the planning, the feeds and the public page name a meeting (docs/domain.md, "Year planning").
MEETING_LABELS = {
    MeetingType.CASUISTIEK: "Knooppuntoverleg (casuïstiek)",
    MeetingType.ALGEMEEN: "Knooppunt algemeen (evaluatie werkwijze)",
    MeetingType.TOELEIDING: "Knooppunt toeleiding (TLV)",
    MeetingType.SAMEN_DOOR: "Knooppunt samen door",
    MeetingType.VOORSCHOOLS: "Knooppunt voorschools",
    MeetingType.TUSSENDOOR: "Klein overleg tussendoor",
}
PRESENCE_LABEL = "Aanwezigheid vaste partners in gebouw"


def meeting_label(meeting_type: str) -> str:
    return MEETING_LABELS.get(meeting_type, MEETING_LABELS[MeetingType.CASUISTIEK])


# ----- School years ----------------------------------------------------------------------------


def school_year_of(day: datetime.date) -> int:
    """The school year a day falls in, named by its first calendar year."""
    return day.year if day.month >= SCHOOL_YEAR_FIRST_MONTH else day.year - 1


def current_school_year() -> int:
    return school_year_of(timezone.localdate())


def school_year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    """First and last day of school year `year` (1 August to 31 July)."""
    return datetime.date(year, SCHOOL_YEAR_FIRST_MONTH, 1), datetime.date(year + 1, 7, 31)


def school_year_label(year: int) -> str:
    return f"{year}-{year + 1}"


def school_year_problem(year: int) -> str | None:
    """Why a rule may not be made for school year `year`: its dates must all lie in the range
    of meetings/dates.py. None when it is fine."""
    first, last = school_year_bounds(year)
    if first < dates.EARLIEST:
        return _("Kies een schooljaar vanaf 2000-2001.")
    if last > dates.latest():
        return _("Kies een schooljaar dat binnen tien jaar eindigt.")
    return None


# ----- Rules -----------------------------------------------------------------------------------


def weekday_in_month(year: int, month: int, weekday: int, week: int) -> datetime.date:
    """The `week`-th (1..4) or last (-1) given weekday (Monday 0) of a month."""
    if week == WeekOfMonth.LAST:
        last = datetime.date(year, month, calendar.monthrange(year, month)[1])
        return last - datetime.timedelta(days=(last.weekday() - weekday) % 7)
    first = datetime.date(year, month, 1)
    return first + datetime.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (week - 1))


def rule_dates(rule: PlanningRule) -> list[datetime.date]:
    """The dates a rule yields in its school year: every `month_interval` months counting from
    September, on its weekday and week of the month. A meeting on a skipped date (a holiday) is
    left out; a presence day moves to the same weekday of the next school week (docs/domain.md,
    "Year planning")."""
    skipped = {datetime.date.fromisoformat(day) for day in rule.skip_dates}
    last = school_year_bounds(rule.school_year)[1]
    dates = []
    for offset in range(0, RULE_MONTHS, rule.month_interval):
        months = RULE_FIRST_MONTH - 1 + offset
        year, month = rule.school_year + months // 12, months % 12 + 1
        day = weekday_in_month(year, month, rule.weekday, rule.week_of_month)
        if rule.kind == PlanningKind.PRESENCE:
            day = _next_school_week(day, skipped)
        if day not in skipped and day <= last and day not in dates:
            dates.append(day)
    return dates


def _next_school_week(day: datetime.date, skipped: set[datetime.date]) -> datetime.date:
    """`day`, or the same weekday of the first following week in which it is not skipped."""
    while day in skipped:
        day += datetime.timedelta(days=7)
    return day


def require_ib(user: User, school: School) -> None:
    if not is_ib_of(user, school):
        raise ValidationError(_("Alleen de intern begeleider van de school maakt de jaarplanning."))


@transaction.atomic
def planning_rule_add(
    *,
    school: School,
    school_year: int,
    kind: str,
    weekday: int,
    week_of_month: int,
    start_time: datetime.time,
    end_time: datetime.time,
    added_by: User,
    month_interval: int = 1,
    meeting_type: str = "",
    location: str = "",
    skip_dates: Iterable[datetime.date] = (),
) -> PlanningRule:
    """Add a rule such as "first Monday of the month, 9:00-12:00". A meeting rule plans a
    casuïstiek unless told otherwise; a toeleiding is chaired by the SWV and planned on its own.
    """
    require_ib(added_by, school)
    if kind == PlanningKind.MEETING:
        meeting_type = meeting_type or MeetingType.CASUISTIEK
        if meeting_type == MeetingType.TOELEIDING:
            raise ValidationError(
                {
                    "meeting_type": _(
                        "Een toeleiding wordt voorgezeten door de trajectbegeleider; plan die "
                        "los in plaats van met een regel."
                    )
                }
            )
    else:
        meeting_type = ""
    problem = school_year_problem(school_year)
    if problem:
        raise ValidationError({"school_year": problem})
    if end_time <= start_time:
        raise ValidationError({"end_time": _("De eindtijd moet na de begintijd liggen.")})
    if not 1 <= month_interval <= RULE_MONTHS:
        raise ValidationError({"month_interval": _("Kies een getal van 1 tot en met 11.")})
    first, last = school_year_bounds(school_year)
    skips = sorted(set(skip_dates))
    outside = [day for day in skips if not first <= day <= last]
    if outside:
        raise ValidationError(
            {
                "skip_dates": _("%(date)s valt niet in schooljaar %(year)s.")
                % {"date": outside[0].strftime("%d-%m-%Y"), "year": school_year_label(school_year)}
            }
        )
    if not location:
        setup = KnooppuntSetup.objects.filter(school=school).first()
        location = setup.location if setup else ""
    rule = PlanningRule(
        school=school,
        school_year=school_year,
        kind=kind,
        meeting_type=meeting_type,
        weekday=weekday,
        week_of_month=week_of_month,
        month_interval=month_interval,
        start_time=start_time,
        end_time=end_time,
        location=location,
        skip_dates=[day.isoformat() for day in skips],
        created_by=added_by,
    )
    save_with_user(rule, by=added_by)
    return rule


@transaction.atomic
def planning_rule_remove(*, rule: PlanningRule, removed_by: User) -> None:
    """Remove a rule. Dates it already generated stay in the planning, without their rule."""
    require_ib(removed_by, rule.school)
    delete_with_user(rule, by=removed_by)


def _dates_done(rule: PlanningRule) -> set[datetime.date]:
    """Every date any version of the rule's presence days or meetings ever had."""
    model = PresenceDay if rule.kind == PlanningKind.PRESENCE else Meeting
    return set(model.history.filter(rule_id=rule.pk).values_list("date", flat=True))


@transaction.atomic
def planning_generate(*, rule: PlanningRule, generated_by: User) -> int:
    """Put the rule's dates in the planning; returns how many were added. Safe to repeat:
    dates the rule already produced (even if since moved or removed) are left alone, and so is
    a date the school already has a presence day or meeting of this kind at that time."""
    rule = PlanningRule.objects.select_for_update().select_related("school").get(pk=rule.pk)
    require_ib(generated_by, rule.school)
    done = _dates_done(rule)
    added = 0
    for day in rule_dates(rule):
        if day in done or _occupied(rule, day):
            continue
        if rule.kind == PlanningKind.PRESENCE:
            presence_day_add(
                school=rule.school,
                date=day,
                start_time=rule.start_time,
                end_time=rule.end_time,
                location=rule.location,
                added_by=generated_by,
                rule=rule,
            )
        else:
            services.meeting_plan(
                school=rule.school,
                type=rule.meeting_type or MeetingType.CASUISTIEK,
                date=day,
                start_time=rule.start_time,
                end_time=rule.end_time,
                location=rule.location,
                planned_by=generated_by,
                rule=rule,
            )
        added += 1
    return added


def _occupied(rule: PlanningRule, day: datetime.date) -> bool:
    if rule.kind == PlanningKind.PRESENCE:
        return PresenceDay.objects.filter(
            school=rule.school, date=day, start_time=rule.start_time
        ).exists()
    return (
        Meeting.objects.filter(school=rule.school, date=day, type=rule.meeting_type)
        .exclude(status=MeetingStatus.CANCELLED)
        .exists()
    )


# ----- Presence days ---------------------------------------------------------------------------


def _check_free(day: PresenceDay) -> None:
    dates.check_date(day.date)
    dates.check_times(day.date, day.start_time, day.end_time)
    taken = PresenceDay.objects.filter(
        school=day.school, date=day.date, start_time=day.start_time
    ).exclude(pk=day.pk)
    if taken.exists():
        raise ValidationError(
            {"date": _("Op deze dag en begintijd staat al een aanwezigheidsdag.")}
        )


@transaction.atomic
def presence_day_add(
    *,
    school: School,
    date: datetime.date,
    start_time: datetime.time,
    end_time: datetime.time,
    added_by: User,
    location: str = "",
    note: str = "",
    rule: PlanningRule | None = None,
) -> PresenceDay:
    """A day the structural partners are in the building, from a rule or added by hand."""
    require_ib(added_by, school)
    day = PresenceDay(
        school=school,
        rule=rule,
        date=date,
        start_time=start_time,
        end_time=end_time,
        location=location,
        note=note,
    )
    _check_free(day)
    save_with_user(day, by=added_by)
    return day


@transaction.atomic
def presence_day_update(*, day: PresenceDay, changed_by: User, **fields) -> PresenceDay:
    """Move a presence day (date, times) or change its place or note. It keeps its rule, and
    the rule will not regenerate the date it had before."""
    require_ib(changed_by, day.school)
    allowed = {"date", "start_time", "end_time", "location", "note"}
    for name, value in fields.items():
        if name not in allowed:
            raise TypeError(f"presence_day_update() does not change {name!r}")
        setattr(day, name, value)
    _check_free(day)
    save_with_user(day, by=changed_by)
    return day


@transaction.atomic
def presence_day_remove(*, day: PresenceDay, removed_by: User) -> None:
    """Remove a presence day; the history keeps it, so its rule will not bring it back."""
    require_ib(removed_by, day.school)
    delete_with_user(day, by=removed_by)


# ----- What the planning shows -----------------------------------------------------------------


@dataclass(frozen=True)
class PlanningEntry:
    date: datetime.date
    start_time: datetime.time
    end_time: datetime.time
    label: str
    location: str
    note: str = ""
    cancelled: bool = False
    meeting: Meeting | None = None
    presence_day: PresenceDay | None = None


def planning_entries(*, school: School, school_year: int) -> list[PlanningEntry]:
    """A school year's meetings and presence days in date order, like the planning table of
    docs/domain.md, "Year planning". The caller has passed the school's gate; nothing here is
    case data."""
    first, last = school_year_bounds(school_year)
    entries = [
        PlanningEntry(
            date=m.date,
            start_time=m.start_time,
            end_time=m.end_time,
            label=meeting_label(m.type),
            location=m.location,
            cancelled=m.status == MeetingStatus.CANCELLED,
            meeting=m,
        )
        for m in Meeting.objects.filter(school=school, date__range=(first, last))
    ]
    entries += [
        PlanningEntry(
            date=d.date,
            start_time=d.start_time,
            end_time=d.end_time,
            label=PRESENCE_LABEL,
            location=d.location,
            note=d.note,
            presence_day=d,
        )
        for d in PresenceDay.objects.filter(school=school, date__range=(first, last))
    ]
    # On a shared day the meeting comes first, as in that planning table.
    return sorted(entries, key=lambda e: (e.date, e.presence_day is not None, e.start_time))
