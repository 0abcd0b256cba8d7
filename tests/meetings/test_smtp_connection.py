"""A worker keeps its SMTP conversation open between deliveries (meetings/outbox.py): a new
connection per message made 1,000 invitations take 88 s (docs/benchmarks.md). A conversation
idle too long is not trusted, and one that failed is not used again."""

import pytest

from meetings import outbox
from meetings.constants import OutboxState
from meetings.invitations import invitations_send
from meetings.models import Attendee, Invitation
from tests.meetings.builders import planned_meeting
from tests.meetings.infra import wait_for

pytestmark = pytest.mark.django_db(transaction=True)

TRY_LATER = "451 4.3.0 Tijdelijk niet beschikbaar, probeer het later opnieuw"


@pytest.fixture
def meeting(ctx):
    meeting = planned_meeting(ctx)
    Attendee.objects.filter(meeting=meeting, guardian=ctx.mother).update(
        email="moeder@test.example"
    )
    return meeting


def _all_settled(meeting) -> bool:
    states = set(
        Invitation.objects.filter(attendee__meeting=meeting).values_list("state", flat=True)
    )
    return bool(states) and not states & set(outbox.PENDING) - {OutboxState.FAILED}


def test_one_worker_sends_a_meetings_invitations_over_one_conversation(
    meeting, ctx, worker, smtp_sink
):
    invitations_send(meeting=meeting, sent_by=ctx.ib)
    wait_for(lambda: len(smtp_sink.recipients()) == 3, "three invitations delivered")
    assert smtp_sink.conversations == 1


def test_an_idle_conversation_is_replaced(meeting, ctx, worker, smtp_sink, monkeypatch):
    monkeypatch.setattr(outbox, "SMTP_IDLE", -1.0)
    invitations_send(meeting=meeting, sent_by=ctx.ib)
    wait_for(lambda: len(smtp_sink.recipients()) == 3, "three invitations delivered")
    assert smtp_sink.conversations == 3


def test_a_conversation_that_failed_is_not_used_again(meeting, ctx, worker, smtp_sink):
    smtp_sink.data_reply = TRY_LATER
    invitations_send(meeting=meeting, sent_by=ctx.ib)
    wait_for(lambda: _all_settled(meeting), "three attempts")
    assert set(
        Invitation.objects.filter(attendee__meeting=meeting).values_list("state", flat=True)
    ) == {OutboxState.FAILED}
    assert smtp_sink.conversations == 3
