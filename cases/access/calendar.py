"""Access that changes with the calendar, not with an edit: involvement, regie, consent and
legal bases starting or ending by date, and a pupil turning 12 or 16 (whose consent counts
changes on the birthday, docs/domain.md "Consent by age"). The hourly job recomputes those
cases; a missed run is caught up by the next one."""

import datetime

from django.db.models import Q
from django.utils import timezone

from cases.access.derive import TIME_BOUND_SOURCES, cases_permissions_recompute
from cases.models import Case
from consent.rules import age_on

# Days looked back for dates that changed access, so a missed run is caught up by the next one.
CATCH_UP_DAYS = 7
# The ages at which whose consent counts changes.
CONSENT_AGES = (12, 16)


def birthday_at(birth_date: datetime.date, age: int) -> datetime.date:
    """The day someone born on `birth_date` turns `age` (29 February: 1 March in other years)."""
    try:
        return birth_date.replace(year=birth_date.year + age)
    except ValueError:
        return datetime.date(birth_date.year + age, 3, 1)


def birth_dates_turning(age: int, days: list[datetime.date]) -> set[datetime.date]:
    """Birth dates of pupils who turn `age` on one of `days` (29 February counts from 1 March,
    as `consent.rules.age_on` does)."""
    born = set()
    for day in days:
        for candidate in (
            day - datetime.timedelta(days=n) for n in range(365 * age, 366 * age + 1)
        ):
            if (
                age_on(candidate, day) == age
                and age_on(candidate, day - datetime.timedelta(1)) < age
            ):
                born.add(candidate)
    return born


def cases_changing_on(day: datetime.date) -> Q:
    """Cases whose access may have changed in the catch-up window ending on `day`."""
    window = (day - datetime.timedelta(days=CATCH_UP_DAYS), day)
    expired = (window[0] - datetime.timedelta(days=1), day - datetime.timedelta(days=1))
    days = [window[0] + datetime.timedelta(days=n) for n in range(CATCH_UP_DAYS + 1)]
    birthdays = set().union(*(birth_dates_turning(age, days) for age in CONSENT_AGES))
    changed = (
        Q(involvements__start__range=window)
        | Q(involvements__end__range=window)
        | Q(regie__start__range=window)
        | Q(regie__end__range=window)
        | Q(pupil__legal_bases__valid_from__range=window)
        | Q(pupil__legal_bases__valid_until__range=expired)
        | Q(pupil__consent_decisions__valid_until__range=expired)
        | Q(pupil__birth_date__in=birthdays)
    )
    for source in TIME_BOUND_SOURCES:
        changed |= source(window)
    return changed


def permissions_recompute_time_bound(*, day: datetime.date | None = None) -> int:
    """Recompute the cases whose access changes with the calendar; returns how many."""
    day = day or timezone.localdate()
    ids = Case.objects.filter(cases_changing_on(day)).values("pk").distinct()
    cases = list(Case.objects.filter(pk__in=ids).select_related("school", "pupil"))
    cases_permissions_recompute(cases, day=day)
    return len(cases)
