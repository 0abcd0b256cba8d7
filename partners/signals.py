import time

from django.contrib.auth.signals import user_logged_in
from django.dispatch import Signal, receiver

from partners.middleware import SIGNED_IN_AT


@receiver(user_logged_in, dispatch_uid="partners_mark_signed_in_at")
def mark_signed_in_at(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = int(time.time())


# Sent by the membership and account services (partners/services.py) after a change that may
# alter what someone may see: a membership added, confirmed, ended or given another function, an
# account deactivated or reactivated. `user` is the affected account. It is sent inside the
# service's transaction, so a higher app that derives rights from memberships (cases) recomputes
# them in the same transaction as the change (docs/security.md: revocation follows people).
# This app never imports those apps; they connect a receiver in their AppConfig.ready().
membership_changed = Signal()
