import pytest
from django.urls import reverse

from tests.conftest import signed_in_client

pytestmark = pytest.mark.django_db


def test_refusals_are_explained_in_dutch_without_content(ctx):
    client = signed_in_client(ctx.directeur)
    forbidden = client.get(reverse("cases:case_progress", args=[ctx.case.uuid]))
    assert forbidden.status_code == 403
    assert "Geen toegang" in forbidden.content.decode()
    assert ctx.pupil.last_name not in forbidden.content.decode()
    missing = signed_in_client(ctx.outsider).get(reverse("cases:case_detail", args=[ctx.case.uuid]))
    assert missing.status_code == 404
    assert "Niet gevonden" in missing.content.decode()
