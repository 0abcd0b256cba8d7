"""Deriving the rights of many new cases at once (a region built by bulk inserts), by the same
rules as the per-case derivation (`derive.grants`, docs/domain.md "Who sees what"): the facts
are read for all cases in a few queries instead of six per case, and the rows are inserted in
large batches. `derive.case_permissions_recompute` of any of these cases afterwards finds
nothing to change; tests/cases/test_derive_bulk.py holds them to that.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction

from cases.access.codenames import DAT, permission_ids
from cases.access.derive import (
    DAT_SOURCES,
    SCHOOL_ROLE_RIGHTS,
    grants,
    lock_pupils,
    named_by_sources,
)
from cases.models import Case, CaseUserObjectPermission, Involvement, Regie
from cases.query import active_on
from consent.constants import Purpose
from consent.rules import consent_facts_for_pupils
from partners.models import Professional

CHUNK = 5000


def _people_by_case(cases: list[Case], day: datetime.date) -> dict[int, list[tuple]]:
    """case id -> the rows `grants` takes, as `derive._people` reads them for one case: the
    school's IB'ers and directeuren, and whoever is involved or holds regie on `day`."""
    active = Professional.objects.active()
    staff: dict[int, list[tuple]] = defaultdict(list)
    for pk, user_id, organisation_id, function in active.filter(
        organisation_id__in={case.school.organisation_id for case in cases},
        function__in=SCHOOL_ROLE_RIGHTS,
    ).values_list("pk", "user_id", "organisation_id", "function"):
        staff[organisation_id].append((pk, user_id, organisation_id, function))
    ids = [case.pk for case in cases]
    member = ("professional_id", "professional__user_id", "professional__organisation_id")
    involved: dict[int, dict[int, tuple]] = defaultdict(dict)
    for case_id, pk, user_id, organisation_id, function, involved_for in (
        Involvement.objects.filter(active_on(day), case_id__in=ids, professional__in=active)
        .order_by("start", "pk")
        .values_list("case_id", *member, "professional__function", "organisation_id")
    ):
        involved[case_id].setdefault(pk, (user_id, organisation_id, function, involved_for))
    regie: dict[int, dict[int, tuple]] = defaultdict(dict)
    for case_id, pk, user_id, organisation_id, function in Regie.objects.filter(
        active_on(day), case_id__in=ids, professional__in=active
    ).values_list("case_id", *member, "professional__function"):
        regie[case_id][pk] = (user_id, organisation_id, function)
    people: dict[int, list[tuple]] = {}
    for case in cases:
        rows: dict[int, list] = {
            pk: [user_id, organisation_id, function, None, False]
            for pk, user_id, organisation_id, function in staff[case.school.organisation_id]
        }
        for pk, (user_id, organisation_id, function, involved_for) in involved[case.pk].items():
            rows.setdefault(pk, [user_id, organisation_id, function, None, False])[3] = involved_for
        for pk, (user_id, organisation_id, function) in regie[case.pk].items():
            rows.setdefault(pk, [user_id, organisation_id, function, None, False])[4] = True
        people[case.pk] = [tuple(row) for row in rows.values()]
    return people


def desired_permissions_for_cases(
    cases: Iterable[Case], *, day: datetime.date
) -> dict[int, dict[int, set[str]]]:
    """case id -> user id -> codenames on `day`, for cases loaded with school and pupil."""
    cases = list(cases)
    pupils = {case.pupil_id: case.pupil for case in cases}
    facts = consent_facts_for_pupils(pupils.values(), day=day)
    people = _people_by_case(cases, day)
    discussed = [case.pk for case in cases if facts[case.pupil_id].in_force(Purpose.DISCUSS)]
    named = named_by_sources(discussed, day) if discussed and DAT_SOURCES else {}
    wanted = {}
    for case in cases:
        case_facts = facts[case.pupil_id]
        granted = grants(
            people[case.pk],
            school_organisation=case.school.organisation_id,
            content_organisations=case_facts.content_organisations,
        )
        # Invitees learn that the case exists only while it may be discussed at all.
        for user_id in named.get(case.pk, ()):
            granted[user_id].add(DAT)
        wanted[case.pk] = granted
    return wanted


@transaction.atomic(savepoint=False)
def new_cases_permissions_derive(cases: Iterable[Case], *, day: datetime.date) -> int:
    """Derive and insert the rights of cases that have no rights rows yet (a bulk import),
    CHUNK cases at a time; returns the number of rows inserted."""
    cases = list(cases)
    ids = permission_ids()
    inserted = 0
    for start in range(0, len(cases), CHUNK):
        chunk = cases[start : start + CHUNK]
        lock_pupils(case.pupil_id for case in chunk)
        rows = [
            CaseUserObjectPermission(
                content_object_id=case_id, user_id=user_id, permission_id=ids[code]
            )
            for case_id, granted in desired_permissions_for_cases(chunk, day=day).items()
            for user_id, codes in granted.items()
            for code in codes
        ]
        CaseUserObjectPermission.objects.bulk_create(rows, batch_size=CHUNK)
        inserted += len(rows)
    return inserted
