"""Sign-in: password, then a mandatory second factor; throttling; session lifetime."""

import time

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from partners.middleware import SIGNED_IN_AT
from tests import factories
from tests.conftest import signed_in_client

pytestmark = pytest.mark.django_db


def current_code(user) -> str:
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    return f"{totp(device.bin_key):06d}"


def password_step(client: Client, email: str, password: str = factories.PASSWORD):
    return client.post(reverse("partners:signin"), {"email": email, "password": password})


def test_password_alone_leads_only_to_the_code_step(world):
    client = Client()
    response = password_step(client, world.ib.email)
    assert response["Location"] == reverse("partners:signin_code")
    assert client.get(reverse("partners:home"))["Location"] == reverse("partners:signin_code")


def test_password_and_code_sign_in(world):
    client = Client()
    password_step(client, world.ib.email)
    response = client.post(reverse("partners:signin_code"), {"token": current_code(world.ib)})
    assert response["Location"] == reverse("partners:home")
    assert client.get(reverse("partners:home")).status_code == 200


def test_session_key_rotates_at_sign_in(world):
    client = Client()
    client.get(reverse("partners:signin"))
    client.session.save()
    before = client.session.session_key
    password_step(client, world.ib.email)
    assert client.session.session_key != before


def test_replayed_code_is_refused(world):
    code = current_code(world.ib)
    first = Client()
    password_step(first, world.ib.email)
    assert first.post(reverse("partners:signin_code"), {"token": code}).status_code == 302

    second = Client()
    password_step(second, world.ib.email)
    response = second.post(reverse("partners:signin_code"), {"token": code})
    assert response.status_code == 200
    assert "al gebruikt" in response.content.decode()
    assert second.get(reverse("partners:home"))["Location"] == reverse("partners:signin_code")


def test_wrong_code_is_refused(world):
    client = Client()
    password_step(client, world.ib.email)
    wrong = f"{(int(current_code(world.ib)) + 1) % 1_000_000:06d}"
    response = client.post(reverse("partners:signin_code"), {"token": wrong})
    assert response.status_code == 200
    assert client.get(reverse("partners:home")).status_code == 302


def test_first_sign_in_enrols_an_authenticator_with_a_qr_code(db):
    user = factories.UserFactory(email="nieuw@test.example")
    client = Client()
    response = password_step(client, user.email)
    assert response["Location"] == reverse("partners:signin_enroll")
    page = client.get(reverse("partners:signin_enroll"))
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=user)
    assert not device.confirmed
    response = client.post(
        reverse("partners:signin_enroll"), {"token": f"{totp(device.bin_key):06d}"}
    )
    assert response["Location"] == reverse("partners:home")
    device.refresh_from_db()
    assert device.confirmed


def test_unknown_and_known_addresses_get_the_same_message(world):
    known = password_step(Client(), world.ib.email, "verkeerd-wachtwoord")
    unknown = password_step(Client(), "niemand@test.example", "verkeerd-wachtwoord")
    assert known.status_code == unknown.status_code == 200
    message = "Het e-mailadres of het wachtwoord klopt niet."
    assert message in known.content.decode()
    assert message in unknown.content.decode()


@pytest.mark.parametrize("email", ["ib@test.example", "onbekend@test.example"])
def test_repeated_failures_lock_out_known_and_unknown_addresses(world, email):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        password_step(client, email, "verkeerd-wachtwoord")
    response = password_step(client, email, factories.PASSWORD)
    assert response.status_code == 429
    assert "Te veel mislukte pogingen" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_failed_attempts_are_logged(world):
    from axes.models import AccessAttempt

    password_step(Client(), world.ib.email, "verkeerd-wachtwoord")
    assert AccessAttempt.objects.filter(username=world.ib.email).exists()


def test_deactivated_user_loses_a_live_session(world):
    client = signed_in_client(world.ib)
    assert client.get(reverse("partners:home")).status_code == 200
    world.ib.is_active = False
    world.ib.save()
    response = client.get(reverse("partners:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("partners:signin"))


def test_idle_session_expires(world):
    client = signed_in_client(world.ib)
    assert client.session.get_expiry_age() <= 30 * 60
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timezone.timedelta(seconds=1)
    )
    assert client.get(reverse("partners:home"))["Location"].startswith(reverse("partners:signin"))


def test_session_ends_after_absolute_lifetime_even_when_active(world):
    client = signed_in_client(world.ib)
    session = client.session
    session[SIGNED_IN_AT] = int(time.time()) - settings.SESSION_ABSOLUTE_SECONDS - 1
    session.save()
    response = client.get(reverse("partners:home"))
    assert response["Location"] == reverse("partners:signin")
    assert "_auth_user_id" not in client.session


def test_session_cookie_is_http_only_and_same_site(world):
    client = Client()
    password_step(client, world.ib.email)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


def test_sign_out_requires_post_and_ends_the_session(world):
    client = signed_in_client(world.ib)
    assert client.get(reverse("partners:signout")).status_code == 405
    client.post(reverse("partners:signout"))
    assert client.get(reverse("partners:home")).status_code == 302


def test_password_reset_mail_carries_only_a_link(world):
    response = Client().post(reverse("partners:password_reset"), {"email": world.ib.email})
    assert response["Location"] == reverse("partners:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Nieuw wachtwoord voor Knooppunt"
    assert "/wachtwoord-herstellen/" in message.body
    assert world.ib.first_name not in message.body


def test_password_reset_for_unknown_address_looks_the_same_and_sends_nothing(world):
    response = Client().post(reverse("partners:password_reset"), {"email": "x@test.example"})
    assert response["Location"] == reverse("partners:password_reset_done")
    assert mail.outbox == []


def test_sign_in_returns_to_the_page_asked_for_but_never_offsite(world):
    target = reverse("partners:setup_detail", args=[world.school.uuid])
    client = Client()
    response = client.post(
        reverse("partners:signin") + f"?next={target}",
        {"email": world.ib.email, "password": factories.PASSWORD, "next": target},
    )
    response = client.post(response["Location"], {"token": current_code(world.ib), "next": target})
    assert response["Location"] == target

    offsite = Client()
    password_step(offsite, world.directeur.email)
    response = offsite.post(
        reverse("partners:signin_code"),
        {"token": current_code(world.directeur), "next": "https://kwaadwillend.example/"},
    )
    assert response["Location"] == reverse("partners:home")


@pytest.fixture
def ip_limit(settings):
    """A small limit for one address across accounts (the per-account limit stays 5)."""
    limits = getattr(settings, "SIGNIN_FAILURE_LIMITS", {})
    settings.SIGNIN_FAILURE_LIMITS = limits | {("ip_address",): 6}
    return 6


def test_password_spraying_from_one_address_is_locked_out(world, ip_limit):
    client = Client()
    for n in range(ip_limit):
        password_step(client, f"gok{n}@test.example", "Welkom01!")
    response = password_step(client, world.ib.email, factories.PASSWORD)
    assert response.status_code == 429
    assert "Te veel mislukte pogingen" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another address is not locked out by it.
    elsewhere = Client(REMOTE_ADDR="198.51.100.20")
    assert password_step(elsewhere, world.ib.email)["Location"] == reverse("partners:signin_code")


def test_a_successful_sign_in_does_not_clear_the_address_count(world, ip_limit):
    client = Client()
    for n in range(ip_limit - 1):
        password_step(client, f"gok{n}@test.example", "Welkom01!")
    # The sprayer signs in to an account of their own now and then...
    password_step(Client(), world.directeur.email)
    # ...but the count for the address stands.
    password_step(client, "nog-een@test.example", "Welkom01!")
    assert password_step(client, world.ib.email).status_code == 429


def test_session_key_rotates_after_the_second_factor(world):
    client = Client()
    password_step(client, world.ib.email)
    before = client.session.session_key
    client.post(reverse("partners:signin_code"), {"token": current_code(world.ib)})
    assert client.get(reverse("partners:home")).status_code == 200
    assert client.session.session_key != before


def reset_request(email: str, client: Client | None = None):
    return (client or Client()).post(reverse("partners:password_reset"), {"email": email})


@pytest.mark.parametrize("email", ["ib@test.example", "onbekend@test.example"])
def test_password_reset_requests_are_throttled_per_address(world, settings, email):
    for n in range(settings.PASSWORD_RESET_LIMIT_PER_EMAIL):
        client = Client(REMOTE_ADDR=f"198.51.100.{n + 1}")
        assert reset_request(email, client)["Location"] == reverse("partners:password_reset_done")
    response = reset_request(email, Client(REMOTE_ADDR="198.51.100.99"))
    assert response.status_code == 429
    assert "te veel aanvragen" in response.content.decode()
    sent = settings.PASSWORD_RESET_LIMIT_PER_EMAIL if email == world.ib.email else 0
    assert len(mail.outbox) == sent


def test_password_reset_requests_are_throttled_per_client(world, settings):
    client = Client()
    for n in range(settings.PASSWORD_RESET_LIMIT_PER_IP):
        reset_request(f"iemand{n}@test.example", client)
    known = reset_request(world.ib.email, client)
    unknown = reset_request("nog-iemand@test.example", client)
    assert known.status_code == unknown.status_code == 429
    assert known.content.decode().count("te veel aanvragen") == 1
    assert mail.outbox == []
    # Another client still gets its link.
    reset_request(world.ib.email, Client(REMOTE_ADDR="198.51.100.20"))
    assert len(mail.outbox) == 1


def test_backup_codes_are_shown_once_and_each_works_once(world):
    response = signed_in_client(world.ib).post(reverse("partners:backup_codes"))
    codes = response.context["codes"]
    assert len(codes) == 10
    assert len(set(codes)) == 10
    page = response.content.decode()
    assert all(code in page for code in codes)
    later = signed_in_client(world.ib).get(reverse("partners:backup_codes")).content.decode()
    assert not any(code in later for code in codes)
    assert "nog 10 ongebruikte reservecodes" in later

    phone_lost = Client()
    password_step(phone_lost, world.ib.email)
    response = phone_lost.post(reverse("partners:signin_code"), {"token": codes[0].upper()})
    assert response["Location"] == reverse("partners:home")
    assert phone_lost.get(reverse("partners:home")).status_code == 200

    again = Client()
    password_step(again, world.ib.email)
    response = again.post(reverse("partners:signin_code"), {"token": codes[0]})
    assert response.status_code == 200
    assert again.get(reverse("partners:home"))["Location"] == reverse("partners:signin_code")


def test_new_backup_codes_replace_the_old_ones(world):
    client = signed_in_client(world.ib)
    old = client.post(reverse("partners:backup_codes")).context["codes"]
    client.post(reverse("partners:backup_codes"))
    signing_in = Client()
    password_step(signing_in, world.ib.email)
    response = signing_in.post(reverse("partners:signin_code"), {"token": old[1]})
    assert response.status_code == 200
