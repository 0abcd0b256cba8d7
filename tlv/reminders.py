"""The reminder before the SWV's decision term passes (docs/domain.md, "TLV and toeleiding")
and the reminder to the school before an OPP evaluation is due ("The OPP after the decision"):
written into the meetings app's reminder outbox (meetings/reminders.py queue_due), so it is
sent once, after the commit, and carries no content and no pupil's name -- only that a request
has a deadline (or an OPP an evaluation), the date and a link."""

import datetime
from collections.abc import Iterator
from itertools import chain

from django.urls import reverse
from django.utils import timezone

from cases.constants import Status
from meetings.constants import ReminderKind
from meetings.reminders import Due, queue_due
from partners.constants import Function
from partners.models import Professional
from tlv.constants import State
from tlv.models import Dossier, Opp
from tlv.workdays import subtract_working_days

# How many working days before the deadline the trajectbegeleider is reminded.
REMIND_WORKING_DAYS = 2
# How many days before an OPP evaluation the school is reminded.
OPP_REMIND_DAYS = 14


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


def opp_evaluations_due(today: datetime.date) -> Iterator[Due]:
    """To the IB'ers of the case's school, OPP_REMIND_DAYS days before each OPP's next
    evaluation (or later, while it is not recorded). The key holds the evaluation's date, so
    each is reminded once; a recorded evaluation sets a new date and so a new reminder."""
    opps = (
        Opp.objects.filter(
            dossier__state=State.DECIDED,
            next_evaluation__lte=today + datetime.timedelta(days=OPP_REMIND_DAYS),
        )
        .exclude(dossier__case__status=Status.AFGESLOTEN)
        .select_related("dossier__case__school")
        .order_by("next_evaluation", "pk")
    )
    for opp in opps:
        link = reverse("tlv:opp_detail", kwargs={"dossier_uuid": opp.dossier.uuid})
        ibs = Professional.objects.active().filter(
            organisation_id=opp.dossier.case.school.organisation_id,
            function=Function.IB,
            user__is_active=True,
        )
        for member in ibs.select_related("user"):
            yield Due(
                kind=ReminderKind.OPP_EVALUATION,
                key=f"opp:{opp.dossier.uuid}:{opp.next_evaluation.isoformat()}",
                email=member.user.email,
                link=link,
                recipient=member.user,
            )


def reminders_queue(*, now: datetime.datetime | None = None) -> int:
    """Queue the TLV deadline and OPP evaluation reminders that have come due; returns how many
    were new."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    return queue_due(chain(deadlines_due(today), opp_evaluations_due(today)), now=now)
