import datetime
import hashlib
from io import BytesIO

import pytest

from cases import services as case_services
from gezinsplan import services
from gezinsplan.constants import Letter, ResultArea
from gezinsplan.seal import self_signed_pair


@pytest.fixture
def seal(settings, tmp_path):
    key, cert = self_signed_pair(tmp_path, common_name="Knooppunt test")
    settings.GEZINSPLAN_SEAL_KEY_FILE = str(key)
    settings.GEZINSPLAN_SEAL_CERT_FILE = str(cert)
    return cert


@pytest.fixture
def plan(world, case_world):
    membership = world.partner.memberships.get()
    case_services.regie_assign(
        case=case_world.case, kind="casusregie", professional=membership, assigned_by=world.ib
    )
    plan = services.plan_draft(
        case=case_world.case,
        regisseur=membership,
        drafted_by=world.partner,
        start_date=datetime.date(2026, 9, 1),
        huisarts="Huisartsenpraktijk Test",
        huisarts_consent=True,
        jeugdarts="Dr. Test",
        jeugdarts_consent=False,
        evaluation_dates=["2026-12-01"],
    )
    mother = services.member_add(
        plan=plan, added_by=world.partner, name="Moeder Testkind", relation="moeder", has_gezag=True
    )
    child = services.member_add(plan=plan, added_by=world.partner, name="Sam", relation="kind")
    services.goal_add(
        plan=plan,
        added_by=world.partner,
        members=[mother, child],
        area=ResultArea.DAILY_ACTIVITIES,
        letter=Letter.A,
        subgoal="Een vast ritme in de ochtend",
        smart_goal="Sam is vier weken lang elke dag om 8.20 uur op school.",
        by_whom="Moeder en SMW",
        start=datetime.date(2026, 9, 1),
        done_by=datetime.date(2026, 10, 1),
    )
    plan.refresh_from_db()
    return plan


def seal_holds(pdf: bytes, cert) -> bool:
    """The PDF's PAdES seal verifies under the test certificate: intact and valid."""
    from pyhanko.keys import load_cert_from_pemder
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    (embedded,) = PdfFileReader(BytesIO(pdf)).embedded_signatures
    status = validate_pdf_signature(
        embedded, ValidationContext(trust_roots=[load_cert_from_pemder(str(cert))])
    )
    return status.intact and status.valid and status.bottom_line


def hash_in(pdf: bytes) -> str:
    """The SHA-256 of the signed rendering, as the sealed PDF itself states it."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    subject = str(PdfFileReader(BytesIO(pdf)).trailer["/Info"]["/Subject"])
    return subject.removeprefix("Ondertekende inhoud SHA-256 ")


def kept_hash(rendering) -> str:
    """The SHA-256 of a kept rendering, computed afresh from its text."""
    return hashlib.sha256(rendering.content.encode()).hexdigest()
