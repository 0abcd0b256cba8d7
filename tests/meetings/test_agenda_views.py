"""The agenda builder: cases the IB'er may manage, order, time slots and attendees per item."""

import datetime

import pytest
from django.urls import reverse

from cases import services as case_services
from meetings import services
from meetings.constants import MeetingType
from meetings.models import AgendaItem, Attendee
from partners.constants import Function, OrganisationKind, Participation
from pupils import services as pupil_services
from tests import factories
from tests.conftest import professional, signed_in_client

# The world is built once for the module, each test in its own savepoint; see tests/conftest.py.
pytestmark = pytest.mark.usefixtures("shared_case_world")


def _empty_meeting(ctx):
    return services.meeting_plan(
        school=ctx.school,
        type=MeetingType.CASUISTIEK,
        date=datetime.date(2026, 12, 7),
        start_time=datetime.time(9, 0),
        end_time=datetime.time(11, 0),
        planned_by=ctx.ib,
    )


def _other_school_case(ctx):
    pupil = pupil_services.pupil_register(
        school=ctx.other_school,
        first_name="Elders",
        last_name="Kind",
        birth_date=datetime.date(2016, 5, 5),
        registered_by=ctx.ib_other_school,
    )
    return case_services.case_open(
        pupil=pupil,
        opened_by=ctx.ib_other_school,
        level=3,
        leervraag=True,
        complexity="enkelvoudig",
        question="Vraag",
        parents_informed=True,
    )


def test_ib_adds_a_case_in_the_next_twenty_minutes(ctx):
    meeting = _empty_meeting(ctx)
    client = signed_in_client(ctx.ib)
    response = client.post(
        reverse("meetings:item_add", args=[meeting.uuid]), {"case": ctx.case.uuid}
    )
    assert response.status_code == 302
    item = meeting.items.get()
    assert (item.case, item.start_time, item.end_time) == (
        ctx.case,
        datetime.time(9, 0),
        datetime.time(9, 20),
    )
    second = client.post(
        reverse("meetings:item_add", args=[meeting.uuid]), {"title": "Mededelingen"}
    )
    assert second.status_code == 302
    assert meeting.items.get(title="Mededelingen").start_time == datetime.time(9, 20)


def test_a_case_of_another_school_cannot_be_added(ctx):
    meeting = _empty_meeting(ctx)
    elsewhere = _other_school_case(ctx)
    response = signed_in_client(ctx.ib).post(
        reverse("meetings:item_add", args=[meeting.uuid]), {"case": elsewhere.uuid}
    )
    assert response.status_code == 200
    assert not meeting.items.exists()


def test_an_item_needs_a_case_or_a_subject(ctx):
    meeting = _empty_meeting(ctx)
    response = signed_in_client(ctx.ib).post(
        reverse("meetings:item_add", args=[meeting.uuid]), {"title": "  "}
    )
    assert "Kies een casus of geef het agendapunt een onderwerp." in response.content.decode()


def test_reordering_with_htmx_returns_the_agenda_in_its_new_order(ctx, meeting):
    case_item = meeting.items.get(case=ctx.case)
    response = signed_in_client(ctx.ib).post(
        reverse("meetings:item_move", args=[meeting.uuid, case_item.uuid]),
        {"richting": "omhoog"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="agenda"')
    assert html.index(ctx.pupil.first_name) < html.index("Opening en mededelingen")


def test_reordering_without_javascript_redirects_back(ctx, meeting):
    general = meeting.items.get(case__isnull=True)
    response = signed_in_client(ctx.ib).post(
        reverse("meetings:item_move", args=[meeting.uuid, general.uuid]), {"richting": "omlaag"}
    )
    assert response["Location"] == (
        reverse("meetings:meeting_detail", args=[meeting.uuid]) + f"#punt-{general.uuid}"
    )
    assert list(meeting.items.order_by("position").values_list("case", flat=True)) == [
        ctx.case.pk,
        None,
    ]


def test_choosing_attendees_offers_involved_partners_knooppunt_partners_and_guardians(ctx):
    meeting = _empty_meeting(ctx)
    item = services.item_add(meeting=meeting, added_by=ctx.ib, case=ctx.case)
    page = signed_in_client(ctx.ib).get(
        reverse("meetings:item_attendees", args=[meeting.uuid, item.uuid])
    )
    html = page.content.decode()
    for expected in ("Betrokken bij de casus", "Ouders / verzorgers", ctx.mother.name):
        assert expected in html
    assert ctx.jeugdarts.get_full_name() in html


def test_more_partners_than_the_school_allows_gives_a_warning(ctx):
    ctx.school.knooppunt.max_partners_per_item = 1
    ctx.school.knooppunt.save()
    meeting = _empty_meeting(ctx)
    item = services.item_add(meeting=meeting, added_by=ctx.ib, case=ctx.case)
    client = signed_in_client(ctx.ib)
    response = client.post(
        reverse("meetings:item_attendees", args=[meeting.uuid, item.uuid]),
        {
            "involved": [
                ctx.partner.memberships.get().pk,
                ctx.jeugdarts.memberships.get().pk,
            ],
            "guardians": [ctx.mother.pk],
        },
        follow=True,
    )
    html = response.content.decode()
    assert "Er zijn meer dan 1 partners bij dit punt" in html
    assert "Meer partners dan het gekozen maximum" in html
    assert set(item.attendees.values_list("name", flat=True)) == {
        ctx.partner.get_full_name(),
        ctx.jeugdarts.get_full_name(),
        ctx.mother.name,
    }


def test_a_knooppunt_partner_not_involved_can_be_invited(ctx):
    team = factories.OrganisationFactory(kind=OrganisationKind.TOEGANG, name="Team Jeugd Test")
    factories.KnooppuntPartnerFactory(
        setup=ctx.school.knooppunt, organisation=team, participation=Participation.STRUCTURAL
    )
    consulent = professional(team, Function.CONSULENT, email="tj@test.example")
    meeting = _empty_meeting(ctx)
    item = services.item_add(meeting=meeting, added_by=ctx.ib, case=ctx.case)
    signed_in_client(ctx.ib).post(
        reverse("meetings:item_attendees", args=[meeting.uuid, item.uuid]),
        {"partners": [consulent.memberships.get().pk], "guardians": [ctx.mother.pk]},
    )
    assert Attendee.objects.filter(meeting=meeting, user=consulent, items=item).exists()


def test_missing_parents_is_shown_and_blocks_sending(ctx):
    meeting = _empty_meeting(ctx)
    services.item_add(meeting=meeting, added_by=ctx.ib, case=ctx.case)
    html = (
        signed_in_client(ctx.ib)
        .get(reverse("meetings:meeting_detail", args=[meeting.uuid]))
        .content.decode()
    )
    assert "Ouders nog niet uitgenodigd" in html
    assert "Een knooppunt zonder ouders is ongeldig" in html


def test_removing_an_item_asks_first(ctx, meeting):
    item = meeting.items.get(case__isnull=True)
    client = signed_in_client(ctx.ib)
    url = reverse("meetings:item_remove", args=[meeting.uuid, item.uuid])
    assert "Ja, verwijderen" in client.get(url).content.decode()
    assert AgendaItem.objects.filter(pk=item.pk).exists()
    client.post(url)
    assert not AgendaItem.objects.filter(pk=item.pk).exists()


def test_changing_a_slot_keeps_it_inside_a_valid_range(ctx, meeting):
    item = meeting.items.get(case=ctx.case)
    client = signed_in_client(ctx.ib)
    url = reverse("meetings:item_edit", args=[meeting.uuid, item.uuid])
    response = client.post(url, {"start_time": "10:00", "end_time": "09:40"})
    assert "De eindtijd moet na de begintijd liggen." in response.content.decode()
    client.post(url, {"start_time": "10:00", "end_time": "10:30"})
    item.refresh_from_db()
    assert item.start_time == datetime.time(10, 0)
