"""Planning a meeting and reading its page: who sees which agenda items."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import date_format

from cases.constants import AccessEvent
from cases.models import AccessLogEntry
from meetings import selectors, services
from meetings.access import get_meeting_for_user
from meetings.constants import MeetingStatus, MeetingType
from meetings.models import Meeting
from partners.constants import Function, OrganisationKind
from tests import factories
from tests.conftest import CANARY, professional, signed_in_client
from tests.meetings.builders import planned_meeting

# The world is built once for the module, each test in its own savepoint; see tests/conftest.py.
pytestmark = pytest.mark.usefixtures("shared_case_world")


def _plan(client, **data):
    fields = {
        "type": MeetingType.CASUISTIEK,
        "date": "2026-12-07",
        "start_time": "09:00",
        "end_time": "11:00",
        "location": "Teamkamer",
    } | data
    return client.post(reverse("meetings:meeting_new"), fields)


def test_ib_plans_a_meeting_and_lands_on_its_agenda(ctx):
    response = _plan(signed_in_client(ctx.ib), school=ctx.school.pk)
    meeting = Meeting.objects.get(school=ctx.school)
    assert response["Location"] == reverse("meetings:meeting_detail", args=[meeting.uuid])
    assert (meeting.date, meeting.chair) == (datetime.date(2026, 12, 7), ctx.ib)


def test_ib_cannot_plan_for_another_school(ctx):
    response = _plan(signed_in_client(ctx.ib), school=ctx.other_school.pk)
    assert response.status_code == 200
    assert not Meeting.objects.exists()
    assert "Selecteer een geldige keuze" in response.content.decode()


def test_toeleiding_needs_the_swv_trajectbegeleider_as_chair(ctx):
    client = signed_in_client(ctx.ib)
    response = _plan(client, school=ctx.school.pk, type=MeetingType.TOELEIDING)
    assert "trajectbegeleider" in response.content.decode()
    assert not Meeting.objects.exists()

    swv = ctx.school.samenwerkingsverband.organisation
    tb = professional(swv, Function.TRAJECTBEGELEIDER, email="tb@swv.example")
    response = _plan(client, school=ctx.school.pk, type=MeetingType.TOELEIDING, chair=tb.pk)
    assert response.status_code == 302
    assert Meeting.objects.get().chair == tb


def test_end_before_start_is_refused_with_a_dutch_message(ctx):
    response = _plan(
        signed_in_client(ctx.ib), school=ctx.school.pk, start_time="11:00", end_time="09:00"
    )
    assert "De eindtijd moet na de begintijd liggen." in response.content.decode()


def test_the_directeur_sees_the_pupil_on_the_agenda_but_not_the_record(ctx):
    meeting = planned_meeting(ctx)
    page = signed_in_client(ctx.directeur).get(
        reverse("meetings:meeting_detail", args=[meeting.uuid])
    )
    html = page.content.decode()
    assert ctx.pupil.first_name in html
    assert CANARY not in html
    assert (
        reverse("meetings:item_record", args=[meeting.uuid, meeting.items.get(case=ctx.case).uuid])
        not in html
    )


def test_a_partner_invited_only_to_a_general_item_sees_a_closed_slot(ctx):
    meeting = planned_meeting(ctx)
    organisation = factories.OrganisationFactory(kind=OrganisationKind.LEERPLICHT)
    officer = professional(organisation, Function.LEERPLICHTAMBTENAAR, email="lp@test.example")
    general = meeting.items.get(case__isnull=True)
    services.item_attendees_set(
        item=general, set_by=ctx.ib, professionals=[officer.memberships.get()], guardians=[]
    )
    html = (
        signed_in_client(officer)
        .get(reverse("meetings:meeting_detail", args=[meeting.uuid]))
        .content.decode()
    )
    assert "Besloten agendapunt" in html
    assert ctx.pupil.last_name not in html
    assert ctx.mother.name not in html


def test_the_title_never_names_the_pupil(ctx):
    meeting = planned_meeting(ctx)
    html = (
        signed_in_client(ctx.ib)
        .get(reverse("meetings:meeting_detail", args=[meeting.uuid]))
        .content.decode()
    )
    title = html.split("<title>")[1].split("</title>")[0]
    assert ctx.pupil.first_name not in title and "Casuïstiek" in title


def test_cancelling_asks_first_then_cancels(ctx):
    meeting = planned_meeting(ctx)
    client = signed_in_client(ctx.ib)
    url = reverse("meetings:meeting_cancel", args=[meeting.uuid])
    assert "Ja, annuleren" in client.get(url).content.decode()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED
    client.post(url)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED


def test_moving_a_meeting_is_kept(ctx):
    meeting = planned_meeting(ctx)
    client = signed_in_client(ctx.ib)
    client.post(
        reverse("meetings:meeting_edit", args=[meeting.uuid]),
        {"date": "2026-12-14", "start_time": "09:30", "end_time": "11:30", "location": "Aula"},
    )
    meeting.refresh_from_db()
    assert (meeting.date, meeting.location) == (datetime.date(2026, 12, 14), "Aula")


def test_agenda_pdf_shows_each_reader_only_what_they_may_see(ctx, rf):
    meeting = planned_meeting(ctx)
    response = signed_in_client(ctx.jeugdarts).get(
        reverse("meetings:agenda_pdf", args=[meeting.uuid])
    )
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    # The youth doctor printed the pupil's name (not the decisions): one log row says so.
    printed = AccessLogEntry.objects.get(event=AccessEvent.PRINT)
    assert (printed.user_uuid, printed.case_uuid, printed.what) == (
        ctx.jeugdarts.uuid,
        ctx.case.uuid,
        "naam in agenda-pdf",
    )

    def rendered_for(user) -> str:
        request = rf.get("/")
        request.user = user
        items = selectors.agenda_items(
            meeting=get_meeting_for_user(request, meeting.uuid), fetched_by=user
        )
        return render_to_string("pdf/agenda.html", {"meeting": meeting, "items": items})

    assert CANARY not in rendered_for(ctx.jeugdarts)  # invited, "dat" only
    assert ctx.pupil.first_name in rendered_for(ctx.jeugdarts)
    assert f"Besluit {CANARY}" in rendered_for(ctx.partner)  # consent covers SMW


def test_meeting_list_query_count_does_not_grow_with_meetings(ctx, django_assert_max_num_queries):
    client = signed_in_client(ctx.ib)
    for day in range(2):
        services.meeting_plan(
            school=ctx.school,
            type=MeetingType.CASUISTIEK,
            date=datetime.date(2027, 1, 4) + datetime.timedelta(days=7 * day),
            start_time=datetime.time(9),
            end_time=datetime.time(11),
            planned_by=ctx.ib,
        )
    client.get(reverse("meetings:meeting_list"))
    with django_assert_max_num_queries(30) as few:
        client.get(reverse("meetings:meeting_list"))
    for day in range(2, 12):
        services.meeting_plan(
            school=ctx.school,
            type=MeetingType.CASUISTIEK,
            date=datetime.date(2027, 1, 4) + datetime.timedelta(days=7 * day),
            start_time=datetime.time(9),
            end_time=datetime.time(11),
            planned_by=ctx.ib,
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("meetings:meeting_list"))


def test_the_case_page_lists_the_coming_meeting_date_for_everyone_with_dat(ctx):
    meeting = planned_meeting(ctx)
    url = reverse("cases:case_detail", args=[ctx.case.uuid])
    link = reverse("meetings:meeting_detail", args=[meeting.uuid])
    day = date_format(meeting.date, "l j F Y")
    for user in (ctx.ib, ctx.directeur, ctx.jeugdarts):
        html = signed_in_client(user).get(url).content.decode()
        assert day in html and link in html
    services.meeting_cancel(meeting=meeting, cancelled_by=ctx.ib)
    html = signed_in_client(ctx.directeur).get(url).content.decode()
    assert day not in html and "Geen gepland overleg." in html


def test_the_edit_form_shows_the_current_date_and_times_in_the_native_pickers(ctx):
    meeting = planned_meeting(ctx)
    html = (
        signed_in_client(ctx.ib)
        .get(reverse("meetings:meeting_edit", args=[meeting.uuid]))
        .content.decode()
    )
    assert f'type="date" name="date" value="{meeting.date:%Y-%m-%d}"' in html
    assert 'type="time" name="start_time" value="09:00"' in html
