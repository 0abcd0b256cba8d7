"""Rows for the consent tab and recording consent and legal bases (cases/views/consent.py).

The tab shows consent details, which are "wat": the IB'er and the partner with consent see it;
the directeur and the youth doctor without consent know the case exists but get 403. Recording
consent or a legal basis is for whoever manages the case (change_case): the school's IB'er.
"""

import datetime

from django.utils import timezone

from tests.authz.rows import Row

NOT_KNOWN = {"ib_other_school": 404, "outsider": 404, "admin": 404}

WAT = {
    "anonymous": 302,
    "ib": 200,
    "directeur": 403,
    "partner": 200,
    "partner_no_consent": 403,
} | NOT_KNOWN

CHANGE = WAT | {"partner": 403}

# Asking the IB'er for consent: only for whoever knows the case but lacks consent for their
# organisation (the youth doctor); who sees the content, or sees the case through a school role,
# has nothing to ask.
ASK = WAT | {"ib": 403, "partner": 403, "partner_no_consent": 302}


def _case(ctx) -> dict:
    return {"case_uuid": ctx.case.uuid}


def _basis(ctx) -> dict:
    """A legal basis for an organisation nobody among the personas belongs to: one for the JGZ
    would give the youth doctor content access and break the persona's "dat only" rows."""
    from consent.constants import LegalBasisKind
    from consent.models import LegalBasis
    from consent.services import legal_basis_record
    from partners.constants import OrganisationKind
    from tests import factories

    basis = LegalBasis.objects.filter(pupil=ctx.pupil).first()
    if basis is None:
        today = timezone.localdate()
        basis = legal_basis_record(
            pupil=ctx.pupil,
            kind=LegalBasisKind.SAFETY,
            recipient=factories.OrganisationFactory(
                name="Veilig Thuis Matrix", kind=OrganisationKind.VEILIG_THUIS
            ),
            motivation="Zorgen over de veiligheid; toestemming vragen vergroot het risico.",
            valid_from=today,
            valid_until=today + datetime.timedelta(days=30),
            recorded_by=ctx.ib,
        )
    return {"case_uuid": ctx.case.uuid, "basis_uuid": basis.uuid}


ROWS = {
    "cases:case_consent": Row(WAT, kwargs=_case),
    "cases:consent_add": Row(CHANGE, kwargs=_case, changes=True),
    "cases:consent_ask": Row(ASK, kwargs=_case, changes=True, method="POST"),
    "cases:legal_basis_add": Row(CHANGE, kwargs=_case, changes=True),
    "cases:legal_basis_end": Row(CHANGE, kwargs=_basis, changes=True),
}
