"""Tell the cases app who else knows that a case exists because of the meetings."""

from cases.access import DAT_SOURCES, TIME_BOUND_SOURCES
from meetings.access import invitation_expiry_changes, invited_user_ids


def register() -> None:
    if invited_user_ids not in DAT_SOURCES:
        DAT_SOURCES.append(invited_user_ids)
    if invitation_expiry_changes not in TIME_BOUND_SOURCES:
        TIME_BOUND_SOURCES.append(invitation_expiry_changes)
