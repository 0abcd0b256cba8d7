"""What the home page ("Vandaag", docs/domain.md) asks of the cases: per role, what needs
doing. Each question is a fixed number of queries however many cases there are, and shows
content-derived facts (late dates, consent, birthdays) only for cases the user has "wat" on.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from cases.access import DAT, WAT
from cases.constants import Status, WerkafspraakStatus
from cases.models import Case, Werkafspraak
from cases.selectors.lists import case_list, my_cases
from consent.constants import Decision
from consent.models import ConsentDecision
from partners.access import active_memberships, ib_schools
from partners.constants import Function
from partners.models import School, User

# How far ahead the home looks for consents that end and birthdays that change who consents.
LOOK_AHEAD = datetime.timedelta(days=30)
# Ages at which who must consent changes (docs/domain.md, "Consent").
CONSENT_AGES = (12, 16)
# Rows shown per list on the home; each list links to the full list.
SHOWN = 10


@dataclass(frozen=True)
class ConsentEnding:
    case: Case
    decision: ConsentDecision


@dataclass(frozen=True)
class Birthday:
    case: Case
    age: int
    on: datetime.date


@dataclass(frozen=True)
class IbAttention:
    """The IB'er's follow-up on her schools' open cases (docs/domain.md, "Monitoring")."""

    stale: list[Case]
    late: list[Case]
    consents_ending: list[ConsentEnding]
    birthdays: list[Birthday]


def _birthday_within(birth_date: datetime.date, age: int, start, end) -> datetime.date | None:
    try:
        day = birth_date.replace(year=birth_date.year + age)
    except ValueError:  # born on 29 February: the age counts from 1 March (consent.rules)
        day = datetime.date(birth_date.year + age, 3, 1)
    return day if start <= day <= end else None


def _latest_only(decisions: list[ConsentDecision], pupils) -> list[ConsentDecision]:
    """Drop decisions that a later decision by the same person for the same purpose and
    recipient replaced (one query for all pupils)."""
    newest: dict[tuple, tuple] = {}
    for row in ConsentDecision.objects.filter(pupil__in=pupils).only(
        "pk", "pupil_id", "purpose", "recipient_id", "guardian_id", "recorded_at"
    ):
        key = (row.pupil_id, row.purpose, row.recipient_id, row.guardian_id)
        newest[key] = max(newest.get(key, (row.recorded_at, row.pk)), (row.recorded_at, row.pk))
    return [
        d
        for d in decisions
        if newest[(d.pupil_id, d.purpose, d.recipient_id, d.guardian_id)][1] == d.pk
    ]


def ib_attention(*, fetched_by: User) -> IbAttention:
    """For the IB'er: her schools' open cases open too long without effect, with a late
    werkafspraak or requested feedback, with a consent ending soon, or whose pupil turns 12
    or 16 soon (so who must consent changes)."""
    today = timezone.localdate()
    until = today + LOOK_AHEAD
    open_cases = (
        case_list(fetched_by=fetched_by)
        .filter(school__in=ib_schools(fetched_by), shows_content=True)
        .exclude(status=Status.AFGESLOTEN)
        .order_by("opened_at", "pk")
    )
    stale = list(open_cases.filter(flag_stale=True)[:SHOWN])
    late = list(
        open_cases.filter(Q(flag_overdue_werkafspraak=True) | Q(flag_overdue_feedback=True))[:SHOWN]
    )
    cases = list(open_cases.prefetch_related(None))
    by_pupil = {case.pupil_id: case for case in cases}
    birthdays = [
        Birthday(case=case, age=age, on=day)
        for case in cases
        for age in CONSENT_AGES
        if (day := _birthday_within(case.pupil.birth_date, age, today, until))
    ]
    ending = list(
        ConsentDecision.objects.filter(
            pupil__in=by_pupil,
            decision=Decision.GIVEN,
            valid_until__gte=today,
            valid_until__lte=until,
        ).select_related("recipient", "guardian")
    )
    consents_ending = [
        ConsentEnding(case=by_pupil[d.pupil_id], decision=d)
        for d in sorted(_latest_only(ending, by_pupil), key=lambda d: (d.valid_until, d.pk))
    ]
    return IbAttention(
        stale=stale,
        late=late,
        consents_ending=consents_ending[:SHOWN],
        birthdays=sorted(birthdays, key=lambda b: b.on)[:SHOWN],
    )


def my_cases_preview(*, fetched_by: User) -> list[Case]:
    """The first of "Mijn casussen": the open cases the user is personally part of."""
    return list(my_cases(fetched_by=fetched_by).exclude(status=Status.AFGESLOTEN)[:SHOWN])


def my_werkafspraken(*, fetched_by: User) -> list[Werkafspraak]:
    """Open werkafspraken for the user (or for their organisation, without a named person),
    soonest due first, on cases where the user may see content. Carries the case and pupil
    ("dat"); the home shows no werkafspraak text."""
    organisations = active_memberships(fetched_by).values("organisation_id")
    mine = Q(assignee_professional__user=fetched_by) | Q(
        assignee_professional__isnull=True, assignee_organisation__in=organisations
    )
    return list(
        Werkafspraak.objects.filter(mine, status=WerkafspraakStatus.OPEN)
        .filter(case__in=Case.objects.with_user_permission(fetched_by, WAT))
        .exclude(case__status=Status.AFGESLOTEN)
        .select_related("case__pupil", "case__school")
        .only(
            "uuid",
            "due_date",
            "case__uuid",
            "case__pupil__first_name",
            "case__pupil__last_name",
            "case__school__name",
        )
        .order_by("due_date", "pk")[:SHOWN]
    )


def cases_without_my_consent(*, fetched_by: User) -> QuerySet[Case]:
    """Open cases the user is part of but may see only "dat" of: consent for their
    organisation is missing."""
    return (
        my_cases(fetched_by=fetched_by)
        .filter(shows_content=False)
        .exclude(status=Status.AFGESLOTEN)
        .prefetch_related(None)
    )


@dataclass(frozen=True)
class Caseload:
    """One school's caseload in counts only: no names, no content."""

    school: School
    total: int
    by_status: list[tuple[str, int]]
    by_level: list[tuple[int, int]]


def directeur_caseload(*, fetched_by: User) -> list[Caseload]:
    """For the directeur: per school, the cases by status and by support level, counted."""
    organisations = active_memberships(fetched_by).filter(function=Function.DIRECTEUR)
    schools = list(
        School.objects.filter(organisation__in=organisations.values("organisation")).order_by(
            "name"
        )
    )
    visible = Case.objects.with_user_permission(fetched_by, DAT).filter(school__in=schools)
    by_status: dict[int, dict[str, int]] = {school.pk: {} for school in schools}
    by_level: dict[int, dict[int, int]] = {school.pk: {} for school in schools}
    for row in visible.values("school", "status").annotate(n=Count("pk")).order_by():
        by_status[row["school"]][row["status"]] = row["n"]
    for row in visible.values("school", "level").annotate(n=Count("pk")).order_by():
        by_level[row["school"]][row["level"]] = row["n"]
    return [
        Caseload(
            school=school,
            total=sum(by_status[school.pk].values()),
            by_status=[
                (label, by_status[school.pk].get(value, 0)) for value, label in Status.choices
            ],
            by_level=[(level, by_level[school.pk].get(level, 0)) for level in range(1, 6)],
        )
        for school in schools
    ]
