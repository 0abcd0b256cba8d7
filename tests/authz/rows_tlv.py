"""TLV requests (tlv/access.py): the school's IB'er in every state, the board's procesbegeleider
while it awaits signature, the SWV's trajectbegeleider from the submission, the named experts
while asked. The OPP after the decision: only the school (and a care regisseur where the
decision says so, tests/tlv/test_opp.py); who knows the request but does not keep the OPP
gets 403, everyone else 404. The extra keys are the TLV personas, checked by
tests/authz/test_matrix_tlv.py."""

from tests.authz.rows import SIGN_IN, Row, everyone
from tlv.constants import State

# The TLV personas, added to the shared world by tests/tlv/builders.py.
TLV_PERSONAS = ("procesbegeleider", "trajectbegeleider", "deskundige")


def _dossier(state):
    def kwargs(ctx) -> dict:
        from tests.tlv.builders import dossier_in

        if not hasattr(ctx, "dossiers"):
            ctx.dossiers = {}
        if state not in ctx.dossiers:
            ctx.dossiers[state] = dossier_in(ctx, state)
        return {"dossier_uuid": ctx.dossiers[state].uuid}

    return kwargs


def _attachment(ctx) -> dict:
    uuid = _dossier(State.CONCEPT)(ctx)["dossier_uuid"]
    return {
        "dossier_uuid": uuid,
        "attachment_uuid": ctx.dossiers[State.CONCEPT].attachments.get().uuid,
    }


def _case(ctx) -> dict:
    return {"case_uuid": ctx.case.uuid}


def _only(**statuses) -> dict[str, int]:
    return everyone(404) | {"anonymous": SIGN_IN} | statuses


NONE_OF_TLV = {"procesbegeleider": 404, "trajectbegeleider": 404, "deskundige": 404}
# The OPP of a granted request: the school keeps it; the others who knew the request get 403.
OPP = _only(ib=200) | dict.fromkeys(TLV_PERSONAS, 403)

ROWS = {
    # Everyone has the list; it holds only what they may read.
    "tlv:overview": Row(everyone(200) | dict.fromkeys(TLV_PERSONAS, 200)),
    # Figures for the SWV and the board, never per child.
    "tlv:findings": Row(
        everyone(403) | {"procesbegeleider": 200, "trajectbegeleider": 200, "deskundige": 403}
    ),
    # Starting takes the right to change the case; who may know it exists gets a 403.
    # Only an IB'er starts a request; the page lists their own school's cases from level 4.
    "tlv:start": Row(
        everyone(403) | {"ib": 200, "ib_other_school": 200} | dict.fromkeys(TLV_PERSONAS, 403)
    ),
    "tlv:dossier_start": Row(
        _only(ib=302, directeur=403, partner=403, partner_no_consent=403) | NONE_OF_TLV,
        kwargs=_case,
        changes=True,
        method="POST",
    ),
    "tlv:dossier_detail": Row(
        _only(ib=200) | {"procesbegeleider": 403, "trajectbegeleider": 403, "deskundige": 404},
        kwargs=_dossier(State.CONCEPT),
    ),
    "tlv:dossier_edit": Row(
        _only(ib=200) | {"procesbegeleider": 403, "trajectbegeleider": 403, "deskundige": 404},
        kwargs=_dossier(State.CONCEPT),
        changes=True,
    ),
    "tlv:attachment_add": Row(
        _only(ib=302) | NONE_OF_TLV | {"procesbegeleider": 403, "trajectbegeleider": 403},
        kwargs=_dossier(State.CONCEPT),
        changes=True,
        method="POST",
    ),
    "tlv:attachment_download": Row(
        _only(ib=200) | {"procesbegeleider": 403, "trajectbegeleider": 403, "deskundige": 404},
        kwargs=_attachment,
    ),
    "tlv:dossier_step": Row(
        _only(ib=302) | NONE_OF_TLV | {"procesbegeleider": 403, "trajectbegeleider": 403},
        method="POST",
        kwargs=lambda ctx: _dossier(State.CONCEPT)(ctx) | {"step": "offer"},
        changes=True,
    ),
    "tlv:decision": Row(
        _only(ib=403) | {"procesbegeleider": 403, "trajectbegeleider": 200, "deskundige": 403},
        kwargs=_dossier(State.DECISION_DUE),
        changes=True,
    ),
    "tlv:letter": Row(
        _only(ib=200) | {"procesbegeleider": 403, "trajectbegeleider": 200, "deskundige": 403},
        kwargs=_dossier(State.DECIDED),
    ),
    "tlv:opp_detail": Row(OPP, kwargs=_dossier(State.DECIDED)),
    "tlv:opp_edit": Row(OPP, kwargs=_dossier(State.DECIDED), changes=True),
    "tlv:opp_evaluate": Row(OPP, kwargs=_dossier(State.DECIDED), changes=True),
}
