"""Views whose changes queue e-mail hand the rows to the broker once, when the view is done
(meetings/outbox.py, `handoff`), and tell the user when that has to wait: a broker outage
delays sending, it never makes the page fail (docs/security.md, "Nothing lost")."""

from functools import wraps

from django.contrib import messages
from django.utils.translation import gettext_lazy as _

from meetings import outbox

DELAYED = _(
    "Het versturen loopt vertraging op. De berichten staan klaar en gaan vanzelf alsnog de "
    "deur uit; je hoeft niets opnieuw te doen."
)


def hands_over(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        with outbox.handoff() as handoff:
            response = view(request, *args, **kwargs)
        if handoff.delayed:
            messages.warning(request, DELAYED)
        return response

    return wrapper
