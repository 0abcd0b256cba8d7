"""The authorization matrix as data: URL name x persona -> expected status of a GET.

Every named URL must have a row here (test_every_url_is_in_the_matrix), so a new view cannot
ship without its access rules being written down and tested.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

PERSONAS = ("anonymous", "ib", "directeur", "partner", "ib_other_school", "outsider", "admin")

# Pages anyone may open without signing in.
PUBLIC = 200
# Where a signed-in person lands: the status for "may know it exists" vs "may not".
SIGN_IN = 302


@dataclass(frozen=True)
class Row:
    expect: dict[str, int]
    kwargs: Callable[[Any], dict] = field(default=lambda world: {})


def everyone(status: int, *, anonymous: int = SIGN_IN) -> dict[str, int]:
    return {p: status for p in PERSONAS} | {"anonymous": anonymous}


# A school's set-up: its staff and seated partners read it, only its IB'er edits it, and
# whoever is not connected to the school may not learn it exists.
READ_SETUP = {
    "anonymous": SIGN_IN,
    "ib": 200,
    "directeur": 200,
    "partner": 200,
    "ib_other_school": 404,
    "outsider": 404,
    "admin": 404,
}
EDIT_SETUP = READ_SETUP | {"directeur": 403, "partner": 403}


def _school(world) -> dict:
    return {"school_uuid": world.school.uuid}


def _seat(world) -> dict:
    seat = world.school.knooppunt.partners.get()
    return {"school_uuid": world.school.uuid, "partner_uuid": seat.uuid}


MATRIX: dict[str, Row] = {
    "partners:home": Row(everyone(200)),
    "partners:signin": Row(everyone(PUBLIC, anonymous=PUBLIC)),
    # Already verified people are sent on from the second-factor steps.
    "partners:signin_code": Row(everyone(302)),
    "partners:signin_enroll": Row(everyone(302)),
    # Signing out only accepts POST.
    "partners:signout": Row(everyone(405, anonymous=405)),
    "partners:password_reset": Row(everyone(PUBLIC, anonymous=PUBLIC)),
    "partners:password_reset_done": Row(everyone(PUBLIC, anonymous=PUBLIC)),
    "partners:password_reset_confirm": Row(
        everyone(PUBLIC, anonymous=PUBLIC),
        kwargs=lambda world: {"uidb64": "MQ", "token": "ongeldig-token"},
    ),
    "partners:password_reset_complete": Row(everyone(PUBLIC, anonymous=PUBLIC)),
    "partners:setup_detail": Row(READ_SETUP, kwargs=_school),
    "partners:setup_pdf": Row(READ_SETUP, kwargs=_school),
    "partners:setup_edit": Row(EDIT_SETUP, kwargs=_school),
    "partners:partner_add": Row(EDIT_SETUP, kwargs=_school),
    "partners:partner_edit": Row(EDIT_SETUP, kwargs=_seat),
    "partners:partner_remove": Row(EDIT_SETUP, kwargs=_seat),
}

# The functional admin's own site: only staff get in; everyone else is sent to sign in.
ADMIN_NAMESPACE = "admin:"
ADMIN_SAMPLES = (
    "admin:index",
    "admin:partners_user_changelist",
    "admin:partners_school_changelist",
)
ADMIN_EXPECT = everyone(302) | {"admin": 200}
