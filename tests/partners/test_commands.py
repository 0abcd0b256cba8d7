"""Rights that are not editable in the app are the operators' job, on the server."""

import pytest
from django.core.management import call_command

from partners.services import FUNCTIONAL_ADMIN_GROUP, OPERATOR_REASON

pytestmark = pytest.mark.django_db


def test_grant_and_revoke_superuser(world):
    call_command("grant_superuser", world.ib.email.upper())
    world.ib.refresh_from_db()
    assert world.ib.is_superuser
    row = world.ib.history.latest()
    assert row.is_superuser
    assert row.history_change_reason == OPERATOR_REASON

    call_command("grant_superuser", world.ib.email, "--revoke")
    world.ib.refresh_from_db()
    assert not world.ib.is_superuser


def test_grant_and_revoke_functional_admin(world):
    call_command("grant_functional_admin", world.directeur.email)
    world.directeur.refresh_from_db()
    assert world.directeur.is_staff
    assert world.directeur.groups.filter(name=FUNCTIONAL_ADMIN_GROUP).exists()

    call_command("grant_functional_admin", world.directeur.email, "--revoke")
    world.directeur.refresh_from_db()
    assert not world.directeur.is_staff
    assert not world.directeur.groups.exists()
