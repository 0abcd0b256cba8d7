"""Issue 12, proof: the IB'er's cycle in at most 15 clicks — open a case with consent to discuss
it, involve a partner, put the case on the next knooppunt with its attendees, send the
invitations and record the outcome on the item's one page. Every page on the way is checked at
both widths (tests/browser/journeys.py) and photographed under test-results/journeys/ib-cycle/.

Data: the shared `world` (tests/conftest.py: the school, its IB'er and the SMW partner of its
knooppunt) and a planned casuïstiek meeting without items: the next knooppunt.
"""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from cases.constants import Status
from cases.models import Case, Werkafspraak
from meetings import services as meeting_services
from meetings.constants import MeetingType
from meetings.models import Meeting
from tests.browser.journeys import Journey, sign_in_by_session

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


MAX_CLICKS = 15


def message(page: Page, text: str) -> None:
    expect(page.get_by_role("status").filter(has_text=text)).to_be_visible()


def test_the_ib_cycle_takes_at_most_15_clicks(page: Page, live_server, world, request) -> None:
    page.set_default_timeout(10_000)
    base = live_server.url
    smw_worker, smw = world.partner, world.smw
    meeting = meeting_services.meeting_plan(
        school=world.school,
        type=MeetingType.CASUISTIEK,
        date=timezone.localdate() + datetime.timedelta(days=7),
        start_time=datetime.time(9, 0),
        end_time=datetime.time(11, 0),
        location="Teamkamer",
        planned_by=world.ib,
    )
    today = timezone.localdate()
    journey = Journey(page, request.config.rootpath / "test-results/journeys/ib-cycle")
    sign_in_by_session(page, base, world.ib)

    # --- Vandaag: the next knooppunt is still empty ---------------------------------------------
    page.goto(base + reverse("partners:home"))
    expect(page.get_by_role("heading", name="Vandaag", level=1)).to_be_visible()
    expect(page.get_by_text("Er staat nog geen casus op de agenda.")).to_be_visible()
    journey.look("01-vandaag", open_menu=True)

    # --- Open a case, with consent to discuss it in the knooppunt ------------------------------
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    journey.click(menu.get_by_role("link", name="Casussen", exact=True))
    journey.look("02-casussen")
    journey.click(page.get_by_role("link", name="Nieuwe casus"))
    expect(page.get_by_role("heading", name="Nieuwe casus", level=1)).to_be_visible()
    journey.look("03-nieuwe-casus")
    pupil = page.get_by_role("group", name="Leerling", exact=True)
    journey.fill(pupil.get_by_label("Voornaam"), "Noor")
    journey.fill(pupil.get_by_label("Achternaam"), "Reisiger")
    journey.fill(
        pupil.get_by_label("Geboortedatum"), today.replace(year=today.year - 9, day=1).isoformat()
    )
    guardian = page.get_by_role("group", name="Ouder / verzorger 1")
    journey.fill(guardian.get_by_label("Naam", exact=True), "Ilse Reisiger")
    journey.fill(guardian.get_by_label("Relatie"), "moeder")
    journey.check(guardian.get_by_label("Heeft gezag"))
    journey.fill(guardian.get_by_label("E-mailadres"), "ilse@ouders.example")
    question = page.get_by_role("group", name="Hulpvraag")
    journey.fill(
        question.get_by_label("Hulpvraag in de woorden van het gezin"),
        "Noor slaapt slecht sinds de verhuizing.",
    )
    journey.check(question.get_by_label("Leefvraag"))
    journey.choose(question.get_by_label("Complexiteit"), "Meervoudig")
    journey.choose(question.get_by_label("Ondersteuningsniveau"), "3")
    journey.check(question.get_by_label("Ouders zijn geïnformeerd"))
    consent = page.get_by_role("group", name=re.compile("^Toestemming"))
    journey.check(consent.get_by_label(re.compile("^Ouder 1 geeft toestemming")))
    journey.choose(consent.get_by_label("Hoe is de toestemming gegeven"), "Op papier")
    journey.click(page.get_by_role("button", name="Casus openen"))
    message(page, "De casus is geopend.")
    expect(page.get_by_role("heading", name="Noor Reisiger", level=1)).to_be_visible()
    case = Case.objects.get(pupil__first_name="Noor", pupil__last_name="Reisiger")
    journey.look("04-casus")

    # --- Involve the SMW partner -----------------------------------------------------------------
    tabs = page.get_by_role("navigation", name="Onderdelen van de casus")
    journey.click(tabs.get_by_role("link", name="Betrokkenen & regie", exact=True))
    journey.look("05-betrokkenen")
    journey.click(page.get_by_role("link", name="Betrokkene toevoegen"))
    journey.look("06-betrokkene-toevoegen")
    journey.choose(
        page.get_by_label("Organisatie", exact=True), f"{smw.name} ({smw.get_kind_display()})"
    )
    journey.choose(page.get_by_label("Professional"), f"{smw_worker.get_full_name()} – {smw.name}")
    journey.choose(page.get_by_label("Rol"), "Schoolmaatschappelijk werk")
    journey.click(page.get_by_role("button", name="Toevoegen"))
    message(page, f"{smw.name} is betrokken bij de casus.")

    # --- The next knooppunt: the case on its agenda, with its attendees ----------------------
    journey.click(menu.get_by_role("link", name="Vandaag"))
    journey.click(
        page.get_by_role("region", name="Volgend knooppunt").get_by_role(
            "link", name=re.compile("^Casuïstiek op")
        )
    )
    expect(page).to_have_url(base + reverse("meetings:meeting_detail", args=[meeting.uuid]))
    journey.look("07-overleg")
    journey.fill(page.get_by_label("Casus zoeken"), "Noor")
    expect(page.get_by_label("Noor Reisiger (besproken met ouders)")).to_be_checked()
    journey.look("08-casus-gezocht")
    journey.click(page.get_by_role("button", name="Toevoegen", exact=True))
    message(page, "Het agendapunt is toegevoegd.")
    item = page.locator("#agenda li").filter(has_text="Noor Reisiger")
    journey.click(item.get_by_role("link", name=re.compile("^Genodigden kiezen")))
    expect(page.get_by_role("heading", name="Genodigden voor dit agendapunt")).to_be_visible()
    parents = page.get_by_role("group", name="Ouders / verzorgers")
    expect(parents.get_by_label(re.compile("^Ilse Reisiger"))).to_be_checked()  # by default
    journey.look("09-genodigden")
    involved = page.get_by_role("group", name="Betrokken bij de casus")
    journey.check(involved.get_by_label(re.compile(f"^{smw_worker.get_full_name()}")))
    journey.click(page.get_by_role("button", name="Opslaan"))
    message(page, "De genodigden voor dit punt zijn opgeslagen.")
    journey.look("10-agenda-klaar")

    # --- Send the invitations ---------------------------------------------------------------------
    already = len(mail.outbox)
    journey.click(page.get_by_role("button", name="Uitnodigingen versturen"))
    message(page, "Er zijn 2 uitnodigingen klaargezet.")
    recipients = sorted(address for sent in mail.outbox[already:] for address in sent.to)
    assert recipients == sorted(["ilse@ouders.example", smw_worker.email])
    journey.look("11-uitnodigingen-verstuurd")

    # --- After the meeting: the outcome on the item's one page ----------------------------------
    Meeting.objects.filter(pk=meeting.pk).update(date=today)  # the day has come; it was held
    page.reload()
    item = page.locator("#agenda li").filter(has_text="Noor Reisiger")
    journey.click(item.get_by_role("link", name=re.compile("^Uitkomst vastleggen")))
    expect(page.get_by_role("heading", name="Uitkomst vastleggen", level=1)).to_be_visible()
    journey.look("12-uitkomst")
    journey.fill(
        page.get_by_role("textbox", name=re.compile(r"^Besluiten\b")),
        "SMW start een slaaptraject met het gezin.",
    )
    journey.fill(
        page.get_by_role("textbox", name=re.compile(r"^Verslag \(")), "Besproken met moeder en SMW."
    )
    row = page.get_by_role("group", name="Werkafspraak 1")
    journey.fill(row.get_by_label("Wat", exact=True), "Huisbezoek en slaapdagboek")
    journey.choose(row.get_by_label("Wie"), f"{smw_worker.get_full_name()} ({smw.name})")
    journey.fill(
        row.get_by_label("Uiterlijk op"), (today + datetime.timedelta(days=21)).isoformat()
    )
    journey.fill(
        row.get_by_label("Evalueren op"), (today + datetime.timedelta(days=42)).isoformat()
    )
    journey.click(page.get_by_role("button", name="Opslaan"))
    message(page, "De uitkomst van het agendapunt is opgeslagen.")
    journey.look("13-verslag")

    werkafspraak = Werkafspraak.objects.get(case=case)
    assert werkafspraak.assignee_professional == smw_worker.memberships.get()
    case.refresh_from_db()
    assert case.status == Status.UITVOERING
    assert journey.clicks <= MAX_CLICKS, journey.clicks
    print(f"IB'er's cycle: {journey.clicks} clicks, {journey.fields} fields")
