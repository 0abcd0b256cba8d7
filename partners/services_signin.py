"""The second factor on top of django-otp (TOTP apps and one-time backup codes), and throttling
of password-reset requests."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from partners.models import PasswordResetRequest, User

BACKUP_CODE_COUNT = 10
_BACKUP_DEVICE_NAME = "Reservecodes"


@transaction.atomic
def totp_device_for_enrolment(*, user: User) -> TOTPDevice:
    """The user's pending (unconfirmed) authenticator, created on first need."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator-app", confirmed=False)
    return device


def totp_verify(*, device: TOTPDevice, token: str) -> bool:
    """Check a code, honouring django-otp's throttling; confirms a pending device on success.

    django-otp remembers the last accepted time step, so a replayed code is refused.
    """
    allowed, _reason = device.verify_is_allowed()
    if not allowed or not device.verify_token(token):
        return False
    if not device.confirmed:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    return True


@transaction.atomic
def backup_codes_generate(*, user: User) -> list[str]:
    """Ten new one-time codes for when the phone is lost; earlier codes stop working. The
    caller shows them once: they cannot be looked up again."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=_BACKUP_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def backup_codes_left(*, user: User) -> int:
    """How many unused backup codes the user still has."""
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def backup_code_verify(*, user: User, token: str) -> StaticDevice | None:
    """The device whose backup code this is, using the code up; None for a wrong or used code.
    django-otp deletes a code when it is used and throttles repeated failures."""
    token = token.strip().lower()
    for device in StaticDevice.objects.devices_for_user(user, confirmed=True):
        allowed, _reason = device.verify_is_allowed()
        if allowed and device.verify_token(token):
            return device
    return None


def _email_digest(email: str) -> str:
    return salted_hmac(
        "knooppunt.password-reset", email.strip().lower(), algorithm="sha256"
    ).hexdigest()


@transaction.atomic
def password_reset_request_allowed(*, email: str, ip_address: str | None) -> bool:
    """Whether a request for a reset link is within the limits per address and per client; an
    allowed request is recorded. Known and unknown addresses count alike, so the answer tells
    nothing about who has an account. Refused requests are not counted, so someone flooding an
    address delays its owner's link by at most the window."""
    now = timezone.now()
    since = now - settings.PASSWORD_RESET_WINDOW
    PasswordResetRequest.objects.filter(requested_at__lt=since).delete()
    digest = _email_digest(email)
    recent = PasswordResetRequest.objects.filter(requested_at__gte=since)
    too_many = recent.filter(email_digest=digest).count() >= (
        settings.PASSWORD_RESET_LIMIT_PER_EMAIL
    ) or (
        ip_address is not None
        and recent.filter(ip_address=ip_address).count() >= settings.PASSWORD_RESET_LIMIT_PER_IP
    )
    if too_many:
        return False
    PasswordResetRequest.objects.create(email_digest=digest, ip_address=ip_address)
    return True
