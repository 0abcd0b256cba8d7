"""The functional admin manages organisations and accounts and never sees case data."""

import pytest
from django.contrib import admin
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from partners.access import is_ib_of
from partners.constants import Function
from partners.models import Professional
from partners.services import functional_admin_grant
from tests import factories
from tests.conftest import signed_in_client

pytestmark = pytest.mark.django_db

CASE_DATA_APPS = {"cases", "consent", "gezinsplan", "meetings"}


def test_no_case_consent_or_plan_model_is_in_the_admin():
    registered = {model._meta.app_label for model in admin.site._registry}
    assert not registered & CASE_DATA_APPS


def test_admin_index_shows_organisations_and_accounts_but_no_case(ctx):
    page = signed_in_client(ctx.admin).get(reverse("admin:index")).content.decode()
    assert "Organisaties" in page
    assert ctx.pupil.last_name not in page


# --- Nobody grants themselves anything (docs/security.md) ---------------------------------


def form_data(response) -> dict:
    """The POST data of an admin change form as it was rendered, inlines included."""
    data = {}

    def add(form) -> None:
        for name in form.fields:
            value = form[name].value()
            if value is True:
                data[form.add_prefix(name)] = "on"
            elif value not in (None, False):
                data[form.add_prefix(name)] = value

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        add(inline.formset.management_form)
        for form in inline.formset.forms:
            add(form)
    return data


@pytest.fixture
def second_admin(db):
    user = factories.UserFactory(email="beheer2@test.example")
    functional_admin_grant(user=user)
    factories.TOTPDeviceFactory(user=user)
    return user


def test_admin_cannot_add_a_membership_for_itself(world):
    client = signed_in_client(world.admin)
    response = client.post(
        reverse("admin:partners_professional_add"),
        {
            "user": world.admin.pk,
            "organisation": world.school.organisation.pk,
            "function": Function.IB,
            "phone": "",
        },
    )
    assert response.status_code == 200  # the form again, with the refusal
    assert not Professional.objects.filter(user=world.admin).exists()
    assert not is_ib_of(world.admin, world.school)


def test_admin_cannot_change_its_own_account(world):
    client = signed_in_client(world.admin)
    url = reverse("admin:partners_user_change", args=[world.admin.pk])
    data = {
        "email": world.admin.email,
        "first_name": "Beheer",
        "last_name": "Zelf",
        "kind": "professional",
        "is_active": "on",
        "is_staff": "on",
        "is_superuser": "on",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
    }
    assert client.post(url, data).status_code == 403
    world.admin.refresh_from_db()
    assert not world.admin.is_superuser
    assert world.admin.last_name != "Zelf"


def test_superuser_groups_and_permissions_are_not_editable_in_the_admin(world):
    client = signed_in_client(world.admin)
    url = reverse("admin:partners_user_change", args=[world.ib.pk])
    page = client.get(url)
    for field in ("is_superuser", "groups", "user_permissions", "is_staff"):
        assert f'name="{field}"' not in page.content.decode(), field

    data = form_data(page) | {"is_superuser": "on", "is_staff": "on", "groups": ["1"]}
    assert client.post(url, data).status_code == 302
    world.ib.refresh_from_db()
    assert not world.ib.is_superuser
    assert not world.ib.is_staff
    assert not world.ib.groups.exists()


def test_admin_changes_to_an_account_go_through_the_services(world):
    client = signed_in_client(world.admin)
    url = reverse("admin:partners_user_change", args=[world.ib.pk])
    data = form_data(client.get(url))
    data.pop("is_active")
    assert client.post(url, data | {"last_name": "Nieuwenaam"}).status_code == 302
    world.ib.refresh_from_db()
    assert not world.ib.is_active
    assert world.ib.last_name == "Nieuwenaam"
    assert world.ib.history.latest().history_user == world.admin


def test_admin_adds_a_membership_that_waits_for_another_admin(world, second_admin):
    newcomer = factories.UserFactory(email="nieuw@test.example")
    client = signed_in_client(world.admin)
    client.post(
        reverse("admin:partners_professional_add"),
        {
            "user": newcomer.pk,
            "organisation": world.school.organisation.pk,
            "function": Function.IB,
            "phone": "",
        },
    )
    membership = Professional.objects.get(user=newcomer)
    assert membership.is_pending
    assert membership.requested_by == world.admin
    assert membership.history.get().history_user == world.admin

    changelist = reverse("admin:partners_professional_changelist")
    confirm = {"action": "confirm_memberships", "_selected_action": [membership.pk]}
    client.post(changelist, confirm)
    membership.refresh_from_db()
    assert membership.is_pending  # not by the admin who asked for it

    signed_in_client(second_admin).post(changelist, confirm)
    membership.refresh_from_db()
    assert membership.is_active
    assert membership.confirmed_by == second_admin


def test_admin_changes_a_membership_through_the_services_and_never_deletes_it(world):
    client = signed_in_client(world.admin)
    membership = world.ib.memberships.get()
    url = reverse("admin:partners_professional_change", args=[membership.pk])
    data = form_data(client.get(url)) | {"function": Function.DIRECTEUR}
    assert client.post(url, data).status_code == 302
    membership.refresh_from_db()
    assert membership.function == Function.DIRECTEUR
    assert membership.is_pending  # a new function with case access waits again
    assert membership.history.latest().history_user == world.admin
    delete = reverse("admin:partners_professional_delete", args=[membership.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Professional.objects.filter(pk=membership.pk).exists()


def test_second_factor_secrets_are_not_in_the_admin(world):
    assert not admin.site.is_registered(TOTPDevice)
    assert not admin.site.is_registered(StaticDevice)
    superuser = factories.UserFactory(email="root@test.example", is_staff=True, is_superuser=True)
    factories.TOTPDeviceFactory(user=superuser)
    client = signed_in_client(superuser)
    assert client.get("/beheer/otp_totp/totpdevice/").status_code == 404
    assert client.get("/beheer/otp_static/staticdevice/").status_code == 404
    page = client.get(reverse("admin:partners_user_change", args=[world.ib.pk])).content.decode()
    assert factories.TOTP_KEY_BASE32 not in page
    assert world.ib.totpdevice_set.get().key not in page
