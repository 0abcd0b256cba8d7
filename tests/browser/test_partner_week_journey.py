"""Issue 12, proof: the partner's week, counted in clicks. The SMW worker sees on her home her
werkafspraak and the coming agenda item, accepts the invitation in the app, opens the case,
reports the werkafspraak done and logs progress. Every page on the way is checked at both
widths (tests/browser/journeys.py) and photographed under test-results/journeys/partner-week/.

Data: the shared `ctx` (tests/conftest.py: Sam Testkind's case, SMW involved with consent), the
planned meeting of tests/meetings/builders.py with its invitations sent, and a werkafspraak on
the SMW worker's name.
"""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from cases import services as case_services
from cases.constants import WerkafspraakStatus
from cases.models import ProgressNote, Werkafspraak
from meetings.constants import Response
from meetings.invitations import invitations_send
from meetings.models import Attendee
from tests.browser.journeys import Journey, sign_in_by_session
from tests.meetings.builders import planned_meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


MAX_CLICKS = 8
SAM = "Sam Testkind"


def message(page: Page, text: str) -> None:
    expect(page.get_by_role("status").filter(has_text=text)).to_be_visible()


def test_the_partners_week_takes_eight_clicks(page: Page, live_server, ctx, request) -> None:
    page.set_default_timeout(10_000)
    base = live_server.url
    today = timezone.localdate()
    smw_worker = ctx.partner
    meeting = planned_meeting(ctx)
    invitations_send(meeting=meeting, sent_by=ctx.ib)
    werkafspraak = case_services.werkafspraak_add(
        case=ctx.case,
        author=ctx.ib,
        what="Huisbezoek en slaapdagboek",
        due_date=today + datetime.timedelta(days=3),
        evaluation_date=today + datetime.timedelta(days=21),
        assignee_professional=smw_worker.memberships.get(),
    )
    journey = Journey(page, request.config.rootpath / "test-results/journeys/partner-week")
    sign_in_by_session(page, base, smw_worker)

    # --- Her home: the werkafspraak and the coming agenda item -----------------------------------
    page.goto(base + reverse("partners:home"))
    werkafspraken = page.get_by_role("region", name="Mijn werkafspraken")
    expect(werkafspraken.get_by_role("link", name=SAM)).to_be_visible()
    agenda = page.get_by_role("region", name="Mijn agendapunten")
    expect(agenda.get_by_text(re.compile(rf"uur · {SAM}$"))).to_be_visible()
    expect(agenda.get_by_text("Jouw antwoord: nog geen antwoord")).to_be_visible()
    journey.look("01-vandaag", open_menu=True)

    # --- She accepts the invitation in the app ---------------------------------------------------
    journey.click(agenda.get_by_role("button", name=re.compile("^Ik kom op")))
    message(page, "Dank je wel, je komt.")
    journey.look("02-uitnodiging-geaccepteerd")
    attendee = Attendee.objects.get(meeting=meeting, user=smw_worker)
    assert attendee.response == Response.ACCEPTED

    # --- She opens the case from her werkafspraak and reports it done ---------------------------
    journey.click(
        page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Vandaag")
    )
    expect(agenda.get_by_text("Jouw antwoord: geaccepteerd")).to_be_visible()
    journey.click(werkafspraken.get_by_role("link", name=SAM))
    expect(page.get_by_role("heading", name=SAM, level=1)).to_be_visible()
    journey.look("03-werkafspraken")
    journey.click(page.get_by_role("link", name=re.compile("^Werkafspraak wijzigen")))
    journey.look("04-werkafspraak-wijzigen")
    journey.choose(page.get_by_label("Status"), "Uitgevoerd")
    journey.fill(
        page.get_by_role("textbox", name=re.compile("^Resultaat")),
        "Twee huisbezoeken gedaan, het slaapdagboek loopt.",
    )
    journey.click(page.get_by_role("button", name="Opslaan"))
    journey.look("05-werkafspraak-uitgevoerd")

    # --- She logs progress ------------------------------------------------------------------------
    tabs = page.get_by_role("navigation", name="Onderdelen van de casus")
    journey.click(tabs.get_by_role("link", name="Voortgang", exact=True))
    journey.look("06-voortgang")
    journey.click(page.get_by_role("link", name="Voortgang vastleggen"))
    journey.look("07-voortgang-vastleggen")
    journey.fill(
        page.get_by_label("Voortgang", exact=True), "Sam slaapt beter; volgende stap: evaluatie."
    )
    journey.click(page.get_by_role("button", name="Vastleggen"))
    message(page, "De voortgang is vastgelegd.")
    journey.look("08-voortgang-vastgelegd")

    werkafspraak.refresh_from_db()
    assert werkafspraak.status == WerkafspraakStatus.DONE
    assert ProgressNote.objects.filter(case=ctx.case, author=smw_worker).count() == 2
    assert Werkafspraak.objects.filter(case=ctx.case).count() == 1
    assert journey.clicks <= MAX_CLICKS, journey.clicks
    print(f"Partner's week: {journey.clicks} clicks, {journey.fields} fields")
