"""The derived permissions of "dat, niet wat", tested without HTTP."""

import datetime

import pytest

from cases.access import DAT, WAT, case_permissions_for
from cases.models import Case, CaseUserObjectPermission
from consent.constants import Decision, LegalBasisKind, Method, Purpose
from consent.services import consent_record, legal_basis_record

# The world is built once for the module, each test in its own savepoint; see tests/conftest.py.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_case_world")]


def perms(user, case):
    return case_permissions_for(user, case)


def test_ib_of_the_school_sees_content(case_world, world):
    assert {DAT, WAT} <= perms(world.ib, case_world.case)


def test_directeur_sees_only_that_the_case_exists(case_world, world):
    assert perms(world.directeur, case_world.case) == {DAT}


def test_involved_partner_with_consent_sees_content(case_world, world):
    assert {DAT, WAT} <= perms(world.partner, case_world.case)


def test_involved_partner_without_consent_sees_only_dat(case_world):
    assert perms(case_world.jeugdarts, case_world.case) == {DAT}


def test_uninvolved_ib_of_another_school_and_outsider_see_nothing(case_world, world):
    for user in (world.ib_other_school, world.outsider):
        assert perms(user, case_world.case) == set()


def test_functional_admin_and_superuser_see_no_case(case_world, world):
    world.admin.is_superuser = True
    world.admin.save()
    assert perms(world.admin, case_world.case) == set()
    assert not Case.objects.with_user_permission(world.admin, DAT).exists()


def test_global_permission_does_not_open_any_case(case_world, world):
    from django.contrib.auth.models import Permission

    world.outsider.user_permissions.add(*Permission.objects.filter(codename__in=[DAT, WAT]))
    assert not Case.objects.with_user_permission(world.outsider, DAT).exists()


def test_withdrawal_revokes_content_in_the_same_transaction(case_world, world):
    consent_record(
        pupil=case_world.pupil,
        purpose=Purpose.SHARE,
        recipient=world.smw,
        guardian=case_world.mother,
        decision=Decision.WITHDRAWN,
        method=Method.VERBAL,
        recorded_by=world.ib,
    )
    assert perms(world.partner, case_world.case) == {DAT}


def test_legal_basis_opens_content_for_its_period_only(case_world, world, veilig_thuis):
    today = datetime.date.today()
    basis = legal_basis_record(
        pupil=case_world.pupil,
        kind=LegalBasisKind.SAFETY,
        recipient=veilig_thuis.organisation,
        motivation="Zorgen om de veiligheid; ouders niet bereikbaar.",
        valid_from=today,
        valid_until=today + datetime.timedelta(days=14),
        recorded_by=world.ib,
    )
    assert WAT in perms(veilig_thuis.user, case_world.case)
    from consent.services import legal_basis_end

    legal_basis_end(basis=basis, ended_by=world.ib)
    assert perms(veilig_thuis.user, case_world.case) == {DAT}


def test_ending_involvement_removes_all_access(case_world, world):
    from cases.services import involvement_end

    involvement = case_world.case.involvements.get(organisation=world.smw)
    involvement_end(involvement=involvement, ended_by=world.ib, end=datetime.date(2000, 1, 1))
    assert perms(world.partner, case_world.case) == set()


def test_recompute_writes_only_the_difference(case_world, world):
    from cases.access import case_permissions_recompute

    before = set(
        CaseUserObjectPermission.objects.filter(content_object=case_world.case).values_list(
            "pk", flat=True
        )
    )
    case_permissions_recompute(case_world.case)
    after = set(
        CaseUserObjectPermission.objects.filter(content_object=case_world.case).values_list(
            "pk", flat=True
        )
    )
    assert before == after


def test_time_bound_access_ends_with_the_calendar(case_world, world, veilig_thuis):
    from cases.access import permissions_recompute_time_bound
    from cases.tasks import recompute_time_bound_permissions

    today = datetime.date.today()
    legal_basis_record(
        pupil=case_world.pupil,
        kind=LegalBasisKind.SAFETY,
        recipient=veilig_thuis.organisation,
        motivation="Zorgen om de veiligheid.",
        valid_from=today - datetime.timedelta(days=10),
        valid_until=today,
        recorded_by=world.ib,
    )
    assert WAT in perms(veilig_thuis.user, case_world.case)
    assert recompute_time_bound_permissions() >= 1  # today: still in force
    assert WAT in perms(veilig_thuis.user, case_world.case)
    assert permissions_recompute_time_bound(day=today + datetime.timedelta(days=1)) == 1
    assert perms(veilig_thuis.user, case_world.case) == {DAT}


def test_consent_past_its_end_date_is_withdrawn_by_the_hourly_recompute(case_world, world):
    from cases.access import permissions_recompute_time_bound

    today = datetime.date.today()
    consent_record(
        pupil=case_world.pupil,
        purpose=Purpose.SHARE,
        recipient=case_world.jgz,
        guardian=case_world.mother,
        decision=Decision.GIVEN,
        method=Method.PAPER,
        valid_until=today,
        recorded_by=world.ib,
    )
    assert WAT in perms(case_world.jeugdarts, case_world.case)
    permissions_recompute_time_bound(day=today + datetime.timedelta(days=3))
    assert perms(case_world.jeugdarts, case_world.case) == {DAT}
