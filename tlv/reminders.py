"""The reminder before the SWV's decision term passes (docs/domain.md, "TLV and toeleiding"):
written into the meetings app's reminder outbox (meetings/reminders.py queue_due), so it is
sent once, after the commit, and carries no content and no pupil's name -- only that a request
has a deadline, the date and a link."""

import datetime
from collections.abc import Iterator

from django.urls import reverse
from django.utils import timezone

from meetings.constants import ReminderKind
from meetings.reminders import Due, queue_due
from partners.constants import Function
from partners.models import Professional
from tlv.constants import State
from tlv.models import Dossier
from tlv.workdays import subtract_working_days

# How many working days before the deadline the trajectbegeleider is reminded.
REMIND_WORKING_DAYS = 2


def deadlines_due(today: datetime.date) -> Iterator[Due]:
    """For each request whose decision is due within REMIND_WORKING_DAYS working days (or
    overdue): its trajectbegeleider if still active there, else the SWV's trajectbegeleiders.
    The key holds the deadline, so each deadline is reminded once per recipient."""
    dossiers = (
        Dossier.objects.filter(state=State.DECISION_DUE, deadline__isnull=False)
        .select_related("samenwerkingsverband", "trajectbegeleider")
        .order_by("deadline", "pk")
    )
    members = Professional.objects.active().filter(
        function=Function.TRAJECTBEGELEIDER, user__is_active=True
    )
    for dossier in dossiers:
        if today < subtract_working_days(dossier.deadline, REMIND_WORKING_DAYS):
            continue
        swv = members.filter(organisation_id=dossier.samenwerkingsverband.organisation_id)
        holder = swv.filter(user_id=dossier.trajectbegeleider_id).first()
        recipients = [holder.user] if holder else [m.user for m in swv.select_related("user")]
        link = reverse("tlv:dossier_detail", kwargs={"dossier_uuid": dossier.uuid})
        for user in recipients:
            yield Due(
                kind=ReminderKind.TLV_DEADLINE,
                key=f"tlv:{dossier.uuid}:{dossier.deadline.isoformat()}",
                email=user.email,
                link=link,
                recipient=user,
            )


def deadline_reminders_queue(*, now: datetime.datetime | None = None) -> int:
    """Queue the deadline reminders that have come due; returns how many were new."""
    now = now or timezone.now()
    return queue_due(deadlines_due(timezone.localdate(now)), now=now)
