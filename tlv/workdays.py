"""Working days for the SWV's decision term (docs/domain.md, "TLV and toeleiding"): Monday to
Friday, without the Dutch public holidays (New Year, Good Friday, Easter Monday, King's Day,
Ascension, Whit Monday, Christmas and Boxing Day, and 5 May in the years it is a national day
off). The day the term starts is not counted."""

import datetime
from functools import cache

import holidays


@cache
def _holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("NL", years=year))


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The `days`-th working day after `start`."""
    day = start
    while days > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            days -= 1
    return day


def subtract_working_days(end: datetime.date, days: int) -> datetime.date:
    """The `days`-th working day before `end`."""
    day = end
    while days > 0:
        day -= datetime.timedelta(days=1)
        if is_working_day(day):
            days -= 1
    return day


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after `start` up to and including `end` (0 when `end` is not later)."""
    count, day = 0, start
    while day < end:
        day += datetime.timedelta(days=1)
        count += is_working_day(day)
    return count
