"""The fixed cost of a signed-in request (docs/benchmarks.md): the session, the user and the
second-factor device, nothing more; the session is written only when it must be renewed."""

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from partners.constants import Function
from partners.middleware import TOUCH_SECONDS, TOUCHED_AT
from tests import factories
from tests.conftest import signed_in_client

pytestmark = pytest.mark.django_db

# A page that resolves to nothing still renders the full header and menu for a signed-in user.
BARE_PAGE = "/bestaat-niet/"


def _expiry(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


def _age_the_touch(client, seconds: int) -> None:
    session = client.session
    session[TOUCHED_AT] -= seconds
    session.save()


def test_a_bare_signed_in_page_costs_at_most_three_queries(world):
    client = signed_in_client(world.ib)
    client.get(BARE_PAGE)  # the first page reads the menu and renews the session
    with CaptureQueriesContext(connection) as queries:
        html = client.get(BARE_PAGE).content.decode()
    assert len(queries) <= 3, [q["sql"][:80] for q in queries]
    # The menu is still there.
    assert reverse("partners:setup_detail", args=[world.school.uuid]) in html
    assert "Casussen" in html


def test_a_request_within_the_renewal_interval_does_not_write_the_session(world):
    client = signed_in_client(world.ib)
    client.get(BARE_PAGE)
    before = _expiry(client)
    client.get(BARE_PAGE)
    assert _expiry(client) == before


def test_a_request_after_the_renewal_interval_renews_the_idle_timeout(world):
    client = signed_in_client(world.ib)
    client.get(BARE_PAGE)
    before = _expiry(client)
    _age_the_touch(client, TOUCH_SECONDS)
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=before - timezone.timedelta(seconds=TOUCH_SECONDS)
    )
    client.get(BARE_PAGE)
    assert _expiry(client) > before - timezone.timedelta(seconds=TOUCH_SECONDS)
    assert client.get(reverse("partners:home")).status_code == 200


def test_the_menu_follows_a_new_membership_at_the_next_renewal(world):
    client = signed_in_client(world.partner)
    assert "Casussen</a>" not in client.get(BARE_PAGE).content.decode()
    factories.ProfessionalFactory(
        user=world.partner, organisation=world.school.organisation, function=Function.DIRECTEUR
    )
    _age_the_touch(client, TOUCH_SECONDS)
    assert "Casussen</a>" in client.get(BARE_PAGE).content.decode()
