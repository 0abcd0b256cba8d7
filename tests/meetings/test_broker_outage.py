"""The web request never waits on the broker (docs/security.md, "Nothing lost"): with Redis
stopped, or answering nothing at all, "Uitnodigingen versturen" for fifty invitees commits its
rows, answers at once and says that sending is delayed; the sweep delivers everything once the
broker is back, each message once.

A real private redis-server, a silent TCP server, a Celery worker thread and an SMTP sink
(tests/meetings/infra.py). The time bound is functional (an answer, not a 500 after the
server's timeout), not a benchmark.
"""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.urls import reverse

from knooppunt.celery import app as celery_app
from meetings import outbox
from meetings.constants import OutboxState
from meetings.models import Attendee, Invitation
from meetings.tasks import deliver_invitation
from meetings.views.handoff import DELAYED
from partners.constants import Function
from tests import factories
from tests.conftest import signed_in_client
from tests.meetings.builders import planned_meeting
from tests.meetings.conftest import point_celery_at
from tests.meetings.infra import DEADLINE, SilentServer, wait_for

pytestmark = pytest.mark.django_db(transaction=True)

INVITEES = 50
ANSWER_WITHIN = 5.0  # seconds


@pytest.fixture
def fifty(ctx):
    """The planned meeting with fifty invitees who have an address: the three of the builder
    and 47 more partners on the general item."""
    meeting = planned_meeting(ctx)
    Attendee.objects.filter(meeting=meeting, guardian=ctx.mother).update(
        email="moeder@test.example"
    )
    general = meeting.items.get(case__isnull=True)
    for number in range(INVITEES - 3):
        membership = factories.ProfessionalFactory(
            organisation=ctx.smw, function=Function.SMW, user__email=f"p{number:02}@test.example"
        )
        attendee = Attendee.objects.create(
            meeting=meeting,
            user=membership.user,
            organisation=ctx.smw,
            name=membership.user.get_full_name(),
            email=membership.user.email,
        )
        attendee.items.add(general)
    return meeting


def _send(client, meeting) -> tuple[float, list[str]]:
    """POST "Uitnodigingen versturen"; how long the answer took, and the messages it left."""
    started = time.monotonic()
    response = client.post(reverse("meetings:invitations_send", args=[meeting.uuid]))
    took = time.monotonic() - started
    assert response.status_code == 302
    page = client.get(response.url)
    return took, [str(message) for message in page.context["messages"]]


def _addresses(meeting) -> list[str]:
    return sorted(Attendee.objects.filter(meeting=meeting).values_list("email", flat=True))


def test_sending_to_fifty_with_redis_stopped_answers_at_once_and_the_sweep_delivers(
    fifty, ctx, broker, celery_on_broker, smtp_sink, runs, clock
):
    broker.stop()
    took, shown = _send(signed_in_client(ctx.ib), fifty)

    assert took < ANSWER_WITHIN
    assert "Er zijn 50 uitnodigingen klaargezet." in shown
    assert str(DELAYED) in shown
    rows = Invitation.objects.filter(attendee__meeting=fifty)
    assert rows.count() == INVITEES
    assert set(rows.values_list("state", flat=True)) == {OutboxState.QUEUED}
    assert smtp_sink.received == []

    broker.start()
    with start_worker(
        celery_app, pool="solo", concurrency=1, perform_ping_check=False, shutdown_timeout=DEADLINE
    ):
        clock.advance(outbox.SWEEP_AFTER * 2)
        assert outbox.sweep(Invitation, deliver_invitation, now=clock()) == INVITEES
        wait_for(lambda: runs.count >= INVITEES, "fifty deliveries", timeout=60)
    assert smtp_sink.recipients() == _addresses(fifty)
    assert set(rows.values_list("state", flat=True)) == {OutboxState.SENT}


def test_sending_with_a_broker_that_never_answers_does_not_hang(fifty, ctx, smtp_sink):
    silent = SilentServer()
    undo = point_celery_at(silent.url)
    try:
        took, shown = _send(signed_in_client(ctx.ib), fifty)
    finally:
        undo()
        silent.close()
    assert took < ANSWER_WITHIN
    assert str(DELAYED) in shown
    rows = Invitation.objects.filter(attendee__meeting=fifty)
    assert set(rows.values_list("state", flat=True)) == {OutboxState.QUEUED}
    assert rows.count() == INVITEES


def test_with_the_broker_up_nobody_is_told_of_a_delay(fifty, ctx, celery_on_broker, smtp_sink):
    _took, shown = _send(signed_in_client(ctx.ib), fifty)
    assert "Er zijn 50 uitnodigingen klaargezet." in shown
    assert str(DELAYED) not in shown
