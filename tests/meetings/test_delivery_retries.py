"""Lost for good, never again (docs/security.md, "Nothing lost"): a mail server that answers 4xx
for as long as an hour delays invitations and never ends them; only permanent errors (5xx for a
recipient or a message, an invalid address, a message that cannot be built) fail for good, are
shown as what they are on the meeting page, and can be sent again from there.

A real Redis, a Celery worker thread and an SMTP sink (tests/meetings/infra.py); the outbox's
clock is moved instead of waiting for the back-off.
"""

import datetime
import smtplib

import pytest
from django.urls import reverse

from meetings import outbox
from meetings.constants import Failure, OutboxState
from meetings.invitations import invitation_rows, invitations_send
from meetings.models import Attendee, Invitation
from meetings.tasks import deliver_invitation
from tests.conftest import signed_in_client
from tests.meetings.builders import planned_meeting
from tests.meetings.infra import wait_for

pytestmark = pytest.mark.django_db(transaction=True)

ADDRESSES = ["arts@test.example", "moeder@test.example", "smw@test.example"]
TRY_LATER = "451 4.3.0 Tijdelijk niet beschikbaar, probeer het later opnieuw"


@pytest.fixture
def meeting(ctx):
    meeting = planned_meeting(ctx)
    Attendee.objects.filter(meeting=meeting, guardian=ctx.mother).update(
        email="moeder@test.example"
    )
    return meeting


def _rows(meeting):
    return Invitation.objects.filter(attendee__meeting=meeting).order_by("attendee__email")


def _sweep(clock) -> int:
    return outbox.sweep(Invitation, deliver_invitation, now=clock())


def _page(client, meeting) -> str:
    response = client.get(reverse("meetings:meeting_detail", args=[meeting.uuid]))
    assert response.status_code == 200
    return response.content.decode()


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_a_long_4xx_outage_retries_past_ten_attempts_and_then_delivers_once(
    meeting, ctx, worker, smtp_sink, runs, clock
):
    smtp_sink.data_reply = TRY_LATER
    invitations_send(meeting=meeting, sent_by=ctx.ib)
    wait_for(lambda: runs.count >= 3, "the first three attempts")

    # Twelve attempts over six hours (the old code gave up after ten).
    snapshots = []
    for attempt in range(1, 13):
        snapshots.append(list(_rows(meeting).values()))
        assert {(row["state"], row["attempts"]) for row in snapshots[-1]} == {
            (OutboxState.FAILED, attempt)
        }
        clock.advance(datetime.timedelta(minutes=31))
        if attempt < 12:
            assert _sweep(clock) == 3
            wait_for(lambda n=attempt: runs.count >= 3 * (n + 1), f"attempt {attempt + 1}")
    # Meanwhile the meeting page says delayed, not failed for good, and sending again queues
    # nothing new.
    assert {row.label for row in invitation_rows(meeting)} == {
        "Vertraagd, wordt opnieuw geprobeerd"
    }
    response = signed_in_client(ctx.ib).post(
        reverse("meetings:invitations_send", args=[meeting.uuid]), follow=True
    )
    assert _messages(response) == [
        "Alle uitnodigingen staan klaar; 3 wachten nog op de mailserver en gaan vanzelf de "
        "deur uit."
    ]
    assert Invitation.objects.filter(attendee__meeting=meeting).count() == 3

    smtp_sink.data_reply = None
    assert _sweep(clock) == 3
    wait_for(lambda: smtp_sink.recipients() == ADDRESSES, "the deliveries after the outage")
    wait_for(lambda: all(r.state == OutboxState.SENT for r in _rows(meeting)), "rows sent")
    clock.advance(datetime.timedelta(hours=1))
    assert _sweep(clock) == 0
    assert smtp_sink.recipients() == ADDRESSES

    # The back-off doubled from a minute and stayed at half an hour.
    for attempt, rows in enumerate(snapshots, start=1):
        expected = min(datetime.timedelta(minutes=2 ** (attempt - 1)), outbox.BACKOFF_CAP)
        for row in rows:
            waited = row["next_attempt_at"] - row["handed_over_at"]
            assert expected <= waited < expected + datetime.timedelta(seconds=5)
            assert row["last_error"] == "SMTPDataError 451"
    # Every attempt of a row carried the same Message-ID, made from the row.
    for row in _rows(meeting):
        offered = smtp_sink.offered_ids(row.attendee.email)
        assert len(offered) == 13
        assert set(offered) == {f"<invitation-{row.uuid}@knooppunt.example>"}


def test_permanent_errors_fail_for_good_are_shown_as_such_and_can_be_sent_again(
    meeting, ctx, worker, smtp_sink, runs, clock
):
    smtp_sink.rcpt_replies["arts@test.example"] = "550 5.1.1 Onbekende ontvanger"
    smtp_sink.data_replies["smw@test.example"] = "554 5.7.1 Bericht geweigerd"
    Attendee.objects.filter(meeting=meeting, guardian=ctx.mother).update(
        email="moeder@@test.example"
    )
    client = signed_in_client(ctx.ib)

    response = client.post(reverse("meetings:invitations_send", args=[meeting.uuid]), follow=True)
    assert "Er zijn 3 uitnodigingen klaargezet." in _messages(response)
    wait_for(lambda: runs.count >= 3, "three attempts")
    rows = {row.attendee.email: row for row in _rows(meeting)}
    assert {email: (row.state, row.failure) for email, row in rows.items()} == {
        "arts@test.example": (OutboxState.FAILED_FOR_GOOD, Failure.ADDRESS_REFUSED),
        "moeder@@test.example": (OutboxState.FAILED_FOR_GOOD, Failure.ADDRESS_INVALID),
        "smw@test.example": (OutboxState.FAILED_FOR_GOOD, Failure.REFUSED),
    }
    assert smtp_sink.received == []
    # No retry for a permanent error, however long one waits.
    clock.advance(datetime.timedelta(days=1))
    assert _sweep(clock) == 0

    page = _page(client, meeting)
    assert "Mislukt: e-mailadres geweigerd door de mailserver" in page
    assert "Mislukt: ongeldig e-mailadres" in page
    assert "Mislukt: bericht geweigerd door de mailserver" in page
    assert "Mislukte uitnodigingen opnieuw versturen" in page

    # "Versturen" no longer claims everyone has the current invitation.
    response = client.post(reverse("meetings:invitations_send", args=[meeting.uuid]), follow=True)
    shown = _messages(response)
    assert "Iedereen heeft de actuele uitnodiging al." not in shown
    assert any("Bij 3 genodigden is het versturen definitief mislukt" in m for m in shown)

    # The address is corrected and the server accepts again: resending requeues them.
    Attendee.objects.filter(meeting=meeting, guardian=ctx.mother).update(
        email="moeder@test.example"
    )
    smtp_sink.rcpt_replies.clear()
    smtp_sink.data_replies.clear()
    response = client.post(reverse("meetings:invitations_resend", args=[meeting.uuid]), follow=True)
    assert "3 mislukte uitnodigingen zijn opnieuw klaargezet." in _messages(response)
    wait_for(lambda: smtp_sink.recipients() == ADDRESSES, "the resent invitations")
    wait_for(lambda: all(r.state == OutboxState.SENT for r in _rows(meeting)), "rows sent")
    # The same rows, so the same Message-ID as the refused attempt.
    smw = rows["smw@test.example"]
    assert (
        smtp_sink.offered_ids("smw@test.example")
        == [f"<invitation-{smw.uuid}@knooppunt.example>"] * 2
    )
    assert Invitation.objects.filter(attendee__meeting=meeting).count() == 3
    assert "Mislukte uitnodigingen opnieuw versturen" not in _page(client, meeting)


@pytest.mark.parametrize(
    ("error", "failure"),
    [
        (smtplib.SMTPRecipientsRefused({"a@b.example": (450, b"mailbox busy")}), None),
        (
            smtplib.SMTPRecipientsRefused({"a@b.example": (550, b"no such user")}),
            Failure.ADDRESS_REFUSED,
        ),
        (smtplib.SMTPDataError(451, b"try later"), None),
        (smtplib.SMTPDataError(552, b"too big"), Failure.REFUSED),
        (smtplib.SMTPServerDisconnected("gone"), None),
        (smtplib.SMTPConnectError(554, b"no service"), None),
        (smtplib.SMTPAuthenticationError(535, b"bad password"), None),
        (smtplib.SMTPSenderRefused(553, b"sender", "noreply@knooppunt.example"), None),
        (ConnectionRefusedError(), None),
        (TimeoutError(), None),
        (ValueError("Invalid address"), Failure.UNBUILDABLE),
    ],
)
def test_which_errors_are_permanent(error, failure):
    assert outbox.classify(error) == failure


def test_backoff_doubles_from_a_minute_and_stays_at_half_an_hour():
    minutes = [outbox.backoff(n) / datetime.timedelta(minutes=1) for n in range(1, 10)]
    assert minutes == [1, 2, 4, 8, 16, 30, 30, 30, 30]
    assert outbox.backoff(10_000) == datetime.timedelta(minutes=30)
