"""Deriving a case's rights from the facts (docs/domain.md, "Who sees what").

Rights are never assigned by hand. `case_permissions_recompute` rebuilds one case's rows from
school role, membership, involvement, regie, consent, legal basis and the pupil's age, and runs
in the same transaction as every change to any of those. Each derivation first takes a row
lock on the pupil, so two changes for one pupil (a consent and a refusal, a withdrawal and a
new involvement) are derived one after the other, each from committed facts.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from cases.access.codenames import ALL_CODENAMES, DAT, LOG_PROGRESS, WAT, permission_ids
from cases.models import Case, CaseUserObjectPermission, Involvement, Regie
from cases.query import active_on
from consent.constants import Purpose
from consent.rules import ConsentFacts, consent_facts
from partners.constants import Function
from partners.models import Professional
from pupils.models import Pupil

# Higher apps say who else may know that a case exists (meetings: the professionals invited to
# its agenda item) and which cases' access changes with the calendar because of them. They
# register in their AppConfig.ready(): this app may not import them, and the derivation must
# read their facts inside its own lock.
# A source answers for a list of case ids with a query of (case id, user id) pairs; all
# sources are read in one query, for one case or for many (derive_bulk.py).
DatSource = Callable[[list[int], datetime.date], QuerySet]
TimeBoundSource = Callable[[tuple[datetime.date, datetime.date]], Q]
DAT_SOURCES: list[DatSource] = []
TIME_BOUND_SOURCES: list[TimeBoundSource] = []

# A school's own functions that see its cases without being involved.
SCHOOL_ROLE_RIGHTS = {Function.IB: set(ALL_CODENAMES), Function.DIRECTEUR: {DAT}}


def lock_pupils(pupil_ids: Iterable[int]) -> None:
    """Serialise derivation per pupil: a row lock held until the transaction ends. Always in
    id order, so two transactions locking several pupils cannot deadlock."""
    ids = sorted(set(pupil_ids))
    if ids:
        list(Pupil.objects.select_for_update().filter(pk__in=ids).order_by("pk").values("pk"))


def _people(case: Case, day: datetime.date):
    """One query: the active memberships that may get rights on this case, either by school
    role or because they are involved or hold regie today, with the organisation they are
    involved for."""
    involvements = Involvement.objects.filter(
        active_on(day), case=case, professional=OuterRef("pk")
    )
    regie = Regie.objects.filter(active_on(day), case=case, professional=OuterRef("pk"))
    school_role = Q(organisation_id=case.school.organisation_id, function__in=SCHOOL_ROLE_RIGHTS)
    return (
        Professional.objects.active()
        .annotate(
            involved_for=Subquery(involvements.values("organisation_id")[:1]),
            holds_regie=Exists(regie),
        )
        .filter(school_role | Q(involved_for__isnull=False) | Q(holds_regie=True))
        .values_list("user_id", "organisation_id", "function", "involved_for", "holds_regie")
    )


def desired_permissions(
    case: Case, *, day: datetime.date, facts: ConsentFacts | None = None
) -> dict[int, set[str]]:
    """user id -> the codenames this case grants on `day` (the rules: see `grants`)."""
    facts = facts or consent_facts(pupil=case.pupil, day=day)
    granted = grants(
        _people(case, day),
        school_organisation=case.school.organisation_id,
        content_organisations=facts.content_organisations,
    )
    # Invitees learn that the case exists only while it may be discussed at all.
    if facts.in_force(Purpose.DISCUSS) and DAT_SOURCES:
        for user_id in named_by_sources([case.pk], day)[case.pk]:
            granted[user_id].add(DAT)
    return granted


def grants(
    people: Iterable[tuple], *, school_organisation: int, content_organisations: set[int]
) -> dict[int, set[str]]:
    """user id -> codenames, from the memberships that may get rights on one case: each a
    (user id, organisation id, function, organisation involved for or None, holds regie).

    - The school's IB'er: everything; its directeur: "dat".
    - Whoever is involved or holds regie: "dat"; content ("wat", and logging progress) for the
      school's own staff, and for a partner whose organisation is covered by consent to share,
      or by a legal basis that opens content (a leerplicht basis does not).
    - Whoever a higher app names (invited to the case's agenda item): "dat", while the consent
      to discuss the case (or a basis covering it) is in force (see `desired_permissions`).
    """
    granted: dict[int, set[str]] = defaultdict(set)
    for user_id, organisation_id, function, involved_for, holds_regie in people:
        if organisation_id == school_organisation and function in SCHOOL_ROLE_RIGHTS:
            granted[user_id] |= SCHOOL_ROLE_RIGHTS[function]
        if involved_for is None and not holds_regie:
            continue
        granted[user_id].add(DAT)
        for org in {involved_for, organisation_id if holds_regie else None} - {None}:
            if org == school_organisation or org in content_organisations:
                granted[user_id] |= {WAT, LOG_PROGRESS}
    return granted


def named_by_sources(case_ids: list[int], day: datetime.date) -> dict[int, set[int]]:
    """case id -> the users the higher apps name for it, in one query."""
    queries = [source(case_ids, day).order_by() for source in DAT_SOURCES]
    named: dict[int, set[int]] = defaultdict(set)
    if queries:
        for case_id, user_id in queries[0].union(*queries[1:]):
            named[case_id].add(user_id)
    return named


def _apply(case: Case, wanted: dict[int, set[str]]) -> tuple[int, int]:
    """Write only the difference between the stored rows and `wanted`: (added, removed)."""
    ids = permission_ids()
    want = {(user_id, ids[code]) for user_id, codes in wanted.items() for code in codes}
    existing = {
        (user_id, permission_id): pk
        for pk, user_id, permission_id in CaseUserObjectPermission.objects.filter(
            content_object_id=case.pk
        ).values_list("pk", "user_id", "permission_id")
    }
    stale = [pk for key, pk in existing.items() if key not in want]
    if stale:
        CaseUserObjectPermission.objects.filter(pk__in=stale).delete()
    new = want - existing.keys()
    if new:
        CaseUserObjectPermission.objects.bulk_create(
            CaseUserObjectPermission(content_object_id=case.pk, user_id=u, permission_id=p)
            for u, p in new
        )
    return len(new), len(stale)


@transaction.atomic(savepoint=False)
def case_permissions_recompute(
    case: Case, *, day: datetime.date | None = None, locked: bool = False
) -> tuple[int, int]:
    """Bring one case's rows in line with the rules; returns (rows added, rows removed). A
    recompute that changes nothing costs six queries, also for a case loaded without its
    school and pupil: the pupil's lock reads both."""
    day = day or timezone.localdate()
    if not locked:
        case = _lock_case(case)
    return _apply(case, desired_permissions(case, day=day))


def _lock_case(case: Case) -> Case:
    """Lock the case's pupil (see lock_pupils) and read the case's school and pupil with it."""
    return (
        Case.objects.select_related("school", "pupil")
        .select_for_update(of=("pupil",))
        .get(pk=case.pk)
    )


@transaction.atomic(savepoint=False)
def cases_permissions_recompute(
    cases: Iterable[Case], *, day: datetime.date | None = None
) -> tuple[int, int]:
    """Recompute many cases: their pupils are locked first (in id order), each pupil's consent
    is read once. Returns the total (added, removed)."""
    day = day or timezone.localdate()
    cases = list(cases)
    lock_pupils(case.pupil_id for case in cases)
    facts: dict[int, ConsentFacts] = {}
    added = removed = 0
    for case in cases:
        if case.pupil_id not in facts:
            facts[case.pupil_id] = consent_facts(pupil=case.pupil, day=day)
        a, r = _apply(case, desired_permissions(case, day=day, facts=facts[case.pupil_id]))
        added, removed = added + a, removed + r
    return added, removed


def pupil_permissions_recompute(pupil: Pupil) -> None:
    """Every case of the pupil, in the caller's transaction (consent, guardians, age)."""
    cases_permissions_recompute(Case.objects.filter(pupil=pupil).select_related("school", "pupil"))


def user_permissions_recompute(user) -> None:
    """Every case where the user holds rights or could get them: after a membership is added,
    confirmed, deactivated or changes function, or the account is (de)activated."""
    memberships = Professional.objects.filter(user=user)
    cases = Case.objects.filter(
        Q(pk__in=CaseUserObjectPermission.objects.filter(user=user).values("content_object"))
        | Q(school__organisation__members__in=memberships)
        | Q(involvements__professional__in=memberships)
        | Q(regie__professional__in=memberships)
    ).distinct()
    cases_permissions_recompute(cases.select_related("school", "pupil"))


def permissions_rebuild(*, batch: int = 200) -> list[tuple[Case, int, int]]:
    """Recompute every case, pupil by pupil, in short transactions; returns the cases whose
    stored rights had drifted from the rules, with the rows added and removed. Nothing should
    ever drift (every change recomputes in its transaction); a non-empty answer is a bug."""
    drift = []
    pupil_ids = list(
        Case.objects.order_by("pupil_id").values_list("pupil_id", flat=True).distinct()
    )
    for start in range(0, len(pupil_ids), batch):
        chunk = pupil_ids[start : start + batch]
        with transaction.atomic():
            cases = Case.objects.filter(pupil_id__in=chunk).select_related("school", "pupil")
            lock_pupils(chunk)
            for case in cases.order_by("pupil_id", "pk"):
                added, removed = case_permissions_recompute(case, locked=True)
                if added or removed:
                    drift.append((case, added, removed))
    return drift
