"""Free text has a limit that the form states and the model enforces (docs/security.md,
"Data"): a megabyte pasted into a question is refused with a clear message, and nothing is
stored or copied into the history."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cases import services
from cases.models import Case
from knooppunt.fields import LONG_TEXT
from tests.conftest import signed_in_client

pytestmark = pytest.mark.django_db


def test_the_edit_form_states_the_limit_and_refuses_more(case_world, world):
    case = case_world.case
    url = reverse("cases:case_edit", args=[case.uuid])
    client = signed_in_client(world.ib)
    assert "Maximaal 20.000 tekens." in client.get(url).content.decode()
    history_rows = case.history.count()
    response = client.post(
        url,
        {
            "question": "x" * (1024 * 1024),
            "leefvraag": "on",
            "complexity": "meervoudig",
            "level": "3",
            "version": str(case.version),
        },
    )
    assert response.status_code == 200
    assert "Zorg dat deze waarde niet meer dan 20000 tekens bevat" in response.content.decode()
    assert Case.objects.get(pk=case.pk).question == case.question
    assert case.history.count() == history_rows


def test_a_service_refuses_more_than_the_limit(case_world, world):
    with pytest.raises(ValidationError):
        services.progress_note_add(
            case=case_world.case, author=world.ib, text="x" * (LONG_TEXT + 1)
        )
