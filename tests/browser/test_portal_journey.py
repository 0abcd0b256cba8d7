"""Issue 10: a parent in the portal on a phone (390 by 844), from the e-mailed sign-in link to her
signature under the gezinsplan, with axe-core on every portal page on the way.

The mother (gezag) asks for a sign-in link, opens it from the e-mail in the same browser,
reads the gezinsplan, withdraws one consent with one confirmation and signs the plan after the
e-mailed code. The regisseur (SMW) then sees her signature and that the father still has to
sign. Every portal page must have no WCAG 2.2 A/AA violations (docs/domain.md, "The parents'
portal").

Uses the shared `world` and `case_world` (tests/conftest.py).
"""

import datetime
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core import mail
from django.urls import reverse
from playwright.sync_api import ConsoleMessage, Page, expect

from cases import services as case_services
from consent.constants import Decision, Method, Purpose
from consent.services import consent_record
from gezinsplan import services as plan_services
from gezinsplan.constants import Letter, ResultArea
from pupils.services import guardian_account_link
from tests.conftest import signed_in_client

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MOTHER = "ouder@test.example"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 390, "height": 844}}


def accessible(page: Page, checked: list[str]) -> None:
    """axe-core finds no WCAG 2.2 A/AA violation on the page as it is now."""
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}})
    found = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
        for v in results.response["violations"]
    ]
    assert found == [], f"{page.url}: {found}"
    checked.append(page.url)


def open_menu(page: Page) -> None:
    """On a phone the portal's menu folds away behind "Menu" (docs/domain.md, "Huisstijl")."""
    button = page.get_by_role("button", name="Menu")
    if button.is_visible() and button.get_attribute("aria-expanded") == "false":
        button.click()


def last_mail_to(address: str):
    return next(m for m in reversed(mail.outbox) if address in m.to)


def build_plan(world, case_world):
    """The family's situation: a gezinsplan drafted by the SMW regisseur, the mother linked to
    the portal and the jeugdarts consent given on paper earlier."""
    regisseur = world.partner.memberships.get()
    case_services.regie_assign(
        case=case_world.case, kind="casusregie", professional=regisseur, assigned_by=world.ib
    )
    today = datetime.date.today()
    plan = plan_services.plan_draft(
        case=case_world.case,
        regisseur=regisseur,
        drafted_by=world.partner,
        start_date=today,
        huisarts="Huisartsenpraktijk Test",
        huisarts_consent=True,
        jeugdarts="Dr. Test",
        jeugdarts_consent=True,
        evaluation_dates=[(today + datetime.timedelta(days=90)).isoformat()],
    )
    mother = plan_services.member_add(
        plan=plan, added_by=world.partner, name="Moeder Testkind", relation="moeder", has_gezag=True
    )
    child = plan_services.member_add(plan=plan, added_by=world.partner, name="Sam", relation="kind")
    plan_services.goal_add(
        plan=plan,
        added_by=world.partner,
        members=[mother, child],
        area=ResultArea.DAILY_ACTIVITIES,
        letter=Letter.A,
        subgoal="Een vast ritme in de ochtend",
        smart_goal="Sam is vier weken lang elke dag om 8.20 uur op school.",
        by_whom="Moeder en SMW",
        start=today,
        done_by=today + datetime.timedelta(days=28),
    )
    consent_record(
        pupil=case_world.pupil,
        purpose=Purpose.JEUGDARTS,
        recipient=None,
        guardian=case_world.mother,
        decision=Decision.GIVEN,
        method=Method.PAPER,
        recorded_by=world.ib,
    )
    guardian_account_link(guardian=case_world.mother, email=MOTHER, linked_by=world.ib)


def test_the_mother_signs_the_plan_on_her_phone_and_the_regisseur_sees_it(
    page: Page, live_server, world, case_world
) -> None:
    base = live_server.url
    build_plan(world, case_world)
    checked: list[str] = []
    csp_errors: list[str] = []

    def collect(message: ConsoleMessage) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            csp_errors.append(message.text)

    page.on("console", collect)

    # --- She asks for a sign-in link --------------------------------------------------------
    page.goto(base + reverse("portal:signin"))
    expect(page.get_by_role("heading", name="Inloggen voor ouders en verzorgers")).to_be_visible()
    accessible(page, checked)
    page.get_by_label("Uw e-mailadres").fill(MOTHER)
    page.get_by_role("button", name="Stuur mij een link").click()
    expect(page.get_by_role("heading", name="Kijk in uw e-mail")).to_be_visible()
    accessible(page, checked)

    # --- She opens the e-mailed link in the same browser -------------------------------------
    email = last_mail_to(MOTHER)
    assert "Testkind" not in email.subject + email.body and "Sam" not in email.body
    path = re.search(r"https?://[^/\s]+(/ouders/inloggen/link/[^/\s]+/)", email.body).group(1)
    page.goto(base + path)
    accessible(page, checked)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Hulp voor Sam")).to_be_visible()
    accessible(page, checked)

    # --- She reads the gezinsplan ------------------------------------------------------------
    nav = page.get_by_role("navigation", name="Over uw kind")
    open_menu(page)
    nav.get_by_role("link", name="Gezinsplan").click()
    expect(page.get_by_role("heading", name="Gezinsplan", exact=True)).to_be_visible()
    expect(
        page.get_by_text("Sam is vier weken lang elke dag om 8.20 uur op school.")
    ).to_be_visible()
    expect(
        page.get_by_text("Nog te ondertekenen door: Moeder Testkind, Vader Testkind.")
    ).to_be_visible()
    accessible(page, checked)

    # --- She withdraws the jeugdarts consent, with one confirmation ---------------------------
    open_menu(page)
    nav.get_by_role("link", name="Toestemming").click()
    expect(page.get_by_role("heading", name="Toestemming", exact=True)).to_be_visible()
    accessible(page, checked)
    jeugdarts = page.get_by_role("region", name="Wat mag de jeugdarts zien, en waarom")
    expect(jeugdarts.get_by_text("er is toestemming", exact=True)).to_be_visible()
    jeugdarts.get_by_role("link", name="Toestemming intrekken").click()
    expect(page.get_by_role("heading", name="Toestemming intrekken")).to_be_visible()
    accessible(page, checked)
    page.get_by_role("button", name="Ja, ik trek mijn toestemming in").click()
    expect(
        page.get_by_text("U heeft uw toestemming ingetrokken. Dat geldt vanaf nu.")
    ).to_be_visible()
    jeugdarts = page.get_by_role("region", name="Wat mag de jeugdarts zien, en waarom")
    expect(jeugdarts.get_by_text("er is geen toestemming", exact=True)).to_be_visible()
    accessible(page, checked)

    # --- She signs the plan after the e-mailed code -------------------------------------------
    open_menu(page)
    nav.get_by_role("link", name="Gezinsplan").click()
    page.get_by_role("button", name="Stuur mij een code om te ondertekenen").click()
    expect(page.get_by_role("heading", name="Gezinsplan ondertekenen")).to_be_visible()
    accessible(page, checked)
    code = re.search(r"\b(\d{6})\b", last_mail_to(MOTHER).body).group(1)
    page.get_by_label("Code uit de e-mail").fill(code)
    page.get_by_label("Ik heb het gezinsplan gelezen en ik onderteken het.").check()
    page.get_by_role("button", name="Onderteken").click()
    expect(page.get_by_text("U heeft het gezinsplan ondertekend. Dank u wel.")).to_be_visible()
    expect(page.get_by_text("Nog te ondertekenen door: Vader Testkind.")).to_be_visible()
    expect(page.get_by_text(re.compile(r"Ondertekend door Moeder Testkind op"))).to_be_visible()
    accessible(page, checked)

    # --- The other portal pages she can reach --------------------------------------------------
    for tab in ("Overleggen", "Wie keek mee"):
        open_menu(page)
        nav.get_by_role("link", name=tab).click()
        open_menu(page)
        expect(nav.get_by_role("link", name=tab)).to_have_attribute("aria-current", "page")
        accessible(page, checked)
    assert csp_errors == []

    # --- The regisseur sees her signature and the father still to sign -----------------------
    regisseur = page.context.browser.new_context(viewport={"width": 1366, "height": 900})
    session = signed_in_client(world.partner).cookies[settings.SESSION_COOKIE_NAME].value
    regisseur.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base}])
    desk = regisseur.new_page()
    desk.goto(base + reverse("gezinsplan:plan_detail", args=[case_world.case.uuid]))
    expect(desk.get_by_text(re.compile(r"Ondertekend door Moeder Testkind op"))).to_be_visible()
    expect(desk.get_by_text("Nog te ondertekenen door: Vader Testkind.")).to_be_visible()
    regisseur.close()
    assert len(checked) == 12
