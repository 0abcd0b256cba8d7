"""Rows for the gezinsplan's professional pages (gezinsplan/urls.py): the case's content rights
plus the consent "gezinsplan delen"; the regisseur (the SMW partner here) and the school's
IB'er see it without that consent. Parents read the plan in the portal instead."""

from tests.authz.rows import Row
from tests.authz.rows_portal import plan_for

PLAN = {
    "anonymous": 302,
    "ib": 200,
    "directeur": 403,
    "partner": 200,
    "partner_no_consent": 403,
    "ib_other_school": 404,
    "outsider": 404,
    "admin": 404,
}


def _case_with_plan(ctx) -> dict:
    plan_for(ctx)
    return {"case_uuid": ctx.case.uuid}


ROWS = {
    "gezinsplan:plan_detail": Row(PLAN, kwargs=_case_with_plan),
    "gezinsplan:plan_pdf": Row(PLAN, kwargs=_case_with_plan),
}
