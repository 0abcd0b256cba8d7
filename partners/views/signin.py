"""Sign-in for professionals: e-mail and password, then a mandatory second factor (a TOTP
app, or one of the one-time backup codes)."""

import logging
from base64 import b32encode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from knooppunt.client_ip import client_ip
from partners.forms import CodeForm, SignInForm, TokenForm
from partners.services_signin import (
    backup_code_verify,
    backup_codes_generate,
    backup_codes_left,
    password_reset_request_allowed,
    totp_device_for_enrolment,
    totp_verify,
)

logger = logging.getLogger("knooppunt.signin")


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return ""


def _after_password(request: HttpRequest, next_url: str) -> HttpResponse:
    has_device = TOTPDevice.objects.devices_for_user(request.user, confirmed=True).exists()
    target = "partners:signin_code" if has_device else "partners:signin_enroll"
    response = redirect(target)
    if next_url:
        response["Location"] += "?" + urlencode({"next": next_url})
    return response


@login_not_required
def signin(request: HttpRequest) -> HttpResponse:
    next_url = _next_url(request)
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(
            request,
            username=form.cleaned_data["email"].lower(),
            password=form.cleaned_data["password"],
        )
        if user is not None:
            login(request, user)
            logger.info("password accepted, second factor pending (user %s)", user.pk)
            return _after_password(request, next_url)
        logger.info("sign-in refused")
        # One message for an unknown address and a wrong password alike.
        form.add_error(None, _("Het e-mailadres of het wachtwoord klopt niet."))
    return render(request, "partners/signin.html", {"form": form, "next": next_url})


def locked_out(
    request: HttpRequest, credentials: dict | None = None, *args, **kwargs
) -> HttpResponse:
    """django-axes calls this after too many failures; the same answer for every address."""
    logger.warning("sign-in locked out after repeated failures")
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    message = _("Te veel mislukte pogingen. Probeer het over %(minutes)d minuten opnieuw.")
    context = {"form": SignInForm(), "next": "", "refusal": message % {"minutes": minutes}}
    return render(request, "partners/signin.html", context, status=429)


def _second_factor_passed(request: HttpRequest, device) -> None:
    otp_login(request, device)
    # A new session key now that the session is fully signed in: a key learnt before the code
    # step (fixation) is worth nothing afterwards.
    request.session.cycle_key()


def signin_enroll(request: HttpRequest) -> HttpResponse:
    """First sign-in: link an authenticator app by QR code, confirmed with its first code."""
    if request.user.is_verified():
        return redirect(settings.LOGIN_REDIRECT_URL)
    if TOTPDevice.objects.devices_for_user(request.user, confirmed=True).exists():
        return redirect("partners:signin_code")
    device = totp_device_for_enrolment(user=request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if totp_verify(device=device, token=form.cleaned_data["token"]):
            _second_factor_passed(request, device)
            messages.success(request, _("Je authenticator-app is gekoppeld."))
            return redirect(_next_url(request) or settings.LOGIN_REDIRECT_URL)
        form.add_error("token", _("Deze code klopt niet. Kijk of de tijd op je telefoon klopt."))
    context = {
        "form": form,
        "next": _next_url(request),
        "qr_svg": segno.make(device.config_url, error="m").svg_inline(scale=5, omitsize=True),
        "secret": b32encode(device.bin_key).decode(),
    }
    return render(request, "partners/signin_enroll.html", context)


def signin_code(request: HttpRequest) -> HttpResponse:
    """Every sign-in: the current code from the linked authenticator app, or a backup code."""
    if request.user.is_verified():
        return redirect(settings.LOGIN_REDIRECT_URL)
    devices = list(TOTPDevice.objects.devices_for_user(request.user, confirmed=True))
    if not devices:
        return redirect("partners:signin_enroll")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"]
        if form.is_backup_code:
            device = backup_code_verify(user=request.user, token=token)
        else:
            device = next((d for d in devices if totp_verify(device=d, token=token)), None)
        if device is not None:
            _second_factor_passed(request, device)
            logger.info("second factor accepted (user %s)", request.user.pk)
            if form.is_backup_code:
                left = backup_codes_left(user=request.user)
                messages.warning(
                    request,
                    _(
                        "Je hebt een reservecode gebruikt; er zijn er nog %(left)d. Maak nieuwe "
                        "codes aan als je er bijna geen meer hebt."
                    )
                    % {"left": left},
                )
            return redirect(_next_url(request) or settings.LOGIN_REDIRECT_URL)
        logger.info("second factor refused (user %s)", request.user.pk)
        form.add_error(
            "token", _("Deze code klopt niet of is al gebruikt. Wacht op de volgende code.")
        )
    return render(request, "partners/signin_code.html", {"form": form, "next": _next_url(request)})


@require_http_methods(["GET", "POST"])
def backup_codes(request: HttpRequest) -> HttpResponse:
    """Ten one-time codes for when the phone is lost, shown once right after they are made."""
    codes = None
    if request.method == "POST":
        codes = backup_codes_generate(user=request.user)
        logger.info("backup codes generated (user %s)", request.user.pk)
    context = {"codes": codes, "left": backup_codes_left(user=request.user)}
    return render(request, "partners/backup_codes.html", context)


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset view, throttled per address and per client with one message for known
    and unknown addresses alike."""

    template_name = "partners/password_reset.html"
    email_template_name = "partners/email/password_reset.txt"
    subject_template_name = "partners/email/password_reset_subject.txt"
    success_url = reverse_lazy("partners:password_reset_done")

    def form_valid(self, form):
        allowed = password_reset_request_allowed(
            email=form.cleaned_data["email"], ip_address=client_ip(self.request)
        )
        if not allowed:
            logger.warning("password reset refused: too many requests")
            refusal = _("Er zijn te veel aanvragen gedaan. Probeer het over een uur opnieuw.")
            context = self.get_context_data(form=self.form_class(), refusal=refusal)
            return self.render_to_response(context, status=429)
        return super().form_valid(form)


@require_POST
@login_not_required
def signout(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, _("Je bent uitgelogd."))
    return redirect("partners:signin")
