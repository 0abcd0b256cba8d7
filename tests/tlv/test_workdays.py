"""The decision term counts Dutch working days (docs/domain.md, "TLV and toeleiding")."""

import datetime

import pytest

from tlv.workdays import add_working_days, is_working_day, working_days_between

D = datetime.date


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (D(2026, 4, 27), "Koningsdag (a Monday)"),
        (D(2025, 4, 26), "Koningsdag on a Saturday"),
        (D(2026, 4, 6), "Tweede paasdag"),
        (D(2026, 4, 3), "Goede vrijdag"),
        (D(2026, 5, 14), "Hemelvaartsdag"),
        (D(2026, 5, 25), "Tweede pinksterdag"),
        (D(2026, 12, 25), "Eerste kerstdag"),
        (D(2026, 12, 26), "Tweede kerstdag"),
        (D(2027, 1, 1), "Nieuwjaarsdag"),
    ],
)
def test_public_holidays_are_no_working_days(day, name):
    assert not is_working_day(day), name


def test_ten_working_days_across_easter_and_koningsdag_2026():
    # Thursday 2 April 2026: Good Friday 3/4 and Easter Monday 6/4 are skipped.
    assert add_working_days(D(2026, 4, 2), 10) == D(2026, 4, 20)
    # Monday 20 April: Koningsdag Monday 27 April is skipped.
    assert add_working_days(D(2026, 4, 20), 10) == D(2026, 5, 5)


def test_ten_working_days_across_ascension_and_whit_monday_2026():
    # Monday 11 May: Ascension Thursday 14 May and Whit Monday 25 May are skipped.
    assert add_working_days(D(2026, 5, 11), 10) == D(2026, 5, 27)


def test_ten_working_days_across_christmas_and_new_year():
    # Friday 18 December 2026: both Christmas days (Fri 25, Sat 26) and 1 January are skipped.
    assert add_working_days(D(2026, 12, 18), 10) == D(2027, 1, 5)


def test_the_start_day_is_not_counted_and_weekends_are_skipped():
    assert add_working_days(D(2026, 3, 6), 1) == D(2026, 3, 9)
    assert working_days_between(D(2026, 3, 6), D(2026, 3, 9)) == 1
    assert working_days_between(D(2026, 4, 2), D(2026, 4, 20)) == 10
