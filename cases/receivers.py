from django.dispatch import receiver

from cases.access import pupil_permissions_recompute
from cases.demo import build_demo_cases  # noqa: F401  (connects the demo receiver)
from consent.signals import consent_changed


@receiver(consent_changed, dispatch_uid="cases_recompute_on_consent_change")
def recompute_on_consent_change(sender, pupil, **kwargs) -> None:
    # Runs inside the consent service's transaction: a withdrawal and the loss of access
    # commit together, so the very next request is already refused.
    pupil_permissions_recompute(pupil)
