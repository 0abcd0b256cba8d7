"""The school invites guardians, and a pupil from 12, to the portal from the case
(docs/domain.md, "The parents' portal")."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from pupils.models import Pupil
from tests.conftest import signed_in_client
from tests.portal.conftest import portal_client

pytestmark = pytest.mark.django_db


def invite_page(case):
    return reverse("portal:guardian_invite", kwargs={"case_uuid": case.uuid})


def pupil_invite(case):
    return reverse("portal:pupil_invite", kwargs={"case_uuid": case.uuid})


def aged(pupil, years: int) -> Pupil:
    today = timezone.localdate()
    Pupil.objects.filter(pk=pupil.pk).update(birth_date=today.replace(year=today.year - years))
    return Pupil.objects.get(pk=pupil.pk)


def test_the_ib_finds_the_invitation_on_the_case_and_a_partner_does_not(world, case_world):
    involved = reverse("cases:case_involved", kwargs={"case_uuid": case_world.case.uuid})
    link = f'href="{invite_page(case_world.case)}"'
    assert link in signed_in_client(world.ib).get(involved).content.decode()
    assert link not in signed_in_client(world.partner).get(involved).content.decode()


def test_a_pupil_under_12_gets_no_account(world, case_world, django_capture_on_commit_callbacks):
    aged(case_world.pupil, 11)
    client = signed_in_client(world.ib)
    assert "vanaf 12 jaar" in client.get(invite_page(case_world.case)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            pupil_invite(case_world.case), {"email": "kind@test.example"}, follow=True
        )
    assert "pas vanaf 12 jaar een eigen account" in response.content.decode()
    assert Pupil.objects.get(pk=case_world.pupil.pk).account is None
    assert mail.outbox == []


def test_a_pupil_of_13_is_invited_without_a_name_and_opens_their_own_case(
    world, case_world, django_capture_on_commit_callbacks
):
    aged(case_world.pupil, 13)
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in_client(world.ib).post(
            pupil_invite(case_world.case), {"email": "Kind@Test.example"}
        )
    assert response.status_code == 302
    account = Pupil.objects.get(pk=case_world.pupil.pk).account
    assert account.email == "kind@test.example"
    [message] = mail.outbox
    assert message.to == ["kind@test.example"]
    assert "Sam" not in message.body and "Testkind" not in message.body
    assert "Testkind" not in message.subject
    child = reverse("portal:child", kwargs={"pupil_uuid": case_world.pupil.uuid})
    assert portal_client(account).get(child).status_code == 200


def test_a_professional_address_is_refused_and_nothing_is_sent(
    world, case_world, django_capture_on_commit_callbacks
):
    aged(case_world.pupil, 14)
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in_client(world.ib).post(
            pupil_invite(case_world.case), {"email": world.partner.email}, follow=True
        )
    assert "hoort bij een professional" in response.content.decode()
    assert Pupil.objects.get(pk=case_world.pupil.pk).account is None
    assert mail.outbox == []


def test_an_invalid_address_is_explained(world, case_world):
    aged(case_world.pupil, 14)
    response = signed_in_client(world.ib).post(
        pupil_invite(case_world.case), {"email": "geen-adres"}, follow=True
    )
    assert "Vul een geldig e-mailadres in" in response.content.decode()
