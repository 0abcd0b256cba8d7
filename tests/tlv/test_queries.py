"""The TLV queue and the findings cost the same number of queries for 2 requests as for 6."""

import datetime

import pytest
from django.urls import reverse

from cases import services as case_services
from cases.constants import Complexity
from pupils import services as pupil_services
from tests.conftest import signed_in_client
from tests.tlv.builders import dossier_in
from tlv.constants import State

pytestmark = pytest.mark.django_db

STATES = (State.SUBMITTED, State.DECIDED, State.DECISION_DUE)


def more_requests(tlv, count: int, start: int) -> None:
    """`count` more requests, each on a new pupil's level-4 case, in turning states."""
    for n in range(start, start + count):
        pupil = pupil_services.pupil_register(
            school=tlv.school,
            first_name=f"Kind{n}",
            last_name="Test",
            birth_date=datetime.date(2016, 1, 1),
            registered_by=tlv.ib,
        )
        tlv.case = case_services.case_open(
            pupil=pupil,
            opened_by=tlv.ib,
            level=4,
            complexity=Complexity.ENKELVOUDIG,
            question="Vraag",
            leervraag=True,
        )
        dossier_in(tlv, STATES[n % len(STATES)])


@pytest.mark.parametrize(
    ("url_name", "persona"),
    [
        ("tlv:overview", "trajectbegeleider"),
        ("tlv:overview", "ib"),
        ("tlv:findings", "trajectbegeleider"),
        ("tlv:start", "ib"),
    ],
)
def test_query_count_does_not_grow_with_requests(
    tlv, url_name, persona, django_assert_max_num_queries
):
    more_requests(tlv, 2, 0)
    client = signed_in_client(getattr(tlv, persona))
    url = reverse(url_name)
    assert client.get(url).status_code == 200
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    more_requests(tlv, 4, 2)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url)
    if url_name == "tlv:overview" and persona == "ib":
        assert page.text.count("Kind") >= 6
