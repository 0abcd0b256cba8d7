"""Whose consent counts by age, and when consent holds."""

import datetime

import pytest

from consent.constants import Consenters, Decision, Method, Purpose
from consent.rules import age_on, consent_state, consenters_for
from consent.services import consent_record

BIRTH = datetime.date(2010, 6, 15)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2021, 6, 14), Consenters.GUARDIANS),  # the day before turning 11
        (datetime.date(2022, 6, 14), Consenters.GUARDIANS),  # 11, the day before turning 12
        (datetime.date(2022, 6, 15), Consenters.GUARDIANS_AND_PUPIL),  # 12th birthday
        (datetime.date(2026, 6, 14), Consenters.GUARDIANS_AND_PUPIL),  # still 15
        (datetime.date(2026, 6, 15), Consenters.PUPIL),  # 16th birthday
    ],
)
def test_consenters_by_age_on_the_day(day, expected):
    assert consenters_for(BIRTH, day) == expected


def test_leap_day_birthday_counts_from_first_of_march():
    born = datetime.date(2012, 2, 29)
    assert age_on(born, datetime.date(2024, 2, 28)) == 11
    assert age_on(born, datetime.date(2024, 2, 29)) == 12
    assert age_on(born, datetime.date(2025, 2, 28)) == 12


def share(case_world, world, **kwargs):
    defaults = {
        "pupil": case_world.pupil,
        "purpose": Purpose.SHARE,
        "recipient": case_world.jgz,
        "method": Method.VERBAL,
        "recorded_by": world.ib,
    }
    return consent_record(**(defaults | kwargs))


@pytest.mark.django_db
def test_one_gezag_holder_suffices_but_is_flagged(case_world, world):
    share(case_world, world, guardian=case_world.father, decision=Decision.GIVEN)
    state = consent_state(pupil=case_world.pupil, purpose=Purpose.SHARE, recipient=case_world.jgz)
    assert state.effective
    assert state.only_one_of_two


@pytest.mark.django_db
def test_refusal_by_the_other_gezag_holder_blocks(case_world, world):
    share(case_world, world, guardian=case_world.father, decision=Decision.GIVEN)
    share(case_world, world, guardian=case_world.mother, decision=Decision.REFUSED)
    state = consent_state(pupil=case_world.pupil, purpose=Purpose.SHARE, recipient=case_world.jgz)
    assert not state.effective


@pytest.mark.django_db
def test_from_twelve_the_pupil_must_consent_too(case_world, world):
    day = datetime.date(2029, 3, 1)  # the pupil (born 2017-03-01) turns 12
    share(case_world, world, guardian=case_world.father, decision=Decision.GIVEN)
    state = consent_state(
        pupil=case_world.pupil, purpose=Purpose.SHARE, recipient=case_world.jgz, day=day
    )
    assert not state.effective
    share(case_world, world, by_pupil=True, decision=Decision.GIVEN)
    state = consent_state(
        pupil=case_world.pupil, purpose=Purpose.SHARE, recipient=case_world.jgz, day=day
    )
    assert state.effective


@pytest.mark.django_db
def test_from_sixteen_the_pupil_decides_alone(case_world, world):
    day = datetime.date(2033, 3, 1)
    share(case_world, world, by_pupil=True, decision=Decision.GIVEN)
    share(case_world, world, guardian=case_world.mother, decision=Decision.REFUSED)
    state = consent_state(
        pupil=case_world.pupil, purpose=Purpose.SHARE, recipient=case_world.jgz, day=day
    )
    assert state.consenters == Consenters.PUPIL
    assert state.effective


@pytest.mark.django_db
def test_consent_past_its_end_date_no_longer_holds(case_world, world):
    share(
        case_world,
        world,
        guardian=case_world.father,
        decision=Decision.GIVEN,
        valid_until=datetime.date(2020, 1, 1),
    )
    state = consent_state(pupil=case_world.pupil, purpose=Purpose.SHARE, recipient=case_world.jgz)
    assert not state.effective


@pytest.mark.django_db
def test_parent_without_gezag_does_not_consent(case_world, world):
    from pupils.services import guardian_add

    stepfather = guardian_add(
        pupil=case_world.pupil,
        name="Stiefvader",
        relation="stiefvader",
        has_gezag=False,
        added_by=world.ib,
    )
    share(case_world, world, guardian=stepfather, decision=Decision.GIVEN)
    state = consent_state(pupil=case_world.pupil, purpose=Purpose.SHARE, recipient=case_world.jgz)
    assert not state.effective
