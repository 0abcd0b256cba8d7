"""Building blocks for the authorization matrix rows."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

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

# Portal accounts (tests/authz/rows_portal.py): the mother with gezag of the case's pupil, a
# parent of that pupil without gezag, and a parent of another child.
PARENT_PERSONAS = ("parent", "parent_no_gezag", "parent_other_child")

PUBLIC = 200
SIGN_IN = 302


@dataclass(frozen=True)
class Row:
    """Expected status per persona for a request with `method`; kwargs builds the URL and data
    the POST body from the test context (attributes of `world` and `case_world`, see
    tests/conftest.py).

    GET, unless the view refuses GET (405): then the row is a POST, whose expectations are the
    gate's refusals (302 to sign in, 404, 403) and, for whoever may act, what the view answers
    to `data` (a redirect, or 200 with the form's errors) -- never 405.
    """

    expect: dict[str, int]
    kwargs: Callable[[Any], dict] = field(default=lambda ctx: {})
    # The view changes data on POST: it must refuse a POST without a CSRF token.
    changes: bool = False
    method: Literal["GET", "POST"] = "GET"
    data: Callable[[Any], dict] = field(default=lambda ctx: {})

    # Where the anonymous are sent to sign in.
    signin: str = "partners:signin"

    def __post_init__(self):
        if self.method not in ("GET", "POST"):
            raise ValueError(f"A matrix row is a GET or a POST, not {self.method!r}")
        if self.method == "POST" and not self.changes:
            raise ValueError("A POST row is for a view that changes data: set changes=True")


def expected(row: Row, persona: str) -> int:
    """The expected status; a row that does not name a parent persona expects for parents
    what the portal's separation gives: professional pages send them to the portal (302),
    public pages answer them as anyone."""
    if persona in row.expect:
        return row.expect[persona]
    anonymous = row.expect["anonymous"]
    return 302 if anonymous == SIGN_IN else anonymous


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
