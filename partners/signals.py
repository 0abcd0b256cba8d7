import time

from django.contrib.auth.signals import user_logged_in
from django.dispatch import Signal, receiver

from partners.middleware import SIGNED_IN_AT


@receiver(user_logged_in, dispatch_uid="partners_mark_signed_in_at")
def mark_signed_in_at(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = int(time.time())


# Sent with `user` inside the transaction that changed the user's account or memberships
# (added, confirmed, deactivated, another function). The cases app recomputes the user's case
# rights before that transaction commits.
membership_changed = Signal()
