"""Building blocks for the authorization matrix rows."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

PERSONAS = (
    "anonymous",
    "ib",
    "directeur",
    "partner",  # SMW professional, involved in the case, with consent for SMW
    "partner_no_consent",  # the youth doctor, involved in the case, without consent
    "ib_other_school",
    "outsider",  # a professional not involved anywhere
    "admin",  # the functional admin
)

PUBLIC = 200
SIGN_IN = 302


@dataclass(frozen=True)
class Row:
    """Expected status per persona for a GET; kwargs builds the URL from the test context
    (attributes of `world` and `case_world`, see tests/conftest.py)."""

    expect: dict[str, int]
    kwargs: Callable[[Any], dict] = field(default=lambda ctx: {})
    # The view changes data on POST: it must refuse a POST without a CSRF token.
    changes: bool = False


def everyone(status: int, *, anonymous: int = SIGN_IN) -> dict[str, int]:
    return {p: status for p in PERSONAS} | {"anonymous": anonymous}


# The functional admin's own site: only staff get in; everyone else is sent to sign in.
ADMIN_NAMESPACE = "admin:"
ADMIN_SAMPLES = (
    "admin:index",
    "admin:partners_user_changelist",
    "admin:partners_school_changelist",
)
ADMIN_EXPECT = everyone(302) | {"admin": 200}
