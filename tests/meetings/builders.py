"""A planned casuïstiek meeting at the test school, shared by the meetings tests and the
authorization matrix: the test case on the agenda with a record holding the canary, the SMW
partner (with consent), the youth doctor (without) and the mother invited to that item, and a
general item for everyone."""

import datetime

from django.utils import timezone

from meetings import services
from meetings.constants import MeetingType
from meetings.models import Meeting
from tests.conftest import CANARY


def planned_meeting(ctx) -> Meeting:
    existing = Meeting.objects.filter(school=ctx.school, type=MeetingType.CASUISTIEK).first()
    if existing is not None:
        return existing
    meeting = services.meeting_plan(
        school=ctx.school,
        type=MeetingType.CASUISTIEK,
        date=timezone.localdate() + datetime.timedelta(days=7),
        start_time=datetime.time(9, 0),
        end_time=datetime.time(11, 0),
        location="Teamkamer",
        planned_by=ctx.ib,
    )
    general = services.item_add(meeting=meeting, added_by=ctx.ib, title="Opening en mededelingen")
    item = services.item_add(meeting=meeting, added_by=ctx.ib, case=ctx.case)
    services.item_attendees_set(
        item=item,
        set_by=ctx.ib,
        professionals=[ctx.partner.memberships.get(), ctx.jeugdarts.memberships.get()],
        guardians=[ctx.mother],
    )
    services.item_attendees_set(
        item=general,
        set_by=ctx.ib,
        professionals=[ctx.partner.memberships.get(), ctx.jeugdarts.memberships.get()],
        guardians=[],
    )
    services.item_update(
        item=item,
        changed_by=ctx.ib,
        decisions=f"Besluit {CANARY}",
        minutes=f"Verslag {CANARY}",
        parents_minutes=f"Voor ouders {CANARY}",
    )
    return meeting
