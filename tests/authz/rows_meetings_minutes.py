"""Rows for the meetings app: attendance, the record of an agenda item, and its outcome page
with the werkafspraken and regie agreed at it (meetings/views/minutes.py).

The meeting is known ("dat") to its school's staff and its invitees; everyone else gets 404.
Managing it is the IB'er's (or the chair's): the others who know it get 403. The record of the
case item is case content ("wat"): the partner with consent reads it, the youth doctor without
consent and the directeur get 403 and never see the canary.
"""

from tests.authz.rows import SIGN_IN, Row
from tests.meetings.builders import planned_meeting

NOT_KNOWN = {"ib_other_school": 404, "outsider": 404, "admin": 404}

MANAGE = {
    "anonymous": SIGN_IN,
    "ib": 200,
    "directeur": 403,
    "partner": 403,
    "partner_no_consent": 403,
} | NOT_KNOWN

READ_CASE_RECORD = MANAGE | {"partner": 200}


def _meeting(ctx) -> dict:
    return {"meeting_uuid": planned_meeting(ctx).uuid}


def _case_item(ctx) -> dict:
    meeting = planned_meeting(ctx)
    return {"meeting_uuid": meeting.uuid, "item_uuid": meeting.items.get(case=ctx.case).uuid}


ROWS = {
    "meetings:attendance": Row(MANAGE, kwargs=_meeting, changes=True),
    "meetings:item_record": Row(READ_CASE_RECORD, kwargs=_case_item),
    "meetings:item_record_edit": Row(MANAGE, kwargs=_case_item, changes=True),
}
