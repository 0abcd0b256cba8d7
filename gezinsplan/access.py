"""Who may see and who may write a gezinsplan (docs/domain.md, "Gezinsplan"): the case's rights
plus the consent "gezinsplan delen". The school's own staff with content rights and the regisseur
see it; any other professional with content rights only while that consent is in force. The
regisseur and the school's IB'er (who may change the case) write it; a plan is started by the
IB'er or by whoever holds regie on the case today. The portal answers for parents itself, from
the same case and consent facts."""

from dataclasses import dataclass
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from cases import audit
from cases.access import CHANGE, WAT, Actor, CaseAccess, case_access_for
from cases.models import Regie
from cases.query import active_on
from consent.constants import Purpose
from consent.rules import consent_facts
from gezinsplan.models import Gezinsplan
from partners.models import Professional


@dataclass
class PlanAccess:
    case_access: CaseAccess
    plan: Gezinsplan | None
    may_edit: bool
    may_start: bool


def regisseurs_of(case) -> list[Professional]:
    """The professionals holding regie on the case today: who may become the plan's
    regisseur."""
    rows = (
        Regie.objects.filter(active_on(timezone.localdate()), case=case, professional__isnull=False)
        .select_related("professional__user", "professional__organisation")
        .order_by("-start", "-pk")
    )
    return list(dict.fromkeys(r.professional for r in rows))


def plan_access_for(actor: Actor, case_uuid: UUID) -> PlanAccess:
    """The gate to a case's plan for a professional: 404 / 403 as the case gate answers,
    then 403 (logged) without the consent to share the plan."""
    access = case_access_for(actor, case_uuid, perm=WAT)
    case = access.case
    plan = Gezinsplan.objects.filter(case=case).select_related("regisseur__user").first()
    is_regisseur = plan is not None and plan.regisseur.user_id == actor.user.pk
    own_school = case.school.organisation_id in actor.organisation_ids
    holds_regie = plan is None and any(p.user_id == actor.user.pk for p in regisseurs_of(case))
    shared = consent_facts(pupil=case.pupil).in_force(Purpose.GEZINSPLAN)
    if not (own_school or is_regisseur or holds_regie or shared):
        audit.case_access_denied(actor, case=case, what="gezinsplan geweigerd (geen toestemming)")
        raise PermissionDenied
    if plan is None and not (own_school or holds_regie):
        raise Http404
    may_write = access.allows(CHANGE)
    return PlanAccess(
        case_access=access,
        plan=plan,
        may_edit=plan is not None and (is_regisseur or may_write),
        may_start=plan is None and (holds_regie or may_write),
    )


def plan_write_access_for(actor: Actor, case_uuid: UUID) -> PlanAccess:
    """The gate to changing a plan: 404 without a plan, 403 (logged) for a reader."""
    access = plan_access_for(actor, case_uuid)
    if access.plan is None:
        raise Http404
    if not access.may_edit:
        audit.case_access_denied(
            actor, case=access.case_access.case, what="gezinsplan wijzigen geweigerd"
        )
        raise PermissionDenied
    return access


def plan_start_access_for(actor: Actor, case_uuid: UUID) -> PlanAccess:
    """The gate to starting a plan: 403 (logged) unless the actor may start one."""
    access = plan_access_for(actor, case_uuid)
    if access.plan is None and not access.may_start:
        audit.case_access_denied(
            actor, case=access.case_access.case, what="gezinsplan starten geweigerd"
        )
        raise PermissionDenied
    return access
