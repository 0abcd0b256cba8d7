"""Invitations: one outbox row per message, sent by a task. (Being built: see issue 4.)"""

from meetings.models import Meeting


def invitations_sync(*, meeting: Meeting, include_new: bool) -> list:
    return []


def compose(invitation):
    raise NotImplementedError
