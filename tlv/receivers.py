"""How the TLV app hooks into the lower apps: who may know that a case exists because of its
request, and the rule that a knooppunt toeleiding discusses only a submitted request."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cases.access import DAT_SOURCES
from cases.models import Case
from meetings.constants import MeetingType
from meetings.signals import case_adding_to_agenda
from partners.constants import Function
from partners.models import Professional
from tlv.access import READ_STATES, Role
from tlv.constants import TOELEIDING_STATES
from tlv.models import Dossier, ExpertAdvice


def tlv_user_ids(case: Case, day: datetime.date) -> list[int]:
    """The board's procesbegeleider while a request awaits signature, the SWV's
    trajectbegeleiders from the submission on (so a toeleiding's chair can open the case) and
    the named experts while asked: they know the case exists (docs/domain.md, "Dat, niet wat")."""
    dossiers = list(
        Dossier.objects.filter(case=case).values_list(
            "state", "samenwerkingsverband__organisation_id"
        )
    )
    users: set[int] = set()
    if not dossiers:
        return []
    members = Professional.objects.active()
    for state, swv_org in dossiers:
        if state in READ_STATES[Role.BOARD]:
            users |= set(
                members.filter(
                    organisation_id=case.school.bestuur.organisation_id,
                    function=Function.PROCESBEGELEIDER,
                ).values_list("user_id", flat=True)
            )
        if state in READ_STATES[Role.SWV]:
            users |= set(
                members.filter(
                    organisation_id=swv_org, function=Function.TRAJECTBEGELEIDER
                ).values_list("user_id", flat=True)
            )
    users |= set(
        ExpertAdvice.objects.filter(
            dossier__case=case, dossier__state__in=READ_STATES[Role.EXPERT], expert__is_active=True
        ).values_list("expert_id", flat=True)
    )
    return sorted(users)


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


def register() -> None:
    if tlv_user_ids not in DAT_SOURCES:
        DAT_SOURCES.append(tlv_user_ids)
    case_adding_to_agenda.connect(
        toeleiding_needs_a_submitted_request, dispatch_uid="tlv_toeleiding_needs_a_request"
    )
