"""Rows for the meeting pages and the agenda builder (meetings/views/meeting.py, agenda.py).

A meeting is known to its school's staff and to everyone invited to it; others get 404. The
school's IB'er (or the chair) manages it; the others who know it get 403 on managing views.
"""

from tests.authz.rows import SIGN_IN, Row, everyone
from tests.meetings.builders import planned_meeting

NOT_KNOWN = {"ib_other_school": 404, "outsider": 404, "admin": 404}

# Everyone who knows the meeting: school staff and the invited partners.
SEES = {
    "anonymous": SIGN_IN,
    "ib": 200,
    "directeur": 200,
    "partner": 200,
    "partner_no_consent": 200,
} | NOT_KNOWN

MANAGES = SEES | {"directeur": 403, "partner": 403, "partner_no_consent": 403}


def _meeting(ctx) -> dict:
    return {"meeting_uuid": planned_meeting(ctx).uuid}


def _case_item(ctx) -> dict:
    meeting = planned_meeting(ctx)
    return {"meeting_uuid": meeting.uuid, "item_uuid": meeting.items.get(case=ctx.case).uuid}


ROWS = {
    # The list shows only meetings the user may know, so it is open to everyone signed in.
    "meetings:meeting_list": Row(everyone(200)),
    "meetings:meeting_new": Row(everyone(403) | {"ib": 200, "ib_other_school": 200}, changes=True),
    "meetings:meeting_detail": Row(SEES, kwargs=_meeting),
    "meetings:agenda_pdf": Row(SEES, kwargs=_meeting),
    "meetings:meeting_edit": Row(MANAGES, kwargs=_meeting, changes=True),
    "meetings:meeting_cancel": Row(MANAGES, kwargs=_meeting, changes=True),
    "meetings:item_add": Row(MANAGES, kwargs=_meeting, changes=True),
    # The type-to-search of the add form: names of cases the manager may put on the agenda.
    "meetings:item_case_search": Row(MANAGES, kwargs=_meeting),
    # POST only: the manager moves the item up and is sent back to the meeting page.
    "meetings:item_move": Row(
        MANAGES | {"ib": 302},
        kwargs=_case_item,
        changes=True,
        method="POST",
        data=lambda ctx: {"richting": "omhoog"},
    ),
    "meetings:item_edit": Row(MANAGES, kwargs=_case_item, changes=True),
    "meetings:item_remove": Row(MANAGES, kwargs=_case_item, changes=True),
    "meetings:item_attendees": Row(MANAGES, kwargs=_case_item, changes=True),
}
