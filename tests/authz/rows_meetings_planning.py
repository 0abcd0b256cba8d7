"""Rows for the meetings app: year planning, calendar feeds and the public page for parents.

The planning holds no case data, so it follows the school's knooppunt set-up: whoever may read
the set-up reads the planning; only the school's IB'er changes it. The feed and the public
page need no sign-in: whoever holds the secret address (or finds an enabled page) gets it. Their
builders put the planned meeting with the test case (and its CANARY record) in the school, so
the matrix checks that none of its content leaks.
"""

import datetime

from django.utils import timezone

from meetings import feeds, planning
from meetings.constants import PlanningKind, WeekOfMonth
from meetings.models import PlanningRule, PresenceDay
from meetings.public import public_page_update
from tests.authz.rows import PUBLIC, SIGN_IN, Row, everyone
from tests.meetings.builders import planned_meeting

READ_PLANNING = {
    "anonymous": SIGN_IN,
    "ib": 200,
    "directeur": 200,
    "partner": 200,
    "partner_no_consent": 404,  # the JGZ is not seated at this school's knooppunt
    "ib_other_school": 404,
    "outsider": 404,
    "admin": 404,
}
EDIT_PLANNING = READ_PLANNING | {"directeur": 403, "partner": 403}


def _school(ctx) -> dict:
    return {"school_uuid": ctx.school.uuid}


def _rule(ctx) -> dict:
    rule = PlanningRule.objects.filter(school=ctx.school).first() or planning.planning_rule_add(
        school=ctx.school,
        school_year=planning.current_school_year(),
        kind=PlanningKind.PRESENCE,
        weekday=0,
        week_of_month=WeekOfMonth.FIRST,
        start_time=datetime.time(9, 0),
        end_time=datetime.time(12, 0),
        added_by=ctx.ib,
    )
    return {"school_uuid": ctx.school.uuid, "rule_uuid": rule.uuid}


def _presence_day(ctx) -> PresenceDay:
    return PresenceDay.objects.filter(school=ctx.school).first() or planning.presence_day_add(
        school=ctx.school,
        date=timezone.localdate() + datetime.timedelta(days=3),
        start_time=datetime.time(9, 0),
        end_time=datetime.time(12, 0),
        location="Teamkamer",
        note="SMW en JGZ aanwezig",
        added_by=ctx.ib,
    )


def _day(ctx) -> dict:
    return {"school_uuid": ctx.school.uuid, "day_uuid": _presence_day(ctx).uuid}


def _feed(ctx) -> dict:
    planned_meeting(ctx)
    _presence_day(ctx)
    feed = feeds.school_feed_get(school=ctx.school) or feeds.calendar_feed_rotate(
        school=ctx.school, rotated_by=ctx.ib
    )
    return {"token": feed.token}


def _public_page(ctx) -> dict:
    planned_meeting(ctx)
    _presence_day(ctx)
    public_page_update(
        school=ctx.school, changed_by=ctx.ib, enabled=True, intro="Loop gerust binnen."
    )
    return {"school_uuid": ctx.school.uuid}


ROWS = {
    "meetings:planning": Row(READ_PLANNING, kwargs=_school),
    "meetings:planning_pdf": Row(READ_PLANNING, kwargs=_school),
    "meetings:planning_rule_add": Row(EDIT_PLANNING, kwargs=_school, changes=True),
    # POST only: the IB'er generates the rule's dates and is sent back to the planning.
    "meetings:planning_rule_generate": Row(
        EDIT_PLANNING | {"ib": 302}, kwargs=_rule, changes=True, method="POST"
    ),
    "meetings:planning_rule_remove": Row(EDIT_PLANNING, kwargs=_rule, changes=True),
    "meetings:presence_day_add": Row(EDIT_PLANNING, kwargs=_school, changes=True),
    "meetings:presence_day_edit": Row(EDIT_PLANNING, kwargs=_day, changes=True),
    "meetings:presence_day_remove": Row(EDIT_PLANNING, kwargs=_day, changes=True),
    "meetings:school_feed": Row(EDIT_PLANNING, kwargs=_school, changes=True),
    # Every signed-in professional has a personal feed (the admin's is simply empty).
    "meetings:my_feed": Row(everyone(200), changes=True),
    "meetings:feed": Row(everyone(PUBLIC, anonymous=PUBLIC), kwargs=_feed),
    "meetings:public_page": Row(everyone(PUBLIC, anonymous=PUBLIC), kwargs=_public_page),
    "meetings:public_page_edit": Row(EDIT_PLANNING, kwargs=_school, changes=True),
}
