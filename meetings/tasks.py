"""Celery tasks of the meetings app. Each takes an id or nothing, calls a service, and is safe
to run twice (see meetings/outbox.py). A delivery task never raises for a failed e-mail: the
row records the failure and the sweep retries it."""

from celery import shared_task

from meetings import invitations, outbox, reminders
from meetings.models import Invitation, Reminder


@shared_task(acks_late=True)
def deliver_invitation(pk: int) -> bool:
    return outbox.deliver(Invitation, pk, invitations.compose)


@shared_task(acks_late=True)
def deliver_reminder(pk: int) -> bool:
    return outbox.deliver(Reminder, pk, reminders.compose)


@shared_task(acks_late=True)
def sweep_outbox() -> int:
    """Every five minutes: hand over the rows that are due again, those whose task was lost
    (broker down, worker killed), those whose back-off after a transient failure has passed,
    and those left handing over by a lost worker. Returns how many reached the broker."""
    return outbox.sweep(Invitation, deliver_invitation) + outbox.sweep(Reminder, deliver_reminder)


@shared_task(acks_late=True)
def queue_reminders() -> int:
    """Hourly: queue the reminders that have come due (from 07:00 in Amsterdam, see
    meetings/reminders.py); each is queued at most once and handed over in one go."""
    with outbox.handoff():
        return reminders.reminders_queue()
