"""The demo's TLV requests (tlv/demo.py): built through the services, shown in the queues of the
trajectbegeleider and the procesbegeleider, and not built twice."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from partners.models import User
from tests.conftest import signed_in_client
from tlv.constants import State
from tlv.models import Dossier
from tlv.selectors import days_left

pytestmark = pytest.mark.django_db


def run_demo() -> None:
    call_command("demo", stdout=io.StringIO())


def test_the_demo_fills_the_tlv_queues_and_is_idempotent(settings, tmp_path):
    settings.DEBUG = True
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    run_demo()
    states = sorted(Dossier.objects.values_list("state", flat=True))
    assert states == sorted([State.DECISION_DUE, State.DECIDED, State.TO_SIGN])
    history = Dossier.history.count()
    run_demo()
    assert Dossier.objects.count() == 3
    assert Dossier.history.count() == history

    due = Dossier.objects.get(state=State.DECISION_DUE)
    decided = Dossier.objects.get(state=State.DECIDED)
    to_sign = Dossier.objects.get(state=State.TO_SIGN)
    assert decided.decision.granted and decided.decision.decided_on <= decided.deadline

    tb = signed_in_client(User.objects.get(email="trajectbegeleider@vuurtoren.example"))
    queue = tb.get(reverse("tlv:overview")).text
    assert "Mees Janssen" in queue and "Fenna Vos" in queue and "Luuk Peeters" not in queue
    assert f"nog {days_left(due)} werkdagen" in queue
    page = tb.get(reverse("tlv:dossier_detail", kwargs={"dossier_uuid": due.uuid})).text
    assert "Uiterste besluitdatum" in page
    letter = tb.get(reverse("tlv:letter", kwargs={"dossier_uuid": decided.uuid}))
    assert letter.status_code == 200 and letter["Content-Type"] == "application/pdf"

    pb = signed_in_client(User.objects.get(email="procesbegeleider@vuurtoren.example"))
    queue = pb.get(reverse("tlv:overview")).text
    assert "Luuk Peeters" in queue and "Mees Janssen" not in queue
    page = pb.get(reverse("tlv:dossier_detail", kwargs={"dossier_uuid": to_sign.uuid})).text
    assert "Ondertekenen en indienen" in page
