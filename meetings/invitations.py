"""Invitations: one outbox row per message to one attendee, sent by a task.

Every attendee has their own calendar event covering their own agenda items (the whole meeting
while it has none). `invitations_sync` compares what each attendee should have with the last
message they were sent and adds a row (REQUEST or CANCEL, SEQUENCE + 1) only where they differ,
so sending again never produces a second copy. Rows are committed with the change that caused
them and handed to Celery after the commit (meetings/outbox.py). Nothing in an invitation names
a pupil or carries case content: date, time, school, place and a link.
"""

import datetime
from dataclasses import dataclass
from email.message import MIMEPart
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from knooppunt.timeformat import window_text
from meetings import dates, ics, outbox, rules
from meetings.constants import Failure, InvitationMethod, MeetingStatus, OutboxState, Response
from meetings.models import Attendee, Invitation, Meeting
from partners.models import User

Window = tuple[datetime.datetime, datetime.datetime]

# What the meeting page shows per attendee (invitation_rows).
STATE_LABELS = {
    "queued": gettext_lazy("In wachtrij"),
    "handing_over": gettext_lazy("Wordt verzonden"),
    "sent": gettext_lazy("Verzonden"),
    "failed": gettext_lazy("Vertraagd, wordt opnieuw geprobeerd"),
    "failed_address_invalid": gettext_lazy("Mislukt: ongeldig e-mailadres"),
    "failed_address_refused": gettext_lazy("Mislukt: e-mailadres geweigerd door de mailserver"),
    "failed_refused": gettext_lazy("Mislukt: bericht geweigerd door de mailserver"),
    "failed_unbuildable": gettext_lazy("Mislukt: het bericht kon niet worden gemaakt"),
    "accepted": gettext_lazy("Geaccepteerd"),
    "declined": gettext_lazy("Afgeslagen"),
    "cancelled": gettext_lazy("Geannuleerd"),
    "no_email": gettext_lazy("geen e-mailadres"),
    "not_invited": gettext_lazy("nog niet uitgenodigd"),
}
# A row that failed for good, by its reason (meetings.constants.Failure).
FAILED_FOR_GOOD_STATES = {
    Failure.ADDRESS_INVALID: "failed_address_invalid",
    Failure.ADDRESS_REFUSED: "failed_address_refused",
    Failure.REFUSED: "failed_refused",
    Failure.UNBUILDABLE: "failed_unbuildable",
}


# ----- What an attendee should have ----------------------------------------------------------


def _aware(date: datetime.date, time: datetime.time) -> datetime.datetime:
    """A wall-clock time on a day in Amsterdam (docs/domain.md: meetings are planned in local
    time). Forms and services refuse times that do not exist (meetings/dates.py); a time that
    occurs twice is its first occurrence, as calendar programs read it."""
    return dates.aware(date, time)


def items_window(meeting: Meeting, items, *, meeting_has_items: bool) -> Window | None:
    """Earliest start to latest end of the attendee's items on the meeting day; the whole
    meeting when it has no items; None for an attendee left without items."""
    items = list(items)
    if items:
        start, end = min(i.start_time for i in items), max(i.end_time for i in items)
    elif not meeting_has_items:
        start, end = meeting.start_time, meeting.end_time
    else:
        return None
    return _aware(meeting.date, start), _aware(meeting.date, end)


def _wanted_window(meeting: Meeting, items, *, meeting_has_items: bool) -> Window | None:
    if meeting.status == MeetingStatus.CANCELLED:
        return None
    return items_window(meeting, items, meeting_has_items=meeting_has_items)


def current_window(attendee: Attendee) -> Window | None:
    """The window this attendee is invited to now; None when their invitation is cancelled."""
    meeting = attendee.meeting
    return _wanted_window(meeting, attendee.items.all(), meeting_has_items=meeting.items.exists())


def _latest_by_attendee(meeting: Meeting) -> dict[int, Invitation]:
    latest: dict[int, Invitation] = {}
    for row in Invitation.objects.filter(attendee__meeting=meeting).order_by("sequence"):
        latest[row.attendee_id] = row
    return latest


def _snapshot(row: Invitation) -> tuple:
    return row.method, row.starts_at, row.ends_at, row.location


# ----- Services ------------------------------------------------------------------------------


@transaction.atomic
def invitations_sync(*, meeting: Meeting, include_new: bool) -> list[Invitation]:
    """Queue a REQUEST or CANCEL for every attendee whose last message no longer matches what
    they should have; with include_new=False, attendees never invited are left alone."""
    from meetings.tasks import deliver_invitation  # tasks import this module

    # Locking the attendees serialises concurrent sends for this meeting.
    attendees = list(
        Attendee.objects.select_for_update()
        .filter(meeting=meeting)
        .order_by("pk")
        .prefetch_related("items")
    )
    latest_by = _latest_by_attendee(meeting)
    meeting_has_items = meeting.items.exists()
    created = []
    for attendee in attendees:
        if not attendee.email:
            continue
        latest = latest_by.get(attendee.pk)
        window = _wanted_window(meeting, attendee.items.all(), meeting_has_items=meeting_has_items)
        if window is not None:
            if latest is None and not include_new:
                continue
            wanted = (InvitationMethod.REQUEST, *window, meeting.location)
        elif latest is not None and latest.method == InvitationMethod.REQUEST:
            # Cancel the event the attendee has in their calendar.
            wanted = (InvitationMethod.CANCEL, latest.starts_at, latest.ends_at, latest.location)
        else:
            continue
        if latest is not None and _snapshot(latest) == wanted:
            continue
        method, starts_at, ends_at, location = wanted
        row = Invitation.objects.create(
            attendee=attendee,
            method=method,
            sequence=0 if latest is None else latest.sequence + 1,
            starts_at=starts_at,
            ends_at=ends_at,
            location=location,
        )
        outbox.enqueue(deliver_invitation, row)
        created.append(row)
    return created


def sending_refusals(meeting: Meeting) -> list[str]:
    if meeting.status != MeetingStatus.PLANNED:
        return [_("Voor een gehouden of geannuleerd overleg gaan geen uitnodigingen meer uit.")]
    return rules.sending_problems(meeting)


@transaction.atomic
def invitations_send(*, meeting: Meeting, sent_by: User) -> list[Invitation]:
    """Invite everyone on the agenda who does not have the current invitation yet; refused
    while the agenda breaks the agenda rules (meetings.rules.sending_problems)."""
    problems = sending_refusals(meeting)
    if problems:
        raise ValidationError(problems)
    return invitations_sync(meeting=meeting, include_new=True)


def waiting(meeting: Meeting) -> list[Invitation]:
    """Each attendee's latest message that has not reached the mail server yet (queued, or
    retried after a transient error)."""
    return [row for row in _latest_by_attendee(meeting).values() if row.state in outbox.PENDING]


def failed_for_good(meeting: Meeting) -> list[Invitation]:
    """Each attendee's latest message, where it failed for good: what "Mislukte opnieuw
    versturen" sends again."""
    return [
        row
        for row in _latest_by_attendee(meeting).values()
        if row.state == OutboxState.FAILED_FOR_GOOD
    ]


@transaction.atomic
def invitations_resend_failed(*, meeting: Meeting, resent_by: User) -> list[Invitation]:
    """Queue once more every latest message that failed for good (after an e-mail address was
    corrected, say). Same row, same Message-ID; each goes to the address the attendee has now.
    """
    from meetings.tasks import deliver_invitation  # tasks import this module

    if meeting.date < timezone.localdate() or meeting.status == MeetingStatus.HELD:
        raise ValidationError(_("Dit overleg is al geweest; er gaat niets meer uit."))
    if meeting.status == MeetingStatus.PLANNED:
        # The same gate as sending (a cancelled meeting only has cancellations to resend).
        problems = rules.sending_problems(meeting)
        if problems:
            raise ValidationError(problems)
    # Locking the attendees serialises this with a send for the same meeting.
    list(Attendee.objects.select_for_update().filter(meeting=meeting).order_by("pk"))
    rows = outbox.requeue(
        Invitation.objects.select_for_update().filter(
            pk__in=[row.pk for row in failed_for_good(meeting)]
        )
    )
    for row in rows:
        outbox.enqueue(deliver_invitation, row)
    return rows


@transaction.atomic
def invitation_respond(*, attendee: Attendee, response: str) -> Attendee:
    """Record an answer given through the personal link (no signed-in user)."""
    if response not in (Response.ACCEPTED, Response.DECLINED):
        raise ValidationError(_("Kies accepteren of afslaan."))
    attendee = Attendee.objects.select_for_update().select_related("meeting").get(pk=attendee.pk)
    if current_window(attendee) is None:
        raise ValidationError(_("Deze uitnodiging is geannuleerd."))
    attendee.response = response
    attendee.responded_at = timezone.now()
    attendee.save(update_fields=["response", "responded_at"])
    return attendee


# ----- Reading -------------------------------------------------------------------------------


def answer_for(attendee: Attendee, latest: Invitation | None) -> str:
    """The attendee's answer to the current invitation: one given before the last update does
    not count, as it answered another time or place."""
    if latest is not None and (
        attendee.responded_at is None or attendee.responded_at < latest.queued_at
    ):
        return Response.PENDING
    return attendee.response


def _state(attendee: Attendee, latest: Invitation | None) -> str:
    if not attendee.email:
        return "no_email"
    if latest is None:
        return "not_invited"
    if latest.method == InvitationMethod.CANCEL:
        return "cancelled"
    if latest.state == OutboxState.QUEUED:
        return "queued"
    if latest.state == OutboxState.HANDING_OVER:
        return "handing_over"
    if latest.state == OutboxState.FAILED:
        return "failed"
    if latest.state == OutboxState.FAILED_FOR_GOOD:
        return FAILED_FOR_GOOD_STATES.get(latest.failure, "failed_unbuildable")
    answer = answer_for(attendee, latest)
    return {Response.ACCEPTED: "accepted", Response.DECLINED: "declined"}.get(answer, "sent")


@dataclass(frozen=True)
class InvitationRow:
    name: str
    organisation: str
    window: Window | None
    state: str

    @property
    def label(self) -> str:
        return str(STATE_LABELS[self.state])

    @property
    def failed_for_good(self) -> bool:
        return self.state in FAILED_FOR_GOOD_STATES.values()


def invitation_rows(meeting: Meeting, *, shown: set[int] | None = None) -> list[InvitationRow]:
    """Per attendee (among `shown`, those the reader may see, when given), for the meeting
    page: who, on whose behalf, when, and where their invitation stands. Four queries however
    many attendees; no pupil names."""
    attendees = Attendee.objects.filter(meeting=meeting)
    if shown is not None:
        attendees = attendees.filter(pk__in=shown)
    attendees = attendees.select_related("organisation").prefetch_related("items")
    latest_by = _latest_by_attendee(meeting)
    meeting_has_items = meeting.items.exists()
    return [
        InvitationRow(
            name=attendee.name,
            organisation=(
                attendee.organisation.name if attendee.organisation else _("ouder/verzorger")
            ),
            window=items_window(meeting, attendee.items.all(), meeting_has_items=meeting_has_items),
            state=_state(attendee, latest_by.get(attendee.pk)),
        )
        for attendee in attendees
    ]


# ----- The e-mail ----------------------------------------------------------------------------


def respond_link(attendee: Attendee) -> str:
    return settings.SITE_URL + reverse(
        "meetings:invitation_respond", kwargs={"token": attendee.token}
    )


def compose(invitation: Invitation) -> EmailMessage | None:
    """The e-mail for one row: date, time window, school, place and the personal link, with
    the .ics attached. No names, no agenda, no case content. None when a newer message for
    the same attendee exists: an outdated one still waiting (after an outage) has lapsed."""
    # Two queries per message: the attendee's messages around this one, and the attendee with
    # its meeting and school (docs/benchmarks.md, "Invitations").
    around = dict(
        Invitation.objects.filter(
            attendee_id=invitation.attendee_id, sequence__gte=invitation.sequence - 1
        ).values_list("sequence", "method")
    )
    if any(sequence > invitation.sequence for sequence in around):
        return None
    if invitation.ends_at <= invitation.starts_at:
        # A zero-length or reversed event; the forms and services refuse the times behind it.
        raise ValueError("the invitation's window is empty")
    invitation.attendee = attendee = Attendee.objects.select_related("meeting__school").get(
        pk=invitation.attendee_id
    )
    meeting = attendee.meeting
    zone = ZoneInfo(settings.TIME_ZONE)
    link = respond_link(attendee)
    cancel = invitation.method == InvitationMethod.CANCEL
    # A REQUEST that follows an earlier REQUEST changes an event the attendee already has.
    update = not cancel and around.get(invitation.sequence - 1) == InvitationMethod.REQUEST
    with translation.override(settings.LANGUAGE_CODE):
        day = date_format(invitation.starts_at.astimezone(zone).date(), "l j F Y")
        if cancel:
            subject = _("Geannuleerd: knooppuntoverleg %(day)s") % {"day": day}
        elif update:
            subject = _("Gewijzigd: knooppuntoverleg %(day)s") % {"day": day}
        else:
            subject = _("Uitnodiging knooppuntoverleg %(day)s") % {"day": day}
        body = render_to_string(
            "meetings/email/invitation_body.txt",
            {
                "cancel": cancel,
                "update": update,
                # A parent is addressed with "u", a professional with "je" (docs/domain.md).
                "formal": attendee.guardian_id is not None,
                "meeting_cancelled": meeting.status == MeetingStatus.CANCELLED,
                "day": day,
                "time_window": window_text(
                    invitation.starts_at.astimezone(zone), invitation.ends_at.astimezone(zone)
                ),
                "school": meeting.school.name,
                "location": invitation.location,
                "link": link,
            },
        )
    message = EmailMessage(subject=subject, body=body, to=[attendee.email])
    part = MIMEPart()
    part.set_content(
        ics.invitation_calendar(invitation, link=link),
        subtype="calendar",
        charset="utf-8",
        cte="quoted-printable",
        params={"method": invitation.method},
        disposition="attachment",
        filename="uitnodiging.ics",
    )
    message.attach(part)
    return message
