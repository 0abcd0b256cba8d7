import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.constants import Failure, InvitationMethod, OutboxState, ReminderKind
from meetings.models.meeting import Attendee


class OutboxRow(models.Model):
    """A message that must not be lost: committed as a row with the change that caused it,
    sent by a task that claims the row, swept up by a periodic task while still unsent
    (meetings/outbox.py; docs/security.md, "Nothing lost")."""

    # Also the Message-ID's stable part (meetings.outbox.message_id).
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    state = models.CharField(
        _("status"), max_length=20, choices=OutboxState, default=OutboxState.QUEUED
    )
    attempts = models.PositiveIntegerField(_("pogingen"), default=0)
    last_error = models.CharField(_("laatste fout"), max_length=300, blank=True)
    # Set only with state FAILED_FOR_GOOD.
    failure = models.CharField(_("reden"), max_length=20, choices=Failure, blank=True)
    queued_at = models.DateTimeField(_("klaargezet op"), auto_now_add=True)
    # Not before this moment: the back-off after a transient failure. The sweep respects it.
    next_attempt_at = models.DateTimeField(_("volgende poging"), default=timezone.now)
    # When the last attempt was committed as HANDING_OVER, just before talking to the server.
    handed_over_at = models.DateTimeField(_("overgedragen op"), null=True, blank=True)
    sent_at = models.DateTimeField(_("verzonden op"), null=True, blank=True)

    class Meta:
        abstract = True


class Invitation(OutboxRow):
    """One iCalendar message to one attendee. The attendee's UID stays the same; every update
    or cancellation carries a higher SEQUENCE."""

    attendee = models.ForeignKey(
        Attendee, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("genodigde")
    )
    method = models.CharField(_("soort"), max_length=10, choices=InvitationMethod)
    sequence = models.PositiveIntegerField(_("volgnummer"))
    starts_at = models.DateTimeField(_("van"))
    ends_at = models.DateTimeField(_("tot"))
    location = models.CharField(_("locatie"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        ordering = ["attendee", "sequence"]
        indexes = [models.Index(fields=["state", "next_attempt_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["attendee", "sequence"], name="invitation_sequence_once_per_attendee"
            )
        ]

    def __str__(self) -> str:
        return f"Uitnodiging {self.uuid}"


class Reminder(OutboxRow):
    """A reminder, sent once: `key` names what it is about (an object and a date), and the
    unique constraint turns a second attempt to queue it into a no-op."""

    kind = models.CharField(_("soort"), max_length=20, choices=ReminderKind)
    key = models.CharField(_("sleutel"), max_length=200)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ontvanger"),
    )
    email = models.EmailField(_("e-mailadres"))
    link = models.CharField(_("link"), max_length=300)

    class Meta:
        verbose_name = _("herinnering")
        verbose_name_plural = _("herinneringen")
        ordering = ["-queued_at"]
        indexes = [models.Index(fields=["state", "next_attempt_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "key", "email"], name="reminder_once_per_recipient"
            )
        ]

    def __str__(self) -> str:
        return f"Herinnering {self.uuid}"
