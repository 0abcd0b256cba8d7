"""The TLV personas (procesbegeleider, trajectbegeleider, deskundige) against the TLV rows of
the matrix, and the dossier page per role and state (tlv/access.py)."""

import pytest
from django.urls import reverse

from tests.authz.rows_tlv import ROWS, TLV_PERSONAS
from tests.authz.test_matrix import request
from tests.conftest import signed_in_client
from tests.tlv.builders import dossier_in, tlv_people
from tlv.constants import State


@pytest.fixture
def tlv_ctx(ctx):
    return tlv_people(ctx)


@pytest.mark.parametrize("persona", TLV_PERSONAS)
@pytest.mark.parametrize("url_name", sorted(ROWS))
def test_matrix_tlv_personas(url_name, persona, tlv_ctx):
    row = ROWS[url_name]
    url = reverse(url_name, kwargs=row.kwargs(tlv_ctx))
    response = request(signed_in_client(getattr(tlv_ctx, persona)), row, url, tlv_ctx)
    assert response.status_code == row.expect[persona], (url_name, persona)


# Who reads the dossier page in which state: 200 reads, 403 knows but not now, 404 never.
BY_STATE = {
    State.CONCEPT: {
        "ib": 200,
        "procesbegeleider": 403,
        "trajectbegeleider": 403,
        "deskundige": 404,
        "partner": 404,
        "directeur": 404,
    },
    State.TO_SIGN: {
        "ib": 200,
        "procesbegeleider": 200,
        "trajectbegeleider": 403,
        "deskundige": 404,
        "partner": 404,
        "directeur": 404,
    },
    State.SUBMITTED: {
        "ib": 200,
        "procesbegeleider": 403,
        "trajectbegeleider": 200,
        "deskundige": 404,
        "partner": 404,
        "directeur": 404,
    },
    State.ADVICE: {
        "ib": 200,
        "procesbegeleider": 403,
        "trajectbegeleider": 200,
        "deskundige": 200,
        "partner": 404,
        "directeur": 404,
    },
    State.DECISION_DUE: {
        "ib": 200,
        "procesbegeleider": 403,
        "trajectbegeleider": 200,
        "deskundige": 200,
        "partner": 404,
        "directeur": 404,
    },
    State.DECIDED: {
        "ib": 200,
        "procesbegeleider": 403,
        "trajectbegeleider": 200,
        "deskundige": 403,
        "partner": 404,
        "directeur": 404,
    },
}


@pytest.mark.parametrize("state", list(BY_STATE))
def test_tlv_dossier_page_per_role_and_state(state, tlv_ctx):
    dossier = dossier_in(tlv_ctx, state)
    url = reverse("tlv:dossier_detail", kwargs={"dossier_uuid": dossier.uuid})
    for persona, expected in BY_STATE[state].items():
        response = signed_in_client(getattr(tlv_ctx, persona)).get(url)
        assert response.status_code == expected, (state, persona)
