"""Parents sign in by a single-use e-mailed link (docs/security.md target 28)."""

import secrets
import time

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from knooppunt.client_ip import client_ip
from knooppunt.forms import UtrechtFormMixin
from partners.middleware import SIGNED_IN_AT
from portal import services
from portal.middleware import PORTAL_SESSION

# The cookie that binds a link to the browser that asked for it.
BROWSER_COOKIE = "knooppunt-ouder-browser"


class EmailForm(UtrechtFormMixin, forms.Form):
    email = forms.EmailField(label="Uw e-mailadres", max_length=254)


SENT = (
    "Als dit e-mailadres bij ons bekend is, krijgt u binnen een paar minuten een e-mail met een "
    "link. De link werkt %(minutes)d minuten, één keer, en alleen in deze browser."
)
TOO_MANY = "U heeft te vaak een link gevraagd. Probeer het over %(minutes)d minuten opnieuw."
LINK_FAILED = (
    "Deze link werkt niet (meer). Een link werkt %(minutes)d minuten, één keer, en alleen in de "
    "browser waarin u hem aanvroeg. Vraag hieronder een nieuwe link aan."
)


@login_not_required
def signin(request: HttpRequest) -> HttpResponse:
    minutes = settings.PORTAL_LINK_SECONDS // 60
    form = EmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        ip = client_ip(request)
        if services.signin_throttled(email=email, ip=ip):
            context = {"form": EmailForm(), "refusal": TOO_MANY % {"minutes": minutes}}
            return render(request, "portal/signin.html", context, status=429)
        nonce = secrets.token_urlsafe(32)
        services.signin_link_request(email=email, ip=ip, browser_nonce=nonce)
        response = render(
            request, "portal/signin_sent.html", {"message": SENT % {"minutes": minutes}}
        )
        response.set_cookie(
            BROWSER_COOKIE,
            nonce,
            max_age=settings.PORTAL_LINK_SECONDS,
            secure=not settings.DEBUG,
            httponly=True,
            samesite="Lax",
        )
        return response
    return render(request, "portal/signin.html", {"form": form})


@login_not_required
def signin_link(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button (so a mail scanner that opens links spends nothing); POST signs in."""
    if request.method == "POST":
        user = services.signin_link_redeem(
            token=token, browser_nonce=request.COOKIES.get(BROWSER_COOKIE, "")
        )
        if user is None:
            minutes = settings.PORTAL_LINK_SECONDS // 60
            context = {"form": EmailForm(), "refusal": LINK_FAILED % {"minutes": minutes}}
            return render(request, "portal/signin.html", context, status=400)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        request.session[PORTAL_SESSION] = True
        request.session[SIGNED_IN_AT] = time.time()
        request.session.set_expiry(settings.PORTAL_IDLE_SECONDS)
        response = redirect("portal:home")
        response.delete_cookie(BROWSER_COOKIE)
        return response
    return render(request, "portal/signin_link.html", {"token": token})


@require_POST
@login_not_required
def signout(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, "U bent uitgelogd.")
    return redirect("portal:signin")
