"""Rows for the meetings app: invitations (meetings/views/invitations.py).

Sending is POST only: a GET is refused (405) before the gate for everyone signed in. The
answer page behind an attendee's personal link is public: the link is the credential, and the
page shows only when and where, so it is the same for every persona.
"""

from tests.authz.rows import PUBLIC, Row, everyone
from tests.meetings.builders import planned_meeting


def _meeting(ctx) -> dict:
    return {"meeting_uuid": planned_meeting(ctx).uuid}


def _mothers_link(ctx) -> dict:
    return {"token": planned_meeting(ctx).attendees.get(guardian=ctx.mother).token}


ROWS = {
    "meetings:invitations_send": Row(everyone(405), kwargs=_meeting, changes=True),
    "meetings:invitation_respond": Row(
        everyone(PUBLIC, anonymous=PUBLIC), kwargs=_mothers_link, changes=True
    ),
}
