"""Whose consent counts and whether it holds, on a given day.

Under 12 the parents with gezag decide; from 12 to 15 the parents with gezag and the pupil;
from 16 the pupil alone. One gezag-holder's consent suffices, but a refusal or withdrawal by any
gezag-holder blocks it, and the screens show when only one of two gave it.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from consent.constants import Consenters, Decision, Purpose
from consent.models import ConsentDecision, LegalBasis

PUPIL = "leerling"


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    """Age in whole years on `day` (a birthday on 29 February counts from 1 March)."""
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - before_birthday


def consenters_for(birth_date: datetime.date, day: datetime.date) -> Consenters:
    age = age_on(birth_date, day)
    if age < 12:
        return Consenters.GUARDIANS
    if age < 16:
        return Consenters.GUARDIANS_AND_PUPIL
    return Consenters.PUPIL


@dataclass(frozen=True)
class ConsentState:
    consenters: Consenters
    effective: bool
    # Decisions in force, keyed by guardian id or PUPIL.
    decisions: dict = field(default_factory=dict)
    only_one_of_two: bool = False


def _latest_decisions(rows, day: datetime.date) -> dict:
    """The newest decision per decider; an expired 'given' no longer counts as given."""
    latest: dict = {}
    for row in sorted(rows, key=lambda r: (r.recorded_at, r.pk)):
        decision = row.decision
        if decision == Decision.GIVEN and row.valid_until and row.valid_until < day:
            decision = Decision.WITHDRAWN
        latest[row.guardian_id or PUPIL] = decision
    return latest


def _evaluate(pupil, gezag_ids: list[int], rows, day: datetime.date) -> ConsentState:
    consenters = consenters_for(pupil.birth_date, day)
    latest = _latest_decisions(rows, day)
    given = [g for g in gezag_ids if latest.get(g) == Decision.GIVEN]
    blocked = any(latest.get(g) in (Decision.REFUSED, Decision.WITHDRAWN) for g in gezag_ids)
    guardians_ok = bool(given) and not blocked
    pupil_ok = latest.get(PUPIL) == Decision.GIVEN
    effective = {
        Consenters.GUARDIANS: guardians_ok,
        Consenters.GUARDIANS_AND_PUPIL: guardians_ok and pupil_ok,
        Consenters.PUPIL: pupil_ok,
    }[consenters]
    return ConsentState(
        consenters=consenters,
        effective=effective,
        decisions=latest,
        only_one_of_two=consenters != Consenters.PUPIL and len(gezag_ids) > 1 and len(given) == 1,
    )


def consent_state(
    *, pupil, purpose: Purpose, recipient=None, day: datetime.date | None = None
) -> ConsentState:
    """Whether consent for this purpose (and recipient) holds for the pupil on `day`."""
    day = day or timezone.localdate()
    rows = ConsentDecision.objects.filter(pupil=pupil, purpose=purpose, recipient=recipient)
    gezag_ids = list(pupil.guardians.filter(has_gezag=True).values_list("pk", flat=True))
    return _evaluate(pupil, gezag_ids, rows, day)


def organisations_with_content_access(*, pupil, day: datetime.date | None = None) -> set[int]:
    """Organisation ids that may see the pupil's case content: by consent to share with them,
    or by a legal basis in force."""
    day = day or timezone.localdate()
    gezag_ids = list(pupil.guardians.filter(has_gezag=True).values_list("pk", flat=True))
    by_recipient: dict[int, list] = {}
    for row in ConsentDecision.objects.filter(pupil=pupil, purpose=Purpose.SHARE):
        by_recipient.setdefault(row.recipient_id, []).append(row)
    allowed = {
        recipient
        for recipient, rows in by_recipient.items()
        if _evaluate(pupil, gezag_ids, rows, day).effective
    }
    allowed |= set(
        LegalBasis.objects.filter(
            pupil=pupil, ended_at__isnull=True, valid_from__lte=day, valid_until__gte=day
        ).values_list("recipient_id", flat=True)
    )
    return allowed
