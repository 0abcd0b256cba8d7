"""`manage.py seed_region`: a small region holds every kind of record, and the rights it
derived in bulk are exactly what the per-case derivation gives (docs/benchmarks.md)."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from cases.access import DAT, desired_permissions
from cases.access.derive import permissions_rebuild
from cases.access.derive_bulk import desired_permissions_for_cases
from cases.constants import Status
from cases.models import Case, CaseUserObjectPermission, Involvement, ProgressNote, Regie
from consent.models import ConsentDecision, LegalBasis
from gezinsplan.models import Gezinsplan
from meetings.models import AgendaItem, Attendee, Meeting
from partners.constants import Function
from pupils.models import Pupil
from tlv.constants import State
from tlv.models import Dossier

pytestmark = pytest.mark.django_db


@pytest.fixture
def region():
    out = StringIO()
    call_command("seed_region", schools=2, seed=7, stdout=out)
    return out.getvalue()


def test_a_small_region_holds_every_kind_of_record(region):
    assert "2 schools, 500 pupils, 500 cases" in region
    assert Pupil.objects.count() == Case.objects.count() == 500
    assert set(Case.objects.values_list("status", flat=True)) == set(Status)
    assert set(Dossier.objects.values_list("state", flat=True)) == set(State)
    for model in (
        Involvement,
        Regie,
        ProgressNote,
        ConsentDecision,
        LegalBasis,
        Meeting,
        AgendaItem,
        Attendee,
        Gezinsplan,
    ):
        assert model.objects.exists(), model
    # Each case's history follows the road it took: a case in execution was a signal first.
    case = Case.objects.filter(status=Status.UITVOERING).first()
    road = list(case.history.order_by("history_date").values_list("status", flat=True))
    assert road[0] == Status.SIGNAAL and road[-1] == Status.UITVOERING


def test_rights_derived_in_bulk_equal_the_per_case_derivation(region):
    day = timezone.localdate()
    sample = list(Case.objects.select_related("school", "pupil").order_by("pk")[::7])
    bulk = desired_permissions_for_cases(sample, day=day)
    for case in sample:
        assert bulk[case.pk] == desired_permissions(case, day=day), case.pk
    # Stored in bulk, recomputed case by case: nothing to add or remove anywhere.
    assert permissions_rebuild() == []


def test_the_region_exercises_every_ground_for_rights(region):
    only_dat = CaseUserObjectPermission.objects.filter(permission__codename=DAT).exclude(
        user__in=CaseUserObjectPermission.objects.exclude(permission__codename=DAT).values("user")
    )
    # Invited to an agenda item, or the board or SWV with a TLV request: "dat" only.
    assert only_dat.filter(user__meeting_attendances__isnull=False).exists()
    assert only_dat.filter(user__memberships__function=Function.PROCESBEGELEIDER).exists()
    assert only_dat.filter(user__memberships__function=Function.TRAJECTBEGELEIDER).exists()


def test_a_second_region_in_the_same_database_is_refused(region):
    with pytest.raises(CommandError):
        call_command("seed_region", schools=1, stdout=StringIO())
