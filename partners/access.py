"""Who may see and edit a school's knooppunt set-up.

The set-up holds no pupil data: the school's own staff, the partner organisations at its table,
its samenwerkingsverband and its board may read it; the school's IB'er edits it.
"""

from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from partners.constants import Function
from partners.models import Organisation, Professional, School, User


def active_memberships(user: User) -> QuerySet[Professional]:
    """The user's active memberships; none for an inactive or anonymous user."""
    if not user.is_authenticated or not user.is_active:
        return Professional.objects.none()
    return Professional.objects.filter(user=user, is_active=True)


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
