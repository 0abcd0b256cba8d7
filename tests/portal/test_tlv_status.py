"""Parents see the TLV request's status and decision, never its content (docs/domain.md,
"The parents' portal")."""

import datetime

import pytest
from django.urls import reverse

from cases.models import AccessLogEntry
from consent.constants import Decision, Method, Purpose
from consent.services import consent_record
from tests.conftest import CANARY
from tests.portal.conftest import portal_client
from tests.tlv.builders import dossier_in
from tlv.constants import State

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def status_url(pupil) -> str:
    return reverse("portal:tlv_status", kwargs={"pupil_uuid": pupil.uuid})


def child_url(pupil) -> str:
    return reverse("portal:child", kwargs={"pupil_uuid": pupil.uuid})


def test_the_child_page_links_to_the_request_only_when_there_is_one(
    ctx, mother_account, private_media
):
    mother = portal_client(mother_account)
    assert status_url(ctx.pupil) not in mother.get(child_url(ctx.pupil)).content.decode()
    dossier_in(ctx, State.CONCEPT)
    assert status_url(ctx.pupil) in mother.get(child_url(ctx.pupil)).content.decode()


def test_while_the_request_runs_the_parent_sees_the_step_and_the_deadline_only(
    ctx, mother_account, private_media
):
    dossier = dossier_in(ctx, State.DECISION_DUE)
    page = portal_client(mother_account).get(status_url(ctx.pupil)).content.decode()
    assert "Nu: Het samenwerkingsverband neemt een besluit." in page
    assert dossier.deadline.strftime("%Y") in page and "uiterlijk op" in page
    # Neither the dossier (Duiden & Doen), nor the experts' advice.
    assert CANARY not in page
    assert AccessLogEntry.objects.filter(
        user_uuid=mother_account.uuid, what="stand en besluit TLV-aanvraag (ouderportaal)"
    ).exists()


def test_after_the_decision_the_parent_sees_its_facts_but_not_its_motivation(
    ctx, mother_account, private_media
):
    dossier_in(ctx, State.DECIDED)
    page = portal_client(mother_account).get(status_url(ctx.pupil)).content.decode()
    assert "heeft de toelaatbaarheidsverklaring gegeven" in page
    assert "Speciaal basisonderwijs (SBO)" in page
    assert "SBO De Brug" in page
    assert "4 januari 2027" in page and "31 juli 2029" in page
    assert CANARY not in page  # the motivation and the advice carry the canary


def test_a_parent_of_a_sixteen_year_old_sees_it_only_when_the_pupil_allows(
    ctx, mother_account, private_media
):
    dossier_in(ctx, State.SUBMITTED)
    pupil = ctx.pupil
    today = datetime.date.today()
    pupil.birth_date = today.replace(year=today.year - 17, day=1)
    pupil.save(update_fields=["birth_date"])
    mother = portal_client(mother_account)
    assert mother.get(status_url(pupil)).status_code == 403
    consent_record(
        pupil=pupil,
        purpose=Purpose.PARENTS,
        decision=Decision.GIVEN,
        method=Method.VERBAL,
        recorded_by=ctx.ib,
        by_pupil=True,
    )
    assert mother.get(status_url(pupil)).status_code == 200
