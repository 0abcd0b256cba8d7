"""Nothing lost, nothing twice (docs/security.md, "Nothing lost"), with real infrastructure: a
private redis-server as the broker, a Celery worker thread, and an SMTP sink on 127.0.0.1 that the
worker delivers to through Django's SMTP backend. The shared Redis is never touched.

Scenarios: a normal send; the broker down while sending (the rows commit, the sweep delivers
them once the broker is back); the SMTP server down (the row fails, the sweep delivers it); the
same row published twice (one e-mail).
"""

import time
from email import message_from_bytes, policy

import pytest
from icalendar import Calendar

from meetings import outbox
from meetings.constants import OutboxState
from meetings.invitations import invitations_send
from meetings.models import Attendee, Invitation
from meetings.tasks import deliver_invitation
from tests.conftest import CANARY
from tests.meetings.builders import planned_meeting
from tests.meetings.infra import DEADLINE
from tests.meetings.infra import wait_for as _wait_for

pytestmark = pytest.mark.django_db(transaction=True)

ADDRESSES = ["arts@test.example", "moeder@test.example", "smw@test.example"]


@pytest.fixture
def meeting(ctx):
    meeting = planned_meeting(ctx)
    Attendee.objects.filter(meeting=meeting, guardian=ctx.mother).update(
        email="moeder@test.example"
    )
    return meeting


def _rows(meeting):
    return Invitation.objects.filter(attendee__meeting=meeting)


def _all_sent(meeting) -> bool:
    return all(row.state == OutboxState.SENT for row in _rows(meeting))


def _sweep_later(clock) -> int:
    """What the periodic sweep does, as if it ran after SWEEP_AFTER (and the first back-off)
    had passed."""
    return outbox.sweep(Invitation, deliver_invitation, now=clock.advance(outbox.SWEEP_AFTER * 2))


def test_worker_delivers_one_email_per_attendee_and_marks_the_rows_sent(
    meeting, ctx, worker, smtp_sink, runs
):
    rows = invitations_send(meeting=meeting, sent_by=ctx.ib)
    assert len(rows) == 3

    _wait_for(lambda: runs.count >= 3, "three deliveries")
    assert _all_sent(meeting)
    assert smtp_sink.recipients() == ADDRESSES
    for _, raw in smtp_sink.received:
        message = message_from_bytes(raw, policy=policy.default)
        calendar_part = next(
            part for part in message.walk() if part.get_content_type() == "text/calendar"
        )
        assert calendar_part.get_param("method") == "REQUEST"
        calendar = Calendar.from_ical(calendar_part.get_content())
        assert calendar["METHOD"] == "REQUEST"
        for word in (ctx.pupil.first_name, ctx.pupil.last_name, CANARY):
            assert word not in message["Subject"]
            assert word not in message.get_body(("plain",)).get_content()
            assert word not in calendar_part.get_content()


def test_broker_down_while_sending_loses_nothing_and_sends_nothing_twice(
    meeting, ctx, broker, worker, smtp_sink, runs, clock
):
    broker.stop()
    started = time.monotonic()
    rows = invitations_send(meeting=meeting, sent_by=ctx.ib)
    # The send committed its rows and returned although the broker was unreachable.
    assert time.monotonic() - started < DEADLINE
    assert len(rows) == 3
    assert {row.state for row in _rows(meeting)} == {OutboxState.QUEUED}
    assert smtp_sink.received == []

    broker.start()
    assert _sweep_later(clock) == 3
    _wait_for(lambda: runs.count >= 3, "the swept rows to be delivered")
    assert _all_sent(meeting)
    assert smtp_sink.recipients() == ADDRESSES

    # A later sweep finds nothing left to send.
    assert _sweep_later(clock) == 0
    assert smtp_sink.recipients() == ADDRESSES


def test_smtp_down_fails_the_row_and_the_sweep_delivers_it_once(
    meeting, ctx, worker, smtp_sink, runs, clock
):
    smtp_sink.stop()
    invitations_send(meeting=meeting, sent_by=ctx.ib)
    _wait_for(lambda: runs.count >= 3, "three failed attempts")
    assert {(row.state, row.attempts) for row in _rows(meeting)} == {(OutboxState.FAILED, 1)}

    smtp_sink.start()
    assert _sweep_later(clock) == 3
    _wait_for(lambda: runs.count >= 6, "three more attempts")
    assert _all_sent(meeting)
    assert smtp_sink.recipients() == ADDRESSES


def test_the_same_row_delivered_twice_sends_one_email(meeting, ctx, worker, smtp_sink, runs):
    invitations_send(meeting=meeting, sent_by=ctx.ib)
    _wait_for(lambda: runs.count >= 3, "three deliveries")
    row = _rows(meeting).get(attendee__email="smw@test.example")

    deliver_invitation.delay(row.pk)
    deliver_invitation.delay(row.pk)
    _wait_for(lambda: runs.count >= 5, "both extra deliveries to run")
    assert smtp_sink.recipients() == ADDRESSES
    row.refresh_from_db()
    assert row.attempts == 1


def test_rows_queued_twice_after_an_outage_are_sent_once(
    meeting, ctx, broker, worker, smtp_sink, runs, clock
):
    """Two sweeps (or a sweep racing a late task) publish every row twice."""
    broker.stop()
    invitations_send(meeting=meeting, sent_by=ctx.ib)
    broker.start()
    assert _sweep_later(clock) == 3
    assert _sweep_later(clock) == 3
    _wait_for(lambda: runs.count >= 6, "six deliveries")
    assert _all_sent(meeting)
    assert smtp_sink.recipients() == ADDRESSES
