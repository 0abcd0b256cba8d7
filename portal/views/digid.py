"""Signing in to the portal with DigiD, through the OpenID Connect seam (docs/digid.md).

Both views answer 404 while DigiD is not configured. The callback lands in the same portal
session as the e-mailed link (`start_portal_session`)."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from portal.views.signin import EmailForm, start_portal_session

FAILED = (
    "Inloggen met DigiD is niet gelukt. Misschien heeft de school uw gegevens nog niet "
    "gekoppeld. U kunt hieronder ook inloggen met een link per e-mail."
)


class _Callback(OIDCAuthenticationCallbackView):
    def login_success(self) -> HttpResponse:
        return start_portal_session(self.request, self.user, how="DigiD")

    def login_failure(self) -> HttpResponse:
        context = {"form": EmailForm(), "refusal": FAILED, "digid": True}
        return render(self.request, "portal/signin.html", context, status=400)


def _enabled() -> None:
    if not settings.DIGID_ENABLED:
        raise Http404


@login_not_required
@require_GET
def digid_start(request: HttpRequest) -> HttpResponse:
    """Send the parent to DigiD, with state, nonce and PKCE kept in the session."""
    _enabled()
    return OIDCAuthenticationRequestView.as_view()(request)


@login_not_required
@require_GET
def digid_callback(request: HttpRequest) -> HttpResponse:
    """Where DigiD sends the parent back: the code is exchanged and the BSN claim matched."""
    _enabled()
    return _Callback.as_view()(request)
