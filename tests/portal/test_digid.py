"""DigiD through the OpenID Connect seam (docs/digid.md), against a real provider: a small
django-oauth-toolkit provider in its own process (tests/portal/oidc_provider/), with an RS256
key made for this test. The browser's side is played by Django's test client (Knooppunt) and
a `requests` session (the provider)."""

import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

from partners.middleware import SIGNED_IN_AT
from portal.middleware import PORTAL_SESSION
from pupils.bsn import bsn_digest
from pupils.services import guardian_bsn_record

pytestmark = pytest.mark.django_db

MOTHER_BSN = "111222333"
STRANGER_BSN = "123456782"
PASSWORD = "digid-test"
CLIENT_ID = "knooppunt-test"
CLIENT_SECRET = "knooppunt-test-secret"
CALLBACK = "http://testserver/ouders/inloggen/digid/terug/"
ROOT = Path(django_settings.BASE_DIR)


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    env = os.environ | {
        "OIDC_TEST_DB": str(tmp_path_factory.mktemp("oidc") / "provider.sqlite3"),
        "OIDC_TEST_RSA_KEY": pem,
        "OIDC_TEST_CLIENT_ID": CLIENT_ID,
        "OIDC_TEST_CLIENT_SECRET": CLIENT_SECRET,
        "OIDC_TEST_REDIRECT_URI": CALLBACK,
        "OIDC_TEST_BSNS": f"{MOTHER_BSN},{STRANGER_BSN}",
        "OIDC_TEST_PASSWORD": PASSWORD,
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.portal.oidc_provider.serve"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        port = process.stdout.readline().strip()
        assert port.isdigit(), "the OIDC provider did not start"
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def digid(settings, provider):
    """Knooppunt configured for the provider, as the OIDC_* environment variables would."""
    settings.DIGID_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{provider}/o/authorize/"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{provider}/o/token/"
    settings.OIDC_OP_USER_ENDPOINT = f"{provider}/o/userinfo/"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{provider}/o/.well-known/jwks.json"
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "portal.oidc.DigiDBackend",
    ]
    return provider


def sign_in_at_provider(authorize_url: str, bsn: str) -> str:
    """What the parent does at DigiD: sign in; returns where DigiD sends them back."""
    session = requests.Session()
    response = session.get(authorize_url, allow_redirects=False, timeout=10)
    assert response.status_code == 302
    login_url = requests.compat.urljoin(authorize_url, response.headers["Location"])
    page = session.get(login_url, timeout=10).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    next_url = re.search(r'name="next" value="([^"]+)"', page).group(1).replace("&amp;", "&")
    response = session.post(
        login_url,
        data={
            "csrfmiddlewaretoken": token,
            "username": bsn,
            "password": PASSWORD,
            "next": next_url,
        },
        headers={"Referer": login_url},
        allow_redirects=False,
        timeout=10,
    )
    assert response.status_code == 302
    authorize = requests.compat.urljoin(login_url, response.headers["Location"])
    response = session.get(authorize, allow_redirects=False, timeout=10)
    assert response.status_code == 302
    return response.headers["Location"]


def back_to_knooppunt(browser: Client, url: str):
    assert url.startswith(CALLBACK), url
    parts = urlsplit(url)
    return browser.get(f"{parts.path}?{parts.query}")


def test_digid_signs_the_guardian_in_to_the_same_portal_session(
    digid, mother_account, case_world, world
):
    guardian_bsn_record(guardian=case_world.mother, bsn=MOTHER_BSN, recorded_by=world.ib)
    browser = Client()
    assert "Inloggen met DigiD" in browser.get(reverse("portal:signin")).content.decode()
    response = browser.get(reverse("portal:digid_start"))
    assert response.status_code == 302
    assert response["Location"].startswith(f"{digid}/o/authorize/?")
    assert "code_challenge=" in response["Location"]

    response = back_to_knooppunt(browser, sign_in_at_provider(response["Location"], MOTHER_BSN))

    assert response.status_code == 302
    assert response["Location"] == reverse("portal:home")
    session = browser.session
    assert session[PORTAL_SESSION] is True
    assert SIGNED_IN_AT in session
    assert session.get_expiry_age() == 15 * 60
    assert "oidc_id_token" not in session and "oidc_access_token" not in session
    page = browser.get(reverse("portal:child", args=[case_world.pupil.uuid]))
    assert page.status_code == 200
    assert case_world.pupil.first_name in page.content.decode()


def test_a_bsn_of_no_linked_guardian_signs_nobody_in(digid, mother_account, case_world, world):
    guardian_bsn_record(guardian=case_world.mother, bsn=MOTHER_BSN, recorded_by=world.ib)
    browser = Client()
    start = browser.get(reverse("portal:digid_start"))["Location"]

    response = back_to_knooppunt(browser, sign_in_at_provider(start, STRANGER_BSN))

    assert response.status_code == 400
    assert "Inloggen met DigiD is niet gelukt" in response.content.decode()
    assert "_auth_user_id" not in browser.session
    assert browser.get(reverse("portal:home")).status_code == 302


def test_without_configuration_there_is_no_digid(client):
    assert client.get(reverse("portal:digid_start")).status_code == 404
    assert client.get(reverse("portal:digid_callback")).status_code == 404
    assert "DigiD" not in client.get(reverse("portal:signin")).content.decode()


def test_the_bsn_is_kept_only_as_a_keyed_digest(case_world, world):
    guardian = guardian_bsn_record(guardian=case_world.mother, bsn=MOTHER_BSN, recorded_by=world.ib)
    assert MOTHER_BSN not in guardian.bsn_digest
    assert MOTHER_BSN not in str(guardian.history.values())
    with pytest.raises(Exception, match="elfproef"):
        guardian_bsn_record(guardian=guardian, bsn="123456789", recorded_by=world.ib)


def test_the_ib_records_the_bsn_with_the_invitation(digid, world, case_world, signed_in):
    ib = signed_in(world.ib)
    url = reverse("portal:guardian_invite", args=[case_world.case.uuid])
    assert "BSN, voor inloggen met DigiD" in ib.get(url).content.decode()
    data = {"guardian": case_world.mother.uuid, "email": "moeder@test.example"}

    refused = ib.post(url, data | {"bsn": "123456789"}, follow=True)
    assert "Dit is geen geldig BSN" in refused.content.decode()
    case_world.mother.refresh_from_db()
    assert case_world.mother.account is None

    ib.post(url, data | {"bsn": MOTHER_BSN})
    case_world.mother.refresh_from_db()
    assert case_world.mother.account.email == "moeder@test.example"
    assert case_world.mother.bsn_digest == bsn_digest(MOTHER_BSN)


def test_without_digid_the_invitation_asks_no_bsn(world, case_world, signed_in):
    ib = signed_in(world.ib)
    url = reverse("portal:guardian_invite", args=[case_world.case.uuid])
    assert "BSN" not in ib.get(url).content.decode()
    ib.post(url, {"guardian": case_world.mother.uuid, "email": "m@test.example", "bsn": MOTHER_BSN})
    case_world.mother.refresh_from_db()
    assert case_world.mother.bsn_digest == ""
