"""Celery tasks of the meetings app. Each takes an id or nothing, calls a service, and is safe
to run twice (see meetings/outbox.py)."""

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
    """Every few minutes: re-queue invitations and reminders whose task was lost."""
    return outbox.sweep(Invitation, deliver_invitation) + outbox.sweep(Reminder, deliver_reminder)


@shared_task(acks_late=True)
def queue_reminders() -> int:
    """Hourly: queue the reminders that have come due; each is queued at most once."""
    return reminders.reminders_queue()
