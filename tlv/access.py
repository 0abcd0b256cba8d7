"""Who may read and do what with a TLV dossier (docs/domain.md, "Dat, niet wat" and "TLV and
toeleiding"). Access is derived from the case's rights and the dossier's state, never stored:

- the school: its IB'er with the case's content ("wat", from cases.access), in every state;
- the board: its procesbegeleider, while the request waits for their signature;
- the SWV: its trajectbegeleider, from the submission on;
- the experts named on the request, while their advice is asked and until the decision;
- the OPP after a granted decision: the school (IB'er with the case's content) and, where the
  decision gives the regie to the school and the care regisseur together, the professional
  holding casusregie on the case with its content (opp_access_for).

Whoever holds none of these roles gets 404 (they may not know the request exists); whoever holds
one but not in this state gets 403. Both refusals are logged.
"""

from dataclasses import dataclass
from enum import StrEnum
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from cases import audit
from cases.access import WAT, Actor, actor_for, codenames_on
from cases.constants import RegieKind
from cases.models import Case, Regie
from cases.query import active_on
from partners.constants import Function
from tlv.constants import AT_SWV, OppRegie, State
from tlv.models import Dossier, Opp


class Role(StrEnum):
    SCHOOL = "school"
    BOARD = "bestuur"
    SWV = "swv"
    EXPERT = "deskundige"
    CARE = "zorgregisseur"  # the OPP only


ROLE_LABELS = {
    Role.SCHOOL: "TLV: intern begeleider school",
    Role.BOARD: "TLV: procesbegeleider bestuur",
    Role.SWV: "TLV: trajectbegeleider samenwerkingsverband",
    Role.EXPERT: "TLV: deskundige",
    Role.CARE: "OPP: zorgregisseur met regie samen met de school",
}

READ_STATES: dict[Role, frozenset[str]] = {
    Role.SCHOOL: frozenset(State),
    Role.BOARD: frozenset({State.TO_SIGN}),
    Role.SWV: AT_SWV,
    Role.EXPERT: frozenset({State.ADVICE, State.DECISION_DUE}),
    Role.CARE: frozenset(),
}


def roles_of(actor: Actor, dossier: Dossier) -> frozenset[Role]:
    """The roles the actor holds towards this dossier, whatever its state."""
    roles = set()
    functions = {(m.organisation_id, m.function) for m in actor.memberships}
    school = dossier.case.school
    if (school.organisation_id, Function.IB) in functions and WAT in codenames_on(
        actor.user, [dossier.case_id]
    )[dossier.case_id]:
        roles.add(Role.SCHOOL)
    if (school.bestuur.organisation_id, Function.PROCESBEGELEIDER) in functions:
        roles.add(Role.BOARD)
    if (dossier.samenwerkingsverband.organisation_id, Function.TRAJECTBEGELEIDER) in functions:
        roles.add(Role.SWV)
    if actor.user.is_authenticated and dossier.advices.filter(expert=actor.user).exists():
        roles.add(Role.EXPERT)
    return frozenset(roles)


@dataclass
class DossierAccess:
    """What one actor may do with one dossier now."""

    dossier: Dossier
    actor: Actor
    roles: frozenset[Role]

    def _in(self, role: Role, *states: str) -> bool:
        return role in self.roles and self.dossier.state in states

    @property
    def active_roles(self) -> frozenset[Role]:
        return frozenset(r for r in self.roles if self.dossier.state in READ_STATES[r])

    @property
    def reads(self) -> bool:
        return bool(self.active_roles)

    @property
    def ground(self) -> str:
        return ", ".join(sorted(ROLE_LABELS[r] for r in self.active_roles))

    @property
    def case(self) -> Case:
        return self.dossier.case

    @property
    def may_edit(self) -> bool:
        return self._in(Role.SCHOOL, State.CONCEPT)

    @property
    def may_sign(self) -> bool:
        return self._in(Role.BOARD, State.TO_SIGN)

    @property
    def may_take(self) -> bool:
        return self._in(Role.SWV, State.SUBMITTED)

    @property
    def may_return(self) -> bool:
        return self.may_sign or self._in(Role.SWV, State.SUBMITTED, State.IN_REVIEW)

    @property
    def may_name_experts(self) -> bool:
        return self._in(Role.SWV, State.IN_REVIEW, State.ADVICE)

    @property
    def may_confirm_advice(self) -> bool:
        return self._in(Role.SWV, State.ADVICE)

    @property
    def may_decide(self) -> bool:
        return self._in(Role.SWV, State.DECISION_DUE)

    @property
    def may_advise(self) -> bool:
        return self._in(Role.EXPERT, State.ADVICE)

    @property
    def may_print_letter(self) -> bool:
        return self._in(Role.SCHOOL, State.DECIDED) or self._in(Role.SWV, State.DECIDED)


def dossier_access_for(actor: Actor, dossier_uuid: UUID) -> DossierAccess:
    """The gate: Http404 to whoever holds no role on the request, PermissionDenied to whoever
    holds one but not in this state; both logged."""
    dossier = (
        Dossier.objects.select_related(
            "case__pupil",
            "case__school__organisation",
            "case__school__bestuur",
            "samenwerkingsverband__organisation",
        )
        .filter(uuid=dossier_uuid)
        .first()
    )
    if dossier is None:
        audit.access_denied(actor, what=f"TLV-aanvraag {dossier_uuid}: bestaat niet")
        raise Http404
    access = DossierAccess(dossier=dossier, actor=actor, roles=roles_of(actor, dossier))
    if not access.roles:
        audit.case_access_denied(actor, case=dossier.case, what="TLV-aanvraag: geen toegang")
        raise Http404
    if not access.reads:
        audit.case_access_denied(
            actor, case=dossier.case, what=f"TLV-aanvraag: geweigerd in stand {dossier.state}"
        )
        raise PermissionDenied
    return access


def get_dossier_for_user(request: HttpRequest, dossier_uuid: UUID) -> DossierAccess:
    """For views: the gate with the request's actor."""
    return dossier_access_for(actor_for(request), dossier_uuid)


def dossiers_visible_to(actor: Actor) -> QuerySet[Dossier]:
    """The requests this actor may read now, by the same rules as the gate."""
    user = actor.user
    if not user.is_authenticated or not user.is_active or not actor.memberships:
        return Dossier.objects.none()
    ib_orgs = [m.organisation_id for m in actor.memberships if m.function == Function.IB]
    board_orgs = [
        m.organisation_id for m in actor.memberships if m.function == Function.PROCESBEGELEIDER
    ]
    swv_orgs = [
        m.organisation_id for m in actor.memberships if m.function == Function.TRAJECTBEGELEIDER
    ]
    school = Q(
        case__school__organisation_id__in=ib_orgs,
        case__in=Case.objects.with_user_permission(user, WAT),
    )
    board = Q(case__school__bestuur__organisation_id__in=board_orgs, state=State.TO_SIGN)
    swv = Q(samenwerkingsverband__organisation_id__in=swv_orgs, state__in=AT_SWV)
    expert = Q(advices__expert=user, state__in=READ_STATES[Role.EXPERT])
    ids = Dossier.objects.filter(school | board | swv | expert).values("pk")
    return Dossier.objects.filter(pk__in=ids)


def _holds_casusregie(actor: Actor, case: Case) -> bool:
    today = timezone.localdate()
    return (
        actor.user.is_authenticated
        and Regie.objects.filter(
            active_on(today),
            case=case,
            kind=RegieKind.CASUS,
            professional__user=actor.user,
            professional__is_active=True,
        ).exists()
    )


@dataclass
class OppAccess:
    """Who keeps the OPP: edits it and records its evaluations (docs/domain.md, "The OPP after
    the decision")."""

    opp: Opp
    actor: Actor
    roles: frozenset[Role]

    @property
    def dossier(self) -> Dossier:
        return self.opp.dossier

    @property
    def case(self) -> Case:
        return self.opp.dossier.case

    @property
    def ground(self) -> str:
        return ", ".join(sorted(ROLE_LABELS[r] for r in self.roles))


def opp_roles(actor: Actor, dossier: Dossier) -> frozenset[Role]:
    """The school always; the care regisseur where the decision gives the regie to the school
    and the care regisseur together. Both need the case's content."""
    if WAT not in codenames_on(actor.user, [dossier.case_id])[dossier.case_id]:
        return frozenset()
    roles = set()
    if Role.SCHOOL in roles_of(actor, dossier):
        roles.add(Role.SCHOOL)
    regie = getattr(getattr(dossier, "decision", None), "opp_regie", "")
    if regie == OppRegie.SCHOOL_AND_CARE and _holds_casusregie(actor, dossier.case):
        roles.add(Role.CARE)
    return frozenset(roles)


def opp_access_for(actor: Actor, dossier_uuid: UUID) -> OppAccess:
    """The OPP's gate: Http404 to whoever may not know the request or there is no OPP (no
    granted decision yet); PermissionDenied to whoever reads the request but does not keep the
    OPP (the trajectbegeleider, an expert); both logged."""
    opp = (
        Opp.objects.select_related(
            "dossier__decision",
            "dossier__case__pupil",
            "dossier__case__school__organisation",
            "dossier__case__school__bestuur",
            "dossier__samenwerkingsverband__organisation",
        )
        .filter(dossier__uuid=dossier_uuid, dossier__state=State.DECIDED)
        .first()
    )
    if opp is None:
        audit.access_denied(actor, what=f"OPP bij TLV-aanvraag {dossier_uuid}: bestaat niet")
        raise Http404
    roles = opp_roles(actor, opp.dossier)
    if not roles:
        audit.case_access_denied(actor, case=opp.dossier.case, what="OPP: geen toegang")
        if roles_of(actor, opp.dossier):
            raise PermissionDenied
        raise Http404
    return OppAccess(opp=opp, actor=actor, roles=roles)


def get_opp_for_user(request: HttpRequest, dossier_uuid: UUID) -> OppAccess:
    """For views: the OPP's gate with the request's actor."""
    return opp_access_for(actor_for(request), dossier_uuid)


def opps_kept_by(actor: Actor) -> QuerySet[Opp]:
    """The OPPs this actor keeps, by the same rules as opp_roles."""
    user = actor.user
    if not user.is_authenticated or not user.is_active or not actor.memberships:
        return Opp.objects.none()
    ib_orgs = [m.organisation_id for m in actor.memberships if m.function == Function.IB]
    casusregie = Regie.objects.filter(
        active_on(timezone.localdate()),
        kind=RegieKind.CASUS,
        professional__user=user,
        professional__is_active=True,
    ).values("case_id")
    school = Q(dossier__case__school__organisation_id__in=ib_orgs)
    care = Q(dossier__decision__opp_regie=OppRegie.SCHOOL_AND_CARE, dossier__case_id__in=casusregie)
    return Opp.objects.filter(
        school | care,
        dossier__state=State.DECIDED,
        dossier__case__in=Case.objects.with_user_permission(user, WAT),
    )
