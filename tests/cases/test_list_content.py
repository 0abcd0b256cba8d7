""" "Wat" in the list (docs/security.md target 4): the support level and the flags computed from
content dates are content. A reader with only "dat" neither sees them nor filters by them; the
involvement's role is a choice from a fixed list, never free text."""

import datetime
from types import SimpleNamespace

import pytest
from django.urls import reverse

from cases import services
from cases.models import Case
from cases.selectors import lists
from tests.conftest import signed_in_client

pytestmark = pytest.mark.django_db

LONG_AGO = datetime.date(2020, 1, 1)


@pytest.fixture
def overdue(case_world, world):
    # An overdue werkafspraak flags the case; level 3 is its support level.
    services.werkafspraak_add(
        case=case_world.case,
        author=world.ib,
        assignee_organisation=world.school.organisation,
        what="Gesprek",
        due_date=LONG_AGO,
    )
    return case_world.case


def test_the_ib_er_sees_level_and_flags(overdue, world):
    row = lists.case_list(fetched_by=world.ib).get(pk=overdue.pk)
    assert row.shows_content and row.flagged and row.flag_overdue_werkafspraak


def test_a_dat_only_reader_gets_neither_level_nor_flags(overdue, world):
    row = lists.case_list(fetched_by=world.directeur).get(pk=overdue.pk)
    assert not row.shows_content
    assert not (row.flagged or row.flag_overdue_werkafspraak or row.flag_stale)
    page = signed_in_client(world.directeur).get(reverse("cases:case_list")).content.decode()
    assert "Werkafspraak over datum" not in page
    assert '<td class="utrecht-table__cell">3</td>' not in page
    # Seeing the content of none of the cases, the directeur gets neither column nor filter.
    assert "Signalering" not in page and "Ondersteuningsniveau" not in page


@pytest.mark.parametrize("field, value", [("level", "3"), ("flagged", "ja"), ("flagged", "nee")])
def test_a_dat_only_reader_cannot_filter_by_content(overdue, world, field, value):
    # The filter is not offered and not applied: the answer is the whole list, which says
    # nothing about the case's level or flags.
    filtered = lists.case_list(fetched_by=world.directeur)
    from cases.filters import CaseFilter

    filterset = CaseFilter(
        {field: value}, queryset=filtered, request=SimpleNamespace(user=world.directeur)
    )
    assert field not in filterset.form.fields
    assert list(filterset.qs) == list(filtered)
    # The IB'er, who sees the content, can filter by it.
    ib_filter = CaseFilter(
        {field: value},
        queryset=lists.case_list(fetched_by=world.ib),
        request=SimpleNamespace(user=world.ib),
    )
    expected = [] if value == "nee" else [overdue]
    assert list(ib_filter.qs) == expected


def test_the_involvement_role_is_a_choice_from_a_fixed_list(case_world, world):
    client = signed_in_client(world.ib)
    response = client.post(
        reverse("cases:involvement_add", args=[case_world.case.uuid]),
        {
            "organisation": str(case_world.jgz.uuid),
            "role": "Vermoeidheid onderzoeken",
            "start": datetime.date.today().isoformat(),
        },
    )
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert Case.objects.get(pk=case_world.case.pk).involvements.count() == 2
