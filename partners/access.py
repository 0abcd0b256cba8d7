"""Who may see and edit a school's knooppunt set-up, and who may confirm a membership.

The set-up holds no pupil data: the school's own staff, the partner organisations at its table,
its samenwerkingsverband and its board may read it; the school's IB'er edits it.

A membership that gives case access counts only once a second person has confirmed it: the
school's directeur or a functional admin, never whoever asked for it and never the member.
"""

from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from partners.constants import CASE_ACCESS_FUNCTIONS, Function
from partners.models import Organisation, Professional, School, User


def active_memberships(user: User) -> QuerySet[Professional]:
    """The user's active, confirmed memberships; none for an inactive or anonymous user.

    A membership waiting for its second confirmation is not active (and the database refuses
    an active one without a confirmation); the second filter only says so explicitly.
    """
    if not user.is_authenticated or not user.is_active:
        return Professional.objects.none()
    return Professional.objects.filter(user=user, is_active=True, confirmed_at__isnull=False)


def needs_confirmation(*, organisation: Organisation, function: str) -> bool:
    """Whether a membership in this function at this organisation waits for a second person:
    a function that gives case rights by itself, or any post at a school's own organisation."""
    if function in CASE_ACCESS_FUNCTIONS:
        return True
    return School.objects.filter(organisation=organisation).exists()


def memberships_to_confirm(user: User) -> QuerySet[Professional]:
    """Pending memberships this user may confirm: a functional admin any, a directeur those at
    their own school; never one they asked for, never their own."""
    if not user.is_authenticated or not user.is_active:
        return Professional.objects.none()
    pending = Professional.objects.pending().exclude(user=user).exclude(requested_by=user)
    if user.is_staff:
        return pending
    directeur_of = active_memberships(user).filter(
        function=Function.DIRECTEUR, organisation__school__isnull=False
    )
    return pending.filter(organisation__in=directeur_of.values("organisation"))


def may_confirm(user: User, membership: Professional) -> bool:
    """Whether this user may confirm this membership (see memberships_to_confirm)."""
    return memberships_to_confirm(user).filter(pk=membership.pk).exists()


def may_confirm_any(user: User) -> bool:
    """Whether the user is someone who confirms memberships at all (functional admin or
    directeur of a school), whether or not any are waiting now."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_staff or (
        active_memberships(user)
        .filter(function=Function.DIRECTEUR, organisation__school__isnull=False)
        .exists()
    )


def get_pending_membership_for_user(user: User, membership_uuid: UUID) -> Professional:
    """The gate for confirming: 404 for a membership this user may not confirm."""
    try:
        return (
            memberships_to_confirm(user)
            .select_related("user", "organisation")
            .get(uuid=membership_uuid)
        )
    except Professional.DoesNotExist:
        raise Http404 from None


def schools_visible_to(user: User) -> QuerySet[School]:
    """Schools whose knooppunt set-up the user may read."""
    organisations = Organisation.objects.filter(members__in=active_memberships(user))
    return School.objects.filter(
        Q(organisation__in=organisations)
        | Q(knooppunt__partners__organisation__in=organisations)
        | Q(samenwerkingsverband__organisation__in=organisations)
        | Q(bestuur__organisation__in=organisations)
    ).distinct()


def ib_schools(user: User) -> QuerySet[School]:
    """Schools where the user is an active intern begeleider."""
    ib = active_memberships(user).filter(function=Function.IB)
    return School.objects.filter(organisation__members__in=ib).distinct()


def is_ib_of(user: User, school: School) -> bool:
    """Whether the user is an active intern begeleider of this school."""
    return ib_schools(user).filter(pk=school.pk).exists()


def get_school_for_user(user: User, school_uuid: UUID, *, edit: bool = False) -> School:
    """The one gate for a school's set-up: 404 for those who may not know it, 403 to edit."""
    try:
        school = schools_visible_to(user).select_related("knooppunt").get(uuid=school_uuid)
    except School.DoesNotExist:
        raise Http404 from None
    if edit and not is_ib_of(user, school):
        raise PermissionDenied
    return school
