"""TOTP enrolment and verification on top of django-otp."""

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from partners.models import User


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
