"""Issue 4: the IB'er plans a casuïstiek meeting, puts two cases on the agenda, reorders them
with the keyboard, picks who attends each item and sends the invitations; a partner opens the
link from the e-mail without signing in and accepts, and the meeting page shows it.

Data: the shared `ctx` (tests/conftest.py: Sam Testkind's case, SMW involved with consent, the
youth doctor involved without; the mother has no e-mail address) plus a second open case at the
school with guardians who do have one, and a second structural partner of the knooppunt.
"""

import datetime
import re
from types import SimpleNamespace

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from playwright.sync_api import Browser, ConsoleMessage, Locator, Page, expect

from cases import services as case_services
from consent.constants import Decision, Method, Purpose
from consent.services import consent_record
from meetings.constants import Response
from meetings.models import Attendee, Meeting
from partners.constants import Function, OrganisationKind, Participation
from partners.models import KnooppuntSetup, User
from pupils import services as pupil_services
from tests import factories
from tests.conftest import CANARY, professional

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STATUS_TABLE = "Stand van de uitnodigingen"
# The two pupils' names, first and last, as whole words ("Sam" but not "Samen door").
PUPIL_NAMES = re.compile(r"\b(Sam|Testkind|Lina|Voorbeeld)\b")


@pytest.fixture
def journey(ctx) -> SimpleNamespace:
    """A second case (Lina Voorbeeld, both parents with an e-mail address, SMW involved with
    consent) and a second structural partner, Team Jeugd, whose consultant is not involved."""
    ib = ctx.ib
    pupil = pupil_services.pupil_register(
        school=ctx.school,
        first_name="Lina",
        last_name="Voorbeeld",
        birth_date=datetime.date(2016, 9, 1),
        registered_by=ib,
    )
    parents = [
        pupil_services.guardian_add(
            pupil=pupil,
            name=name,
            relation=relation,
            has_gezag=True,
            added_by=ib,
            email=email,
        )
        for name, relation, email in (
            ("Petra Voorbeeld", "moeder", "petra@ouders.example"),
            ("Kees Voorbeeld", "vader", "kees@ouders.example"),
        )
    ]
    case = case_services.case_open(
        pupil=pupil,
        opened_by=ib,
        level=2,
        leervraag=True,
        complexity="enkelvoudig",
        question=f"Lina leest moeizaam {CANARY}",
        parents_informed=True,
    )
    for purpose, recipient in ((Purpose.DISCUSS, None), (Purpose.SHARE, ctx.smw)):
        consent_record(
            pupil=pupil,
            purpose=purpose,
            recipient=recipient,
            guardian=parents[0],
            decision=Decision.GIVEN,
            method=Method.PAPER,
            recorded_by=ib,
        )
    case_services.involvement_add(
        case=case,
        organisation=ctx.smw,
        professional=ctx.partner.memberships.get(),
        role="smw",
        added_by=ib,
    )
    team_jeugd = factories.OrganisationFactory(
        name="Team Jeugd Testwijk", kind=OrganisationKind.TOEGANG
    )
    factories.KnooppuntPartnerFactory(
        setup=KnooppuntSetup.objects.get(school=ctx.school),
        organisation=team_jeugd,
        participation=Participation.STRUCTURAL,
    )
    consulent = professional(team_jeugd, Function.CONSULENT, email="consulent@teamjeugd.example")
    return SimpleNamespace(case=case, pupil=pupil, parents=parents, consulent=consulent)


def sign_in(page: Page, base_url: str, user: User) -> None:
    """E-mail and password, then the code the authenticator app shows right now."""
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


def collect_csp_errors(page: Page, errors: list[str]) -> None:
    def collect(message: ConsoleMessage) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            errors.append(message.text)

    page.on("console", collect)


def agenda_item(page: Page, pupil_name: str) -> Locator:
    return page.locator("#agenda li").filter(has_text=pupil_name)


def field(page: Page, label: str) -> Locator:
    """A group of checkboxes (a fieldset) found by its legend."""
    return page.get_by_role("group", name=label)


def choose_attendees(page: Page, pupil_name: str, groups: dict[str, list[str]]) -> None:
    """Open the item's attendee page and tick the given people (by name) per group."""
    agenda_item(page, pupil_name).get_by_role("link", name=re.compile("^Genodigden kiezen")).click()
    expect(page.get_by_role("heading", name="Genodigden voor dit agendapunt")).to_be_visible()
    for group, people in groups.items():
        for person in people:
            field(page, group).get_by_label(person).check()
    page.get_by_role("button", name="Opslaan").click()
    expect_message(page, "De genodigden voor dit punt zijn opgeslagen.")


def expect_message(page: Page, text: str) -> None:
    """A message in a status region (the page may have more than one: messages and warnings)."""
    expect(page.get_by_role("status").filter(has_text=text)).to_be_visible()


def message_text(message) -> str:
    """Subject, body and the decoded attachments (the .ics) of an e-mail."""
    parts = [message.subject, message.body]
    for attachment in message.attachments:
        content = attachment.get_content() if hasattr(attachment, "get_content") else attachment[1]
        parts.append(content if isinstance(content, str) else content.decode())
    return "\n".join(parts)


def status_of(page: Page, name: str) -> Locator:
    row = (
        page.get_by_role("table", name=STATUS_TABLE)
        .get_by_role("row")
        .filter(has=page.get_by_role("rowheader", name=name, exact=True))
    )
    return row.get_by_role("cell").last


def test_ib_plans_a_meeting_and_a_partner_accepts_the_invitation(
    page: Page, browser: Browser, live_server, ctx, journey, settings
) -> None:
    page.set_default_timeout(10_000)
    settings.SITE_URL = live_server.url  # the links in the e-mails point at this server
    base = live_server.url
    csp_errors: list[str] = []
    collect_csp_errors(page, csp_errors)
    sam, lina = "Sam Testkind", "Lina Voorbeeld"
    smw_worker, arts, consulent = ctx.partner, ctx.jeugdarts, journey.consulent
    meeting_day = timezone.localdate() + datetime.timedelta(days=14)

    # --- Plan a casuïstiek meeting -----------------------------------------------------------
    sign_in(page, base, ctx.ib)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Overleggen", exact=True
    ).click()
    page.get_by_role("link", name="Overleg plannen").click()
    expect(page.get_by_role("heading", name="Overleg plannen", level=1)).to_be_visible()
    page.get_by_label("School", exact=True).select_option(label=ctx.school.name)
    page.get_by_label("Soort overleg").select_option(label="Casuïstiek")
    page.get_by_label("Datum").fill(meeting_day.isoformat())
    page.get_by_label("Begintijd").fill("09:00")
    page.get_by_label("Eindtijd").fill("11:00")
    page.get_by_label("Locatie").fill("Teamkamer")
    page.get_by_role("button", name="Plannen").click()

    expect_message(page, "Het overleg is gepland.")
    meeting = Meeting.objects.get(school=ctx.school, date=meeting_day)
    meeting_url = base + reverse("meetings:meeting_detail", args=[meeting.uuid])
    expect(page).to_have_url(meeting_url)
    assert meeting.type == "casuistiek"
    assert (meeting.start_time, meeting.end_time) == (datetime.time(9), datetime.time(11))

    # --- Two cases on the agenda ---------------------------------------------------------------
    for name, status, start, end, shown in (
        (sam, "Besproken met ouders", "09:00", "09:30", "9.00–9.30 uur"),
        (lina, "Besproken met ouders", "09:30", "10:00", "9.30–10.00 uur"),
    ):
        page.get_by_label("Casus zoeken").fill(name.split()[0])
        page.get_by_label(f"{name} ({status.lower()})").check()
        page.get_by_label(re.compile(r"^Van\b")).fill(start)
        page.get_by_label(re.compile(r"^Tot\b")).fill(end)
        page.get_by_role("button", name="Toevoegen", exact=True).click()
        expect_message(page, "Het agendapunt is toegevoegd.")
        expect(agenda_item(page, name)).to_contain_text(shown)
    headings = page.locator("#agenda li h3")
    expect(headings).to_have_count(2)
    expect(headings.nth(0)).to_contain_text(sam)
    expect(headings.nth(1)).to_contain_text(lina)
    # Both cases are on the agenda: the search finds neither any more.
    page.get_by_label("Casus zoeken").fill(sam.split()[0])
    expect(page.get_by_text("Geen casus gevonden")).to_be_visible()

    # The pupils' names are on the agenda for the IB'er, never in the title or the header.
    for title_text in (page.title(), page.get_by_role("heading", level=1).inner_text()):
        assert not PUPIL_NAMES.search(title_text), title_text

    # --- Reorder with the keyboard; htmx swaps the agenda in place ------------------------------
    page.evaluate("window.journeyMarker = 'same page'")
    agenda_item(page, sam).get_by_role("button", name=re.compile("^Omlaag")).focus()
    page.keyboard.press("Enter")
    expect(headings.nth(0)).to_contain_text(lina)
    expect(headings.nth(1)).to_contain_text(sam)
    assert page.evaluate("window.journeyMarker") == "same page"  # no full page load
    page.reload()
    expect(headings.nth(0)).to_contain_text(lina)  # the order was saved
    agenda_item(page, sam).get_by_role("button", name=re.compile("^Omhoog")).focus()
    page.keyboard.press("Enter")
    expect(headings.nth(0)).to_contain_text(sam)
    expect(headings.nth(1)).to_contain_text(lina)

    # --- Without parents the invitations cannot go out ------------------------------------------
    send = page.get_by_role("button", name="Uitnodigingen versturen")
    warning = page.get_by_text("Een knooppunt zonder ouders is ongeldig")
    expect(warning).to_be_visible()
    expect(send).to_be_disabled()

    # --- Attendees per item ---------------------------------------------------------------------
    choose_attendees(
        page,
        sam,
        {
            "Betrokken bij de casus": [smw_worker.get_full_name(), arts.get_full_name()],
            "Ouders / verzorgers": [ctx.mother.name],  # no e-mail address on file
        },
    )
    expect(agenda_item(page, sam)).to_contain_text(ctx.mother.name)
    expect(warning).to_be_visible()  # Lina's parents are not invited yet
    expect(send).to_be_disabled()

    agenda_item(page, lina).get_by_role("link", name=re.compile("^Genodigden kiezen")).click()
    for group in (
        "Betrokken bij de casus",
        "Partners van het knooppunt",
        "School",
        "Ouders / verzorgers",
    ):
        expect(field(page, group)).to_have_count(1)
    page.go_back()
    choose_attendees(
        page,
        lina,
        {
            "Betrokken bij de casus": [smw_worker.get_full_name()],
            "Partners van het knooppunt": [consulent.get_full_name()],
            "School": [ctx.directeur.get_full_name()],
            "Ouders / verzorgers": [parent.name for parent in journey.parents],
        },
    )
    expect(warning).to_have_count(0)
    expect(send).to_be_enabled()
    expect(status_of(page, consulent.get_full_name())).to_have_text("nog niet uitgenodigd")

    # --- Send ---------------------------------------------------------------------------------
    already = len(mail.outbox)
    send.click()
    expect_message(page, "Er zijn 6 uitnodigingen klaargezet.")
    sent = mail.outbox[already:]
    with_address = {
        smw_worker.email,
        arts.email,
        consulent.email,
        ctx.directeur.email,
        *(parent.email for parent in journey.parents),
    }
    recipients = [address for message in sent for address in message.to]
    assert sorted(recipients) == sorted(with_address)  # each exactly once; the mother has none
    for message in sent:
        text = message_text(message)
        assert not PUPIL_NAMES.search(text), message.to
        assert CANARY not in text
    expect(status_of(page, ctx.mother.name)).to_have_text("geen e-mailadres")
    expect(status_of(page, smw_worker.get_full_name())).to_have_text("Verzonden")

    # SMW is on both items, so one invitation covers 09:00 to 10:00.
    (smw_mail,) = [message for message in sent if message.to == [smw_worker.email]]
    assert "9.00–10.00 uur" in smw_mail.body
    assert "BEGIN:VCALENDAR" in message_text(smw_mail)  # the .ics was checked above too
    link = re.search(r"https?://\S+/uitnodiging/[^/\s]+/", smw_mail.body)
    assert link is not None, smw_mail.body
    assert link.group(0).startswith(base + "/uitnodiging/")

    # --- The partner opens the link, not signed in, and accepts --------------------------------
    partner_context = browser.new_context()
    try:
        partner_page = partner_context.new_page()
        collect_csp_errors(partner_page, csp_errors)
        partner_page.goto(link.group(0))
        expect(
            partner_page.get_by_role("heading", name="Uitnodiging knooppuntoverleg")
        ).to_be_visible()
        expect(partner_page.get_by_text("9.00–10.00 uur")).to_be_visible()
        partner_page.get_by_role("button", name="Accepteren").click()
        expect_message(partner_page, "Dank je wel, je komt.")
        expect(partner_page.get_by_text("Geaccepteerd")).to_be_visible()
        public_text = partner_page.content()
        assert not PUPIL_NAMES.search(public_text)
        assert CANARY not in public_text
    finally:
        partner_context.close()
    attendee = Attendee.objects.get(meeting=meeting, user=smw_worker)
    assert attendee.response == Response.ACCEPTED and attendee.responded_at is not None

    # --- Back on the meeting page --------------------------------------------------------------
    page.reload()
    expect(status_of(page, smw_worker.get_full_name())).to_have_text("Geaccepteerd")
    expect(status_of(page, arts.get_full_name())).to_have_text("Verzonden")
    assert len(mail.outbox) == already + len(with_address)  # accepting sends nothing more

    # The meeting list names the meeting by date, type and school only.
    page.get_by_role("link", name="Alle overleggen").click()
    expect(
        page.get_by_role("link", name=re.compile(rf"\b{meeting_day.day} \w+ {meeting_day.year}$"))
    ).to_be_visible()
    assert not PUPIL_NAMES.search(page.get_by_role("main").inner_text())

    assert csp_errors == [], csp_errors
