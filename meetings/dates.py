"""Dates and wall-clock times of meetings, agenda items and the year planning.

Meetings are planned by the school's clock, "9.00-12.00" (docs/domain.md, "Year planning"):
wall-clock times in Amsterdam. Every form and service that takes such a date checks it against a
sensible range, so that no meeting on 0001-01-01 or 9999-12-31 reaches an invitation it cannot be
built into (docs/security.md, "Nothing lost"), and every time of day against the clock changes: a
time that does not exist on that day (the hour skipped in spring) is refused, and the end must
come after the start in real time, not only on the wall clock. A time that occurs twice (the hour
repeated in autumn) is its first occurrence, as calendar programs read a local time, so the
invitation and the attendee's calendar agree.
"""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from knooppunt.timeformat import hour_text

EARLIEST = datetime.date(2000, 1, 1)
YEARS_AHEAD = 10


def zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def latest(today: datetime.date | None = None) -> datetime.date:
    """The last date a meeting or planning entry may have: ten years from today."""
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year + YEARS_AHEAD)
    except ValueError:  # 29 February
        return today.replace(year=today.year + YEARS_AHEAD, day=28)


def date_problem(day: datetime.date, *, today: datetime.date | None = None) -> str | None:
    """Why `day` is not a date to plan on; None when it is fine."""
    if day < EARLIEST:
        return _("Kies een datum vanaf 1 januari 2000.")
    last = latest(today)
    if day > last:
        return _("Kies een datum tot en met %(date)s (tien jaar vooruit).") % {
            "date": last.strftime("%d-%m-%Y")
        }
    return None


def check_date(day: datetime.date) -> None:
    problem = date_problem(day)
    if problem:
        raise ValidationError(problem)


def aware(day: datetime.date, time: datetime.time) -> datetime.datetime:
    """The moment a wall-clock time on a day in Amsterdam stands for (first occurrence when the
    hour repeats, fold=0)."""
    return datetime.datetime.combine(day, time.replace(fold=0), tzinfo=zone())


def exists(day: datetime.date, time: datetime.time) -> bool:
    """False for a time the clocks skip on that day (02:00-03:00 on the last Sunday of March)."""
    moment = aware(day, time)
    back = moment.astimezone(datetime.UTC).astimezone(zone())
    return back.replace(tzinfo=None) == moment.replace(tzinfo=None)


def time_problems(day: datetime.date, start: datetime.time, end: datetime.time) -> dict[str, str]:
    """Field name -> Dutch message for times that do not exist on `day` or an end that is not
    after the start in real time; empty when both are fine."""
    problems = {}
    for name, value in (("start_time", start), ("end_time", end)):
        if not exists(day, value):
            problems[name] = _(
                "%(time)s bestaat niet op %(date)s: de klok gaat die nacht een uur vooruit. "
                "Kies een andere tijd."
            ) % {"time": hour_text(value), "date": day.strftime("%d-%m-%Y")}
    if not problems and aware(day, end) <= aware(day, start):
        problems["end_time"] = _("De eindtijd moet na de begintijd liggen.")
    return problems


def check_times(day: datetime.date, start: datetime.time, end: datetime.time) -> None:
    """Raise one ValidationError (not tied to a field) with every problem of these times."""
    problems = time_problems(day, start, end)
    if problems:
        raise ValidationError(list(problems.values()))
