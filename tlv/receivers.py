"""How the TLV app hooks into the lower apps: who may know that a case exists because of its
request, and the rule that a knooppunt toeleiding discusses only a submitted request."""

import datetime

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from cases.access import DAT_SOURCES
from cases.signals import case_purging
from meetings.constants import MeetingType
from meetings.signals import case_adding_to_agenda
from partners.constants import Function
from tlv.access import READ_STATES, Role
from tlv.constants import TOELEIDING_STATES
from tlv.models import Dossier, ExpertAdvice
from tlv.retention import case_tlv_purge


def tlv_user_ids(case_ids: list[int], day: datetime.date) -> QuerySet:
    """(case id, user id): the board's procesbegeleider while a request awaits signature, the
    SWV's trajectbegeleiders from the submission on (so a toeleiding's chair can open the case)
    and the named experts while asked: they know the case exists (docs/domain.md, "Dat, niet
    wat"). One query, read by the derivation together with the other sources."""
    dossiers = Dossier.objects.filter(case_id__in=case_ids).order_by()
    board = "case__school__bestuur__organisation__members"
    awaiting_board = dossiers.filter(
        state__in=READ_STATES[Role.BOARD],
        **{
            f"{board}__function": Function.PROCESBEGELEIDER,
            f"{board}__is_active": True,
            f"{board}__user__is_active": True,
        },
    ).values_list("case_id", f"{board}__user_id")
    swv = "samenwerkingsverband__organisation__members"
    at_swv = dossiers.filter(
        state__in=READ_STATES[Role.SWV],
        **{
            f"{swv}__function": Function.TRAJECTBEGELEIDER,
            f"{swv}__is_active": True,
            f"{swv}__user__is_active": True,
        },
    ).values_list("case_id", f"{swv}__user_id")
    experts = (
        ExpertAdvice.objects.filter(
            dossier__case_id__in=case_ids,
            dossier__state__in=READ_STATES[Role.EXPERT],
            expert__is_active=True,
        )
        .order_by()
        .values_list("dossier__case_id", "expert_id")
    )
    return awaiting_board.union(at_swv, experts)


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
