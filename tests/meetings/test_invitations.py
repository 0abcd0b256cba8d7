"""Invitations: one message per attendee for their own items, updated with a higher SEQUENCE,
cancelled with METHOD:CANCEL, never a second copy, and no pupil name or case content anywhere.
Celery runs eagerly here and mail goes to Django's in-memory outbox; the real broker, worker and
SMTP sink are in test_invitation_delivery.py."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from meetings import services
from meetings.constants import Failure, OutboxState, Response
from meetings.invitations import compose, invitation_rows, invitations_send
from meetings.models import Attendee, Invitation
from meetings.tasks import deliver_invitation
from tests.conftest import CANARY, signed_in_client
from tests.meetings.builders import planned_meeting

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

# Every test works on the planned meeting: build it (and the world) once; see tests/conftest.py.
pytestmark = pytest.mark.usefixtures("shared_case_world", "shared_meeting")


@pytest.fixture
def invited(ctx, django_capture_on_commit_callbacks):
    """The planned meeting with the mother given an e-mail address, after the first send."""
    meeting = planned_meeting(ctx)
    Attendee.objects.filter(meeting=meeting, guardian=ctx.mother).update(
        email="moeder@test.example"
    )
    with django_capture_on_commit_callbacks(execute=True):
        invitations_send(meeting=meeting, sent_by=ctx.ib)
    return meeting


def _attendee(meeting, user=None, guardian=None) -> Attendee:
    if user is not None:
        return meeting.attendees.get(user=user)
    return meeting.attendees.get(guardian=guardian)


def _calendar(message) -> Calendar:
    """The .ics part of a sent message, parsed; with its MIME content type."""
    parts = [p for p in message.message().walk() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1
    calendar = Calendar.from_ical(parts[0].get_content())
    assert parts[0].get_param("method") == calendar["METHOD"]
    return calendar


def _mails_to(address: str) -> list:
    return [m for m in mail.outbox if m.to == [address]]


def _event(message):
    return _calendar(message).events[0]


def test_first_send_queues_and_delivers_one_invitation_per_attendee_with_an_email(invited, ctx):
    rows = Invitation.objects.filter(attendee__meeting=invited)
    assert sorted(r.attendee.email for r in rows) == [
        "arts@test.example",
        "moeder@test.example",
        "smw@test.example",
    ]
    assert {(r.method, r.sequence, r.state) for r in rows} == {("REQUEST", 0, "verzonden")}
    assert sorted(m.to[0] for m in mail.outbox) == [
        "arts@test.example",
        "moeder@test.example",
        "smw@test.example",
    ]
    assert all(m.subject.startswith("Uitnodiging knooppuntoverleg") for m in mail.outbox)


def test_attendee_without_an_email_address_gets_no_row_and_is_shown_so(ctx, meeting):
    invitations_send(meeting=meeting, sent_by=ctx.ib)
    mother = _attendee(meeting, guardian=ctx.mother)
    assert not mother.invitations.exists()
    states = {row.name: row.label for row in invitation_rows(meeting)}
    assert states[mother.name] == "geen e-mailadres"


def test_sending_again_produces_no_second_copy(invited, ctx, django_capture_on_commit_callbacks):
    before = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        assert invitations_send(meeting=invited, sent_by=ctx.ib) == []
    assert len(mail.outbox) == before
    assert Invitation.objects.filter(attendee__meeting=invited).count() == 3


def test_invitation_starts_at_nine_amsterdam_time_in_winter_and_summer(
    invited, ctx, django_capture_on_commit_callbacks
):
    partner = _attendee(invited, user=ctx.partner)
    first = _event(_mails_to("smw@test.example")[0])
    assert str(first["UID"]) == f"{partner.uuid}@knooppunt"
    assert first["SEQUENCE"] == 0

    next_year = timezone.localdate().year + 1
    winter, summer = datetime.date(next_year, 1, 11), datetime.date(next_year, 7, 5)
    for sequence, (day, utc_hour) in enumerate([(winter, 8), (summer, 7)], start=1):
        with django_capture_on_commit_callbacks(execute=True):
            services.meeting_update(meeting=invited, changed_by=ctx.ib, date=day)
        message = _mails_to("smw@test.example")[-1]
        assert message.subject.startswith("Gewijzigd: knooppuntoverleg")
        calendar = _calendar(message)
        event = calendar.events[0]
        assert calendar["METHOD"] == "REQUEST"
        assert str(event["UID"]) == f"{partner.uuid}@knooppunt"
        assert event["SEQUENCE"] == sequence
        assert datetime.datetime.combine(day, datetime.time(9), AMSTERDAM) == event.DTSTART
        assert event.DTSTART.tzinfo.key == "Europe/Amsterdam"
        assert event.DTSTART.astimezone(datetime.UTC).hour == utc_hour
        assert calendar.timezones[0].tz_name == "Europe/Amsterdam"
    # Her own items run 9:00-9:40: the partner is invited to both.
    assert event.DTEND.astimezone(AMSTERDAM).time() == datetime.time(9, 40)


def test_removing_someone_from_all_their_items_cancels_only_their_invitation(
    invited, ctx, django_capture_on_commit_callbacks
):
    doctor = _attendee(invited, user=ctx.jeugdarts)
    with django_capture_on_commit_callbacks(execute=True):
        for item in invited.items.all():
            services.item_attendees_set(
                item=item,
                set_by=ctx.ib,
                professionals=[ctx.partner.memberships.get()],
                guardians=[ctx.mother] if item.case_id else [],
            )
    # Taken off one item (a shorter window: an update), then off the other: a cancellation.
    assert [(r.method, r.sequence) for r in doctor.invitations.order_by("sequence")] == [
        ("REQUEST", 0),
        ("REQUEST", 1),
        ("CANCEL", 2),
    ]
    message = _mails_to("arts@test.example")[-1]
    assert message.subject.startswith("Geannuleerd: knooppuntoverleg")
    calendar = _calendar(message)
    assert calendar["METHOD"] == "CANCEL"
    assert calendar.events[0]["STATUS"] == "CANCELLED"
    assert str(calendar.events[0]["UID"]) == f"{doctor.uuid}@knooppunt"
    assert calendar.events[0]["SEQUENCE"] == 2
    # The partner's and the mother's windows did not change: nothing new for them.
    assert len(_mails_to("smw@test.example")) == 1
    assert len(_mails_to("moeder@test.example")) == 1


def test_a_shorter_window_is_an_update(invited, ctx, django_capture_on_commit_callbacks):
    case_item = invited.items.get(case=ctx.case)
    with django_capture_on_commit_callbacks(execute=True):
        services.item_attendees_set(
            item=case_item, set_by=ctx.ib, professionals=[], guardians=[ctx.mother]
        )
    event = _event(_mails_to("smw@test.example")[-1])
    assert event["SEQUENCE"] == 1
    assert event.DTEND.astimezone(AMSTERDAM).time() == datetime.time(9, 20)


def test_cancelling_the_meeting_cancels_everyones_invitation(
    invited, ctx, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_cancel(meeting=invited, cancelled_by=ctx.ib)
    latest = {row.attendee_id: row for row in Invitation.objects.filter(attendee__meeting=invited)}
    assert {(r.method, r.sequence) for r in latest.values() if r.sequence} == {("CANCEL", 1)}
    assert len([r for r in latest.values() if r.method == "CANCEL"]) == 3
    cancels = [m for m in mail.outbox if m.subject.startswith("Geannuleerd")]
    assert len(cancels) == 3
    assert all(_calendar(m)["METHOD"] == "CANCEL" for m in cancels)
    assert "gaat niet door" in cancels[0].body
    with pytest.raises(ValidationError):
        invitations_send(meeting=invited, sent_by=ctx.ib)


def test_changes_before_the_first_send_are_not_mailed(ctx, meeting):
    services.meeting_update(meeting=meeting, changed_by=ctx.ib, location="Aula")
    assert not Invitation.objects.filter(attendee__meeting=meeting).exists()


def test_no_pupil_name_or_case_content_in_any_message(
    invited, ctx, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_update(meeting=invited, changed_by=ctx.ib, location="Aula")
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_cancel(meeting=invited, cancelled_by=ctx.ib)
    assert len(mail.outbox) == 9  # invitation, update and cancellation for three attendees
    forbidden = (ctx.pupil.first_name, ctx.pupil.last_name, CANARY)
    for message in mail.outbox:
        ics = _calendar(message).to_ical().decode()
        for text in (message.subject, message.body, ics):
            for word in forbidden:
                assert word not in text
        assert "IKC Testvogel" in message.body
        assert "Knooppuntoverleg IKC Testvogel" in ics
        assert (
            reverse(
                "meetings:invitation_respond",
                args=[Attendee.objects.get(email=message.to[0], meeting=invited).token],
            )
            in message.body
        )


def test_a_case_without_parents_or_a_reason_is_refused(ctx, meeting):
    case_item = meeting.items.get(case=ctx.case)
    services.item_attendees_set(
        item=case_item,
        set_by=ctx.ib,
        professionals=[ctx.partner.memberships.get()],
        guardians=[],
    )
    with pytest.raises(ValidationError, match="zonder ouders is ongeldig"):
        invitations_send(meeting=meeting, sent_by=ctx.ib)
    assert not Invitation.objects.filter(attendee__meeting=meeting).exists()

    services.item_update(
        item=case_item, changed_by=ctx.ib, no_parents_reason="Ouders komen een week later."
    )
    assert len(invitations_send(meeting=meeting, sent_by=ctx.ib)) == 2


def test_delivering_the_same_row_twice_sends_one_email(invited):
    row = Invitation.objects.filter(attendee__meeting=invited).first()
    before = len(mail.outbox)
    assert deliver_invitation(row.pk) is False
    assert len(mail.outbox) == before


def test_an_outdated_invitation_still_waiting_lapses_and_only_the_newest_goes_out(ctx, meeting):
    """Broker down: the first invitation and then its update are both still queued."""
    invitations_send(meeting=meeting, sent_by=ctx.ib)
    services.meeting_update(
        meeting=meeting, changed_by=ctx.ib, date=meeting.date + datetime.timedelta(days=7)
    )
    partner = _attendee(meeting, user=ctx.partner)
    first, update = partner.invitations.order_by("sequence")
    assert deliver_invitation(first.pk) is False
    assert deliver_invitation(update.pk) is True
    first.refresh_from_db()
    assert first.state == OutboxState.LAPSED
    assert [_event(m)["SEQUENCE"] for m in _mails_to(ctx.partner.email)] == [1]


# ----- The send view -------------------------------------------------------------------------


def test_the_ib_sends_from_the_meeting_page(ctx, meeting, django_capture_on_commit_callbacks):
    url = reverse("meetings:invitations_send", args=[meeting.uuid])
    client = signed_in_client(ctx.ib)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert response.redirect_chain[0][0] == reverse("meetings:meeting_detail", args=[meeting.uuid])
    assert "Er zijn 2 uitnodigingen klaargezet" in response.content.decode()
    assert len(mail.outbox) == 2
    response = client.post(url, follow=True)
    assert "Iedereen heeft de actuele uitnodiging al" in response.content.decode()
    assert len(mail.outbox) == 2


def test_send_view_shows_the_problems_and_queues_nothing(ctx, meeting):
    services.item_attendees_set(
        item=meeting.items.get(case=ctx.case), set_by=ctx.ib, professionals=[], guardians=[]
    )
    response = signed_in_client(ctx.ib).post(
        reverse("meetings:invitations_send", args=[meeting.uuid]), follow=True
    )
    assert "zonder ouders is ongeldig" in response.content.decode()
    assert not Invitation.objects.exists()


def test_only_who_manages_the_meeting_may_send(ctx, meeting):
    url = reverse("meetings:invitations_send", args=[meeting.uuid])
    assert signed_in_client(ctx.partner).post(url).status_code == 403
    assert signed_in_client(ctx.outsider).post(url).status_code == 404
    assert not Invitation.objects.exists()


def test_only_who_manages_the_meeting_may_resend_failed_ones(invited, ctx):
    Invitation.objects.update(state=OutboxState.FAILED_FOR_GOOD, failure=Failure.REFUSED)
    url = reverse("meetings:invitations_resend", args=[invited.uuid])
    assert signed_in_client(ctx.partner).post(url).status_code == 403
    assert signed_in_client(ctx.outsider).post(url).status_code == 404
    assert set(Invitation.objects.values_list("state", flat=True)) == {OutboxState.FAILED_FOR_GOOD}


# ----- The personal link ---------------------------------------------------------------------


def _respond_url(attendee: Attendee) -> str:
    return reverse("meetings:invitation_respond", args=[attendee.token])


def test_respond_page_shows_when_and_where_but_no_pupil_or_others(invited, ctx):
    mother = _attendee(invited, guardian=ctx.mother)
    page = Client().get(_respond_url(mother)).content.decode()
    assert "IKC Testvogel" in page
    assert "Casuïstiek" in page
    assert "Teamkamer" in page
    assert "9.00–9.40 uur" not in page  # the mother is invited to the case item only
    assert "9.20–9.40 uur" in page
    assert "Accepteren" in page and "Afslaan" in page
    for word in (ctx.pupil.first_name, ctx.pupil.last_name, CANARY, ctx.partner.get_full_name()):
        assert word not in page
    assert "no-store" in Client().get(_respond_url(mother))["Cache-Control"]


def test_accept_and_decline_through_the_link(invited, ctx):
    partner = _attendee(invited, user=ctx.partner)
    client = Client(enforce_csrf_checks=True)
    client.get(_respond_url(partner))
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    response = client.post(
        _respond_url(partner), {"antwoord": "accepteren", "csrfmiddlewaretoken": token}, follow=True
    )
    assert "Dank je wel, je komt." in response.content.decode()
    partner.refresh_from_db()
    assert partner.response == Response.ACCEPTED and partner.responded_at is not None
    assert {r.name: r.state for r in invitation_rows(invited)}[partner.name] == "accepted"

    client.post(_respond_url(partner), {"antwoord": "afslaan", "csrfmiddlewaretoken": token})
    partner.refresh_from_db()
    assert partner.response == Response.DECLINED


def test_a_cancelled_meeting_says_so_and_takes_no_answer(invited, ctx):
    services.meeting_cancel(meeting=invited, cancelled_by=ctx.ib)
    partner = _attendee(invited, user=ctx.partner)
    page = Client().get(_respond_url(partner)).content.decode()
    assert "geannuleerd" in page
    assert "Accepteren" not in page
    Client().post(_respond_url(partner), {"antwoord": "accepteren"})
    partner.refresh_from_db()
    assert partner.response == Response.PENDING


def test_unknown_or_expired_link_reveals_nothing(invited, ctx):
    assert Client().get(reverse("meetings:invitation_respond", args=["x" * 43])).status_code == 404
    invited.date = timezone.localdate() - datetime.timedelta(days=1)
    invited.save(update_fields=["date"])
    partner = _attendee(invited, user=ctx.partner)
    response = Client().get(_respond_url(partner))
    assert response.status_code == 404
    assert "IKC Testvogel" not in response.content.decode()


# ----- The status overview -------------------------------------------------------------------


def test_status_rows_follow_each_attendee(
    ctx, meeting, django_assert_num_queries, django_capture_on_commit_callbacks
):
    before = {row.name: row for row in invitation_rows(meeting)}
    assert {row.state for row in before.values()} == {"not_invited", "no_email"}
    partner = _attendee(meeting, user=ctx.partner)
    assert before[partner.name].organisation == "SMW Testregio"
    assert before[ctx.mother.name].organisation == "ouder/verzorger"
    assert before[partner.name].window[0].astimezone(AMSTERDAM).time() == datetime.time(9)

    invitations_send(meeting=meeting, sent_by=ctx.ib)  # not committed: still queued
    with django_assert_num_queries(4):
        rows = {row.name: row for row in invitation_rows(meeting)}
    assert rows[partner.name].state == "queued"
    assert rows[partner.name].label == "In wachtrij"

    partner.invitations.update(state="mislukt", attempts=1)
    assert {r.name: r.state for r in invitation_rows(meeting)}[partner.name] == "failed"
    # However many attempts: a transient failure is retried, never final.
    partner.invitations.update(attempts=500)
    assert {r.name: r.label for r in invitation_rows(meeting)}[partner.name] == (
        "Vertraagd, wordt opnieuw geprobeerd"
    )
    for failure, label in [
        (Failure.ADDRESS_INVALID, "Mislukt: ongeldig e-mailadres"),
        (Failure.ADDRESS_REFUSED, "Mislukt: e-mailadres geweigerd door de mailserver"),
        (Failure.REFUSED, "Mislukt: bericht geweigerd door de mailserver"),
        (Failure.UNBUILDABLE, "Mislukt: het bericht kon niet worden gemaakt"),
    ]:
        partner.invitations.update(state=OutboxState.FAILED_FOR_GOOD, failure=failure)
        row = {r.name: r for r in invitation_rows(meeting)}[partner.name]
        assert row.failed_for_good and row.label == label


def test_an_answer_to_an_earlier_version_does_not_count(
    invited, ctx, django_capture_on_commit_callbacks
):
    from meetings.invitations import invitation_respond

    partner = _attendee(invited, user=ctx.partner)
    invitation_respond(attendee=partner, response=Response.ACCEPTED)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_update(meeting=invited, changed_by=ctx.ib, location="Aula")
    assert {r.name: r.state for r in invitation_rows(invited)}[partner.name] == "sent"


def test_status_partial_renders_without_pupil_names(invited, ctx):
    from django.template.loader import render_to_string

    html = render_to_string(
        "meetings/invitations/_status.html", {"invitation_rows": invitation_rows(invited)}
    )
    assert "Verzonden" in html
    assert ctx.pupil.first_name not in html
    assert CANARY not in html


def test_composing_an_invitation_takes_two_queries(invited, django_assert_num_queries):
    """A worker builds a thousand of these in a row (docs/benchmarks.md, "Invitations")."""
    row = Invitation.objects.filter(attendee__meeting=invited).first()
    address = row.attendee.email
    row = Invitation.objects.get(pk=row.pk)
    with django_assert_num_queries(2):
        message = compose(row)
    assert message.to == [address]


def test_a_parent_is_addressed_with_u_and_a_professional_with_je(invited, ctx):
    (to_mother,) = _mails_to("moeder@test.example")
    (to_smw,) = _mails_to("smw@test.example")
    assert "U bent uitgenodigd" in to_mother.body and "alleen voor u." in to_mother.body
    assert " je " not in to_mother.body and "jou" not in to_mother.body
    assert "Je bent uitgenodigd" in to_smw.body and "alleen voor jou." in to_smw.body
    mother_page = Client().get(_respond_url(_attendee(invited, guardian=ctx.mother)))
    assert "Uw tijd" in mother_page.content.decode()
    smw_page = Client().get(_respond_url(_attendee(invited, user=ctx.partner)))
    assert "Jouw tijd" in smw_page.content.decode()
