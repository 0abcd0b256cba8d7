"""The functional admin manages organisations and accounts and never sees case data."""

import pytest
from django.contrib import admin
from django.urls import reverse

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
