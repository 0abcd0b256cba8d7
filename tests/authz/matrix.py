"""The authorization matrix as data: URL name x persona -> expected status of a GET, or of a
POST for the views that only accept POST.

Every named URL must have a row (test_every_url_is_in_the_matrix), so a new view cannot ship
without its access rules written down and tested. Rows live per area in rows_*.py.
"""

from tests.authz.rows import (
    ADMIN_EXPECT,
    ADMIN_NAMESPACE,
    ADMIN_SAMPLES,
    CHAIR_NO_DAT,
    PARENT_PERSONAS,
    PERSONAS,
    REVIEW_PERSONAS,
    Row,
    expected,
)
from tests.authz.rows_advice import ROWS as ADVICE
from tests.authz.rows_cases_read import ROWS as CASES_READ
from tests.authz.rows_cases_write import ROWS as CASES_WRITE
from tests.authz.rows_consent import ROWS as CONSENT
from tests.authz.rows_gezinsplan import ROWS as GEZINSPLAN
from tests.authz.rows_meetings_agenda import ROWS as MEETINGS_AGENDA
from tests.authz.rows_meetings_invitations import ROWS as MEETINGS_INVITATIONS
from tests.authz.rows_meetings_minutes import ROWS as MEETINGS_MINUTES
from tests.authz.rows_meetings_planning import ROWS as MEETINGS_PLANNING
from tests.authz.rows_partners import ROWS as PARTNERS
from tests.authz.rows_portal import ROWS as PORTAL
from tests.authz.rows_tlv import ROWS as TLV

MATRIX: dict[str, Row] = (
    PARTNERS
    | CASES_READ
    | CASES_WRITE
    | CONSENT
    | ADVICE
    | MEETINGS_PLANNING
    | MEETINGS_AGENDA
    | MEETINGS_INVITATIONS
    | MEETINGS_MINUTES
    | TLV
    | GEZINSPLAN
    | PORTAL
)

# Personas who may see that the demo case exists but never its content ("wat").
DAT_ONLY = ("anonymous", "directeur", "partner_no_consent", "ib_other_school", "outsider", "admin")

__all__ = [
    "ADMIN_EXPECT",
    "ADMIN_NAMESPACE",
    "ADMIN_SAMPLES",
    "CHAIR_NO_DAT",
    "DAT_ONLY",
    "MATRIX",
    "PARENT_PERSONAS",
    "PERSONAS",
    "REVIEW_PERSONAS",
    "expected",
]
