import time

import pytest
from django.test import Client

from partners.middleware import SIGNED_IN_AT
from portal.middleware import PORTAL_SESSION
from pupils.services import guardian_account_link


def portal_client(user, client: Client | None = None) -> Client:
    """A client signed in to the portal as if through an e-mailed link."""
    client = client or Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    session[PORTAL_SESSION] = True
    session[SIGNED_IN_AT] = time.time()
    session.save()
    return client


@pytest.fixture
def mother_account(case_world, world):
    guardian = guardian_account_link(
        guardian=case_world.mother, email="moeder@test.example", linked_by=world.ib
    )
    return guardian.account


@pytest.fixture
def father_account(case_world, world):
    guardian = guardian_account_link(
        guardian=case_world.father, email="vader@test.example", linked_by=world.ib
    )
    return guardian.account
