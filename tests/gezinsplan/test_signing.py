"""Signing the gezinsplan (docs/security.md target 20, docs/domain.md "Signing the gezinsplan")."""

import re
from io import BytesIO

import pytest
from django.core import mail
from django.urls import reverse

from gezinsplan import services
from gezinsplan.models import ArchivedPlan, Signature
from gezinsplan.rendering import content_sha256
from tests.conftest import signed_in_client
from tests.portal.conftest import portal_client

pytestmark = pytest.mark.django_db


def sign(plan, guardian, user):
    return services.plan_sign(
        plan=plan, expected_version=plan.version, user=user, ip="192.0.2.7", guardian=guardian
    )


def test_a_signature_records_who_when_how_where_and_the_hash(plan, case_world, world):
    signature = sign(plan, case_world.mother, world.ib)
    assert signature.sha256 == content_sha256(plan)
    assert signature.ip_address == "192.0.2.7"
    assert signature.method == "portaal_code"
    assert signature.signed_at is not None


def test_a_signer_whose_address_is_unknown_can_still_sign(plan, case_world, world):
    signature = services.plan_sign(
        plan=plan, expected_version=plan.version, user=world.ib, ip=None, guardian=case_world.mother
    )
    assert signature.pk is not None and signature.ip_address is None


def test_signing_twice_gives_one_signature(plan, case_world, world):
    first = sign(plan, case_world.mother, world.ib)
    second = sign(plan, case_world.mother, world.ib)
    assert first.pk == second.pk
    assert Signature.objects.filter(plan=plan).count() == 1


def test_the_database_holds_one_signature_per_signer_and_version(plan, case_world, world):
    from django.db import IntegrityError, transaction

    sign(plan, case_world.mother, world.ib)
    with pytest.raises(IntegrityError), transaction.atomic():
        Signature.objects.create(
            plan=plan,
            version=plan.version,
            guardian=case_world.mother,
            signer_name="x",
            user=world.ib,
            method="portaal_code",
            sha256="0" * 64,
        )


def test_any_edit_voids_the_signatures(plan, case_world, world):
    sign(plan, case_world.mother, world.ib)
    assert [s.name for s in services.still_to_sign(plan)] == ["Vader Testkind"]
    plan = services.plan_update(plan=plan, changed_by=world.partner, fields={"huisarts": "Ander"})
    assert {s.name for s in services.still_to_sign(plan)} == {"Moeder Testkind", "Vader Testkind"}
    goal = plan.goals.get()
    services.goal_update(goal=goal, changed_by=world.partner, fields={"achieved": True})
    plan.refresh_from_db()
    with pytest.raises(services.PlanChanged):
        services.plan_sign(
            plan=plan,
            expected_version=plan.version - 1,
            user=world.ib,
            ip=None,
            guardian=case_world.mother,
        )


def test_the_last_signature_archives_a_sealed_pdf_whose_hash_matches(
    plan, case_world, world, seal, django_capture_on_commit_callbacks
):
    from pyhanko.keys import load_cert_from_pemder
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    sign(plan, case_world.mother, world.ib)
    assert not ArchivedPlan.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        last = sign(plan, case_world.father, world.ib)
    archived = ArchivedPlan.objects.get(plan=plan)
    assert archived.version == plan.version
    assert archived.sha256 == last.sha256 == content_sha256(plan)
    pdf = bytes(archived.pdf)
    reader = PdfFileReader(BytesIO(pdf))
    (embedded,) = reader.embedded_signatures
    status = validate_pdf_signature(
        embedded, ValidationContext(trust_roots=[load_cert_from_pemder(str(seal))])
    )
    assert status.intact and status.valid and status.bottom_line
    # The regisseur is told, without content.
    assert world.partner.email in {a for m in mail.outbox for a in m.to}
    assert all("Sam" not in m.body and "Testkind" not in m.body for m in mail.outbox)


def test_signing_in_the_portal_takes_a_fresh_code(
    plan, case_world, world, seal, django_capture_on_commit_callbacks
):
    from pupils.services import guardian_account_link

    account = guardian_account_link(
        guardian=case_world.mother, email="moeder@test.example", linked_by=world.ib
    ).account
    client = portal_client(account)
    pupil = case_world.pupil.uuid
    page = client.get(reverse("portal:plan", kwargs={"pupil_uuid": pupil})).content.decode()
    assert "Een vast ritme in de ochtend" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("portal:plan_code", kwargs={"pupil_uuid": pupil}))
    code = re.search(r"(\d{6})", mail.outbox[-1].body).group(1)
    sign_url = reverse("portal:plan_sign", kwargs={"pupil_uuid": pupil})
    wrong = client.post(
        sign_url,
        {
            "code": "000000" if code != "000000" else "111111",
            "versie": plan.version,
            "akkoord": "on",
        },
    )
    assert wrong.status_code == 200 and not Signature.objects.exists()
    response = client.post(sign_url, {"code": code, "versie": plan.version, "akkoord": "on"})
    assert response.status_code == 302
    signature = Signature.objects.get()
    assert signature.guardian == case_world.mother and signature.user == account
    # The code is spent.
    client.post(sign_url, {"code": code, "versie": plan.version, "akkoord": "on"})
    assert Signature.objects.count() == 1
    # The regisseur sees her signature and the father still to sign.
    regisseur_page = (
        signed_in_client(world.partner)
        .get(reverse("gezinsplan:plan_detail", kwargs={"case_uuid": case_world.case.uuid}))
        .content.decode()
    )
    assert "Ondertekend door Moeder Testkind" in regisseur_page
    assert "Nog te ondertekenen door: <strong>Vader Testkind</strong>" in regisseur_page


def test_partners_see_the_plan_only_under_the_consent_to_share_it(plan, case_world, world):
    from cases import services as case_services
    from consent.constants import Decision, Method, Purpose
    from consent.services import consent_record
    from partners.constants import Function
    from tests.conftest import professional

    # The regisseur drafted it; another involved partner with content rights needs the consent.
    colleague = professional(world.smw, Function.SMW, email="smw2@test.example")
    case_services.involvement_add(
        case=case_world.case,
        organisation=world.smw,
        professional=colleague.memberships.get(),
        added_by=world.ib,
    )
    url = reverse("gezinsplan:plan_detail", kwargs={"case_uuid": case_world.case.uuid})
    assert signed_in_client(colleague).get(url).status_code == 403
    consent_record(
        pupil=case_world.pupil,
        purpose=Purpose.GEZINSPLAN,
        decision=Decision.GIVEN,
        method=Method.PAPER,
        recorded_by=world.ib,
        guardian=case_world.mother,
    )
    assert signed_in_client(colleague).get(url).status_code == 200
