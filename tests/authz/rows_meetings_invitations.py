"""Rows for the meetings app: invitations (meetings/views/invitations.py).

Sending, and sending again what failed for good, is POST only, and only for whoever manages
the meeting (its school's IB'er); the others who know the meeting get 403, the rest 404. The
answer page behind an attendee's personal link is public: the link is the credential, and the
page shows only when and where, so it is the same for every persona.
"""

from tests.authz.rows import PUBLIC, SIGN_IN, Row, everyone
from tests.meetings.builders import planned_meeting


def _meeting(ctx) -> dict:
    return {"meeting_uuid": planned_meeting(ctx).uuid}


def _mothers_link(ctx) -> dict:
    return {"token": planned_meeting(ctx).attendees.get(guardian=ctx.mother).token}


# The meeting known to the school's staff and the invited partners; managed by the IB'er, who
# is sent back to the meeting page with what was queued.
SEND = everyone(404) | {
    "anonymous": SIGN_IN,
    "ib": 302,
    "directeur": 403,
    "partner": 403,
    "partner_no_consent": 403,
}

ROWS = {
    "meetings:invitations_send": Row(SEND, kwargs=_meeting, changes=True, method="POST"),
    "meetings:invitations_resend": Row(SEND, kwargs=_meeting, changes=True, method="POST"),
    "meetings:invitation_respond": Row(
        everyone(PUBLIC, anonymous=PUBLIC), kwargs=_mothers_link, changes=True
    ),
}
