"""More cases at the test school, for the home's lists and its query budget."""

import datetime

from cases import services as case_services
from consent.constants import Decision, Method, Purpose
from consent.services import consent_record
from pupils import services as pupil_services


def extra_case(ctx, n: int, *, birth_date=datetime.date(2016, 5, 1)):
    """A case at the test school with the SMW involved and consent to discuss and to share
    with the SMW; returns the case."""
    pupil = pupil_services.pupil_register(
        school=ctx.school,
        first_name=f"Kind{n}",
        last_name="Extra",
        birth_date=birth_date,
        registered_by=ctx.ib,
    )
    mother = pupil_services.guardian_add(
        pupil=pupil, name=f"Moeder {n}", relation="moeder", has_gezag=True, added_by=ctx.ib
    )
    case = case_services.case_open(
        pupil=pupil,
        opened_by=ctx.ib,
        level=2,
        leervraag=True,
        complexity="enkelvoudig",
        question=f"Vraag {n}",
    )
    for purpose, recipient in ((Purpose.SHARE, ctx.smw), (Purpose.DISCUSS, None)):
        consent_record(
            pupil=pupil,
            purpose=purpose,
            recipient=recipient,
            guardian=mother,
            decision=Decision.GIVEN,
            method=Method.PAPER,
            recorded_by=ctx.ib,
        )
    case_services.involvement_add(
        case=case,
        organisation=ctx.smw,
        professional=ctx.partner.memberships.get(),
        added_by=ctx.ib,
    )
    return case
