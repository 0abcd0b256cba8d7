"""Parents sign in by a single-use link that works only in the asking browser
(docs/security.md target 28)."""

import datetime
import re

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from portal.models import SignInLink

pytestmark = pytest.mark.django_db


def ask_link(client: Client, email: str, capture):
    with capture(execute=True):
        return client.post(reverse("portal:signin"), {"email": email})


def link_path() -> str:
    return re.search(r"http://[^/]+(/ouders/inloggen/link/[^/\s]+/)", mail.outbox[-1].body).group(1)


def without_csrf_token(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_the_link_signs_in_once_in_the_asking_browser(
    mother_account, django_capture_on_commit_callbacks
):
    browser = Client()
    response = ask_link(browser, "Moeder@test.example", django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert len(mail.outbox) == 1
    assert "Testkind" not in mail.outbox[0].body + mail.outbox[0].subject
    path = link_path()
    assert browser.get(path).status_code == 200  # a button, nothing spent yet
    response = browser.post(path)
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:home")
    assert browser.get(reverse("portal:home")).status_code == 302  # one child: straight to it
    assert browser.session.get_expiry_age() == 15 * 60
    # Single use: the same browser cannot use it again.
    assert Client(cookies=browser.cookies).post(path).status_code == 400


def test_a_forwarded_link_fails_in_another_browser(
    mother_account, django_capture_on_commit_callbacks
):
    ask_link(Client(), "moeder@test.example", django_capture_on_commit_callbacks)
    other = Client()
    response = other.post(link_path())
    assert response.status_code == 400
    assert "_auth_user_id" not in other.session


def test_an_expired_link_fails(mother_account, django_capture_on_commit_callbacks):
    browser = Client()
    ask_link(browser, "moeder@test.example", django_capture_on_commit_callbacks)
    SignInLink.objects.update(expires_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    assert browser.post(link_path()).status_code == 400


def test_unknown_and_known_addresses_get_the_same_answer(
    mother_account, django_capture_on_commit_callbacks
):
    known = ask_link(Client(), "moeder@test.example", django_capture_on_commit_callbacks)
    unknown = ask_link(Client(), "niemand@test.example", django_capture_on_commit_callbacks)
    assert without_csrf_token(known) == without_csrf_token(unknown)
    assert len(mail.outbox) == 1


def test_throttled_with_the_same_message_for_known_and_unknown(
    mother_account, settings, django_capture_on_commit_callbacks
):
    settings.PORTAL_SIGNIN_LIMIT = 2
    refusals = []
    for email in ("moeder@test.example", "niemand@test.example"):
        for _ in range(2):
            assert ask_link(Client(), email, django_capture_on_commit_callbacks).status_code == 200
        refused = ask_link(Client(), email, django_capture_on_commit_callbacks)
        assert refused.status_code == 429
        assert "te vaak" in refused.content.decode()
        refusals.append(without_csrf_token(refused))
    assert refusals[0] == refusals[1]
    assert len(mail.outbox) == 2  # the known address's two links, nothing after the refusal


def test_the_portal_session_ends_after_15_minutes_idle(
    mother_account, django_capture_on_commit_callbacks
):
    browser = Client()
    ask_link(browser, "moeder@test.example", django_capture_on_commit_callbacks)
    browser.post(link_path())
    # Each request renews the 15 minutes.
    assert browser.get(reverse("portal:home")).status_code == 302
    session = Session.objects.get(session_key=browser.session.session_key)
    left = session.expire_date - timezone.now()
    assert datetime.timedelta(minutes=14) < left <= datetime.timedelta(minutes=15)
    # Fifteen minutes without a request: the session is gone.
    Session.objects.filter(pk=session.pk).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = browser.get(reverse("portal:home"))
    assert response["Location"].startswith(reverse("portal:signin"))
    assert "_auth_user_id" not in browser.session


def test_a_professional_address_gets_no_link(world, django_capture_on_commit_callbacks):
    ask_link(Client(), "ib@test.example", django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_the_professional_sign_in_page_points_parents_to_their_door(client):
    assert "Bent u ouder of verzorger?" in client.get(reverse("partners:signin")).content.decode()
