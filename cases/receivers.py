from django.dispatch import receiver

from cases.access import pupil_permissions_recompute, user_permissions_recompute
from consent.signals import consent_changed
from partners.signals import membership_changed
from pupils.signals import guardians_changed


@receiver(consent_changed, dispatch_uid="cases_recompute_on_consent_change")
@receiver(guardians_changed, dispatch_uid="cases_recompute_on_guardians_change")
def recompute_for_pupil(sender, pupil, **kwargs) -> None:
    # Runs inside the sender's transaction: a withdrawal (or a change of who holds gezag) and
    # the change of access commit together, so the very next request already sees it.
    pupil_permissions_recompute(pupil)


@receiver(membership_changed, dispatch_uid="cases_recompute_on_membership_change")
def recompute_for_user(sender, user, **kwargs) -> None:
    # A deactivated IB'er loses the school's content in the same transaction.
    user_permissions_recompute(user)
