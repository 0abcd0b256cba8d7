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

# Personas the review asked for, each expected to get what another persona gets unless a row
# says otherwise: an IB'er whose membership was ended (an outsider now), the functional admin
# after trying to give itself a membership (still only the admin), and the chair of the
# planned meeting who may not know its case (an outsider, except where meeting rows say).
REVIEW_PERSONAS = {
    "deactivated_member": "outsider",
    "admin_escalated": "admin",
    "chair_no_dat": "outsider",
}

# The chair without "dat" (the SWV's trajectbegeleider, chairing the planned meeting) manages
# the meeting and reads the school's set-up and planning as its samenwerkingsverband does, but
# every agenda item of the case it may not know is closed to it (403), and it changes nothing of
# the school's own (docs/security.md target 27).
CHAIR_NO_DAT = {
    "meetings:meeting_detail": 200,
    "meetings:meeting_edit": 200,
    "meetings:meeting_cancel": 200,
    "meetings:attendance": 200,
    "meetings:agenda_pdf": 200,
    "meetings:item_add": 200,
    # The search finds only cases the searcher may change: none for this chair.
    "meetings:item_case_search": 200,
    "meetings:invitations_send": 302,
    "meetings:invitations_resend": 302,
    "meetings:planning": 200,
    "meetings:planning_pdf": 200,
    "partners:setup_detail": 200,
    "partners:setup_pdf": 200,
    **dict.fromkeys(
        (
            "meetings:item_attendees",
            "meetings:item_edit",
            "meetings:item_move",
            "meetings:item_record",
            "meetings:item_record_edit",
            "meetings:item_remove",
            "meetings:planning_rule_add",
            "meetings:planning_rule_generate",
            "meetings:planning_rule_remove",
            "meetings:presence_day_add",
            "meetings:presence_day_edit",
            "meetings:presence_day_remove",
            "meetings:public_page_edit",
            "meetings:school_feed",
            "partners:partner_add",
            "partners:partner_edit",
            "partners:partner_remove",
            "partners:setup_edit",
        ),
        403,
    ),
}

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
    if persona == "chair_no_dat" and "trajectbegeleider" in row.expect:
        return row.expect["trajectbegeleider"]  # the chair is the SWV's trajectbegeleider
    if persona in REVIEW_PERSONAS:
        return row.expect[REVIEW_PERSONAS[persona]]
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
