"""Rows for changing a case (cases/views/write.py, write_involvement.py, write_work.py).

Managing the case (change_case) is the school's IB'er's; werkafspraken and progress
(log_case_progress) also belong to the partner with consent. No view_case_dat -> 404; the case
known but the permission lacking -> 403. Opening a case is for any IB'er, at their own school.
"""

import datetime

from django.utils import timezone

from tests.authz.rows import SIGN_IN, Row, everyone
from tests.conftest import CANARY

NOT_KNOWN = {"ib_other_school": 404, "outsider": 404, "admin": 404}

# Managing the case: only the IB'er of the case's school.
CHANGE = {
    "anonymous": SIGN_IN,
    "ib": 200,
    "directeur": 403,
    "partner": 403,
    "partner_no_consent": 403,
} | NOT_KNOWN

# Werkafspraken and progress: also the partner whose organisation may see the content.
LOG_PROGRESS = CHANGE | {"partner": 200}


def _case(ctx) -> dict:
    return {"case_uuid": ctx.case.uuid}


def _involvement(ctx) -> dict:
    involvement = ctx.case.involvements.filter(organisation=ctx.smw).get()
    return {"case_uuid": ctx.case.uuid, "involvement_uuid": involvement.uuid}


def _werkafspraak(ctx) -> dict:
    """A werkafspraak by the school with a marker in its text: the form shows it, so it must
    never reach someone allowed only "dat"."""
    from cases.services import werkafspraak_add

    werkafspraak = ctx.case.werkafspraken.first() or werkafspraak_add(
        case=ctx.case,
        author=ctx.ib,
        assignee_organisation=ctx.smw,
        what=f"Huisbezoek plannen {CANARY}",
        due_date=timezone.localdate() + datetime.timedelta(days=14),
    )
    return {"case_uuid": ctx.case.uuid, "werkafspraak_uuid": werkafspraak.uuid}


def _feedback(ctx) -> dict:
    from cases.services import feedback_request_add

    feedback = ctx.case.feedback_requests.first() or feedback_request_add(
        case=ctx.case,
        organisation=ctx.jgz,
        due_date=timezone.localdate() + datetime.timedelta(days=14),
        requested_by=ctx.ib,
    )
    return {"case_uuid": ctx.case.uuid, "feedback_uuid": feedback.uuid}


ROWS = {
    # Any IB'er opens cases at their own school(s); nobody else opens one.
    "cases:case_new": Row(everyone(403) | {"ib": 200, "ib_other_school": 200}, changes=True),
    "cases:case_edit": Row(CHANGE, kwargs=_case, changes=True),
    "cases:case_status": Row(CHANGE, kwargs=_case, changes=True),
    "cases:involvement_add": Row(CHANGE, kwargs=_case, changes=True),
    "cases:involvement_end": Row(CHANGE, kwargs=_involvement, changes=True),
    "cases:regie_assign": Row(CHANGE, kwargs=_case, changes=True),
    "cases:werkafspraak_add": Row(LOG_PROGRESS, kwargs=_case, changes=True),
    "cases:werkafspraak_edit": Row(LOG_PROGRESS, kwargs=_werkafspraak, changes=True),
    "cases:progress_add": Row(LOG_PROGRESS, kwargs=_case, changes=True),
    "cases:feedback_add": Row(CHANGE, kwargs=_case, changes=True),
    # POST only (a GET is refused with 405 before the gate, so it says nothing about whether
    # the case exists): the IB'er marks the feedback received and is sent back to the tab.
    "cases:feedback_received": Row(
        CHANGE | {"ib": 302}, kwargs=_feedback, changes=True, method="POST"
    ),
}
