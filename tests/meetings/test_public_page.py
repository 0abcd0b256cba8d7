"""The opt-in page for parents: 404 until the IB'er switches it on, then open to anyone, with
presence days, knooppunt dates and partner organisations, and never anything of a case."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.template.defaultfilters import date as date_filter
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst

from meetings import planning, services
from meetings.constants import MeetingType
from meetings.models import PublicPage
from meetings.public import public_page_update
from partners.constants import Function
from tests.conftest import CANARY, professional, signed_in_client

# The world is built once for the module, each test in its own savepoint; see tests/conftest.py.
pytestmark = pytest.mark.usefixtures("shared_case_world")


def _url(school) -> str:
    return reverse("meetings:public_page", kwargs={"school_uuid": school.uuid})


@pytest.fixture
def presence_day(world):
    return planning.presence_day_add(
        school=world.school,
        date=timezone.localdate() + datetime.timedelta(days=10),
        start_time=datetime.time(9, 0),
        end_time=datetime.time(12, 0),
        location="Ouderkamer",
        note="SMW en jeugdverpleegkundige aanwezig",
        added_by=world.ib,
    )


def test_page_is_404_until_enabled(world, presence_day):
    assert Client().get(_url(world.school)).status_code == 404
    public_page_update(school=world.school, changed_by=world.ib, enabled=False, intro="Welkom")
    assert Client().get(_url(world.school)).status_code == 404
    public_page_update(school=world.school, changed_by=world.ib, enabled=True, intro="Welkom")
    assert Client().get(_url(world.school)).status_code == 200
    assert Client().get(_url(world.other_school)).status_code == 404


def test_enabled_page_shows_presence_days_meetings_and_partners(ctx, meeting, presence_day):
    seat = ctx.school.knooppunt.partners.get()
    seat.contact_name, seat.phone, seat.contact_function = "Petra Privé", "06-12345678", "smw"
    seat.save()
    past = planning.presence_day_add(
        school=ctx.school,
        date=timezone.localdate() - datetime.timedelta(days=10),
        start_time=datetime.time(9, 0),
        end_time=datetime.time(12, 0),
        note="Al geweest",
        added_by=ctx.ib,
    )
    public_page_update(
        school=ctx.school, changed_by=ctx.ib, enabled=True, intro="Loop gerust binnen bij Juf Ank."
    )
    page = Client().get(_url(ctx.school)).content.decode()
    assert f"Knooppunt {ctx.school.name}" in page
    assert "U als ouder zit daarbij aan tafel" in page
    assert "Loop gerust binnen bij Juf Ank." in page
    assert presence_day.date.strftime("%-d") in page and "Ouderkamer" in page
    assert "SMW en jeugdverpleegkundige aanwezig" in page and past.note not in page
    assert "Knooppuntoverleg (casuïstiek)" in page
    assert "SMW Testregio (schoolmaatschappelijk werker)" in page
    # No personal contact details, nothing of the case or its agenda.
    pupil = f"{ctx.pupil.first_name} {ctx.pupil.last_name}"
    for secret in ("Petra Privé", "06-12345678", CANARY, pupil, ctx.pupil.last_name):
        assert secret not in page
    assert "Opening en mededelingen" not in page


def test_page_shows_the_algemeen_but_never_its_agenda_and_leaves_out_cancelled(ctx, meeting):
    algemeen = services.meeting_plan(
        school=ctx.school,
        type=MeetingType.ALGEMEEN,
        date=meeting.date,
        start_time=datetime.time(14, 0),
        end_time=datetime.time(16, 0),
        planned_by=ctx.ib,
    )
    public_page_update(school=ctx.school, changed_by=ctx.ib, enabled=True, intro="")
    page = Client().get(_url(ctx.school)).content.decode()
    assert "Knooppuntoverleg (casuïstiek)" in page
    assert "Knooppunt algemeen (evaluatie werkwijze)" in page and "14.00" in page
    # The algemeen's kijkwijzer agenda is never shown.
    assert algemeen.items.first().title not in page
    services.meeting_cancel(meeting=meeting, cancelled_by=ctx.ib)
    services.meeting_cancel(meeting=algemeen, cancelled_by=ctx.ib)
    page = Client().get(_url(ctx.school)).content.decode()
    assert "Er zijn op dit moment geen knooppunten gepland." in page


def _shown_date(day: datetime.date) -> str:
    with translation.override("nl"):
        return capfirst(date_filter(day, "l j F Y"))


def test_page_never_shows_meetings_held_for_one_child(ctx, meeting):
    swv = ctx.school.samenwerkingsverband.organisation
    trajectbegeleider = professional(swv, Function.TRAJECTBEGELEIDER, email="tb@swv.example")
    per_child = {}
    for offset, meeting_type in enumerate(
        (
            MeetingType.TOELEIDING,
            MeetingType.SAMEN_DOOR,
            MeetingType.VOORSCHOOLS,
            MeetingType.TUSSENDOOR,
        ),
        start=20,
    ):
        per_child[meeting_type] = services.meeting_plan(
            school=ctx.school,
            type=meeting_type,
            date=timezone.localdate() + datetime.timedelta(days=offset),
            start_time=datetime.time(13, 15),
            end_time=datetime.time(14, 45),
            chair=trajectbegeleider if meeting_type == MeetingType.TOELEIDING else None,
            planned_by=ctx.ib,
        )
    public_page_update(school=ctx.school, changed_by=ctx.ib, enabled=True, intro="")
    page = Client().get(_url(ctx.school)).content.decode()
    assert _shown_date(meeting.date) in page  # the casuïstiek, shown the same way
    for meeting_type, planned in per_child.items():
        assert _shown_date(planned.date) not in page, meeting_type
        assert planning.meeting_label(meeting_type) not in page
    assert "13.15" not in page and "toeleiding" not in page.lower()


def test_ib_switches_the_page_on_in_the_settings(world):
    url = reverse("meetings:public_page_edit", kwargs={"school_uuid": world.school.uuid})
    client = signed_in_client(world.ib)
    assert "De pagina is nu niet openbaar." in client.get(url).content.decode()
    response = client.post(url, {"enabled": "on", "intro": "Inloop op maandag."})
    assert response.status_code == 302
    page = PublicPage.objects.get(school=world.school)
    assert page.enabled and page.intro == "Inloop op maandag."
    assert page.history.first().history_user == world.ib
    assert _url(world.school) in client.get(url).content.decode()
    assert Client().get(_url(world.school)).status_code == 200


def test_only_the_school_ib_changes_the_page(world):
    url = reverse("meetings:public_page_edit", kwargs={"school_uuid": world.school.uuid})
    assert signed_in_client(world.directeur).post(url, {"enabled": "on"}).status_code == 403
    with pytest.raises(ValidationError):
        public_page_update(school=world.school, changed_by=world.directeur, enabled=True, intro="")
    assert not PublicPage.objects.exists()
