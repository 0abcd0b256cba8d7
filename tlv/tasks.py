"""Celery tasks of the tlv app; safe to run twice (the reminder outbox queues each once)."""

from celery import shared_task

from tlv import reminders


@shared_task(acks_late=True)
def queue_reminders() -> int:
    """Hourly: remind the trajectbegeleider before the decision term passes, and the school
    before an OPP evaluation is due."""
    return reminders.reminders_queue()
