"""The read questions of the cases app, without HTTP."""

import datetime

import pytest
from django.utils import timezone

from cases import services
from cases.access import WAT, Actor, case_access_for
from cases.constants import RegieKind, Status, WerkafspraakStatus
from cases.models import Case
from cases.selectors import case_page, history, lists
from consent.constants import Decision, Method, Purpose
from consent.services import consent_record
from tests.conftest import CANARY

# The world is built once for the module, each test in its own savepoint; see tests/conftest.py.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_case_world")]

LONG_AGO = datetime.date(2020, 1, 1)


def flags(case_world, user):
    row = lists.case_list(fetched_by=user).get(pk=case_world.case.pk)
    return {
        name
        for name in ("flag_stale", "flag_overdue_werkafspraak", "flag_overdue_feedback", "flagged")
        if getattr(row, name)
    }


def age(case: Case, days: int) -> None:
    # opened_at is set automatically; tests move it back in time directly.
    Case.objects.filter(pk=case.pk).update(opened_at=timezone.now() - datetime.timedelta(days=days))


def test_a_new_case_is_not_flagged(world, case_world):
    assert flags(case_world, world.ib) == set()


def test_open_case_older_than_three_months_without_evaluation_is_stale(world, case_world):
    age(case_world.case, 80)
    assert flags(case_world, world.ib) == set()
    age(case_world.case, 100)
    assert flags(case_world, world.ib) == {"flag_stale", "flagged"}
    werkafspraak = services.werkafspraak_add(
        case=case_world.case,
        author=world.ib,
        assignee_organisation=world.school.organisation,
        what="x",
        due_date=datetime.date(2099, 1, 1),
    )
    assert flags(case_world, world.ib) == {"flag_stale", "flagged"}
    services.werkafspraak_update(
        werkafspraak=werkafspraak, changed_by=world.ib, status=WerkafspraakStatus.EVALUATED
    )
    assert flags(case_world, world.ib) == set()


def test_overdue_werkafspraak_and_feedback_are_flagged(world, case_world):
    werkafspraak = services.werkafspraak_add(
        case=case_world.case,
        author=world.ib,
        assignee_organisation=world.school.organisation,
        what="x",
        due_date=LONG_AGO,
    )
    assert flags(case_world, world.ib) == {"flag_overdue_werkafspraak", "flagged"}
    services.werkafspraak_update(
        werkafspraak=werkafspraak, changed_by=world.ib, status=WerkafspraakStatus.DONE
    )
    feedback = services.feedback_request_add(
        case=case_world.case, organisation=world.smw, due_date=LONG_AGO, requested_by=world.ib
    )
    assert flags(case_world, world.ib) == {"flag_overdue_feedback", "flagged"}
    services.feedback_received(feedback=feedback, recorded_by=world.ib)
    assert flags(case_world, world.ib) == set()


def test_a_closed_case_is_not_flagged(world, case_world):
    age(case_world.case, 200)
    services.werkafspraak_add(
        case=case_world.case,
        author=world.ib,
        assignee_organisation=world.school.organisation,
        what="x",
        due_date=LONG_AGO,
    )
    services.case_transition(
        case=case_world.case, to=Status.AFGESLOTEN, changed_by=world.ib, reason="Klaar"
    )
    assert flags(case_world, world.ib) == set()


def test_lists_follow_the_permissions(world, case_world):
    case = case_world.case
    assert list(lists.case_list(fetched_by=world.directeur)) == [case]
    assert list(lists.case_list(fetched_by=world.outsider)) == []
    assert list(lists.case_list(fetched_by=world.admin)) == []
    assert list(lists.my_cases(fetched_by=world.partner)) == [case]
    assert list(lists.my_cases(fetched_by=case_world.jeugdarts)) == [case]
    # The IB'er opened it: it is one of her own cases.
    assert list(lists.my_cases(fetched_by=world.ib)) == [case]
    assert list(lists.my_cases(fetched_by=world.directeur)) == []


def test_my_cases_counts_regie_and_drops_ended_involvement(world, case_world):
    case = case_world.case
    assert list(lists.my_cases(fetched_by=world.directeur)) == []
    directeur = world.directeur.memberships.get()
    services.regie_assign(
        case=case, kind=RegieKind.CASUS, professional=directeur, assigned_by=world.ib
    )
    assert list(lists.my_cases(fetched_by=world.directeur)) == [case]
    involvement = case.involvements.get(organisation=world.smw)
    services.involvement_end(
        involvement=involvement, ended_by=world.ib, end=timezone.localdate() - datetime.timedelta(1)
    )
    assert list(lists.my_cases(fetched_by=world.partner)) == []


def test_current_regisseur_prefers_procesregie(world, case_world):
    case = case_world.case
    smw = world.partner.memberships.get()
    ib = world.ib.memberships.get()
    services.regie_assign(case=case, kind=RegieKind.CASUS, professional=ib, assigned_by=world.ib)
    services.regie_assign(case=case, kind=RegieKind.PROCES, professional=smw, assigned_by=world.ib)
    row = lists.case_list(fetched_by=world.ib).get()
    assert row.current_regie[0].professional == smw
    dat = case_page.case_dat(case=case, fetched_by=world.directeur)
    assert dat.regisseur.professional == smw
    assert dat.regisseur_contact.email == "smw@test.example"
    assert list(lists.regisseurs_for(fetched_by=world.outsider)) == []
    assert set(lists.regisseurs_for(fetched_by=world.directeur)) == {smw, ib}


# ----- progress_notes_for: the partner-content rule ------------------------------------------


def reading(user, case):
    return case_access_for(Actor.of(user), case.uuid, perm=WAT)


def texts(shown) -> list[str | None]:
    return [None if s.withheld else s.item.text for s in shown]


def test_partner_notes_are_withheld_from_the_school_without_consent(world, case_world):
    services.progress_note_add(case=case_world.case, author=world.ib, text="Gesprek met ouders")
    shown = case_page.progress_notes_for(access=reading(world.ib, case_world.case))
    assert texts(shown) == ["Gesprek met ouders", None]
    withheld = shown[1]
    assert withheld.organisation == "SMW Testregio"
    assert withheld.contact.email == "smw@test.example"
    assert not hasattr(withheld, "text") and withheld.item is None


def test_partner_notes_reach_the_school_with_consent_to_share_with_it(world, case_world):
    consent_record(
        pupil=case_world.pupil,
        purpose=Purpose.SHARE,
        recipient=world.school.organisation,
        guardian=case_world.mother,
        decision=Decision.GIVEN,
        method=Method.PAPER,
        recorded_by=world.ib,
    )
    shown = case_page.progress_notes_for(access=reading(world.ib, case_world.case))
    assert texts(shown) == [f"Huisbezoek {CANARY}"]


def test_partners_with_content_access_see_every_note(world, case_world):
    services.progress_note_add(case=case_world.case, author=world.ib, text="Gesprek met ouders")
    shown = case_page.progress_notes_for(access=reading(world.partner, case_world.case))
    assert texts(shown) == ["Gesprek met ouders", f"Huisbezoek {CANARY}"]


def test_partner_werkafspraken_follow_the_same_rule(world, case_world):
    services.werkafspraak_add(
        case=case_world.case,
        author=world.partner,
        assignee_organisation=world.smw,
        what="Huisbezoek",
        due_date=LONG_AGO,
    )
    assert case_page.werkafspraken_for(access=reading(world.ib, case_world.case))[0].withheld
    assert not case_page.werkafspraken_for(access=reading(world.partner, case_world.case))[
        0
    ].withheld


# ----- The timeline ---------------------------------------------------------------------------


def test_timeline_merges_histories_newest_first_without_free_text(world, case_world):
    services.case_update(case=case_world.case, changed_by=world.ib, foto=f"Nieuw {CANARY}")
    events = history.case_timeline(case=case_world.case, fetched_by=world.ib)
    whats = [e.what for e in events]
    assert whats[0] == "Foto gewijzigd"
    assert whats[-1] == "Casus geopend"
    assert "Voortgang vastgelegd door SMW Testregio" in whats
    assert all(CANARY not in w for w in whats)
    assert events == sorted(events, key=lambda e: e.at, reverse=True)
    assert {e.who for e in events} >= {world.ib.get_full_name(), world.partner.get_full_name()}


def test_months_before_handles_month_ends():
    moment = datetime.datetime(2025, 5, 31, 12, 0, tzinfo=datetime.UTC)
    assert lists._months_before(moment, 3) == moment.replace(month=2, day=28)
    assert lists._months_before(moment.replace(month=1, day=15), 3) == moment.replace(
        year=2024, month=10, day=15
    )
