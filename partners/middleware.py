import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from partners.constants import UserKind
from partners.navigation import forget_navigation

# Session key holding the Unix time of the password step, for the absolute session lifetime.
SIGNED_IN_AT = "knooppunt_signed_in_at"
# Session key holding the Unix time the session was last saved to renew its idle timeout.
TOUCHED_AT = "knooppunt_touched_at"
# A signed-in session is saved (its idle timeout renewed) at most this often, not on every
# request: a session then ends between SESSION_COOKIE_AGE - TOUCH_SECONDS and SESSION_COOKIE_AGE
# after the last request.
TOUCH_SECONDS = 60

# URL names a signed-in person may reach before the second factor is verified.
_BEFORE_SECOND_FACTOR = {"partners:signin_code", "partners:signin_enroll", "partners:signout"}


class SessionLifetimeMiddleware:
    """End a session a fixed time after sign-in, however active it is; renew the idle timeout
    (SESSION_COOKIE_AGE) of a signed-in session once every TOUCH_SECONDS, so that a request
    does not write the session unless something in it changed."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            signed_in_at = request.session.get(SIGNED_IN_AT, 0)
            if time.time() - signed_in_at > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                messages.info(request, _("Je sessie is verlopen. Log opnieuw in."))
                return redirect(settings.LOGIN_URL)
            now = int(time.time())
            if now - request.session.get(TOUCHED_AT, 0) >= TOUCH_SECONDS:
                request.session[TOUCHED_AT] = now
                # What the menu shows is read again with each renewal (partners/navigation.py).
                forget_navigation(request.session)
        return self.get_response(request)


class SecondFactorRequiredMiddleware:
    """Send a password-only session to the code step; nothing else is reachable without it.
    Parent accounts have no password and no second factor: they sign in by e-mailed link, and
    the portal keeps their sessions out of professional pages."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and user.kind != UserKind.PARENT and not user.is_verified():
            try:
                match = resolve(request.path_info)
            except Resolver404:
                return self.get_response(request)
            public = getattr(match.func, "login_required", True) is False
            if not public and match.view_name not in _BEFORE_SECOND_FACTOR:
                return redirect("partners:signin_code")
        return self.get_response(request)
