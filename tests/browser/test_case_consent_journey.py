"""Issue 3: consent decides what a partner sees, and withdrawing it takes effect at once.

The IB'er opens a case in the browser, records consent to share with SMW and involves SMW.
SMW (in a second browser context) writes and reads progress; once the IB'er withdraws the
consent, SMW sees only that the case exists and who is involved ("dat, niet wat").

Uses the shared `world` fixture (tests/conftest.py) and factories (tests/factories.py).
"""

import datetime
import re

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser, ConsoleMessage, Page, expect

from cases.models import Case
from partners.models import User
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Placed in the question and in the progress note: content SMW may see only with consent.
MARKER = "JOURNEY-INHOUD"


def current_code(device: TOTPDevice) -> str:
    """The code the authenticator app shows right now (compute just before submitting)."""
    return f"{totp(bytes.fromhex(device.key)):06d}"


def sign_in(page: Page, base_url: str, user: User) -> None:
    """Both steps: e-mail and password, then the code from the authenticator app."""
    page.goto(base_url + reverse("partners:signin"))
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Volgende").click()
    expect(page.get_by_role("heading", name="Code invoeren")).to_be_visible()
    device = user.totpdevice_set.get(confirmed=True)
    page.get_by_label("Code uit je authenticator-app").fill(current_code(device))
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_text(f"Welkom, {user.first_name}.")).to_be_visible()


def collect_csp_errors(page: Page, errors: list[str]) -> None:
    def collect(message: ConsoleMessage) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            errors.append(message.text)

    page.on("console", collect)


def case_tab(page: Page, name: str):
    return page.get_by_role("navigation", name="Onderdelen van de casus").get_by_role(
        "link", name=name, exact=True
    )


def test_withdrawn_consent_leaves_the_partner_only_the_dat_card(
    page: Page, browser: Browser, live_server, world
) -> None:
    base = live_server.url
    csp_errors: list[str] = []
    collect_csp_errors(page, csp_errors)
    ib, smw_worker, smw = world.ib, world.partner, world.smw
    smw_option = f"{smw.name} ({smw.get_kind_display()})"
    today = datetime.date.today()
    birth_date = today.replace(year=today.year - 9, day=1)  # under 12: the parents decide

    # --- The IB'er opens a new case -----------------------------------------------------------
    sign_in(page, base, ib)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Casussen", exact=True
    ).click()
    page.get_by_role("link", name="Nieuwe casus").click()
    expect(page.get_by_role("heading", name="Nieuwe casus", level=1)).to_be_visible()

    pupil = page.get_by_role("group", name="Leerling", exact=True)
    pupil.get_by_label("Voornaam").fill("Noor")
    pupil.get_by_label("Achternaam").fill("Reisiger")
    pupil.get_by_label("Geboortedatum").fill(birth_date.isoformat())
    guardian = page.get_by_role("group", name="Ouder / verzorger 1")
    guardian.get_by_label("Naam", exact=True).fill("Ilse Reisiger")
    guardian.get_by_label("Relatie").fill("moeder")
    guardian.get_by_label("Heeft gezag").check()
    question = page.get_by_role("group", name="Hulpvraag")
    question.get_by_label("Hulpvraag in de woorden van het gezin").fill(
        f"Noor slaapt slecht sinds de verhuizing. {MARKER}"
    )
    question.get_by_label("Leefvraag").check()
    question.get_by_label("Complexiteit").select_option(label="Meervoudig")
    question.get_by_label("Ondersteuningsniveau").select_option(label="3")
    question.get_by_label("Ouders zijn geïnformeerd").check()
    page.get_by_role("button", name="Casus openen").click()

    expect(page.get_by_role("status")).to_contain_text("De casus is geopend.")
    expect(page.get_by_role("heading", name="Noor Reisiger", level=1)).to_be_visible()
    expect(page.get_by_text(MARKER)).to_be_visible()
    case = Case.objects.get(pupil__first_name="Noor", pupil__last_name="Reisiger")
    case_url = base + reverse("cases:case_detail", args=[case.uuid])
    progress_url = base + reverse("cases:case_progress", args=[case.uuid])
    assert case.school == world.school
    assert case.level == 3 and case.leefvraag and case.complexity == "meervoudig"

    # --- Consent to share with SMW, given by the mother -----------------------------------------
    case_tab(page, "Toestemming").click()
    page.get_by_role("link", name="Toestemming vastleggen").click()
    page.get_by_label("Doel").select_option(label="Gegevens delen met organisatie")
    page.get_by_label("Ontvangende organisatie").select_option(label=smw_option)
    page.get_by_label("Wie beslist").select_option(label="Ilse Reisiger (moeder)")
    page.get_by_label("Besluit", exact=True).select_option(label="Gegeven")
    page.get_by_label("Hoe is het besluit doorgegeven").select_option(label="Op papier")
    page.get_by_role("button", name="Besluit vastleggen").click()

    expect(page.get_by_role("status")).to_contain_text("Het toestemmingsbesluit is vastgelegd.")
    sharing = page.get_by_role(
        "region", name=re.compile(f"^Gegevens delen met organisatie: {smw.name}")
    )
    expect(sharing.get_by_role("heading")).to_contain_text("Toestemming geldt")

    # --- SMW becomes involved ---------------------------------------------------------------------
    case_tab(page, "Betrokkenen & regie").click()
    page.get_by_role("link", name="Betrokkene toevoegen").click()
    page.get_by_label("Organisatie", exact=True).select_option(label=smw_option)
    page.get_by_label("Professional").select_option(
        label=f"{smw_worker.get_full_name()} – {smw.name}"
    )
    page.get_by_label("Rol").select_option(label="Schoolmaatschappelijk werk")
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_role("status")).to_contain_text(f"{smw.name} is betrokken bij de casus.")
    expect(page.get_by_role("rowheader", name=smw.name)).to_be_visible()

    # --- SMW, in a browser of its own, writes and reads progress --------------------------------
    smw_context = browser.new_context()
    try:
        smw_page = smw_context.new_page()
        collect_csp_errors(smw_page, csp_errors)
        sign_in(smw_page, base, smw_worker)
        smw_page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
            "link", name="Mijn casussen"
        ).click()
        expect(smw_page.get_by_role("heading", name="Mijn casussen", level=1)).to_be_visible()
        smw_page.get_by_role("link", name="Noor Reisiger").click()
        expect(smw_page).to_have_url(case_url)
        expect(smw_page.get_by_text(MARKER)).to_be_visible()  # consent: the question is shown

        case_tab(smw_page, "Voortgang").click()
        smw_page.get_by_role("link", name="Voortgang vastleggen").click()
        smw_page.get_by_label("Voortgang", exact=True).fill(
            f"Huisbezoek gedaan, slaapritueel afgesproken. {MARKER}-VOORTGANG"
        )
        smw_page.get_by_role("button", name="Vastleggen").click()
        expect(smw_page).to_have_url(progress_url)
        expect(smw_page.get_by_role("status")).to_contain_text("De voortgang is vastgelegd.")
        expect(smw_page.get_by_text(f"{MARKER}-VOORTGANG")).to_be_visible()

        # --- The IB'er records the mother's withdrawal ------------------------------------------
        case_tab(page, "Toestemming").click()
        sharing.get_by_role("button", name="Intrekken namens Ilse Reisiger (moeder)").click()
        expect(
            page.get_by_role("heading", name="Intrekking van toestemming bevestigen")
        ).to_be_visible()
        expect(page.get_by_label("Besluit", exact=True)).to_have_value("ingetrokken")
        page.get_by_label("Hoe is het besluit doorgegeven").select_option(label="Mondeling")
        page.get_by_role("button", name="Ja, intrekking vastleggen").click()
        expect(page.get_by_role("status")).to_contain_text(
            "De intrekking is vastgelegd en gaat direct in."
        )
        expect(sharing.get_by_role("heading")).to_contain_text("Geen geldige toestemming")

        # --- SMW reloads: the progress tab is refused, the case page shows only "dat" ----------
        response = smw_page.reload()
        assert response is not None and response.status == 403
        assert MARKER not in smw_page.content()

        smw_page.goto(case_url)
        expect(smw_page.get_by_role("heading", name="Deze casus bestaat")).to_be_visible()
        expect(
            smw_page.get_by_text("Je ziet alleen dat deze casus bestaat en wie betrokken is")
        ).to_be_visible()
        involved = smw_page.get_by_role("table", name="Wie is betrokken")
        expect(involved.get_by_role("rowheader", name=smw.name)).to_be_visible()
        expect(case_tab(smw_page, "Voortgang")).to_have_count(0)
        expect(case_tab(smw_page, "Overzicht")).to_be_visible()
        assert MARKER not in smw_page.content()
    finally:
        smw_context.close()

    assert csp_errors == [], csp_errors
