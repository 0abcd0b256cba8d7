"""Rows for the case lists and the tabs of the case page (cases/views/read.py).

The lists are open to everyone signed in and show only the cases the user may know exist
(the same subset the detail gate allows), so an outsider or the functional admin gets an
empty list, not a refusal. On the case page: no view_case_dat -> 404; view_case_dat without
the tab's permission -> 403.
"""

from tests.authz.rows import Row, everyone

NOT_KNOWN = {"ib_other_school": 404, "outsider": 404, "admin": 404}

# "Dat": everyone who may know the case exists.
DAT = {
    "anonymous": 302,
    "ib": 200,
    "directeur": 200,
    "partner": 200,
    "partner_no_consent": 200,
} | NOT_KNOWN

# "Wat": the IB'er (school content) and the partner with consent; the directeur and the youth
# doctor without consent know the case exists but may not see inside it.
WAT = DAT | {"directeur": 403, "partner_no_consent": 403}

# The access log: only the school's IB'er.
ACCESS_LOG = WAT | {"partner": 403}


def _case(ctx) -> dict:
    return {"case_uuid": ctx.case.uuid}


ROWS = {
    # The filter form is POSTed (a searched name stays out of the address): it must carry a
    # CSRF token like every form that writes, here to the session.
    "cases:case_list": Row(everyone(200), changes=True),
    "cases:my_cases": Row(everyone(200)),
    "cases:case_detail": Row(DAT, kwargs=_case),
    "cases:case_involved": Row(DAT, kwargs=_case),
    "cases:case_werkafspraken": Row(WAT, kwargs=_case),
    "cases:case_progress": Row(WAT, kwargs=_case),
    "cases:case_timeline": Row(WAT, kwargs=_case),
    "cases:case_accesslog": Row(ACCESS_LOG, kwargs=_case),
}
