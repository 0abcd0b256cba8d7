"""Signing the gezinsplan (docs/security.md target 20, docs/domain.md "Signing the gezinsplan")."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from gezinsplan import services
from gezinsplan.models import ArchivedPlan, Signature, SignedRendering
from gezinsplan.rendering import fresh_rendering, sha256_of
from tests.conftest import signed_in_client
from tests.gezinsplan.conftest import hash_in, kept_hash, seal_holds
from tests.portal.conftest import portal_client

pytestmark = pytest.mark.django_db


def sign(plan, guardian, user):
    return services.plan_sign(
        plan=plan, expected_version=plan.version, user=user, ip="192.0.2.7", guardian=guardian
    )


def test_a_signature_records_who_when_how_where_and_the_hash(plan, case_world, world):
    signature = sign(plan, case_world.mother, world.ib)
    assert signature.sha256 == sha256_of(fresh_rendering(plan))
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
    first = sign(plan, case_world.mother, world.ib)
    assert not ArchivedPlan.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        last = sign(plan, case_world.father, world.ib)
    archived = ArchivedPlan.objects.get(plan=plan)
    rendering = SignedRendering.objects.get(plan=plan, version=plan.version)
    assert archived.version == plan.version and archived.evaluation is None
    # Each signature's hash is that of the rendering the archived PDF was made from, and the
    # sealed PDF states it.
    pdf = bytes(archived.pdf)
    assert first.sha256 == last.sha256 == archived.sha256 == kept_hash(rendering) == hash_in(pdf)
    assert seal_holds(pdf, seal)
    # The regisseur is told, without content.
    assert world.partner.email in {a for m in mail.outbox for a in m.to}
    assert all("Sam" not in m.body and "Testkind" not in m.body for m in mail.outbox)


def test_a_template_change_voids_no_signature_and_the_archive_holds_what_was_signed(
    plan, case_world, world, seal, settings, tmp_path
):
    first = sign(plan, case_world.mother, world.ib)
    signed_text = fresh_rendering(plan)
    # A later release lays the plan out differently; the plan itself is unchanged.
    (tmp_path / "gezinsplan").mkdir()
    (tmp_path / "gezinsplan" / "plan_content.html").write_text(
        "<p>Nieuwe opmaak</p><p>{{ plan.huisarts }}</p>"
    )
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [tmp_path, *engine["DIRS"]]}]
    assert sha256_of(fresh_rendering(plan)) != first.sha256
    # Only the father still has to sign; both pages show what the mother signed.
    assert [s.name for s in services.still_to_sign(plan)] == ["Vader Testkind"]
    detail = reverse("gezinsplan:plan_detail", kwargs={"case_uuid": case_world.case.uuid})
    page = signed_in_client(world.partner).get(detail).content.decode()
    assert "Nieuwe opmaak" not in page and "Een vast ritme in de ochtend" in page
    assert "Nog te ondertekenen door: <strong>Vader Testkind</strong>" in page

    last = sign(plan, case_world.father, world.ib)
    archived = ArchivedPlan.objects.get(plan=plan)
    assert last.sha256 == first.sha256 == archived.sha256 == sha256_of(signed_text)
    assert hash_in(bytes(archived.pdf)) == first.sha256
    # A new version is rendered afresh at its first signature.
    plan = services.plan_update(plan=plan, changed_by=world.partner, fields={"huisarts": "Ander"})
    again = sign(plan, case_world.mother, world.ib)
    assert again.sha256 == sha256_of(fresh_rendering(plan)) != first.sha256


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
