from django.http import HttpRequest

from partners.access import active_memberships
from partners.constants import Function
from partners.selectors import primary_membership, school_list


def navigation(request: HttpRequest) -> dict:
    """What the header and navigation show: who is signed in, and what their role may use."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_verified():
        return {}
    return {
        "nav_membership": primary_membership(user=user),
        "nav_schools": school_list(fetched_by=user),
        "nav_is_admin": user.is_staff,
        # The school-wide case list is for the school's IB'er and directeur.
        "nav_case_list": active_memberships(user)
        .filter(function__in=[Function.IB, Function.DIRECTEUR], organisation__school__isnull=False)
        .exists(),
    }
