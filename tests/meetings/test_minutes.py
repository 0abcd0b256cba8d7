"""During and after a meeting through its screens: attendance and mandate, who may read and
edit an item's record (the case's dat/wat rules), and werkafspraken and regie created on the
case from the item."""

import datetime
import re

import pytest
from django.urls import reverse

from cases.constants import AccessEvent, RegieKind
from cases.models import AccessLogEntry, Regie, Werkafspraak
from meetings import services
from meetings.constants import Attendance, MeetingStatus
from tests.conftest import CANARY, signed_in_client

# Every test works on the planned meeting: build it (and the world) once; see tests/conftest.py.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_case_world", "shared_meeting")]


def case_item(meeting, ctx):
    return meeting.items.get(case=ctx.case)


def general_item(meeting):
    return meeting.items.get(case__isnull=True)


def url(name: str, meeting, item=None) -> str:
    kwargs = {"meeting_uuid": meeting.uuid}
    if item is not None:
        kwargs["item_uuid"] = item.uuid
    return reverse(f"meetings:{name}", kwargs=kwargs)


def title(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1)


def log_rows(ctx, user, event):
    return AccessLogEntry.objects.filter(case_uuid=ctx.case.uuid, user_uuid=user.uuid, event=event)


# ----- Reading an item's record --------------------------------------------------------------


def test_partner_with_consent_reads_the_case_item_record_and_the_read_is_logged(meeting, ctx):
    response = signed_in_client(ctx.partner).get(
        url("item_record", meeting, case_item(meeting, ctx))
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert f"Besluit {CANARY}" in page
    assert f"Verslag {CANARY}" in page
    assert "Versie voor ouders" in page
    assert f"Voor ouders {CANARY}" in page
    # The pupil's name is on the page for someone who may know the case, never in the title.
    assert "Sam Testkind" in page
    assert "Testkind" not in title(response)
    row = log_rows(ctx, ctx.partner, AccessEvent.VIEW).get()
    assert row.what == "verslag agendapunt"
    assert row.pupil_uuid == ctx.pupil.uuid


def test_partner_without_consent_is_refused_the_case_item_record(meeting, ctx):
    response = signed_in_client(ctx.jeugdarts).get(
        url("item_record", meeting, case_item(meeting, ctx))
    )
    assert response.status_code == 403
    assert CANARY not in response.content.decode()
    assert not log_rows(ctx, ctx.jeugdarts, AccessEvent.VIEW).exists()
    assert log_rows(ctx, ctx.jeugdarts, AccessEvent.DENIED).exists()


def test_directeur_is_refused_a_case_item_record_but_reads_a_general_item(meeting, ctx):
    client = signed_in_client(ctx.directeur)
    refused = client.get(url("item_record", meeting, case_item(meeting, ctx)))
    assert refused.status_code == 403
    assert CANARY not in refused.content.decode()
    general = client.get(url("item_record", meeting, general_item(meeting)))
    assert general.status_code == 200
    assert "Opening en mededelingen" in general.content.decode()
    assert "Verslag bewerken" not in general.content.decode()


def test_an_item_of_another_meeting_is_not_found(meeting, ctx):
    other = services.meeting_plan(
        school=ctx.school,
        type="algemeen",
        date=meeting.date,
        start_time=datetime.time(13, 0),
        end_time=datetime.time(14, 0),
        planned_by=ctx.ib,
    )
    response = signed_in_client(ctx.ib).get(url("item_record", other, case_item(meeting, ctx)))
    assert response.status_code == 404


# ----- Editing an item's record ----------------------------------------------------------------


def record_form(**overrides) -> dict:
    data = {
        "decisions": "SMW start met gezinsgesprekken.",
        "minutes": "Moeder vertelt over de situatie thuis.",
        "parents_minutes": "We spraken af dat SMW langskomt.",
        "next_knooppunt": "",
        "no_parents_reason": "",
    }
    return data | overrides


def werkafspraak_row(index: int, **fields) -> dict:
    return {f"wa-{index}-{name}": value for name, value in fields.items()}


def outcome_form(**extra) -> dict:
    management = {"wa-TOTAL_FORMS": "2", "wa-INITIAL_FORMS": "0"}
    return record_form() | management | extra


def test_ib_edits_the_record_and_the_change_is_logged(meeting, ctx):
    item = case_item(meeting, ctx)
    next_date = meeting.date + datetime.timedelta(days=42)
    client = signed_in_client(ctx.ib)
    response = client.post(
        url("item_record_edit", meeting, item), outcome_form(next_knooppunt=next_date.isoformat())
    )
    assert response.status_code == 302
    assert response["Location"] == url("item_record", meeting, item)
    item.refresh_from_db()
    assert item.decisions == "SMW start met gezinsgesprekken."
    assert item.parents_minutes == "We spraken af dat SMW langskomt."
    assert item.next_knooppunt == next_date
    assert item.history.latest().history_user == ctx.ib
    assert log_rows(ctx, ctx.ib, AccessEvent.CHANGE).filter(what__contains="verslag").exists()


def test_next_knooppunt_before_the_meeting_is_refused(meeting, ctx):
    item = case_item(meeting, ctx)
    response = signed_in_client(ctx.ib).post(
        url("item_record_edit", meeting, item),
        outcome_form(next_knooppunt=(meeting.date - datetime.timedelta(days=1)).isoformat()),
    )
    assert response.status_code == 200
    assert "Het volgende knooppunt ligt na dit overleg." in response.content.decode()
    item.refresh_from_db()
    assert item.decisions == f"Besluit {CANARY}"


@pytest.mark.parametrize("persona", ["partner", "directeur"])
def test_only_the_manager_edits_the_record(meeting, ctx, persona):
    item = case_item(meeting, ctx)
    response = signed_in_client(getattr(ctx, persona)).post(
        url("item_record_edit", meeting, item), record_form()
    )
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.decisions == f"Besluit {CANARY}"


def test_the_edit_form_asks_why_parents_are_absent_only_for_a_case_item_without_them(meeting, ctx):
    client = signed_in_client(ctx.ib)
    item = case_item(meeting, ctx)
    with_parents = client.get(url("item_record_edit", meeting, item))
    assert 'name="no_parents_reason"' not in with_parents.content.decode()
    services.item_attendees_set(
        item=item, set_by=ctx.ib, professionals=[ctx.partner.memberships.get()], guardians=[]
    )
    case_page = client.get(url("item_record_edit", meeting, item))
    general_page = client.get(url("item_record_edit", meeting, general_item(meeting)))
    assert 'name="no_parents_reason"' in case_page.content.decode()
    assert 'name="no_parents_reason"' not in general_page.content.decode()


# ----- Werkafspraak and regie from the item --------------------------------------------------


def test_a_werkafspraak_agreed_at_the_item_is_created_on_the_case(meeting, ctx):
    item = case_item(meeting, ctx)
    client = signed_in_client(ctx.ib)
    due = meeting.date + datetime.timedelta(days=14)
    response = client.post(
        url("item_record_edit", meeting, item),
        outcome_form(
            **werkafspraak_row(
                0,
                assignee=f"o:{ctx.school.organisation.uuid}",
                what="Twee gezinsgesprekken",
                why="Rust thuis",
                due_date=due.isoformat(),
                evaluation_date=(due + datetime.timedelta(days=7)).isoformat(),
            )
        ),
        follow=True,
    )
    assert response.redirect_chain[-1][0] == url("item_record", meeting, item)
    assert "De uitkomst van het agendapunt is opgeslagen." in response.content.decode()
    werkafspraak = Werkafspraak.objects.get(case=ctx.case)
    assert werkafspraak.assignee_organisation == ctx.school.organisation
    assert werkafspraak.what == "Twee gezinsgesprekken"
    assert werkafspraak.evaluation_date == due + datetime.timedelta(days=7)
    assert werkafspraak.author_organisation == ctx.school.organisation
    assert log_rows(ctx, ctx.ib, AccessEvent.CHANGE).filter(what__contains="uitkomst").exists()


def test_a_werkafspraak_is_for_someone_involved_not_free_text(meeting, ctx):
    item = case_item(meeting, ctx)
    due = meeting.date + datetime.timedelta(days=14)
    client = signed_in_client(ctx.ib)
    page = client.get(url("item_record_edit", meeting, item)).content.decode()
    assert f"{ctx.partner.get_full_name()} (" in page
    assert f"{ctx.mother.name} (moeder)" in page
    response = client.post(
        url("item_record_edit", meeting, item),
        outcome_form(
            **werkafspraak_row(
                0,
                assignee="De buurman",
                what="Gesprek",
                due_date=due.isoformat(),
                evaluation_date=due.isoformat(),
            )
        ),
    )
    assert response.status_code == 200
    assert not Werkafspraak.objects.filter(case=ctx.case).exists()


def test_a_werkafspraak_without_evaluation_date_is_refused_and_nothing_is_saved(meeting, ctx):
    item = case_item(meeting, ctx)
    due = meeting.date + datetime.timedelta(days=14)
    response = signed_in_client(ctx.ib).post(
        url("item_record_edit", meeting, item),
        outcome_form(
            **werkafspraak_row(
                0,
                assignee=f"o:{ctx.school.organisation.uuid}",
                what="Gesprek",
                due_date=due.isoformat(),
                evaluation_date="",
            )
        ),
    )
    assert response.status_code == 200
    assert "Spreek af wanneer dit wordt geëvalueerd." in response.content.decode()
    assert not Werkafspraak.objects.filter(case=ctx.case).exists()
    item.refresh_from_db()
    assert item.decisions == f"Besluit {CANARY}"  # one save: the record waits too


def test_a_general_item_has_no_werkafspraken_or_regie(meeting, ctx):
    page = signed_in_client(ctx.ib).get(url("item_record_edit", meeting, general_item(meeting)))
    html = page.content.decode()
    assert page.status_code == 200
    assert "wa-TOTAL_FORMS" not in html and "regie-kind" not in html


def test_regie_agreed_at_the_item_goes_to_an_invited_professional(meeting, ctx):
    item = case_item(meeting, ctx)
    smw_attendee = item.attendees.get(user=ctx.partner)
    response = signed_in_client(ctx.ib).post(
        url("item_record_edit", meeting, item),
        outcome_form(
            **{
                "regie-kind": RegieKind.PROCES,
                "regie-holder": smw_attendee.uuid,
                "regie-agreed_with_parents": "on",
            }
        ),
    )
    assert response.status_code == 302
    regie = Regie.objects.get(case=ctx.case, kind=RegieKind.PROCES, end__isnull=True)
    assert regie.professional == ctx.partner.memberships.get()
    assert regie.agreed_with_parents


def test_regie_can_go_to_an_invited_guardian(meeting, ctx):
    item = case_item(meeting, ctx)
    mother = item.attendees.get(guardian=ctx.mother)
    response = signed_in_client(ctx.ib).post(
        url("item_record_edit", meeting, item),
        outcome_form(**{"regie-kind": RegieKind.CASUS, "regie-holder": mother.uuid}),
    )
    assert response.status_code == 302
    regie = Regie.objects.get(case=ctx.case, kind=RegieKind.CASUS, end__isnull=True)
    assert regie.guardian == ctx.mother


def test_regie_for_someone_not_invited_to_the_item_is_refused(meeting, ctx):
    item = case_item(meeting, ctx)
    response = signed_in_client(ctx.ib).post(
        url("item_record_edit", meeting, item),
        outcome_form(**{"regie-kind": RegieKind.PROCES, "regie-holder": ctx.outsider.uuid}),
    )
    assert response.status_code == 200
    assert "Kies iemand die bij dit agendapunt is uitgenodigd." in response.content.decode()
    assert not Regie.objects.filter(case=ctx.case).exists()


def test_partner_cannot_assign_regie_from_the_item(meeting, ctx):
    item = case_item(meeting, ctx)
    smw_attendee = item.attendees.get(user=ctx.partner)
    response = signed_in_client(ctx.partner).post(
        url("item_record_edit", meeting, item),
        outcome_form(**{"regie-kind": RegieKind.PROCES, "regie-holder": smw_attendee.uuid}),
    )
    assert response.status_code == 403
    assert not Regie.objects.filter(case=ctx.case).exists()


# ----- Attendance and mandate ------------------------------------------------------------------


def attendance_form(meeting, rows: dict, **extra) -> dict:
    data = {}
    for attendee in meeting.attendees.all():
        attendance, mandate = rows.get(attendee.pk, (Attendance.UNKNOWN, False))
        data[f"a-{attendee.uuid}-attendance"] = attendance
        if mandate:
            data[f"a-{attendee.uuid}-mandate"] = "on"
    return data | extra


def test_ib_records_attendance_and_mandate(meeting, ctx):
    partner = meeting.attendees.get(user=ctx.partner)
    doctor = meeting.attendees.get(user=ctx.jeugdarts)
    mother = meeting.attendees.get(guardian=ctx.mother)
    response = signed_in_client(ctx.ib).post(
        url("attendance", meeting),
        attendance_form(
            meeting,
            {
                partner.pk: (Attendance.PRESENT, True),
                doctor.pk: (Attendance.EXCUSED, False),
                # A guardian has no mandate to give: a posted one is ignored.
                mother.pk: (Attendance.PRESENT, True),
            },
        ),
    )
    assert response.status_code == 302
    for attendee in (partner, doctor, mother):
        attendee.refresh_from_db()
    assert (partner.attendance, partner.mandate) == (Attendance.PRESENT, True)
    assert (doctor.attendance, doctor.mandate) == (Attendance.EXCUSED, False)
    assert (mother.attendance, mother.mandate) == (Attendance.PRESENT, False)
    assert partner.history.latest().history_user == ctx.ib


def test_attendance_page_lists_people_but_not_the_pupil(meeting, ctx):
    response = signed_in_client(ctx.ib).get(url("attendance", meeting))
    page = response.content.decode()
    assert "Moeder Testkind" in page
    assert "ouder / verzorger" in page
    assert f"{ctx.pupil.first_name} {ctx.pupil.last_name}" not in page
    assert CANARY not in page
    # Mandate only for professionals: two checkboxes for three attendees.
    assert page.count('type="checkbox"') == 1 + 2  # "gehouden" plus two mandates


def test_a_future_meeting_cannot_be_marked_held(meeting, ctx):
    response = signed_in_client(ctx.ib).post(
        url("attendance", meeting), attendance_form(meeting, {}, held="on")
    )
    assert response.status_code == 200
    assert "nog niet gehouden" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED


def test_a_past_meeting_is_marked_held(meeting, ctx):
    services.meeting_update(
        meeting=meeting, changed_by=ctx.ib, date=meeting.date - datetime.timedelta(days=14)
    )
    response = signed_in_client(ctx.ib).post(
        url("attendance", meeting), attendance_form(meeting, {}, held="on")
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD
    page = signed_in_client(ctx.ib).get(url("attendance", meeting)).content.decode()
    assert 'name="held"' not in page


def test_partner_cannot_record_attendance(meeting, ctx):
    partner = meeting.attendees.get(user=ctx.partner)
    response = signed_in_client(ctx.partner).post(
        url("attendance", meeting),
        attendance_form(meeting, {partner.pk: (Attendance.PRESENT, True)}),
    )
    assert response.status_code == 403
    partner.refresh_from_db()
    assert partner.attendance == Attendance.UNKNOWN
