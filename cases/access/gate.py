"""The one gate to a case: who asks (an `Actor`), what they may do (a `CaseAccess`).

Views, PDF exports, tasks and later the portal ask the same question through
`case_access_for`; views use `get_case_for_user`, which builds the actor from the request.
Refusals are logged by `cases.audit`.
"""

from dataclasses import dataclass, field
from functools import cached_property
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils import timezone

from cases import audit
from cases.access.codenames import DAT, codename_of
from cases.models import Case, CaseUserObjectPermission
from cases.query import active_on
from consent.rules import consent_facts
from knooppunt.client_ip import client_ip
from partners.models import Professional


@dataclass(frozen=True)
class Actor:
    """Who acts: the user, the memberships they may act under, and from where."""

    user: object
    ip: str | None = None
    on_behalf_of: str = ""
    memberships: tuple[Professional, ...] = field(default=(), compare=False)

    @classmethod
    def of(cls, user, *, ip: str | None = None, on_behalf_of: str = "") -> "Actor":
        memberships: tuple[Professional, ...] = ()
        if user.is_authenticated and user.is_active:
            memberships = tuple(
                Professional.objects.active()
                .filter(user=user)
                .select_related("organisation")
                .order_by("pk")
            )
        return cls(user=user, ip=ip, on_behalf_of=on_behalf_of, memberships=memberships)

    @property
    def organisation_ids(self) -> set[int]:
        return {m.organisation_id for m in self.memberships}

    def membership_for(self, case: Case | None) -> Professional | None:
        """The membership the actor acts under for this case: at the case's school, else one
        involved in it, else the first."""
        if not self.memberships:
            return None
        if case is not None:
            for membership in self.memberships:
                if membership.organisation_id == case.school.organisation_id:
                    return membership
            involved = set(
                case.involvements.filter(active_on(timezone.localdate())).values_list(
                    "organisation_id", flat=True
                )
            )
            for membership in self.memberships:
                if membership.organisation_id in involved:
                    return membership
        return self.memberships[0]


def actor_for(request: HttpRequest) -> Actor:
    """The actor behind a request (memoised on it)."""
    if not hasattr(request, "_knooppunt_actor"):
        request._knooppunt_actor = Actor.of(request.user, ip=client_ip(request))
    return request._knooppunt_actor


@dataclass
class CaseAccess:
    """What one actor may do with one case, and on what ground (for the access log)."""

    case: Case
    actor: Actor
    granted: frozenset[str]

    def allows(self, codename: str) -> bool:
        return codename in self.granted

    @cached_property
    def membership(self) -> Professional | None:
        return self.actor.membership_for(self.case)

    @cached_property
    def content_ground(self) -> str:
        """Why this actor sees the content: the school's own staff, or the consent or legal
        basis that covers their organisation (named by its id)."""
        organisations = self.actor.organisation_ids
        if self.case.school.organisation_id in organisations:
            return "school"
        grounds = consent_facts(pupil=self.case.pupil).content_grounds
        for organisation_id in sorted(organisations & set(grounds)):
            return grounds[organisation_id]
        return ""


def codenames_on(user, case_ids) -> dict[int, set[str]]:
    """case id -> the user's codenames on it, in one query (for lists and agendas)."""
    granted: dict[int, set[str]] = {case_id: set() for case_id in case_ids}
    if user.is_authenticated and user.is_active and granted:
        rows = CaseUserObjectPermission.objects.filter(
            user=user, content_object_id__in=granted
        ).values_list("content_object_id", "permission_id")
        for case_id, permission_id in rows:
            granted[case_id].add(codename_of(permission_id))
    return granted


def case_access_for(actor: Actor, case_uuid: UUID, *, perm: str = DAT) -> CaseAccess:
    """The gate: Http404 to whoever may not know the case exists, PermissionDenied to whoever
    may know it but not do this; both refusals are logged."""
    user = actor.user
    case = (
        Case.objects.with_user_permission(user, DAT)
        .select_related("pupil", "school__organisation")
        .filter(uuid=case_uuid)
        .first()
    )
    if case is None:
        refused = Case.objects.filter(uuid=case_uuid).select_related("pupil", "school").first()
        if refused is not None:
            audit.case_access_denied(actor, case=refused, what=f"geen toegang ({perm})")
        raise Http404
    access = CaseAccess(
        case=case, actor=actor, granted=frozenset(codenames_on(user, [case.pk])[case.pk])
    )
    if not access.allows(perm):
        audit.case_access_denied(actor, case=case, what=f"geweigerd ({perm})")
        raise PermissionDenied
    return access


def get_case_for_user(request: HttpRequest, case_uuid: UUID, *, perm: str = DAT) -> Case:
    """For views: the gate with the request's actor. The case carries `access` and `granted`
    (the codenames, for templates)."""
    access = case_access_for(actor_for(request), case_uuid, perm=perm)
    case = access.case
    case.access = access
    case.granted = access.granted
    return case


def case_permissions_for(user, case: Case) -> set[str]:
    """The codenames the user holds on this case (one query)."""
    return codenames_on(user, [case.pk])[case.pk]
