"""The "dat, niet wat" policy for cases: every access question about a case is answered here.

- `codenames`: the rights a case grants ("dat", "wat", change, log progress, access log).
- `derive`: rights derived from the facts, serialised per pupil, in the changing transaction.
- `derive_bulk`: the same rules for many new cases at once (a region built by bulk inserts).
- `calendar`: rights that change by date (end dates, birthdays), for the hourly job.
- `gate`: the actor, the gate (404 / 403, refusals logged) and what the actor may do.
- `content`: which partner-authored content a reader with "wat" sees.
- `table`: whether a case may be discussed in the knooppunt (consent to discuss).

Higher apps (meetings, later the gezinsplan, TLV and the portal) use these public names and
never read the permission table themselves.
"""

from cases.access.calendar import permissions_recompute_time_bound
from cases.access.codenames import ACCESS_LOG, ALL_CODENAMES, CHANGE, DAT, LOG_PROGRESS, WAT
from cases.access.content import ContentRule
from cases.access.derive import (
    DAT_SOURCES,
    TIME_BOUND_SOURCES,
    case_permissions_recompute,
    cases_permissions_recompute,
    desired_permissions,
    permissions_rebuild,
    pupil_permissions_recompute,
    user_permissions_recompute,
)
from cases.access.gate import (
    Actor,
    CaseAccess,
    actor_for,
    case_access_for,
    case_permissions_for,
    codenames_on,
    get_case_for_user,
)
from cases.access.table import discussable_case_ids, table_refusal

__all__ = [
    "ACCESS_LOG",
    "ALL_CODENAMES",
    "CHANGE",
    "DAT",
    "DAT_SOURCES",
    "LOG_PROGRESS",
    "TIME_BOUND_SOURCES",
    "WAT",
    "Actor",
    "CaseAccess",
    "ContentRule",
    "actor_for",
    "case_access_for",
    "case_permissions_for",
    "case_permissions_recompute",
    "cases_permissions_recompute",
    "codenames_on",
    "desired_permissions",
    "discussable_case_ids",
    "get_case_for_user",
    "permissions_rebuild",
    "permissions_recompute_time_bound",
    "pupil_permissions_recompute",
    "table_refusal",
    "user_permissions_recompute",
]
