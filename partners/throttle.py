"""Sign-in lock-out on top of django-axes, with a limit per lock-out parameter.

Axes counts failures for each group in AXES_LOCKOUT_PARAMETERS (here: one account from one
address, and one address across all accounts, against password spraying) but compares every
group with the one AXES_FAILURE_LIMIT. This handler lets each group have its own limit
(settings.SIGNIN_FAILURE_LIMITS), by scaling each group's count onto the common limit.
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit, get_lockout_parameters
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def _key(parameter: str | list[str]) -> tuple[str, ...]:
    return (parameter,) if isinstance(parameter, str) else tuple(parameter)


class LockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials: dict | None = None) -> int:
        limit = get_failure_limit(request, credentials)
        own_limits = settings.SIGNIN_FAILURE_LIMITS
        parameters = get_lockout_parameters(request, credentials)
        worst = 0
        for parameter, attempts in zip(
            parameters, self.get_user_attempts(request, credentials), strict=True
        ):
            failures = attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
            own = own_limits.get(_key(parameter), limit)
            # failures >= own  <=>  failures * limit // own >= limit, for whole numbers.
            worst = max(worst, failures * limit // own)
        return worst

    def reset_user_attempts(self, request, credentials: dict | None = None) -> int:
        """After a successful sign-in, forgive that account's failures from this address only:
        resetting everything from the address would let someone spraying passwords clear the
        count by signing in to an account of their own now and then."""
        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(
            username=username, ip_address=request.axes_ip_address
        ).delete()
        return count
