"""How the TLV app hooks into the lower apps: who may know that a case exists because of its
request, and the rule that a knooppunt toeleiding discusses only a submitted request."""

import datetime

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext as _

from cases.access import DAT_SOURCES
from cases.models import Case
from cases.signals import case_purging
from meetings.constants import MeetingType
from meetings.signals import case_adding_to_agenda
from partners.constants import Function
from partners.models import Professional, School, User
from tlv.access import READ_STATES, Role
from tlv.constants import TOELEIDING_STATES
from tlv.models import Dossier, ExpertAdvice
from tlv.retention import case_tlv_purge


def tlv_user_ids(case: Case, day: datetime.date) -> QuerySet:
    """The board's procesbegeleider while a request awaits signature, the SWV's
    trajectbegeleiders from the submission on (so a toeleiding's chair can open the case) and
    the named experts while asked: they know the case exists (docs/domain.md, "Dat, niet wat").
    One query, read by the derivation together with the other sources."""
    dossiers = Dossier.objects.filter(case=case).order_by()
    board = School.objects.filter(pk=case.school_id).order_by().values("bestuur__organisation_id")
    awaiting_board = dossiers.filter(state__in=READ_STATES[Role.BOARD])
    at_swv = dossiers.filter(
        state__in=READ_STATES[Role.SWV],
        samenwerkingsverband__organisation_id=OuterRef("organisation_id"),
    )
    people = (
        Professional.objects.active()
        .filter(
            Q(
                Exists(awaiting_board),
                organisation_id=Subquery(board[:1]),
                function=Function.PROCESBEGELEIDER,
            )
            | Q(Exists(at_swv), function=Function.TRAJECTBEGELEIDER)
        )
        .values_list("user_id", flat=True)
    )
    experts = ExpertAdvice.objects.filter(
        dossier__case=case, dossier__state__in=READ_STATES[Role.EXPERT], expert__is_active=True
    ).values_list("expert_id", flat=True)
    return User.objects.filter(Q(pk__in=people) | Q(pk__in=experts)).values_list("pk", flat=True)


def toeleiding_needs_a_submitted_request(sender, *, meeting, case, **kwargs) -> None:
    if meeting.type != MeetingType.TOELEIDING:
        return
    if not Dossier.objects.filter(case=case, state__in=TOELEIDING_STATES).exists():
        raise ValidationError(
            _(
                "Een knooppunt toeleiding bespreekt alleen een casus met een ingediende "
                "TLV-aanvraag. Laat de procesbegeleider de aanvraag eerst ondertekenen."
            )
        )


def purge_case(sender, *, case, **kwargs):
    return case_tlv_purge(case=case)


def register() -> None:
    case_purging.connect(purge_case, dispatch_uid="tlv_purge_case")
    if tlv_user_ids not in DAT_SOURCES:
        DAT_SOURCES.append(tlv_user_ids)
    case_adding_to_agenda.connect(
        toeleiding_needs_a_submitted_request, dispatch_uid="tlv_toeleiding_needs_a_request"
    )
