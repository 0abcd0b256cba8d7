"""The agenda that builds itself (docs/domain.md, "Building the agenda and recording the
outcome"): the attendee picker, re-timed slots, the case search, the meeting form, and the
outcome of an item recorded on one page."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from cases import services as case_services
from cases.constants import Status
from cases.models import Werkafspraak
from meetings import rules, services
from meetings.access import meetings_visible_to
from meetings.constants import MeetingStatus, MeetingType
from meetings.invitations import invitations_send
from meetings.models import Attendee, Meeting
from pupils import services as pupil_services
from tests.conftest import signed_in_client
from tests.meetings.builders import planned_meeting

pytestmark = pytest.mark.usefixtures("shared_case_world")

TODAY = timezone.localdate()


def _plan(ctx, *, days: int = 14, **fields) -> Meeting:
    return services.meeting_plan(
        school=ctx.school,
        type=MeetingType.CASUISTIEK,
        date=TODAY + datetime.timedelta(days=days),
        start_time=datetime.time(9, 0),
        end_time=datetime.time(11, 0),
        planned_by=ctx.ib,
        **fields,
    )


def _url(name: str, meeting, item=None) -> str:
    args = [meeting.uuid] if item is None else [meeting.uuid, item.uuid]
    return reverse(f"meetings:{name}", args=args)


def _checked(html: str, name: str, value) -> bool:
    tag = re.search(rf'<input[^>]*name="{name}" value="{value}"[^>]*>', html)
    return tag is not None and " checked" in tag.group(0)


@pytest.fixture
def sent(ctx, django_capture_on_commit_callbacks):
    """The planned meeting after the invitations went out (the mother with an address)."""
    meeting = planned_meeting(ctx)
    Attendee.objects.filter(meeting=meeting, guardian=ctx.mother).update(email="m@test.example")
    with django_capture_on_commit_callbacks(execute=True):
        invitations_send(meeting=meeting, sent_by=ctx.ib)
    return meeting


# ----- The attendee picker -------------------------------------------------------------------


def test_the_picker_has_a_fieldset_per_group_and_ticks_the_guardians(ctx):
    meeting = _plan(ctx)
    item = services.item_add(meeting=meeting, added_by=ctx.ib, case=ctx.case)
    html = signed_in_client(ctx.ib).get(_url("item_attendees", meeting, item)).content.decode()
    legends = re.findall(r"<legend[^>]*>([^<]+)</legend>", html)
    assert "Ouders / verzorgers" in legends and "Betrokken bij de casus" in legends
    assert _checked(html, "guardians", ctx.mother.pk) and _checked(html, "guardians", ctx.father.pk)
    assert not _checked(html, "involved", ctx.partner.memberships.get().pk)
    # The checkbox comes before its label.
    assert html.index(f'value="{ctx.mother.pk}"') < html.index(ctx.mother.name)


def test_an_item_without_parents_needs_a_reason_which_may_be_given_beforehand(ctx):
    meeting = _plan(ctx)
    item = services.item_add(meeting=meeting, added_by=ctx.ib, case=ctx.case)
    client = signed_in_client(ctx.ib)
    smw = {"involved": [ctx.partner.memberships.get().pk]}
    refused = client.post(_url("item_attendees", meeting, item), smw)
    assert refused.status_code == 200
    assert "schrijf op waarom de ouders niet aanschuiven" in refused.content.decode()
    assert not item.attendees.exists()

    reason = "Moeder is ernstig ziek; zij kiest wie haar vertegenwoordigt."
    response = client.post(
        _url("item_attendees", meeting, item), smw | {"no_parents_reason": reason}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.no_parents_reason == reason
    assert not any("zonder ouders" in problem for problem in rules.sending_problems(meeting))
    page = client.get(_url("item_attendees", meeting, item)).content.decode()
    assert not _checked(page, "guardians", ctx.mother.pk)  # unticked stays unticked


def test_unticking_someone_before_sending_removes_them_and_the_meeting_from_their_list(ctx):
    meeting = planned_meeting(ctx)
    client = signed_in_client(ctx.ib)
    for item in meeting.items.all():
        data = {"involved": [ctx.partner.memberships.get().pk]}
        if item.case_id:
            data["guardians"] = [ctx.mother.pk]
        assert client.post(_url("item_attendees", meeting, item), data).status_code == 302
    assert not meeting.attendees.filter(user=ctx.jeugdarts).exists()
    assert meeting not in meetings_visible_to(ctx.jeugdarts)
    their_list = signed_in_client(ctx.jeugdarts).get(reverse("meetings:meeting_list"))
    assert str(meeting.uuid) not in their_list.content.decode()
    assert meeting in meetings_visible_to(ctx.partner)


def test_unticking_someone_after_sending_cancels_their_invitation(
    sent, ctx, django_capture_on_commit_callbacks
):
    doctor = sent.attendees.get(user=ctx.jeugdarts)
    with django_capture_on_commit_callbacks(execute=True):
        for item in sent.items.all():
            services.item_attendees_set(
                item=item,
                set_by=ctx.ib,
                professionals=[ctx.partner.memberships.get()],
                guardians=[ctx.mother] if item.case_id else [],
            )
    assert doctor.invitations.order_by("sequence").last().method == "CANCEL"
    assert sent not in meetings_visible_to(ctx.jeugdarts)
    page = signed_in_client(ctx.ib).get(_url("meeting_detail", sent)).content.decode()
    assert "nog niet uitgenodigd" not in page


# ----- Slots ---------------------------------------------------------------------------------


def test_moving_an_item_re_times_the_slots_and_announces_it(ctx):
    meeting = planned_meeting(ctx)
    case_item = meeting.items.get(case=ctx.case)
    response = signed_in_client(ctx.ib).post(
        _url("item_move", meeting, case_item),
        {"richting": "omhoog"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    slots = {
        item.case_id: (item.position, item.start_time, item.end_time)
        for item in meeting.items.all()
    }
    assert slots[ctx.case.pk] == (1, datetime.time(9, 0), datetime.time(9, 20))
    assert slots[None] == (2, datetime.time(9, 20), datetime.time(9, 40))
    assert f'data-focus="omhoog-{case_item.uuid}"' in html
    assert 'id="agenda-melding" hx-swap-oob="innerHTML"' in html
    assert "Het punt staat nu op plek 1, van 9.00 tot 9.20 uur." in html


def test_a_moved_item_reaches_whoever_was_invited(sent, ctx, django_capture_on_commit_callbacks):
    case_item = sent.items.get(case=ctx.case)
    with django_capture_on_commit_callbacks(execute=True):
        services.item_move(item=case_item, moved_by=ctx.ib, step=-1)
    mother = sent.attendees.get(guardian=ctx.mother)
    latest = mother.invitations.order_by("sequence").last()
    assert (latest.method, latest.sequence) == ("REQUEST", 1)
    assert timezone.localtime(latest.starts_at).time() == datetime.time(9, 0)


def test_a_new_start_time_shifts_the_items_and_reaches_the_invitees(
    sent, ctx, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in_client(ctx.ib).post(
            _url("meeting_edit", sent),
            {"date": sent.date.isoformat(), "start_time": "10:00", "end_time": "12:00"},
        )
    assert response.status_code == 302
    times = sorted((i.start_time, i.end_time) for i in sent.items.all())
    assert times == [
        (datetime.time(10, 0), datetime.time(10, 20)),
        (datetime.time(10, 20), datetime.time(10, 40)),
    ]
    latest = sent.attendees.get(guardian=ctx.mother).invitations.order_by("sequence").last()
    assert timezone.localtime(latest.starts_at).time() == datetime.time(10, 20)


# ----- Finding a case ------------------------------------------------------------------------


def _case_without_consent(ctx):
    pupil = pupil_services.pupil_register(
        school=ctx.school,
        first_name="Noor",
        last_name="Testkind",
        birth_date=datetime.date(2016, 5, 5),
        registered_by=ctx.ib,
    )
    return case_services.case_open(
        pupil=pupil,
        opened_by=ctx.ib,
        level=2,
        leervraag=True,
        complexity="enkelvoudig",
        question="Vraag",
        parents_informed=True,
    )


def test_the_search_finds_only_cases_that_may_go_on_the_agenda(ctx):
    meeting = _plan(ctx)
    _case_without_consent(ctx)
    client = signed_in_client(ctx.ib)
    search = _url("item_case_search", meeting)
    html = client.get(search, {"zoek": "testkind"}, headers={"HX-Request": "true"}).content.decode()
    assert f'value="{ctx.case.uuid}"' in html and "Sam Testkind" in html
    assert "Noor" not in html  # no consent to discuss her case
    assert "Sam" not in client.get(search, {"zoek": "s"}).content.decode()  # too short

    services.item_add(meeting=meeting, added_by=ctx.ib, case=ctx.case)
    again = client.get(search, {"zoek": "sam"}).content.decode()
    assert "Sam Testkind" not in again and "Geen casus gevonden" in again


def test_the_meeting_page_renders_no_list_of_every_case(ctx):
    meeting = _plan(ctx)
    html = signed_in_client(ctx.ib).get(_url("meeting_detail", meeting)).content.decode()
    assert 'id="casus-zoek"' in html
    assert ctx.pupil.last_name not in html


def test_without_javascript_the_add_page_searches(ctx):
    meeting = _plan(ctx)
    page = signed_in_client(ctx.ib).get(_url("item_add", meeting), {"zoek": "Sam"})
    assert f'value="{ctx.case.uuid}"' in page.content.decode()


# ----- The meeting form ----------------------------------------------------------------------


def _plan_form(**data) -> dict:
    return {
        "type": MeetingType.CASUISTIEK,
        "start_time": "09:00",
        "end_time": "11:00",
        "location": "Teamkamer",
    } | data


def test_the_plan_form_speaks_dutch_and_takes_the_place_from_the_set_up(ctx):
    ctx.school.knooppunt.location = "Lokaal 12"
    ctx.school.knooppunt.save()
    html = signed_in_client(ctx.ib).get(reverse("meetings:meeting_new")).content.decode()
    assert "Kies een soort overleg" in html and "---------" not in html
    assert 'value="Lokaal 12"' in html


def test_a_past_date_is_refused_unless_the_meeting_was_held(ctx):
    client = signed_in_client(ctx.ib)
    past = (TODAY - datetime.timedelta(days=3)).isoformat()
    refused = client.post(
        reverse("meetings:meeting_new"), _plan_form(school=ctx.school.pk, date=past)
    )
    assert "Deze datum is al voorbij" in refused.content.decode()
    assert not Meeting.objects.exists()
    held = client.post(
        reverse("meetings:meeting_new"), _plan_form(school=ctx.school.pk, date=past, held="on")
    )
    assert held.status_code == 302
    assert Meeting.objects.get().status == MeetingStatus.HELD


def test_a_meeting_cannot_be_moved_into_the_past(ctx):
    meeting = _plan(ctx)
    response = signed_in_client(ctx.ib).post(
        _url("meeting_edit", meeting),
        {
            "date": (TODAY - datetime.timedelta(days=1)).isoformat(),
            "start_time": "09:00",
            "end_time": "11:00",
        },
    )
    assert "Deze datum is al voorbij" in response.content.decode()


# ----- The outcome of an item ----------------------------------------------------------------


def _held_item(ctx):
    meeting = _plan(ctx, days=-2, held=True)
    item = services.item_add(meeting=meeting, added_by=ctx.ib, case=ctx.case)
    services.item_attendees_set(
        item=item,
        set_by=ctx.ib,
        professionals=[ctx.partner.memberships.get()],
        guardians=[ctx.mother],
    )
    return meeting, item


def _outcome(**data) -> dict:
    return {"wa-TOTAL_FORMS": "2", "wa-INITIAL_FORMS": "0", "decisions": "", "minutes": ""} | data


def test_the_next_knooppunt_puts_the_case_on_its_agenda_and_the_case_moves_on(ctx):
    assert ctx.case.status == Status.BESPROKEN
    meeting, item = _held_item(ctx)
    following = _plan(ctx, days=35)
    client = signed_in_client(ctx.ib)
    page = client.get(_url("item_record_edit", meeting, item)).content.decode()
    assert "Kies een gepland overleg" in page
    response = client.post(
        _url("item_record_edit", meeting, item),
        _outcome(decisions="SMW start gezinsgesprekken.", next_meeting=following.uuid),
    )
    assert response.status_code == 302
    item.refresh_from_db()
    ctx.case.refresh_from_db()
    assert item.next_knooppunt == following.date
    assert following.items.filter(case=ctx.case).exists()
    assert ctx.case.status == Status.UITVOERING


def test_a_refused_outcome_starts_with_a_summary_linking_to_each_field_to_fix(ctx):
    meeting, item = _held_item(ctx)
    response = signed_in_client(ctx.ib).post(
        _url("item_record_edit", meeting, item), _outcome(**{"wa-0-what": "Huisbezoek"})
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Er is iets nog niet goed ingevuld" in page
    for field in ("wa-0-assignee", "wa-0-due_date"):
        assert f'href="#id_{field}"' in page, field
    assert not Werkafspraak.objects.filter(case=ctx.case).exists()


def test_a_record_before_the_meeting_does_not_move_the_case_on(ctx):
    meeting = _plan(ctx)
    item = services.item_add(meeting=meeting, added_by=ctx.ib, case=ctx.case)
    response = signed_in_client(ctx.ib).post(
        _url("item_record_edit", meeting, item), _outcome(decisions="Voorbereiding")
    )
    assert response.status_code == 302
    ctx.case.refresh_from_db()
    assert ctx.case.status == Status.BESPROKEN


def test_the_agenda_links_each_item_to_its_outcome_page_for_the_manager_only(ctx):
    meeting = planned_meeting(ctx)
    item = meeting.items.get(case=ctx.case)
    outcome_url = _url("item_record_edit", meeting, item)
    assert (
        outcome_url
        in signed_in_client(ctx.ib).get(_url("meeting_detail", meeting)).content.decode()
    )
    directeur_page = signed_in_client(ctx.directeur).get(_url("meeting_detail", meeting))
    assert outcome_url not in directeur_page.content.decode()
