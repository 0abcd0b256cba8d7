from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from portal.access import is_portal_user


def parent_view(view: Callable) -> Callable:
    """A portal page: anonymous visitors go to the portal's sign-in, professionals are refused
    (403): the portal is not a second door to case content."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_portal_user(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return login_required(wrapped, login_url="portal:signin")
