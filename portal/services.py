"""The portal's verbs: sign-in links and signing codes by e-mail, and inviting a guardian
(docs/security.md target 28). Only digests of links and codes are stored; every request for a
link counts towards the throttle, known address or not."""

import datetime
import hashlib
import hmac
import logging
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from consent.rules import age_on
from partners.constants import UserKind
from partners.models import User
from portal.access import PUPIL_OWN_ACCOUNT_FROM
from portal.models import SignCode, SignInAttempt, SignInLink
from pupils.services import guardian_account_link, guardian_bsn_record, pupil_account_link

logger = logging.getLogger("knooppunt.portal")


def digest(value: str) -> str:
    """A keyed digest, so a leaked table gives neither the links nor the addresses back."""
    return hmac.new(settings.SECRET_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()


def _send(*, to: str, subject: str, template: str, context: dict) -> None:
    body = render_to_string(template, context)

    def send() -> None:
        try:
            EmailMessage(subject, body, to=[to]).send()
        except OSError:
            logger.exception("portal e-mail not sent")

    transaction.on_commit(send)


def _window() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(seconds=settings.PORTAL_LINK_SECONDS)


def signin_throttled(*, email: str, ip: str | None) -> bool:
    """Too many requests for this address, or from this client address, lately."""
    limit = settings.PORTAL_SIGNIN_LIMIT
    recent = SignInAttempt.objects.filter(at__gte=_window())
    if recent.filter(email_digest=digest(email.strip().lower())).count() >= limit:
        return True
    return bool(ip) and recent.filter(ip_address=ip).count() >= limit * 4


@transaction.atomic
def signin_link_request(*, email: str, ip: str | None, browser_nonce: str) -> None:
    """Record the attempt; if the address belongs to an active portal account, e-mail a link
    that only the browser holding `browser_nonce` can use. The caller answers the same either
    way, so the response never tells whether an address is known."""
    email = email.strip().lower()
    SignInAttempt.objects.create(email_digest=digest(email), ip_address=ip)
    user = User.objects.filter(email=email, kind=UserKind.PARENT, is_active=True).first()
    if user is None:
        logger.info("portal sign-in link asked for an unknown address")
        return
    # 192 bits; short enough that the link stays on one line of a quoted-printable e-mail.
    token = secrets.token_urlsafe(24)
    SignInLink.objects.create(
        user=user,
        token_digest=digest(token),
        browser_digest=digest(browser_nonce),
        expires_at=timezone.now() + datetime.timedelta(seconds=settings.PORTAL_LINK_SECONDS),
    )
    logger.info("portal sign-in link sent (user %s)", user.pk)
    link = settings.SITE_URL + reverse("portal:signin_link", args=[token])
    _send(
        to=user.email,
        subject="Inloggen bij het ouderportaal van Knooppunt",
        template="portal/email/signin_link.txt",
        context={"link": link, "minutes": settings.PORTAL_LINK_SECONDS // 60},
    )


@transaction.atomic
def signin_link_redeem(*, token: str, browser_nonce: str) -> User | None:
    """The account the link signs in, once: expired, used, or opened in another browser gives
    None."""
    link = (
        SignInLink.objects.select_for_update()
        .select_related("user")
        .filter(token_digest=digest(token))
        .first()
    )
    if link is None or link.used_at is not None or link.expires_at <= timezone.now():
        logger.info("portal sign-in link refused: unknown, used or expired")
        return None
    if not browser_nonce or not hmac.compare_digest(link.browser_digest, digest(browser_nonce)):
        logger.info("portal sign-in link refused: another browser (user %s)", link.user_id)
        return None
    link.used_at = timezone.now()
    link.save(update_fields=["used_at"])
    if not link.user.is_active or link.user.kind != UserKind.PARENT:
        return None
    return link.user


# At most this many wrong codes before the code is spent and a new one must be asked for.
CODE_FAILURES = 5


@transaction.atomic
def sign_code_send(*, user: User, subject: str) -> None:
    """E-mail a fresh six-digit code for signing `subject` (a plan version); earlier codes for
    it stop working."""
    now = timezone.now()
    SignCode.objects.filter(user=user, subject=subject, used_at__isnull=True).update(used_at=now)
    code = f"{secrets.randbelow(10**6):06d}"
    SignCode.objects.create(
        user=user,
        subject=subject,
        code_digest=digest(f"{subject}:{code}"),
        expires_at=now + datetime.timedelta(seconds=settings.PORTAL_LINK_SECONDS),
    )
    _send(
        to=user.email,
        subject="Uw code om te ondertekenen",
        template="portal/email/sign_code.txt",
        context={"code": code, "minutes": settings.PORTAL_LINK_SECONDS // 60},
    )


@transaction.atomic
def sign_code_check(*, user: User, subject: str, code: str) -> bool:
    """Spend the code if it is right; count a wrong one (five wrong spend it)."""
    row = (
        SignCode.objects.select_for_update()
        .filter(user=user, subject=subject, used_at__isnull=True, expires_at__gt=timezone.now())
        .order_by("-created_at")
        .first()
    )
    if row is None:
        return False
    if hmac.compare_digest(row.code_digest, digest(f"{subject}:{code.strip()}")):
        row.used_at = timezone.now()
        row.save(update_fields=["used_at"])
        return True
    row.failures += 1
    if row.failures >= CODE_FAILURES:
        row.used_at = timezone.now()
    row.save(update_fields=["failures", "used_at"])
    return False


@transaction.atomic
def guardian_invite(*, guardian, email: str, invited_by: User, bsn: str = ""):
    """Link the guardian to a portal account and e-mail an invitation without the pupil's
    name (docs/domain.md, "Logging, history and messages"). A BSN, when given, is recorded
    for the DigiD sign-in (docs/digid.md)."""
    guardian = guardian_account_link(guardian=guardian, email=email, linked_by=invited_by)
    if bsn:
        guardian = guardian_bsn_record(guardian=guardian, bsn=bsn, recorded_by=invited_by)
    _send(
        to=guardian.account.email,
        subject="Uitnodiging voor het ouderportaal van Knooppunt",
        template="portal/email/invitation.txt",
        context={"link": settings.SITE_URL + reverse("portal:signin")},
    )
    return guardian


@transaction.atomic
def pupil_invite(*, pupil, email: str, invited_by: User):
    """Give a pupil of 12 or older an own portal account and e-mail an invitation without
    their name (docs/domain.md, "The parents' portal")."""
    if age_on(pupil.birth_date, timezone.localdate()) < PUPIL_OWN_ACCOUNT_FROM:
        raise ValidationError(
            f"Een leerling krijgt pas vanaf {PUPIL_OWN_ACCOUNT_FROM} jaar een eigen account."
        )
    pupil = pupil_account_link(pupil=pupil, email=email, linked_by=invited_by)
    _send(
        to=pupil.account.email,
        subject="Uitnodiging voor Knooppunt",
        template="portal/email/pupil_invitation.txt",
        context={"link": settings.SITE_URL + reverse("portal:signin")},
    )
    return pupil
