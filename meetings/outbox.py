"""Delivery of outbox rows (invitations, reminders) so that nothing is lost or sent twice.

A row is committed with the change that caused it. After the commit, `enqueue` hands its id to
Celery; when the broker is down that fails quietly and the row simply waits for `sweep`. The
task claims the row with SELECT ... FOR UPDATE, sends only while it is unsent, and marks it sent
in the same transaction, so a task that runs twice sends one e-mail.
"""

import datetime
import logging
from collections.abc import Callable

from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from meetings.constants import OutboxState

logger = logging.getLogger(__name__)

# A row still queued after this long has lost its task (broker down, worker killed).
SWEEP_AFTER = datetime.timedelta(minutes=5)
# Attempts after which a row stays failed and is shown as such, without further retries.
MAX_ATTEMPTS = 10


def enqueue(task, row) -> None:
    """Ask Celery to deliver `row` once the current transaction commits."""
    transaction.on_commit(lambda: publish(task, row.pk))


def publish(task, pk: int) -> None:
    try:
        task.delay(pk)
    except Exception as error:  # the broker is unreachable: the sweep picks the row up later
        logger.warning("outbox: could not queue %s %s: %s", task.name, pk, type(error).__name__)


def deliver(model, pk: int, compose: Callable[..., EmailMessage | None]) -> bool:
    """Send one row if it is still unsent; True when this call sent it. When `compose` returns
    None the message has lapsed (a reminder for a meeting since cancelled) and is not sent."""
    with transaction.atomic():
        row = model.objects.select_for_update().filter(pk=pk).first()
        if row is None or row.state in (OutboxState.SENT, OutboxState.LAPSED):
            return False
        row.attempts += 1
        try:
            message = compose(row)
            if message is None:
                row.state = OutboxState.LAPSED
                row.save(update_fields=["state", "attempts"])
                return False
            message.send()
        except Exception as error:
            row.state = OutboxState.FAILED
            row.last_error = type(error).__name__
            row.save(update_fields=["state", "attempts", "last_error"])
            logger.warning("outbox: %s %s failed: %s", model.__name__, row.uuid, row.last_error)
            return False
        row.state = OutboxState.SENT
        row.sent_at = timezone.now()
        row.last_error = ""
        row.save(update_fields=["state", "attempts", "last_error", "sent_at"])
        return True


def sweep(model, task, *, now: datetime.datetime | None = None) -> int:
    """Re-queue rows still unsent after SWEEP_AFTER; returns how many."""
    cutoff = (now or timezone.now()) - SWEEP_AFTER
    pending = model.objects.filter(
        state__in=[OutboxState.QUEUED, OutboxState.FAILED],
        queued_at__lte=cutoff,
        attempts__lt=MAX_ATTEMPTS,
    ).values_list("pk", flat=True)
    count = 0
    for pk in pending:
        publish(task, pk)
        count += 1
    return count
