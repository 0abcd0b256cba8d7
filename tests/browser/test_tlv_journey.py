"""Issue 11: a TLV request from the school to the decision letter, each step by its own role in
its own browser: the IB'er prepares the dossier and offers it, the board's procesbegeleider
signs, the SWV's trajectbegeleider takes it in review and asks two experts, each expert
advises, the trajectbegeleider confirms the advice, records the decision and downloads the
letter; the IB'er then finds the OPP. The parent sees the decision in the portal.

Data: the shared `ctx` (tests/conftest.py: Sam Testkind's case) with the TLV people of
tests/tlv/builders.py (case at level 4, procesbegeleider, trajectbegeleider, two experts, a
receiving SBO in the same samenwerkingsverband).
"""

import datetime

import pytest
from django.urls import reverse
from django_otp.oath import totp
from playwright.sync_api import Browser, Page, expect

from partners.models import User
from pupils.services import guardian_account_link
from tests import factories
from tests.portal.conftest import portal_client
from tests.tlv.builders import PDF, tlv_people

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DOSSIER = {
    "Signalen": "Leest en rekent ver onder niveau.",
    "Observaties": "Trekt zich terug in de groep.",
    "Analyse": "Ondersteuning in de school is uitgeput.",
    "Doelen": "Leesniveau E4 halen.",
    "Geplande aanpak": "Dagelijks begeleid lezen.",
    "Evaluaties": "Twee keer geëvalueerd in het knooppunt.",
    "Ondersteuningsbehoefte onderwijs": "Kleine groep, veel structuur.",
    "Niveau 1: in de groep": "Extra instructie.",
    "Niveau 2: extra zorg in de groep": "Verlengde instructie.",
    "Niveau 3: speciale zorg met IB'er": "Handelingsplan.",
    "Niveau 4: met externe deskundigen (knooppunt)": "Knooppunt met SMW.",
}


def sign_in(browser: Browser, base_url: str, user: User) -> Page:
    """A fresh browser context for `user`: e-mail and password, then the code."""
    page = browser.new_context().new_page()
    page.goto(base_url + reverse("partners:signin"))
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Volgende").click()
    expect(page.get_by_role("heading", name="Code invoeren")).to_be_visible()
    device = user.totpdevice_set.get(confirmed=True)
    page.get_by_label("Code uit je authenticator-app").fill(
        f"{totp(bytes.fromhex(device.key)):06d}"
    )
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_text(f"Welkom, {user.first_name}.")).to_be_visible()
    return page


def open_request(page: Page, base_url: str) -> None:
    page.goto(base_url + reverse("tlv:overview"))
    page.get_by_role("link", name="Sam Testkind").first.click()
    expect(page.get_by_role("heading", name="TLV-aanvraag Sam Testkind")).to_be_visible()


def expect_message(page: Page, text: str) -> None:
    expect(page.get_by_text(text)).to_be_visible()


def test_a_tlv_request_goes_from_the_school_to_the_decision_letter(
    browser: Browser, live_server, ctx, settings, tmp_path
) -> None:
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    base = live_server.url
    tlv = tlv_people(ctx)

    # --- The IB'er starts the request and prepares the dossier ----------------------------------
    ib = sign_in(browser, base, tlv.ib)
    ib.goto(base + reverse("tlv:start"))
    ib.get_by_role("button", name="TLV aanvragen voor Sam Testkind").click()
    expect(ib.get_by_role("heading", name="Dossier Duiden & Doen")).to_be_visible()
    for label, text in DOSSIER.items():
        ib.get_by_label(label).fill(text)
    ib.get_by_label("Ouders zijn betrokken en stemmen in met de aanvraag").check()
    ib.get_by_role("button", name="Opslaan").click()
    expect_message(ib, "Het dossier is opgeslagen.")
    expect(ib.get_by_role("heading", name="Wat er nog ontbreekt")).to_be_visible()
    ib.get_by_label("Soort").select_option(label="Verslag of onderzoek")
    ib.get_by_label("Omschrijving").fill("Onderzoeksverslag")
    ib.get_by_label("Bestand").set_input_files(
        {"name": "verslag.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    ib.get_by_role("button", name="Bijlage toevoegen").click()
    expect_message(ib, "De bijlage is toegevoegd.")
    ib.get_by_role("button", name="Aanbieden ter ondertekening").click()
    expect_message(ib, "Het dossier ligt nu bij de procesbegeleider.")

    # --- The procesbegeleider signs for the board --------------------------------------------
    board = sign_in(browser, base, tlv.procesbegeleider)
    open_request(board, base)
    board.get_by_label("Ik bevestig dat de niveaus 1 tot en met 4 zijn benut").check()
    board.get_by_role("button", name="Ondertekenen en indienen").click()
    expect_message(board, "Ondertekend en ingediend bij het samenwerkingsverband.")

    # --- The trajectbegeleider takes it in review and asks two experts --------------------------
    swv = sign_in(browser, base, tlv.trajectbegeleider)
    open_request(swv, base)
    swv.get_by_role("button", name="In behandeling nemen").click()
    expect_message(swv, "Je hebt de aanvraag in behandeling genomen.")
    for expert, expertise in (
        (tlv.deskundige, "Orthopedagoog"),
        (tlv.deskundige_2, "Kinderpsychiater"),
    ):
        swv.get_by_label("Deskundige", exact=True).select_option(
            value=str(expert.memberships.get().pk)
        )
        swv.get_by_label("Deskundigheid").select_option(label=expertise)
        swv.get_by_role("button", name="Deskundige vragen").click()
        expect_message(swv, "De deskundige is gevraagd.")

    # --- Each expert gives advice -------------------------------------------------------------
    for expert in (tlv.deskundige, tlv.deskundige_2):
        advice = sign_in(browser, base, expert)
        open_request(advice, base)
        advice.get_by_label("Je advies").select_option(label="Toelaatbaar")
        advice.get_by_label("Toelichting").fill("Het SBO past bij wat dit kind nodig heeft.")
        advice.get_by_role("button", name="Advies opslaan").click()
        expect_message(advice, "Je advies is opgeslagen.")
        advice.context.close()

    # --- The trajectbegeleider confirms the advice and decides --------------------------------
    swv.reload()
    swv.get_by_role("button", name="Advies bevestigen, termijn laten ingaan").click()
    expect_message(swv, "Het advies is bevestigd; de beslistermijn loopt.")
    expect(swv.get_by_text("Uiterste besluitdatum")).to_be_visible()
    swv.get_by_role("link", name="Besluit vastleggen").click()
    placement = datetime.date.today() + datetime.timedelta(days=42)
    swv.get_by_label("Besluit", exact=True).select_option(value="ja")
    swv.get_by_label("Soort").select_option(value="sbo")
    swv.get_by_label("Ontvangende school").select_option(label=tlv.receiving_school.name)
    swv.get_by_label("Plaatsingsdatum").fill(placement.isoformat())
    swv.get_by_label("Geldig vanaf").fill(placement.isoformat())
    until = placement.replace(year=placement.year + 2)
    swv.get_by_label("Geldig tot en met").fill(until.isoformat())
    swv.get_by_label("Regie OPP").select_option(value="school")
    swv.get_by_label("Motivering").fill("Het advies is eensgezind.")
    swv.get_by_role("button", name="Besluit vastleggen").click()
    expect_message(swv, "Het besluit is vastgelegd.")
    with swv.expect_download() as download:
        swv.get_by_role("link", name="Besluitbrief (pdf)").click()
    letter = download.value
    assert letter.suggested_filename.startswith("tlv-besluit-")
    with open(letter.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    # --- The IB'er finds the OPP, its first evaluation six months after placement -------------
    open_request(ib, base)
    ib.get_by_role("link", name="Naar het OPP (ontwikkelingsperspectiefplan)").click()
    expect(ib.get_by_text("Volgende evaluatie:")).to_be_visible()

    # --- The parent reads the decision in the portal ------------------------------------------
    mother = guardian_account_link(
        guardian=tlv.mother, email="moeder@test.example", linked_by=tlv.ib
    ).account
    portal = browser.new_context()
    portal.add_cookies(
        [
            {"name": name, "value": morsel.value, "url": base}
            for name, morsel in portal_client(mother).cookies.items()
        ]
    )
    parent = portal.new_page()
    parent.goto(base + reverse("portal:child", kwargs={"pupil_uuid": tlv.pupil.uuid}))
    parent.get_by_role("link", name="Bekijk hoe het ervoor staat").click()
    expect(parent.get_by_text("heeft de toelaatbaarheidsverklaring gegeven")).to_be_visible()
    expect(parent.get_by_text(tlv.receiving_school.name)).to_be_visible()
    expect(parent.get_by_text("Het SBO past bij")).to_have_count(0)
