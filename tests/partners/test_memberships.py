"""Memberships and accounts: nobody grants themselves anything, a membership that gives case
access takes a second person's confirmation (four eyes), and every change is history-tracked
with its author and announced with membership_changed."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from cases.access import WAT, case_permissions_for, case_permissions_recompute
from partners.access import active_memberships, is_ib_of
from partners.constants import Function
from partners.models import Professional, User
from partners.services import (
    functional_admin_grant,
    membership_add,
    membership_change_function,
    membership_confirm,
    membership_deactivate,
    user_activate,
    user_deactivate,
)
from partners.signals import membership_changed
from tests import factories
from tests.conftest import signed_in_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def newcomer(db) -> User:
    user = factories.UserFactory(email="nieuw@test.example")
    factories.TOTPDeviceFactory(user=user)
    return user


@pytest.fixture
def second_admin(db) -> User:
    user = factories.UserFactory(email="beheer2@test.example")
    functional_admin_grant(user=user)
    factories.TOTPDeviceFactory(user=user)
    return user


@pytest.fixture
def sent():
    """The membership_changed signals sent during the test, as (sender, user) pairs."""
    calls = []

    def receiver(sender, user, **kwargs):
        calls.append((sender, user))

    membership_changed.connect(receiver, dispatch_uid="test_memberships_receiver")
    yield calls
    membership_changed.disconnect(dispatch_uid="test_memberships_receiver")


def test_an_ib_membership_waits_for_a_second_person(world, newcomer):
    membership = membership_add(
        user=newcomer,
        organisation=world.school.organisation,
        function=Function.IB,
        added_by=world.admin,
    )
    assert membership.is_pending
    assert not membership.is_active
    assert not active_memberships(newcomer).exists()
    assert not is_ib_of(newcomer, world.school)

    membership_confirm(membership=membership, confirmed_by=world.directeur)

    membership.refresh_from_db()
    assert membership.is_active
    assert membership.confirmed_by == world.directeur
    assert is_ib_of(newcomer, world.school)


def test_a_pending_ib_membership_gives_no_case_rights_until_confirmed(case_world, world, newcomer):
    membership = membership_add(
        user=newcomer,
        organisation=world.school.organisation,
        function=Function.IB,
        added_by=world.admin,
    )
    case_permissions_recompute(case_world.case)
    assert case_permissions_for(newcomer, case_world.case) == set()

    membership_confirm(membership=membership, confirmed_by=world.directeur)
    case_permissions_recompute(case_world.case)
    assert WAT in case_permissions_for(newcomer, case_world.case)


def test_a_partner_membership_is_active_at_once(world, newcomer):
    membership = membership_add(
        user=newcomer, organisation=world.smw, function=Function.SMW, added_by=world.admin
    )
    assert membership.is_active
    assert membership.confirmed_by is None
    assert list(active_memberships(newcomer)) == [membership]


@pytest.mark.parametrize("function", [Function.DIRECTEUR, Function.LEERKRACHT])
def test_every_post_at_the_school_itself_waits_for_confirmation(world, newcomer, function):
    membership = membership_add(
        user=newcomer,
        organisation=world.school.organisation,
        function=function,
        added_by=world.admin,
    )
    assert membership.is_pending


def test_the_requester_and_the_member_cannot_confirm(world, newcomer):
    membership = membership_add(
        user=newcomer,
        organisation=world.school.organisation,
        function=Function.IB,
        added_by=world.admin,
    )
    for who in (world.admin, newcomer):
        with pytest.raises(PermissionDenied):
            membership_confirm(membership=membership, confirmed_by=who)
    membership.refresh_from_db()
    assert membership.is_pending


@pytest.mark.parametrize("who", ["ib", "partner", "ib_other_school", "outsider"])
def test_only_the_school_directeur_or_another_admin_confirms(world, newcomer, second_admin, who):
    membership = membership_add(
        user=newcomer,
        organisation=world.school.organisation,
        function=Function.IB,
        added_by=world.admin,
    )
    with pytest.raises(PermissionDenied):
        membership_confirm(membership=membership, confirmed_by=getattr(world, who))
    membership_confirm(membership=membership, confirmed_by=second_admin)
    membership.refresh_from_db()
    assert membership.is_active


def test_the_database_refuses_an_unconfirmed_active_or_self_confirmed_membership(world, newcomer):
    with pytest.raises(IntegrityError), transaction.atomic():
        Professional.objects.create(
            user=newcomer,
            organisation=world.school.organisation,
            function=Function.IB,
            is_active=True,
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Professional.objects.create(
            user=newcomer,
            organisation=world.school.organisation,
            function=Function.IB,
            requested_by=world.admin,
            confirmed_by=world.admin,
        )


def test_nobody_changes_their_own_memberships_or_account(world):
    own = world.ib.memberships.get()
    with pytest.raises(PermissionDenied):
        membership_add(
            user=world.admin,
            organisation=world.school.organisation,
            function=Function.IB,
            added_by=world.admin,
        )
    with pytest.raises(PermissionDenied):
        membership_change_function(membership=own, function=Function.DIRECTEUR, changed_by=world.ib)
    with pytest.raises(PermissionDenied):
        membership_deactivate(membership=own, deactivated_by=world.ib)
    with pytest.raises(PermissionDenied):
        user_deactivate(user=world.admin, deactivated_by=world.admin)
    with pytest.raises(PermissionDenied):
        functional_admin_grant(user=world.ib, granted_by=world.ib)
    assert not Professional.objects.filter(user=world.admin).exists()


def test_a_new_function_with_case_access_waits_again(world):
    partner_at_school = membership_add(
        user=factories.UserFactory(),
        organisation=world.smw,
        function=Function.SMW,
        added_by=world.admin,
    )
    assert partner_at_school.is_active
    changed = membership_change_function(
        membership=partner_at_school, function=Function.IB, changed_by=world.admin
    )
    assert changed.is_pending
    assert changed.requested_by == world.admin


def test_an_ended_membership_is_reopened_pending(world):
    ib = world.ib.memberships.get()
    membership_deactivate(membership=ib, deactivated_by=world.admin)
    assert not is_ib_of(world.ib, world.school)
    reopened = membership_add(
        user=world.ib,
        organisation=world.school.organisation,
        function=Function.IB,
        added_by=world.admin,
    )
    assert reopened.pk == ib.pk
    assert reopened.is_pending
    with pytest.raises(ValidationError):
        membership_add(
            user=world.ib,
            organisation=world.school.organisation,
            function=Function.IB,
            added_by=world.admin,
        )


def test_every_service_announces_the_change_for_the_affected_user(world, newcomer, sent):
    membership = membership_add(
        user=newcomer,
        organisation=world.school.organisation,
        function=Function.IB,
        added_by=world.admin,
    )
    membership_confirm(membership=membership, confirmed_by=world.directeur)
    membership_change_function(
        membership=membership, function=Function.DIRECTEUR, changed_by=world.admin
    )
    membership_deactivate(membership=membership, deactivated_by=world.admin)
    user_deactivate(user=newcomer, deactivated_by=world.admin)
    user_activate(user=newcomer, activated_by=world.admin)
    assert [user for _sender, user in sent] == [newcomer] * 6


def test_membership_and_account_changes_record_who_made_them(world, newcomer):
    membership = membership_add(
        user=newcomer,
        organisation=world.school.organisation,
        function=Function.IB,
        added_by=world.admin,
    )
    membership_confirm(membership=membership, confirmed_by=world.directeur)
    user_deactivate(user=newcomer, deactivated_by=world.admin)

    rows = list(membership.history.order_by("history_date"))
    assert [(row.history_user, row.is_active) for row in rows] == [
        (world.admin, False),
        (world.directeur, True),
    ]
    latest = newcomer.history.latest()
    assert latest.history_user == world.admin
    assert latest.is_active is False
    # The history never copies a password hash, and a sign-in writes no row.
    assert not hasattr(latest, "password")
    count = newcomer.history.count()
    Client().post(
        reverse("partners:signin"), {"email": world.ib.email, "password": factories.PASSWORD}
    )
    assert world.ib.history.filter(history_type="~").count() == 0
    assert newcomer.history.count() == count


def test_directeur_confirms_on_the_page(world, newcomer):
    membership = membership_add(
        user=newcomer,
        organisation=world.school.organisation,
        function=Function.IB,
        added_by=world.admin,
    )
    client = signed_in_client(world.directeur)
    page = client.get(reverse("partners:membership_pending"))
    assert newcomer.email in page.content.decode()
    assert "1 lidmaatschap wacht" in client.get(reverse("partners:home")).content.decode()

    response = client.post(reverse("partners:membership_confirm", args=[membership.uuid]))
    assert response["Location"] == reverse("partners:membership_pending")
    membership.refresh_from_db()
    assert membership.is_active
    assert membership.confirmed_by == world.directeur


def test_whoever_may_not_confirm_gets_404_on_the_confirm_page(world, newcomer):
    membership = membership_add(
        user=newcomer,
        organisation=world.school.organisation,
        function=Function.IB,
        added_by=world.admin,
    )
    url = reverse("partners:membership_confirm", args=[membership.uuid])
    for user in (world.admin, world.ib, world.ib_other_school, newcomer):
        assert signed_in_client(user).post(url).status_code == 404
    membership.refresh_from_db()
    assert membership.is_pending


def test_directeur_of_another_school_sees_nothing_to_confirm(world, newcomer):
    other_directeur = factories.ProfessionalFactory(
        organisation=world.other_school.organisation, function=Function.DIRECTEUR
    ).user
    factories.TOTPDeviceFactory(user=other_directeur)
    membership = membership_add(
        user=newcomer,
        organisation=world.school.organisation,
        function=Function.IB,
        added_by=world.admin,
    )
    client = signed_in_client(other_directeur)
    assert newcomer.email not in client.get(reverse("partners:membership_pending")).content.decode()
    url = reverse("partners:membership_confirm", args=[membership.uuid])
    assert client.post(url).status_code == 404
