"""Who sees what in the portal (docs/domain.md, "The parents' portal")."""

import datetime

import pytest
from django.urls import reverse

from cases.models import AccessLogEntry
from consent.constants import Decision, Method, Purpose
from consent.services import consent_record
from pupils import services as pupil_services
from pupils.models import Guardian
from tests.conftest import CANARY, signed_in_client
from tests.portal.conftest import portal_client

pytestmark = pytest.mark.django_db


def url(name, pupil, **kw):
    return reverse(f"portal:{name}", kwargs={"pupil_uuid": pupil.uuid, **kw})


def other_family(world):
    pupil = pupil_services.pupil_register(
        school=world.school,
        first_name="Ander",
        last_name="Kind",
        birth_date=datetime.date(2016, 5, 5),
        registered_by=world.ib,
    )
    guardian = pupil_services.guardian_add(
        pupil=pupil, name="Ouder Ander", relation="moeder", has_gezag=True, added_by=world.ib
    )
    guardian = pupil_services.guardian_account_link(
        guardian=guardian, email="ander@test.example", linked_by=world.ib
    )
    return pupil, guardian.account


PAGES = ("child", "meetings", "consent", "accesslog", "plan")


def test_parent_a_never_sees_parent_bs_child(world, case_world, mother_account):
    other_pupil, other_parent = other_family(world)
    mother = portal_client(mother_account)
    for page in PAGES:
        assert mother.get(url(page, case_world.pupil)).status_code == 200, page
        assert mother.get(url(page, other_pupil)).status_code == 404, page
    home = portal_client(other_parent).get(reverse("portal:home"), follow=True)
    assert "Testkind" not in home.content.decode()


def test_the_parent_sees_the_familys_question_but_no_partner_content(case_world, mother_account):
    page = portal_client(mother_account).get(url("child", case_world.pupil)).content.decode()
    assert "Vraag van het gezin" in page
    assert "Huisbezoek" not in page  # the SMW's progress note
    assert f"Foto {CANARY}" not in page
    assert AccessLogEntry.objects.filter(
        pupil_uuid=case_world.pupil.uuid, user_uuid=mother_account.uuid, event="inzage"
    ).exists()


def test_professionals_are_refused_on_portal_pages_and_parents_on_professional_pages(
    world, case_world, mother_account
):
    assert signed_in_client(world.ib).get(url("child", case_world.pupil)).status_code == 403
    response = portal_client(mother_account).get(
        reverse("cases:case_detail", kwargs={"case_uuid": case_world.case.uuid})
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:home")


def test_a_parent_account_signed_in_outside_the_portal_is_signed_out(client, mother_account):
    client.force_login(mother_account, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(reverse("portal:home"))
    assert response["Location"] == reverse("portal:signin")
    assert "_auth_user_id" not in client.session


def test_a_parent_without_gezag_reads_but_cannot_consent_or_sign(world, case_world):
    guardian = pupil_services.guardian_add(
        pupil=case_world.pupil,
        name="Stiefvader",
        relation="vader",
        has_gezag=False,
        added_by=world.ib,
    )
    guardian = pupil_services.guardian_account_link(
        guardian=guardian, email="stief@test.example", linked_by=world.ib
    )
    client = portal_client(guardian.account)
    assert client.get(url("child", case_world.pupil)).status_code == 200
    assert client.get(url("consent", case_world.pupil)).status_code == 200
    change = url("consent_change", case_world.pupil)
    data = {"doel": Purpose.DISCUSS, "besluit": Decision.GIVEN}
    assert client.post(change, data).status_code == 403
    assert client.post(url("plan_code", case_world.pupil)).status_code == 403
    assert not Guardian.objects.get(pk=guardian.pk).consent_decisions.exists()


def test_a_parent_of_a_sixteen_year_old_reads_only_what_the_pupil_allows(
    world, case_world, mother_account
):
    pupil = case_world.pupil
    pupil.birth_date = datetime.date.today().replace(year=datetime.date.today().year - 17)
    pupil.save(update_fields=["birth_date"])
    mother = portal_client(mother_account)
    page = mother.get(url("child", pupil)).content.decode()
    assert "Vraag van het gezin" not in page
    assert mother.get(url("plan", pupil)).status_code == 403
    consent_record(
        pupil=pupil,
        purpose=Purpose.PARENTS,
        decision=Decision.GIVEN,
        method=Method.VERBAL,
        recorded_by=world.ib,
        by_pupil=True,
    )
    assert "Vraag van het gezin" in mother.get(url("child", pupil)).content.decode()
    # Reading is allowed again; deciding stays with the pupil.
    data = {"doel": Purpose.DISCUSS, "besluit": Decision.WITHDRAWN}
    assert mother.post(url("consent_change", pupil), data).status_code == 403


def test_withdrawal_in_the_portal_revokes_the_partners_access_in_the_same_request(
    world, case_world, mother_account
):
    partner = signed_in_client(world.partner)
    progress = reverse("cases:case_progress", kwargs={"case_uuid": case_world.case.uuid})
    assert partner.get(progress).status_code == 200
    mother = portal_client(mother_account)
    data = {"doel": Purpose.SHARE, "ontvanger": world.smw.uuid, "besluit": Decision.WITHDRAWN}
    confirm = mother.get(url("consent_change", case_world.pupil), data)
    assert confirm.status_code == 200
    assert "Ja, ik trek mijn toestemming in" in confirm.content.decode()
    assert mother.post(url("consent_change", case_world.pupil), data).status_code == 302
    assert partner.get(progress).status_code == 403


def test_who_looked_shows_this_childs_readers_and_nothing_of_others(
    world, case_world, mother_account
):
    signed_in_client(world.ib).get(
        reverse("cases:case_progress", kwargs={"case_uuid": case_world.case.uuid})
    )
    other_pupil, other_parent = other_family(world)
    page = portal_client(mother_account).get(url("accesslog", case_world.pupil)).content.decode()
    assert world.ib.get_full_name() in page
    other_page = portal_client(other_parent).get(url("accesslog", other_pupil)).content.decode()
    assert world.ib.get_full_name() not in other_page


def test_the_ib_invites_a_guardian_without_the_pupils_name_in_the_mail(
    world, case_world, django_capture_on_commit_callbacks
):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in_client(world.ib).post(
            reverse("portal:guardian_invite", kwargs={"case_uuid": case_world.case.uuid}),
            {"guardian": case_world.father.uuid, "email": "vader@test.example"},
        )
    assert response.status_code == 302
    assert Guardian.objects.get(pk=case_world.father.pk).account.email == "vader@test.example"
    assert len(mail.outbox) == 1
    assert "Sam" not in mail.outbox[0].body and "Testkind" not in mail.outbox[0].body
