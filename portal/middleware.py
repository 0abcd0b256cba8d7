from collections.abc import Callable

from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve

from portal.access import is_portal_user

# Set in the session when a portal account signs in through the portal itself.
PORTAL_SESSION = "knooppunt_portal"


class PortalSeparationMiddleware:
    """Keep parent sessions in the portal: a parent reaches portal pages and public pages only,
    and a parent account signed in any other way (a forced login, an admin mistake) is signed
    out. Professionals are refused on portal pages by the portal's own views."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if is_portal_user(user):
            if not request.session.get(PORTAL_SESSION):
                logout(request)
                return redirect("portal:signin")
            try:
                match = resolve(request.path_info)
            except Resolver404:
                return self.get_response(request)
            public = getattr(match.func, "login_required", True) is False
            if match.namespace != "portal" and not public:
                return redirect("portal:home")
        return self.get_response(request)
