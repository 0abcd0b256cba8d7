"""Evaluations of the gezinsplan (docs/domain.md, "Evaluating the gezinsplan"): the regisseur
records per goal what happened on an evaluation date; the family signs it in the portal the
same way as the plan, after a fresh code; a change is a new version everyone signs again; two
signatures at once of one signer are one."""

import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from gezinsplan import evaluations, services
from gezinsplan.models import ArchivedPlan, PlanEvaluation, Signature, SignedRendering
from gezinsplan.rendering import fresh_rendering, sha256_of
from tests.conftest import signed_in_client
from tests.gezinsplan.conftest import hash_in, kept_hash, seal_holds
from tests.portal.conftest import portal_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluation(plan, world):
    goal = plan.goals.get()
    return evaluations.evaluation_record(
        plan=plan,
        recorded_by=world.partner,
        date=datetime.date(2026, 12, 1),
        text="Het ritme is beter.",
        outcomes={goal: "Sam was drie van de vier weken op tijd."},
    )


def sign(evaluation, guardian, user, version=None):
    return services.evaluation_sign(
        evaluation=evaluation,
        expected_version=version or evaluation.version,
        user=user,
        ip="192.0.2.7",
        guardian=guardian,
    )


def test_the_regisseur_records_per_goal_what_happened(plan, case_world, world):
    goal = plan.goals.get()
    client = signed_in_client(world.partner)
    add = reverse("gezinsplan:evaluation_add", kwargs={"case_uuid": case_world.case.uuid})
    page = client.get(add).content.decode()
    assert "Een vast ritme in de ochtend" in page and "2026-12-01" in page
    response = client.post(
        add,
        {
            "date": "2026-12-01",
            f"goal_{goal.pk}": "Drie van de vier weken op tijd.",
            "text": "Doorgaan.",
            "version": plan.version,
        },
    )
    assert response.status_code == 302
    evaluation = PlanEvaluation.objects.get(plan=plan)
    assert evaluation.outcomes.get().text == "Drie van de vier weken op tijd."
    detail = client.get(response["Location"]).content.decode()
    assert "Drie van de vier weken op tijd." in detail
    assert "Nog te ondertekenen door: <strong>Moeder Testkind</strong>" in detail
    # Recording an evaluation is no change to the plan: signatures on the plan still count.
    opened = plan.version
    plan.refresh_from_db()
    assert plan.version == opened


def test_an_evaluation_is_on_one_of_the_plans_evaluation_dates(plan, world):
    with pytest.raises(ValidationError):
        evaluations.evaluation_record(
            plan=plan, recorded_by=world.partner, date=datetime.date(2026, 11, 1), outcomes={}
        )


def test_an_evaluation_signature_is_its_own_and_voided_by_a_change(
    plan, evaluation, case_world, world
):
    signature = sign(evaluation, case_world.mother, world.ib)
    assert signature.evaluation == evaluation
    assert signature.sha256 == sha256_of(fresh_rendering(plan, evaluation))
    # The plan itself is still unsigned; the evaluation waits only for the father.
    assert len(services.still_to_sign(plan)) == 2
    assert [s.name for s in services.still_to_sign(plan, evaluation=evaluation)] == [
        "Vader Testkind"
    ]
    changed = evaluations.evaluation_update(
        evaluation=evaluation,
        changed_by=world.partner,
        text="Toch anders.",
        outcomes={},
        expected_version=evaluation.version,
    )
    assert changed.version == evaluation.version + 1
    assert len(services.still_to_sign(plan, evaluation=changed)) == 2
    with pytest.raises(services.PlanChanged):
        sign(changed, case_world.mother, world.ib, version=evaluation.version)


def test_the_last_evaluation_signature_archives_a_sealed_pdf_and_tells_without_content(
    plan, evaluation, case_world, world, seal, django_capture_on_commit_callbacks
):
    from cases import services as case_services
    from consent.constants import Decision, Method, Purpose
    from consent.services import consent_record
    from partners.constants import Function
    from tests.conftest import professional

    colleague = professional(world.smw, Function.SMW, email="smw2@test.example")
    case_services.involvement_add(
        case=case_world.case,
        organisation=world.smw,
        professional=colleague.memberships.get(),
        added_by=world.ib,
    )
    consent_record(
        pupil=case_world.pupil,
        purpose=Purpose.GEZINSPLAN,
        decision=Decision.GIVEN,
        method=Method.PAPER,
        recorded_by=world.ib,
        guardian=case_world.mother,
    )
    first = sign(evaluation, case_world.mother, world.ib)
    assert not ArchivedPlan.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        last = sign(evaluation, case_world.father, world.ib)
    archived = ArchivedPlan.objects.get(evaluation=evaluation)
    assert archived.plan == plan and archived.version == evaluation.version
    # The plan itself is not signed, so it has no archive of its own.
    assert not ArchivedPlan.objects.filter(plan=plan, evaluation=None).exists()
    rendering = SignedRendering.objects.get(evaluation=evaluation, version=evaluation.version)
    pdf = bytes(archived.pdf)
    assert first.sha256 == last.sha256 == archived.sha256 == kept_hash(rendering) == hash_in(pdf)
    assert seal_holds(pdf, seal)
    # The regisseur downloads it, and so does the mother in the portal.
    from pupils.services import guardian_account_link

    kwargs = {"evaluation_uuid": evaluation.uuid}
    url = reverse("gezinsplan:evaluation_pdf", kwargs=kwargs | {"case_uuid": case_world.case.uuid})
    assert signed_in_client(world.partner).get(url).content == pdf
    account = guardian_account_link(
        guardian=case_world.mother, email="moeder@test.example", linked_by=world.ib
    ).account
    url = reverse("portal:evaluation_pdf", kwargs=kwargs | {"pupil_uuid": case_world.pupil.uuid})
    assert portal_client(account).get(url).content == pdf
    # The regisseur and the partner involved under consent are told, without content.
    notices = [m for m in mail.outbox if m.subject == "Evaluatie gezinsplan ondertekend"]
    assert {world.partner.email, colleague.email} <= {a for m in notices for a in m.to}
    assert all("Sam" not in m.body and "ritme" not in m.body for m in notices)


def test_a_stale_evaluation_form_is_refused(plan, evaluation, case_world, world):
    from knooppunt.concurrency import StaleEdit

    evaluations.evaluation_update(
        evaluation=evaluation, changed_by=world.ib, text="Eerst", outcomes={}, expected_version=1
    )
    with pytest.raises(StaleEdit):
        evaluations.evaluation_update(
            evaluation=evaluation,
            changed_by=world.partner,
            text="Later",
            outcomes={},
            expected_version=1,
        )
    assert PlanEvaluation.objects.get(pk=evaluation.pk).text == "Eerst"


def test_the_mother_signs_an_evaluation_in_the_portal_after_a_fresh_code(
    plan, evaluation, case_world, world, django_capture_on_commit_callbacks
):
    from pupils.services import guardian_account_link

    account = guardian_account_link(
        guardian=case_world.mother, email="moeder@test.example", linked_by=world.ib
    ).account
    client = portal_client(account)
    pupil = case_world.pupil.uuid
    page = client.get(reverse("portal:plan", kwargs={"pupil_uuid": pupil})).content.decode()
    assert "Sam was drie van de vier weken op tijd." in page
    assert "om deze evaluatie te ondertekenen" in page
    kwargs = {"pupil_uuid": pupil, "evaluation_uuid": evaluation.uuid}
    # A code for the plan does not sign the evaluation.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("portal:plan_code", kwargs={"pupil_uuid": pupil}))
    plan_code = re.search(r"(\d{6})", mail.outbox[-1].body).group(1)
    sign_url = reverse("portal:evaluation_sign", kwargs=kwargs)
    form = {"versie": evaluation.version, "akkoord": "on"}
    assert client.post(sign_url, form | {"code": plan_code}).status_code == 200
    assert not Signature.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("portal:evaluation_code", kwargs=kwargs))
    assert response["Location"] == sign_url
    code = re.search(r"(\d{6})", mail.outbox[-1].body).group(1)
    assert "Sam" not in mail.outbox[-1].body and "Testkind" not in mail.outbox[-1].subject
    assert client.post(sign_url, form | {"code": code}).status_code == 302
    signature = Signature.objects.get()
    assert signature.evaluation == evaluation and signature.guardian == case_world.mother
    page = client.get(reverse("portal:plan", kwargs={"pupil_uuid": pupil})).content.decode()
    assert "U heeft deze evaluatie ondertekend." in page
    # The regisseur sees who still has to sign the evaluation.
    detail = (
        signed_in_client(world.partner)
        .get(reverse("gezinsplan:plan_detail", kwargs={"case_uuid": case_world.case.uuid}))
        .content.decode()
    )
    assert "Ondertekend door Moeder Testkind" in detail
    assert "Nog te ondertekenen door: <strong>Vader Testkind</strong>." in detail


def test_a_parent_without_gezag_does_not_sign_an_evaluation(plan, evaluation, case_world, world):
    from pupils.services import guardian_account_link, guardian_add

    stepfather = guardian_add(
        pupil=case_world.pupil,
        name="Stiefvader",
        relation="stiefvader",
        has_gezag=False,
        added_by=world.ib,
    )
    account = guardian_account_link(
        guardian=stepfather, email="stief@test.example", linked_by=world.ib
    ).account
    kwargs = {"pupil_uuid": case_world.pupil.uuid, "evaluation_uuid": evaluation.uuid}
    client = portal_client(account)
    assert client.post(reverse("portal:evaluation_code", kwargs=kwargs)).status_code == 403
    assert client.get(reverse("portal:evaluation_sign", kwargs=kwargs)).status_code == 403


def test_the_database_holds_one_evaluation_signature_per_signer_and_version(
    evaluation, case_world, world
):
    from django.db import IntegrityError, transaction

    sign(evaluation, case_world.mother, world.ib)
    with pytest.raises(IntegrityError), transaction.atomic():
        Signature.objects.create(
            plan=evaluation.plan,
            evaluation=evaluation,
            version=evaluation.version,
            guardian=case_world.mother,
            signer_name="x",
            user=world.ib,
            method="portaal_code",
            sha256="0" * 64,
        )


@pytest.mark.django_db(transaction=True)
def test_two_signatures_at_once_of_one_signer_are_one(evaluation, case_world, world):
    from tests.threads import at_once

    results = at_once(
        *(
            lambda: sign(PlanEvaluation.objects.get(pk=evaluation.pk), case_world.mother, world.ib)
            for _ in range(2)
        )
    )
    assert not [r for r in results if isinstance(r, Exception)], results
    assert results[0].pk == results[1].pk
    assert Signature.objects.filter(evaluation=evaluation).count() == 1


def test_an_evaluation_form_opened_before_the_goals_changed_is_refused(plan, case_world, world):
    goal = plan.goals.get()
    add = reverse("gezinsplan:evaluation_add", kwargs={"case_uuid": case_world.case.uuid})
    form = {"date": "2026-12-01", f"goal_{goal.pk}": "Goed gegaan.", "version": plan.version}
    services.goal_update(goal=goal, changed_by=world.ib, fields={"by_whom": "Vader"})
    response = signed_in_client(world.partner).post(add, form)
    assert response.status_code == 200 and "Intussen gewijzigd door" in response.content.decode()
    assert not PlanEvaluation.objects.exists()


def test_every_change_to_the_plan_and_its_evaluations_records_its_user(
    plan, evaluation, case_world, world
):
    """docs/security.md target 21, for the gezinsplan's models."""
    from django.apps import apps

    goal = plan.goals.get()
    services.goal_update(
        goal=goal, changed_by=world.ib, fields={"achieved": True}, members=[], expected_version=None
    )
    evaluations.evaluation_update(
        evaluation=evaluation, changed_by=world.ib, text="Anders", outcomes={goal: ""}
    )
    sign(PlanEvaluation.objects.get(pk=evaluation.pk), case_world.mother, world.ib)
    models = [
        m
        for m in apps.get_app_config("gezinsplan").get_models()
        if not m.__name__.startswith("Historical")
    ]
    assert {"GoalEvaluation", "PlanEvaluation", "Signature"} <= {m.__name__ for m in models}
    for model in models:
        rows = model.history.all()
        assert not rows.filter(history_user__isnull=True).exists(), model.__name__
    assert evaluation.outcomes.model.history.filter(history_type="-").get().history_user == world.ib
