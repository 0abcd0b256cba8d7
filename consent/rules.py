"""Whose consent counts and whether it holds, on a given day.

Under 12 the parents with gezag decide; from 12 to 15 the parents with gezag and the pupil;
from 16 the pupil alone. One gezag-holder's consent suffices, but a refusal or withdrawal by any
gezag-holder blocks it, and the screens show when only one of two gave it.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from consent.constants import (
    BASIS_SCOPE,
    PURPOSES_WITH_RECIPIENT,
    BasisOpens,
    Consenters,
    Decision,
    Purpose,
)
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


@dataclass(frozen=True)
class ConsentFacts:
    """Everything the access policy needs to know about a pupil's consent on one day, read in
    two queries (decisions with their deciders, legal bases in force).

    `content_grounds`: organisation id -> what lets it see case content (a consent decision or
    a legal basis, by uuid); `verzuim_grounds`: organisation id -> the leerplicht basis that lets
    it know the verzuim facts only; `purposes`: the recipient-less purposes in force (bespreken,
    jeugdarts, huisarts, gezinsplan), each with its ground."""

    content_grounds: dict[int, str]
    verzuim_grounds: dict[int, str]
    purposes: dict[str, str]

    @property
    def content_organisations(self) -> set[int]:
        return set(self.content_grounds)

    def in_force(self, purpose: Purpose) -> bool:
        return purpose in self.purposes


def _ground(rows, latest: dict) -> str:
    """The newest decision that gives the consent, named for the access log."""
    givers = [row for row in rows if latest.get(row.guardian_id or PUPIL) == Decision.GIVEN]
    newest = max(givers, key=lambda r: (r.recorded_at, r.pk))
    return f"toestemming {newest.uuid}"


def consent_facts(*, pupil, day: datetime.date | None = None) -> ConsentFacts:
    """Which consents and legal bases hold for the pupil on `day` (see ConsentFacts)."""
    return consent_facts_for_pupils([pupil], day=day)[pupil.pk]


def consent_facts_for_pupils(pupils, *, day: datetime.date | None = None) -> dict:
    """pupil id -> ConsentFacts on `day`, for many pupils in two queries."""
    day = day or timezone.localdate()
    by_id = {pupil.pk: pupil for pupil in pupils}
    decisions: dict[int, list] = {pk: [] for pk in by_id}
    for row in ConsentDecision.objects.filter(pupil_id__in=by_id).select_related("guardian"):
        decisions[row.pupil_id].append(row)
    bases: dict[int, list] = {pk: [] for pk in by_id}
    for basis in LegalBasis.objects.filter(
        pupil_id__in=by_id, ended_at__isnull=True, valid_from__lte=day, valid_until__gte=day
    ).order_by("valid_from", "pk"):
        bases[basis.pupil_id].append(basis)
    return {pk: _facts(pupil, decisions[pk], bases[pk], day) for pk, pupil in by_id.items()}


def _facts(pupil, rows: list, bases: list, day: datetime.date) -> ConsentFacts:
    groups: dict[tuple, list] = {}
    for row in rows:
        groups.setdefault((row.purpose, row.recipient_id), []).append(row)
    content: dict[int, str] = {}
    purposes: dict[str, str] = {}
    for (purpose, recipient_id), decided in groups.items():
        # A decision counts only from someone who holds gezag (or the pupil); a guardian
        # without gezag, or one who lost it, never decides (docs/domain.md, "Consent").
        gezag_ids = sorted({r.guardian_id for r in decided if r.guardian and r.guardian.has_gezag})
        state = _evaluate(pupil, gezag_ids, decided, day)
        if not state.effective:
            continue
        ground = _ground(decided, state.decisions)
        if recipient_id is None:
            purposes[purpose] = ground
        else:
            content[recipient_id] = ground
    verzuim: dict[int, str] = {}
    for basis in bases:
        _kinds, opens, covered = BASIS_SCOPE[basis.kind]
        ground = f"andere grondslag {basis.get_kind_display()} {basis.uuid}"
        target = content if opens == BasisOpens.CONTENT else verzuim
        target.setdefault(basis.recipient_id, ground)
        for purpose in covered:
            purposes.setdefault(purpose, ground)
    return ConsentFacts(content_grounds=content, verzuim_grounds=verzuim, purposes=purposes)


# ----- Summaries for the consent screen ------------------------------------------------------


@dataclass(frozen=True)
class DeciderLine:
    """One person shown under a purpose: a guardian (with or without gezag) or the pupil."""

    name: str
    guardian: object | None  # the Guardian, or None for the pupil
    has_gezag: bool
    # Whether this person's decision counts at the pupil's age on the day.
    counts: bool
    latest: ConsentDecision | None = None
    # The latest decision is a "given" whose end date has passed.
    expired: bool = False

    @property
    def is_pupil(self) -> bool:
        return self.guardian is None

    @property
    def decider_value(self) -> str:
        """The value the consent form's "who decides" field uses for this person."""
        return PUPIL if self.guardian is None else str(self.guardian.uuid)

    @property
    def withdrawable(self) -> bool:
        return (
            self.latest is not None and self.latest.decision == Decision.GIVEN and not self.expired
        )


@dataclass(frozen=True)
class ConsentSummary:
    purpose: Purpose
    recipient: object | None  # the receiving Organisation for "delen", else None
    state: ConsentState
    lines: list[DeciderLine]

    @property
    def recipient_missing(self) -> bool:
        """A purpose that names a recipient, with no decisions for any recipient yet."""
        return self.purpose in PURPOSES_WITH_RECIPIENT and self.recipient is None


@dataclass(frozen=True)
class ConsentOverview:
    age: int
    consenters: Consenters
    summaries: list[ConsentSummary]
    # Every decision ever recorded for the pupil, newest first (rows are never changed).
    history: list[ConsentDecision]
    # Legal bases not ended and not expired (in force now, or starting later).
    bases_current: list[LegalBasis]
    # Legal bases ended or expired.
    bases_past: list[LegalBasis]


def _latest_rows(rows) -> dict:
    latest: dict = {}
    for row in sorted(rows, key=lambda r: (r.recorded_at, r.pk)):
        latest[row.guardian_id or PUPIL] = row
    return latest


def _lines(guardians: list, consenters: Consenters, rows, day: datetime.date) -> list[DeciderLine]:
    latest = _latest_rows(rows)

    def expired(row) -> bool:
        return bool(
            row and row.decision == Decision.GIVEN and row.valid_until and row.valid_until < day
        )

    lines = [
        DeciderLine(
            name=f"{g.name} ({g.relation})",
            guardian=g,
            has_gezag=g.has_gezag,
            counts=g.has_gezag and consenters != Consenters.PUPIL,
            latest=latest.get(g.pk) if g.has_gezag else None,
            expired=expired(latest.get(g.pk)) if g.has_gezag else False,
        )
        for g in sorted(guardians, key=lambda g: (not g.has_gezag, g.name))
    ]
    if consenters != Consenters.GUARDIANS or PUPIL in latest:
        lines.append(
            DeciderLine(
                name="De leerling zelf",
                guardian=None,
                has_gezag=False,
                counts=consenters != Consenters.GUARDIANS,
                latest=latest.get(PUPIL),
                expired=expired(latest.get(PUPIL)),
            )
        )
    return lines


def consent_overview(*, pupil, day: datetime.date | None = None) -> ConsentOverview:
    """Everything the consent screen shows for a pupil on `day`, in three queries: per purpose
    (and, for sharing, per recipient that has decisions) whose consent counts, each person's
    latest decision and whether consent holds; the full decision history; the legal bases."""
    day = day or timezone.localdate()
    guardians = list(pupil.guardians.all())
    gezag_ids = [g.pk for g in guardians if g.has_gezag]
    consenters = consenters_for(pupil.birth_date, day)
    history = list(
        ConsentDecision.objects.filter(pupil=pupil)
        .select_related("recipient", "guardian", "recorded_by")
        .order_by("-recorded_at", "-pk")
    )
    groups: dict[tuple, list] = {}
    for row in history:
        groups.setdefault((row.purpose, row.recipient_id), []).append(row)

    def summary(purpose: Purpose, recipient, rows: list) -> ConsentSummary:
        return ConsentSummary(
            purpose=purpose,
            recipient=recipient,
            state=_evaluate(pupil, gezag_ids, rows, day),
            lines=_lines(guardians, consenters, rows, day),
        )

    summaries = []
    for purpose in Purpose:
        if purpose in PURPOSES_WITH_RECIPIENT:
            recipients = {
                row.recipient_id: row.recipient
                for rows in groups.values()
                for row in rows
                if row.purpose == purpose
            }
            for recipient_id, recipient in sorted(recipients.items(), key=lambda i: i[1].name):
                summaries.append(summary(purpose, recipient, groups[(purpose, recipient_id)]))
            if not recipients:
                summaries.append(summary(purpose, None, []))
        else:
            summaries.append(summary(purpose, None, groups.get((purpose, None), [])))

    bases = list(
        LegalBasis.objects.filter(pupil=pupil)
        .select_related("recipient", "recorded_by")
        .order_by("-valid_from", "-pk")
    )
    current = [b for b in bases if b.ended_at is None and b.valid_until >= day]
    return ConsentOverview(
        age=age_on(pupil.birth_date, day),
        consenters=consenters,
        summaries=summaries,
        history=history,
        bases_current=current,
        bases_past=[b for b in bases if b not in current],
    )
