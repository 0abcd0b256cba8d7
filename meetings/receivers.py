"""Tell the cases app who else knows that a case exists because of the meetings, and remove
the meetings' part when a case is purged."""

from cases.access import DAT_SOURCES, TIME_BOUND_SOURCES
from cases.signals import case_purging
from meetings.access import invitation_expiry_changes, invited_user_ids
from meetings.retention import case_meetings_purge


def purge_case(sender, *, case, **kwargs):
    return case_meetings_purge(case=case)


def register() -> None:
    if invited_user_ids not in DAT_SOURCES:
        DAT_SOURCES.append(invited_user_ids)
    if invitation_expiry_changes not in TIME_BOUND_SOURCES:
        TIME_BOUND_SOURCES.append(invitation_expiry_changes)
    case_purging.connect(purge_case, dispatch_uid="meetings_purge_case")
