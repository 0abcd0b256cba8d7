"""Rows for the gezinsplan's professional pages (gezinsplan/urls.py): the case's content rights
plus the consent "gezinsplan delen"; the regisseur (the SMW partner here) and the school's
IB'er see it without that consent. Those two write it; a plan is started by the IB'er or by
whoever holds regie on the case (the SMW partner, in the start row). Parents read the plan in
the portal instead: on these pages they are sent there (302, tests/authz/rows.py `expected`)."""

import datetime

from tests.authz.rows import Row
from tests.authz.rows_portal import evaluated_plan_for, plan_for

READ = {
    "anonymous": 302,
    "ib": 200,
    "directeur": 403,
    "partner": 200,
    "partner_no_consent": 403,
    "ib_other_school": 404,
    "outsider": 404,
    "admin": 404,
}
# Writing: the regisseur and the IB'er; the directeur (no content) and the youth doctor
# (involved, without consent) are refused at the case's gate.
WRITE = READ


def _case(ctx) -> dict:
    return {"case_uuid": ctx.case.uuid}


def _case_with_regisseur(ctx) -> dict:
    """A case without a plan whose casusregie the SMW partner holds."""
    from cases.services import regie_assign

    regie_assign(
        case=ctx.case,
        kind="casusregie",
        professional=ctx.partner.memberships.get(),
        assigned_by=ctx.ib,
    )
    return _case(ctx)


def _case_with_plan(ctx) -> dict:
    plan_for(ctx)
    return _case(ctx)


def _member(ctx) -> dict:
    from gezinsplan.services import member_add

    plan = plan_for(ctx)
    member = member_add(plan=plan, added_by=ctx.partner, name="Moeder", relation="moeder")
    return _case(ctx) | {"member_uuid": member.uuid}


def _goal(ctx) -> dict:
    from gezinsplan.services import goal_add

    plan = plan_for(ctx)
    goal = goal_add(
        plan=plan,
        added_by=ctx.partner,
        members=[],
        area="dagelijks",
        letter="A",
        subgoal="Ritme",
        smart_goal="Op tijd naar bed.",
        by_whom="Ouders",
        start=datetime.date(2026, 9, 1),
        done_by=datetime.date(2026, 10, 1),
    )
    return _case(ctx) | {"goal_uuid": goal.uuid}


def _open_evaluation_date(ctx) -> dict:
    from gezinsplan.services import plan_update

    plan = plan_for(ctx)
    plan_update(plan=plan, changed_by=ctx.partner, fields={"evaluation_dates": ["2026-12-01"]})
    return _case(ctx)


def _evaluation(ctx) -> dict:
    return _case(ctx) | {"evaluation_uuid": evaluated_plan_for(ctx).uuid}


ROWS = {
    "gezinsplan:plan_detail": Row(READ, kwargs=_case_with_plan),
    "gezinsplan:plan_pdf": Row(READ, kwargs=_case_with_plan),
    "gezinsplan:plan_start": Row(WRITE, kwargs=_case_with_regisseur, changes=True),
    "gezinsplan:plan_edit": Row(WRITE, kwargs=_case_with_plan, changes=True),
    "gezinsplan:member_add": Row(WRITE, kwargs=_case_with_plan, changes=True),
    "gezinsplan:member_edit": Row(WRITE, kwargs=_member, changes=True),
    "gezinsplan:goal_add": Row(WRITE, kwargs=_case_with_plan, changes=True),
    "gezinsplan:goal_edit": Row(WRITE, kwargs=_goal, changes=True),
    "gezinsplan:evaluation_add": Row(WRITE, kwargs=_open_evaluation_date, changes=True),
    "gezinsplan:evaluation_edit": Row(WRITE, kwargs=_evaluation, changes=True),
    "gezinsplan:evaluation_pdf": Row(READ, kwargs=_evaluation),
}
