"""The access core (docs/security.md targets 22-24): revocation that follows people and the
calendar, derivation serialised per pupil, legal bases that open only their own purpose, notes
that follow their author's consent, and a recompute that costs little when nothing changes."""

import contextlib
import datetime
import threading

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from cases import services
from cases.access import DAT, WAT, Actor, ContentRule, case_access_for, case_permissions_for
from cases.access import derive as derive_module
from cases.access.derive import case_permissions_recompute, permissions_rebuild
from cases.models import Case, CaseUserObjectPermission
from consent.constants import Decision, LegalBasisKind, Method, Purpose
from consent.services import consent_record, legal_basis_record
from meetings.constants import ReminderKind
from meetings.models import Reminder
from meetings.reminders import compose, reminders_queue
from partners.constants import Function, OrganisationKind
from partners.services import (
    functional_admin_grant,
    membership_change_function,
    membership_confirm,
    membership_deactivate,
    user_deactivate,
)
from pupils import services as pupil_services
from tests import factories
from tests.conftest import professional


def perms(user, case) -> set[str]:
    return case_permissions_for(user, case)


def give(
    case_world,
    world,
    *,
    recipient=None,
    purpose=Purpose.SHARE,
    guardian=None,
    decision=Decision.GIVEN,
):
    return consent_record(
        pupil=case_world.pupil,
        purpose=purpose,
        recipient=recipient,
        guardian=guardian or case_world.mother,
        decision=decision,
        method=Method.PAPER,
        recorded_by=world.ib,
    )


# ----- Cost --------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("loaded", [True, False], ids=["with-school-and-pupil", "bare"])
def test_a_recompute_that_changes_nothing_costs_at_most_six_queries(
    case_world, loaded, django_assert_max_num_queries
):
    cases = Case.objects.select_related("school", "pupil") if loaded else Case.objects
    case = cases.get(pk=case_world.case.pk)
    with django_assert_max_num_queries(6):
        assert case_permissions_recompute(case) == (0, 0)


# ----- People: memberships and accounts ------------------------------------------------------


@pytest.mark.django_db
def test_a_deactivated_membership_loses_its_rights_in_the_same_transaction(case_world, world):
    with transaction.atomic():
        membership_deactivate(membership=world.ib.memberships.get(), deactivated_by=world.admin)
        assert perms(world.ib, case_world.case) == set()


@pytest.mark.django_db
def test_a_deactivated_account_loses_its_rights(case_world, world):
    user_deactivate(user=world.partner, deactivated_by=world.admin)
    assert not CaseUserObjectPermission.objects.filter(user=world.partner).exists()


@pytest.mark.django_db
def test_a_changed_function_changes_the_rights_once_confirmed(case_world, world):
    # The directeur becomes IB'er: no rights while the change awaits a second person, then
    # everything, at once.
    membership = membership_change_function(
        membership=world.directeur.memberships.get(), function=Function.IB, changed_by=world.admin
    )
    assert WAT not in perms(world.directeur, case_world.case)
    second = factories.UserFactory(email="beheer2@test.example")
    functional_admin_grant(user=second)
    membership_confirm(membership=membership, confirmed_by=second)
    assert WAT in perms(world.directeur, case_world.case)


# ----- Legal bases are narrow ----------------------------------------------------------------


@pytest.mark.django_db
def test_a_leerplicht_basis_gives_no_care_content(case_world, world):
    office = factories.OrganisationFactory(name="Leerplicht Test", kind=OrganisationKind.LEERPLICHT)
    officer = professional(office, Function.LEERPLICHTAMBTENAAR, email="lpa@test.example")
    services.involvement_add(
        case=case_world.case,
        organisation=office,
        professional=officer.memberships.get(),
        added_by=world.ib,
    )
    today = datetime.date.today()
    legal_basis_record(
        pupil=case_world.pupil,
        kind=LegalBasisKind.TRUANCY,
        recipient=office,
        motivation="Langdurig verzuim; wettelijke taak.",
        valid_from=today,
        valid_until=today + datetime.timedelta(days=30),
        recorded_by=world.ib,
    )
    assert perms(officer, case_world.case) == {DAT}


# ----- Notes follow their author's consent ----------------------------------------------------


def shown_texts(user, case) -> set[str]:
    access = case_access_for(Actor.of(user), case.uuid, perm=WAT)
    rule = ContentRule(access)
    return {note.text for note in case.progress_notes.all() if rule.shows(note.author_organisation)}


@pytest.mark.django_db
def test_a_jgz_note_reaches_others_only_under_the_jeugdarts_consent(case_world, world):
    give(case_world, world, recipient=case_world.jgz)  # the JGZ now sees content too
    services.progress_note_add(
        case=case_world.case, author=case_world.jeugdarts, text="JGZ-notitie"
    )
    assert "JGZ-notitie" in shown_texts(case_world.jeugdarts, case_world.case)
    assert "JGZ-notitie" not in shown_texts(world.partner, case_world.case)

    give(case_world, world, purpose=Purpose.JEUGDARTS)
    assert "JGZ-notitie" in shown_texts(world.partner, case_world.case)


@pytest.mark.django_db
def test_a_partner_note_stops_travelling_when_its_authors_consent_is_withdrawn(case_world, world):
    give(case_world, world, recipient=case_world.jgz)
    note = "Huisbezoek CANARY-INHOUD-7f3a"
    assert note in shown_texts(case_world.jeugdarts, case_world.case)
    give(case_world, world, recipient=world.smw, decision=Decision.WITHDRAWN)
    assert note not in shown_texts(case_world.jeugdarts, case_world.case)
    # The school-authored content is still shown to the JGZ, which remains covered.
    services.progress_note_add(case=case_world.case, author=world.ib, text="School-notitie")
    assert "School-notitie" in shown_texts(case_world.jeugdarts, case_world.case)


# ----- The calendar: birthdays ----------------------------------------------------------------


def pupil_turning(world, age: int, on: datetime.date):
    pupil = pupil_services.pupil_register(
        school=world.school,
        first_name="Jarig",
        last_name="Testkind",
        birth_date=on.replace(year=on.year - age),
        registered_by=world.ib,
    )
    mother = pupil_services.guardian_add(
        pupil=pupil, name="Moeder Jarig", relation="moeder", has_gezag=True, added_by=world.ib
    )
    case = services.case_open(
        pupil=pupil,
        opened_by=world.ib,
        level=3,
        leefvraag=True,
        complexity="enkelvoudig",
        question="Vraag",
        parents_informed=True,
    )
    consent_record(
        pupil=pupil,
        purpose=Purpose.SHARE,
        recipient=world.smw,
        guardian=mother,
        decision=Decision.GIVEN,
        method=Method.PAPER,
        recorded_by=world.ib,
    )
    services.involvement_add(
        case=case,
        organisation=world.smw,
        professional=world.partner.memberships.get(),
        added_by=world.ib,
    )
    return case


@pytest.mark.django_db
def test_turning_12_makes_the_parents_consent_alone_insufficient_in_the_hourly_run(world):
    from cases.access import permissions_recompute_time_bound

    # A birthday still to come: today the parents' consent alone counts.
    birthday = datetime.date.today() + datetime.timedelta(days=5)
    case = pupil_turning(world, 12, birthday)
    permissions_recompute_time_bound(day=birthday - datetime.timedelta(days=1))
    assert WAT in perms(world.partner, case)
    assert permissions_recompute_time_bound(day=birthday) >= 1
    assert perms(world.partner, case) == {DAT}


@pytest.mark.django_db
def test_turning_16_lets_the_pupils_own_consent_decide_in_the_hourly_run(world):
    from cases.access import permissions_recompute_time_bound

    birthday = datetime.date.today() + datetime.timedelta(days=5)
    case = pupil_turning(world, 16, birthday)
    father = pupil_services.guardian_add(
        pupil=case.pupil, name="Vader Jarig", relation="vader", has_gezag=True, added_by=world.ib
    )
    for decider in ({"by_pupil": True}, {"guardian": father, "decision": Decision.REFUSED}):
        consent_record(
            pupil=case.pupil,
            purpose=Purpose.SHARE,
            recipient=world.smw,
            method=Method.PAPER,
            recorded_by=world.ib,
            **{"decision": Decision.GIVEN} | decider,
        )
    # At 15 the father's refusal blocks; from 16 the pupil alone decides.
    permissions_recompute_time_bound(day=birthday - datetime.timedelta(days=1))
    assert perms(world.partner, case) == {DAT}
    permissions_recompute_time_bound(day=birthday)
    assert WAT in perms(world.partner, case)


@pytest.mark.django_db
def test_the_ib_er_is_told_once_without_content_that_the_pupils_consent_counts(world, settings):
    from django.utils import timezone

    today = timezone.localdate()
    case = pupil_turning(world, 12, today)
    # Noon: reminders are not queued before 07:00 (meetings/reminders.py).
    now = timezone.make_aware(datetime.datetime.combine(today, datetime.time(12)))
    reminders_queue(now=now)
    reminders_queue(now=now)
    rows = Reminder.objects.filter(kind=ReminderKind.CONSENT_AGE)
    assert [row.email for row in rows] == [world.ib.email]
    message = compose(rows.get())
    text = message.subject + message.body
    assert "Jarig" not in text and "Testkind" not in text and "Vraag" not in text
    assert "12 jaar" in message.body and str(case.uuid) in message.body


# ----- Serialised per pupil --------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_consent_racing_a_refusal_never_leaves_content_access(case_world, world, monkeypatch):
    """The mother gives consent to share with the JGZ while the father refuses it. Whatever
    the order, the refusal blocks: the JGZ may not end with content access. Both derivations
    are made to read their facts at the same moment; the pupil lock makes the second wait."""
    barrier = threading.Barrier(2, timeout=2)
    original = derive_module.consent_facts

    def facts_at_the_same_time(**kwargs):
        # A broken barrier means the other thread waits for the pupil lock: that is the fix.
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait()
        return original(**kwargs)

    monkeypatch.setattr(derive_module, "consent_facts", facts_at_the_same_time)
    errors = []

    def decide(guardian, decision):
        try:
            give(case_world, world, recipient=case_world.jgz, guardian=guardian, decision=decision)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=(case_world.mother, Decision.GIVEN)),
        threading.Thread(target=decide, args=(case_world.father, Decision.REFUSED)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors
    assert WAT not in perms(case_world.jeugdarts, case_world.case)


# ----- Drift ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_recompute_permissions_repairs_and_reports_drift(case_world, world, capsys):
    assert permissions_rebuild() == []
    CaseUserObjectPermission.objects.filter(user=world.partner).delete()
    call_command("recompute_permissions")
    out = capsys.readouterr().out
    assert f"drift repaired: case {case_world.case.uuid}" in out
    assert WAT in perms(world.partner, case_world.case)
    call_command("recompute_permissions")
    assert "No drift." in capsys.readouterr().out
