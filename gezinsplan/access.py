"""Who may see a gezinsplan (docs/domain.md, "Gezinsplan"): the case's rights plus the consent
"gezinsplan delen". The school's own staff with content rights and the regisseur see it; any
other professional with content rights only while that consent is in force. The portal
answers for parents itself, from the same case and consent facts."""

from dataclasses import dataclass
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404

from cases import audit
from cases.access import WAT, Actor, CaseAccess, case_access_for
from consent.constants import Purpose
from consent.rules import consent_facts
from gezinsplan.models import Gezinsplan


@dataclass
class PlanAccess:
    case_access: CaseAccess
    plan: Gezinsplan | None
    may_edit: bool


def plan_access_for(actor: Actor, case_uuid: UUID) -> PlanAccess:
    """The gate to a case's plan for a professional: 404 / 403 as the case gate answers,
    then 403 (logged) without the consent to share the plan."""
    access = case_access_for(actor, case_uuid, perm=WAT)
    case = access.case
    plan = Gezinsplan.objects.filter(case=case).select_related("regisseur__user").first()
    is_regisseur = plan is not None and plan.regisseur.user_id == actor.user.pk
    own_school = case.school.organisation_id in actor.organisation_ids
    shared = consent_facts(pupil=case.pupil).in_force(Purpose.GEZINSPLAN)
    if not (own_school or is_regisseur or shared):
        audit.case_access_denied(actor, case=case, what="gezinsplan geweigerd (geen toestemming)")
        raise PermissionDenied
    if plan is None and not own_school:
        raise Http404
    return PlanAccess(case_access=access, plan=plan, may_edit=is_regisseur)
