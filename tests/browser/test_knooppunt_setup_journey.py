"""The IB'er's journey: sign in with two factors and seat a new incidental partner.

Uses the shared `world` fixture (tests/conftest.py) and factories (tests/factories.py).
"""

import re
from base64 import b32encode

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import ConsoleMessage, Page, expect

from partners.constants import Function
from partners.models import KnooppuntPartner
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def current_code(device: TOTPDevice) -> str:
    """The code the authenticator app shows right now (compute just before submitting)."""
    return f"{totp(bytes.fromhex(device.key)):06d}"


def sign_in_with_password(page: Page, base_url: str, email: str) -> None:
    page.goto(base_url + reverse("partners:signin"))
    expect(page.get_by_role("heading", name="Inloggen", level=1)).to_be_visible()
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Volgende").click()


def test_ib_signs_in_and_adds_an_incidental_partner(page: Page, live_server, world) -> None:
    csp_errors: list[str] = []

    def collect(message: ConsoleMessage) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            csp_errors.append(message.text)

    page.on("console", collect)
    ib = world.ib
    device = ib.totpdevice_set.get(confirmed=True)

    # Step 1: e-mail and password.
    sign_in_with_password(page, live_server.url, ib.email)

    # Step 2: the code from the authenticator app.
    expect(page.get_by_role("heading", name="Code invoeren")).to_be_visible()
    page.get_by_label("Code uit je authenticator-app").fill(current_code(device))
    page.get_by_role("button", name="Inloggen").click()

    expect(page).to_have_url(live_server.url + reverse("partners:home"))
    expect(page.get_by_text(f"Welkom, {ib.first_name}.")).to_be_visible()

    # Open the school's knooppunt set-up from the main menu.
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Knooppunt", exact=True
    ).click()
    expect(
        page.get_by_role("heading", name=f"Knooppunt {world.school.name}", level=1)
    ).to_be_visible()
    incidental = page.locator("table#partners-incidenteel")
    expect(incidental).to_contain_text("Nog geen incidentele partners.")

    # Seat a new organisation as an incidental partner.
    page.get_by_role("link", name="Partner toevoegen").click()
    expect(page.get_by_role("heading", name="Partner toevoegen", level=1)).to_be_visible()
    page.get_by_label("Of: naam van een nieuwe organisatie").fill("Jeugdhulp De Brug")
    page.get_by_label("Soort nieuwe organisatie").select_option(label="Zorgaanbieder")
    page.get_by_label("Deelname").select_option(label="Incidentele partner")
    page.get_by_label(re.compile(r"^Contactpersoon")).fill("Fatima El Amrani")
    page.get_by_role("button", name="Toevoegen").click()

    # Back on the set-up: the confirmation, and the partner in the incidental table only.
    expect(
        page.get_by_role("heading", name=f"Knooppunt {world.school.name}", level=1)
    ).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Jeugdhulp De Brug is toegevoegd.")
    row = incidental.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name="Jeugdhulp De Brug")
    )
    expect(row).to_have_count(1)
    expect(row.get_by_role("cell").first).to_have_text("Fatima El Amrani")
    expect(page.locator("table#partners-structureel")).not_to_contain_text("Jeugdhulp De Brug")

    partner = KnooppuntPartner.objects.get(organisation__name="Jeugdhulp De Brug")
    assert partner.setup.school == world.school
    assert partner.participation == "incidenteel"
    assert partner.organisation.kind == "zorgaanbieder"

    assert csp_errors == [], csp_errors


def test_first_sign_in_links_an_authenticator_app(page: Page, live_server, world) -> None:
    newcomer = factories.ProfessionalFactory(
        organisation=world.school.organisation,
        function=Function.LEERKRACHT,
        user__email="nieuw@test.example",
    ).user
    assert not TOTPDevice.objects.filter(user=newcomer).exists()

    sign_in_with_password(page, live_server.url, newcomer.email)

    expect(page).to_have_url(live_server.url + reverse("partners:signin_enroll"))
    expect(page.get_by_role("heading", name="Authenticator-app koppelen")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("QR-code"))).to_be_visible()

    # The page offers the pending device's key for manual entry; the "app" uses it.
    device = TOTPDevice.objects.get(user=newcomer, confirmed=False)
    expect(page.locator("code")).to_have_text(b32encode(device.bin_key).decode())
    page.get_by_label("Code uit je authenticator-app").fill(current_code(device))
    page.get_by_role("button", name="Koppelen en inloggen").click()

    expect(page).to_have_url(live_server.url + reverse("partners:home"))
    expect(page.get_by_role("status")).to_contain_text("Je authenticator-app is gekoppeld.")
    expect(page.get_by_text(f"Welkom, {newcomer.first_name}.")).to_be_visible()
    device.refresh_from_db()
    assert device.confirmed
