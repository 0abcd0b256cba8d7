"""Rows for the parents' portal (portal/urls.py) and the parent personas.

Parent personas: the mother (with gezag) of the case's pupil, a parent of that pupil without
gezag, and a parent of another child. Portal pages refuse professionals (403) and send the
anonymous to the portal's own sign-in; a parent reaches only their own child (404 otherwise).
Rows elsewhere need not name the parent personas: a parent on a professional page is sent to
the portal (302), on a public page gets what anyone gets (`expected` in tests/authz/rows.py).
"""

import datetime

from tests.authz.rows import PERSONAS, Row

PORTAL_SIGNIN = "portal:signin"

PROFESSIONALS_REFUSED = {p: 403 for p in PERSONAS} | {"anonymous": 302}
OWN_CHILD = PROFESSIONALS_REFUSED | {
    "parent": 200,
    "parent_no_gezag": 200,
    "parent_other_child": 404,
}
DECIDE = OWN_CHILD | {"parent_no_gezag": 403}
# Answering an invitation: only the invited parent's own; the signing code: only for a decider.
RESPOND = PROFESSIONALS_REFUSED | {"parent": 302, "parent_no_gezag": 404, "parent_other_child": 404}
SEND_CODE = DECIDE | {"parent": 302}
# Inviting to the portal takes the right to change the case (the IB'er).
INVITE = {
    "anonymous": 302,
    "directeur": 403,
    "partner": 403,
    "partner_no_consent": 403,
    "ib_other_school": 404,
    "outsider": 404,
    "admin": 404,
    "parent": 404,
    "parent_no_gezag": 404,
    "parent_other_child": 404,
}
PUBLIC_FOR_ALL = {p: 200 for p in PERSONAS} | {
    "parent": 200,
    "parent_no_gezag": 200,
    "parent_other_child": 200,
}


def parent_user(persona: str, ctx):
    """The portal account for a parent persona, linked on first use."""
    from pupils import services as pupil_services
    from pupils.models import Guardian

    if persona == "parent":
        guardian = ctx.mother
    elif persona == "parent_no_gezag":
        guardian = Guardian.objects.filter(pupil=ctx.pupil, has_gezag=False).first()
        if guardian is None:
            guardian = pupil_services.guardian_add(
                pupil=ctx.pupil,
                name="Stiefvader Testkind",
                relation="stiefvader",
                has_gezag=False,
                added_by=ctx.ib,
            )
    else:
        guardian = Guardian.objects.filter(name="Ouder Anderkind").first()
        if guardian is None:
            pupil = pupil_services.pupil_register(
                school=ctx.school,
                first_name="Ander",
                last_name="Anderkind",
                birth_date=datetime.date(2016, 1, 1),
                registered_by=ctx.ib,
            )
            guardian = pupil_services.guardian_add(
                pupil=pupil,
                name="Ouder Anderkind",
                relation="moeder",
                has_gezag=True,
                added_by=ctx.ib,
            )
    guardian.refresh_from_db()
    if guardian.account is None:
        guardian = pupil_services.guardian_account_link(
            guardian=guardian, email=f"{persona.replace('_', '-')}@ouder.example", linked_by=ctx.ib
        )
    return guardian.account


def plan_for(ctx):
    """The case's gezinsplan, drafted by the SMW partner (the regisseur)."""
    from gezinsplan.models import Gezinsplan
    from gezinsplan.services import plan_draft

    plan = Gezinsplan.objects.filter(case=ctx.case).first()
    if plan is None:
        plan = plan_draft(
            case=ctx.case,
            regisseur=ctx.partner.memberships.get(),
            drafted_by=ctx.partner,
            start_date=datetime.date(2026, 9, 1),
        )
    return plan


def evaluated_plan_for(ctx):
    """The case's gezinsplan with one recorded evaluation (returned)."""
    from gezinsplan.evaluations import evaluation_record
    from gezinsplan.services import plan_update

    plan = plan_for(ctx)
    evaluation = plan.evaluations.first()
    if evaluation is None:
        plan = plan_update(
            plan=plan, changed_by=ctx.partner, fields={"evaluation_dates": ["2026-12-01"]}
        )
        evaluation = evaluation_record(
            plan=plan,
            recorded_by=ctx.partner,
            date=datetime.date(2026, 12, 1),
            text="Het gaat beter.",
            outcomes={},
        )
    return evaluation


def _child(ctx) -> dict:
    return {"pupil_uuid": ctx.pupil.uuid}


def _child_with_plan(ctx) -> dict:
    plan_for(ctx)
    return _child(ctx)


def _child_evaluation(ctx) -> dict:
    return _child(ctx) | {"evaluation_uuid": evaluated_plan_for(ctx).uuid}


def _child_with_tlv(ctx) -> dict:
    """A decided TLV request on the case (tests/authz/rows_tlv.py builds it)."""
    from tests.authz.rows_tlv import _dossier
    from tlv.constants import State

    _dossier(State.DECIDED)(ctx)
    return _child(ctx)


def _attendee(ctx) -> dict:
    """The mother's invitation to the planned meeting (tests/meetings/builders.py)."""
    from meetings.models import Attendee
    from tests.meetings.builders import planned_meeting

    planned_meeting(ctx)
    return {
        "pupil_uuid": ctx.pupil.uuid,
        "attendee_uuid": Attendee.objects.get(guardian=ctx.mother).uuid,
    }


ROWS = {
    "portal:signin": Row(PUBLIC_FOR_ALL | {"anonymous": 200}, changes=True),
    "portal:signin_link": Row(
        PUBLIC_FOR_ALL | {"anonymous": 200}, kwargs=lambda ctx: {"token": "x" * 32}, changes=True
    ),
    # DigiD (docs/digid.md) is off unless configured: both ends of the seam are 404 for all.
    "portal:digid_start": Row({p: 404 for p in PERSONAS}),
    "portal:digid_callback": Row({p: 404 for p in PERSONAS}),
    # Signing out of the portal accepts only POST, from anyone, and ends on its sign-in page.
    "portal:signout": Row(
        {p: 302 for p in (*PERSONAS, "parent", "parent_no_gezag", "parent_other_child")},
        signin=PORTAL_SIGNIN,
        changes=True,
        method="POST",
    ),
    "portal:home": Row(
        PROFESSIONALS_REFUSED | {"parent": 302, "parent_no_gezag": 302, "parent_other_child": 302},
        signin=PORTAL_SIGNIN,
    ),
    "portal:child": Row(OWN_CHILD, kwargs=_child, signin=PORTAL_SIGNIN),
    "portal:meetings": Row(OWN_CHILD, kwargs=_child, signin=PORTAL_SIGNIN),
    "portal:meeting_respond": Row(
        RESPOND, kwargs=_attendee, signin=PORTAL_SIGNIN, changes=True, method="POST"
    ),
    "portal:consent": Row(OWN_CHILD, kwargs=_child, signin=PORTAL_SIGNIN),
    # Without a choice the confirmation step sends the parent back to the consent page.
    "portal:consent_change": Row(
        DECIDE | {"parent": 302}, kwargs=_child, signin=PORTAL_SIGNIN, changes=True
    ),
    "portal:accesslog": Row(OWN_CHILD, kwargs=_child, signin=PORTAL_SIGNIN),
    # The TLV request's status and decision, read-only.
    "portal:tlv_status": Row(OWN_CHILD, kwargs=_child_with_tlv, signin=PORTAL_SIGNIN),
    "portal:plan": Row(OWN_CHILD, kwargs=_child_with_plan, signin=PORTAL_SIGNIN),
    "portal:plan_code": Row(
        SEND_CODE, kwargs=_child_with_plan, signin=PORTAL_SIGNIN, changes=True, method="POST"
    ),
    "portal:plan_sign": Row(DECIDE, kwargs=_child_with_plan, signin=PORTAL_SIGNIN, changes=True),
    "portal:plan_pdf": Row(OWN_CHILD, kwargs=_child_with_plan, signin=PORTAL_SIGNIN),
    # An evaluation is signed the same way as the plan.
    "portal:evaluation_code": Row(
        SEND_CODE, kwargs=_child_evaluation, signin=PORTAL_SIGNIN, changes=True, method="POST"
    ),
    "portal:evaluation_sign": Row(
        DECIDE, kwargs=_child_evaluation, signin=PORTAL_SIGNIN, changes=True
    ),
    "portal:evaluation_pdf": Row(OWN_CHILD, kwargs=_child_evaluation, signin=PORTAL_SIGNIN),
    "portal:guardian_invite": Row(
        INVITE | {"ib": 200},
        kwargs=lambda ctx: {"case_uuid": ctx.case.uuid},
        changes=True,
    ),
    # The pupil's own account (from 12): the row's pupil is younger, so the IB'er is sent back
    # to the page with the reason.
    "portal:pupil_invite": Row(
        INVITE | {"ib": 302},
        kwargs=lambda ctx: {"case_uuid": ctx.case.uuid},
        changes=True,
        method="POST",
        data=lambda ctx: {"email": "leerling@test.example"},
    ),
}
