"""A property test of the access derivation (docs/domain.md, "Consent", "Legal bases other than
consent" and "Dat, niet wat").

Hypothesis draws a sequence of events for one small world: a school with its IB'er and
directeur; a JGZ, a Veilig Thuis and a leerplicht office with one professional each; one pupil
with two parents with gezag and a stepfather without; one or two cases. The events go through
the real services (cases, consent, pupils) and the `membership_changed` signal, as the views do.
After every event each case's stored rows must equal

1. the production derivation from scratch (`desired_permissions`), and
2. an oracle written below from docs/domain.md alone, which never calls the production code.

The rows are read from the permission table itself: `codenames_on` answers nothing for an
inactive account, and would hide rows a deactivation failed to remove.

Time. The services take no day: they use `timezone.localdate()`. So that a service after a
birthday derives with the pupil's new age, as it would in production, the test moves that date
with its model (`timezone.now()` stays real, so decisions keep their recording order). A "wait"
moves the day forward by one to eight days and runs the hourly job for the new day: a job that
missed up to seven days must catch up. The pupil turns 12 or 16 within the days a sequence
waits, so most sequences cross the birthday.

Isolation. The world's organisations and people are made once per test; every example runs in
a savepoint that is rolled back, so no example sees another's pupil, cases or changes.
"""

import datetime
from contextlib import contextmanager
from dataclasses import dataclass, field
from unittest import mock

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cases import services as case_services
from cases.access import (
    ALL_CODENAMES,
    DAT,
    LOG_PROGRESS,
    WAT,
    desired_permissions,
    permissions_recompute_time_bound,
)
from cases.constants import RegieKind
from cases.models import CaseUserObjectPermission
from consent.constants import Decision, LegalBasisKind, Method, Purpose
from consent.services import consent_record, legal_basis_end, legal_basis_record
from partners.constants import Function, OrganisationKind
from partners.models import Professional, User
from partners.signals import membership_changed
from pupils import services as pupil_services
from tests import factories

# ----- The world -------------------------------------------------------------------------------

# person -> (organisation, function at the start)
PEOPLE = {
    "ib": ("school", Function.IB),
    "dir": ("school", Function.DIRECTEUR),
    "jgz": ("jgz", Function.JEUGDARTS),
    "vt": ("vt", Function.CONSULENT),
    "lp": ("lp", Function.LEERPLICHTAMBTENAAR),
}
PARTNERS = ("jgz", "vt", "lp")
PARTNER_KINDS = {
    "jgz": OrganisationKind.JGZ,
    "vt": OrganisationKind.VEILIG_THUIS,
    "lp": OrganisationKind.LEERPLICHT,
}
# Who may decide on consent: two parents with gezag, a stepfather without, and the pupil.
GEZAG = ("mother", "father")
# Each legal basis names the one kind of recipient its law allows.
BASIS_RECIPIENT = {LegalBasisKind.SAFETY: "vt", LegalBasisKind.TRUANCY: "lp"}


@dataclass
class Cast:
    orgs: dict
    memberships: dict


@pytest.fixture
def cast(db) -> Cast:
    school = factories.SchoolFactory(name="IKC Eigenschap")
    orgs = {"school": school.organisation}
    for key, kind in PARTNER_KINDS.items():
        orgs[key] = factories.OrganisationFactory(name=f"{key.upper()} Eigenschap", kind=kind)
    memberships = {
        person: factories.ProfessionalFactory(
            organisation=orgs[org], function=function, user__email=f"{person}@eigenschap.example"
        )
        for person, (org, function) in PEOPLE.items()
    }
    return Cast(orgs=orgs, memberships=memberships)


# ----- The model: the facts as the domain sees them ---------------------------------------------


@dataclass
class Period:
    """An involvement or a regie: in force from `start`, no longer from `end`."""

    case: int
    holder: str  # a person, or a guardian (regie)
    start: datetime.date
    end: datetime.date | None = None
    named: bool = True  # an involvement of the organisation only names nobody
    kind: str = ""  # the kind of regie
    row: object = None

    def in_force(self, day: datetime.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass
class Basis:
    kind: str
    recipient: str
    valid_from: datetime.date
    valid_until: datetime.date
    row: object
    ended: bool = False


@dataclass
class Model:
    day: datetime.date
    birth_date: datetime.date
    function: dict = field(default_factory=lambda: {p: f for p, (_o, f) in PEOPLE.items()})
    membership_active: dict = field(default_factory=lambda: dict.fromkeys(PEOPLE, True))
    account_active: dict = field(default_factory=lambda: dict.fromkeys(PEOPLE, True))
    involvements: list = field(default_factory=list)
    regie: list = field(default_factory=list)
    # "jgz" / "vt" / "lp" (sharing with that organisation) or "jeugdarts" -> [(decider, decision)]
    decisions: dict = field(default_factory=dict)
    bases: list = field(default_factory=list)

    def age(self) -> int:
        d, b = self.day, self.birth_date
        return d.year - b.year - ((d.month, d.day) < (b.month, b.day))

    def counts_as_active(self, person: str) -> bool:
        return self.membership_active[person] and self.account_active[person]

    def involved(self, case: int, person: str) -> bool:
        return any(
            i.case == case and i.holder == person and i.named and i.in_force(self.day)
            for i in self.involvements
        )


# ----- The oracle: docs/domain.md in a few lines ------------------------------------------------


def consent_holds(model: Model, target: str) -> bool:
    """Under 12 the parents with gezag (one gave, none refused or withdrew); 12 to 15 those and
    the pupil; from 16 the pupil alone. A guardian without gezag never counts."""
    latest = {}
    for decider, decision in model.decisions.get(target, []):
        latest[decider] = decision
    parents = [latest.get(guardian) for guardian in GEZAG]
    parents_ok = Decision.GIVEN in parents and not any(
        decision in (Decision.REFUSED, Decision.WITHDRAWN) for decision in parents
    )
    pupil_ok = latest.get("pupil") == Decision.GIVEN
    age = model.age()
    if age < 12:
        return parents_ok
    if age < 16:
        return parents_ok and pupil_ok
    return pupil_ok


def content_covered(model: Model, org: str) -> bool:
    """Consent to share with the organisation, or a meldcode basis naming it, in force today.
    A leerplicht basis never opens the content."""
    if consent_holds(model, org):
        return True
    return any(
        basis.kind == LegalBasisKind.SAFETY
        and basis.recipient == org
        and not basis.ended
        and basis.valid_from <= model.day <= basis.valid_until
        for basis in model.bases
    )


def oracle(model: Model, case: int) -> dict[str, set[str]]:
    """person -> the codenames the rules give them on the case today."""
    expected = {}
    for person, (org, _function) in PEOPLE.items():
        if not model.counts_as_active(person):
            continue
        function = model.function[person]
        rights = set()
        if org == "school" and function == Function.IB:
            rights |= set(ALL_CODENAMES)
        if org == "school" and function == Function.DIRECTEUR:
            rights.add(DAT)
        holds_regie = any(
            r.case == case and r.holder == person and r.in_force(model.day) for r in model.regie
        )
        if model.involved(case, person) or holds_regie:
            rights.add(DAT)
            if org == "school" or content_covered(model, org):
                rights |= {WAT, LOG_PROGRESS}
        if rights:
            expected[person] = rights
    return expected


# ----- Events ----------------------------------------------------------------------------------

cases_ = st.integers(0, 1)
people = st.sampled_from(tuple(PEOPLE))
# (tag, case, person, names the professional, start days before today)
involve = st.tuples(
    st.just("involve"),
    cases_,
    people,
    st.sampled_from((True, True, False)),
    st.sampled_from((0, 5)),
)
# (tag, which open involvement)
end_involvement = st.tuples(st.just("end_involvement"), st.integers(0, 5))
# (tag, kind, which of those the form offers)
regie = st.tuples(st.just("regie"), st.sampled_from(tuple(RegieKind)), st.integers(0, 5))
consent = st.tuples(
    st.just("consent"),
    st.sampled_from(("mother", "father", "stepfather", "pupil")),
    st.sampled_from((*PARTNERS, "jeugdarts")),
    st.sampled_from(tuple(Decision)),
)
# (tag, kind, starts in N days, lasts M more days)
basis = st.tuples(
    st.just("basis"),
    st.sampled_from(tuple(BASIS_RECIPIENT)),
    st.sampled_from((0, 3)),
    st.integers(0, 10),
)
end_basis = st.tuples(st.just("end_basis"), st.integers(0, 3))
membership = st.tuples(
    st.just("membership"),
    people,
    st.sampled_from(
        ("deactivate", "reactivate", Function.IB, Function.DIRECTEUR, Function.LEERKRACHT)
    ),
)
account = st.tuples(st.just("account"), people, st.booleans())
# At most eight days: the hourly job catches up on seven missed days.
wait = st.tuples(st.just("wait"), st.integers(1, 8))
# Each kind of event by its weight: consents and waits often, so that consent takes effect
# and birthdays are crossed.
WEIGHTS = {
    involve: 2,
    end_involvement: 1,
    regie: 2,
    consent: 3,
    basis: 2,
    end_basis: 1,
    membership: 2,
    account: 1,
    wait: 3,
}
events = st.sampled_from([s for s, weight in WEIGHTS.items() for _ in range(weight)]).flatmap(
    lambda strategy: strategy
)
# A likely start, each step drawn in 2 (or 1) of 3 examples and shrunk away first: the
# partners involved in the first case; for each partner decisions that make the rules differ
# (a refusal or a withdrawal by one parent, the stepfather without gezag, the pupil alone); a
# meldcode and a leerplicht basis; regie that outlasts its holder's involvement.
PRELUDE = (
    (("involve", 0, "jgz", True, 0), 2),
    (("involve", 0, "vt", True, 0), 2),
    (("involve", 0, "lp", True, 0), 2),
    (("consent", "mother", "jgz", Decision.GIVEN), 2),
    (("consent", "father", "jgz", Decision.REFUSED), 1),
    (("consent", "stepfather", "jgz", Decision.GIVEN), 1),
    (("consent", "pupil", "jgz", Decision.GIVEN), 2),
    (("consent", "father", "vt", Decision.GIVEN), 2),
    (("consent", "mother", "vt", Decision.WITHDRAWN), 1),
    (("consent", "stepfather", "vt", Decision.REFUSED), 1),
    (("consent", "pupil", "vt", Decision.GIVEN), 2),
    (("consent", "mother", "lp", Decision.GIVEN), 1),
    (("consent", "pupil", "lp", Decision.GIVEN), 2),
    (("basis", LegalBasisKind.SAFETY, 0, 6), 2),
    (("basis", LegalBasisKind.TRUANCY, 0, 10), 1),
    (("regie", RegieKind.CASUS, 0), 2),
    (("end_involvement", 0), 2),
)
prelude = st.tuples(
    *(st.sampled_from(((),) * (3 - in_three) + ((step,),) * in_three) for step, in_three in PRELUDE)
).map(lambda steps: [step for chosen in steps for step in chosen])


@st.composite
def scenarios(draw) -> dict:
    start = draw(prelude)
    steps = start + draw(st.lists(events, min_size=1, max_size=6))
    # Most sequences wait at least once, somewhere after the prelude (shrunk away first).
    if draw(st.sampled_from((False, True, True, True))):
        steps.insert(draw(st.integers(len(start), len(steps))), draw(wait))
    waited = sum(step[1] for step in steps if step[0] == "wait")
    return {
        "cases": draw(st.integers(1, 2)),
        # The pupil turns 12 or 16 within the days the sequence waits (or the day after the
        # last, so that some sequences stay before the birthday).
        "turns": draw(st.sampled_from((12, 16))),
        "in_days": draw(st.integers(0, waited + 1)),
        "events": steps,
    }


@dataclass
class Run:
    cast: Cast
    model: Model
    pupil: object
    guardians: dict
    cases: list

    @property
    def ib(self):
        return self.cast.memberships["ib"].user

    def apply(self, event: tuple) -> None:
        getattr(self, f"on_{event[0]}")(*event[1:])

    def on_involve(self, case: int, person: str, named: bool, days_ago: int) -> None:
        case %= len(self.cases)
        membership = self.cast.memberships[person]
        if named and not self.model.counts_as_active(person):
            return  # the form offers active professionals only
        if named and any(
            i.case == case and i.holder == person and i.named and i.end is None
            for i in self.model.involvements
        ):
            return  # one open involvement per professional per case: the service refuses
        start = self.model.day - datetime.timedelta(days=days_ago)
        row = case_services.involvement_add(
            case=self.cases[case],
            organisation=membership.organisation,
            professional=membership if named else None,
            start=start,
            added_by=self.ib,
        )
        self.model.involvements.append(Period(case, person, start, named=named, row=row))

    def on_end_involvement(self, index: int) -> None:
        """End one of the open involvements (the index wraps around)."""
        open_ = [i for i in self.model.involvements if i.end is None]
        if open_:
            involvement = open_[index % len(open_)]
            case_services.involvement_end(involvement=involvement.row, ended_by=self.ib)
            involvement.end = self.model.day

    def on_regie(self, kind: str, index: int) -> None:
        """Give regie to one of those the form offers (the index wraps around): an involved,
        active professional, or the mother."""
        offered = [
            (i.case, i.holder)
            for i in self.model.involvements
            if i.named and i.in_force(self.model.day) and self.model.counts_as_active(i.holder)
        ] + [(case, "mother") for case in range(len(self.cases))]
        case, holder = offered[index % len(offered)]
        case_services.regie_assign(
            case=self.cases[case],
            kind=kind,
            professional=self.cast.memberships[holder] if holder in PEOPLE else None,
            guardian=self.guardians.get(holder),
            assigned_by=self.ib,
        )
        for r in self.model.regie:
            if r.case == case and r.kind == kind and r.end is None:
                r.end = self.model.day
        self.model.regie.append(Period(case, holder, self.model.day, kind=kind))

    def on_consent(self, decider: str, target: str, decision: str) -> None:
        if decider == "pupil" and self.model.age() < 12:
            return  # the form offers the pupil only from 12
        consent_record(
            pupil=self.pupil,
            purpose=Purpose.JEUGDARTS if target == "jeugdarts" else Purpose.SHARE,
            recipient=None if target == "jeugdarts" else self.cast.orgs[target],
            guardian=self.guardians.get(decider),
            by_pupil=decider == "pupil",
            decision=decision,
            method=Method.PAPER,
            recorded_by=self.ib,
        )
        self.model.decisions.setdefault(target, []).append((decider, decision))

    def on_basis(self, kind: str, starts_in: int, lasts: int) -> None:
        valid_from = self.model.day + datetime.timedelta(days=starts_in)
        valid_until = valid_from + datetime.timedelta(days=lasts)
        recipient = BASIS_RECIPIENT[kind]
        row = legal_basis_record(
            pupil=self.pupil,
            kind=kind,
            recipient=self.cast.orgs[recipient],
            motivation="Motivering voor de eigenschapstest.",
            valid_from=valid_from,
            valid_until=valid_until,
            recorded_by=self.ib,
        )
        self.model.bases.append(Basis(kind, recipient, valid_from, valid_until, row))

    def on_end_basis(self, index: int) -> None:
        current = [basis for basis in self.model.bases if not basis.ended]
        if current:
            basis = current[index % len(current)]
            legal_basis_end(basis=basis.row, ended_by=self.ib)
            basis.ended = True

    def on_membership(self, person: str, change: str) -> None:
        membership = self.cast.memberships[person]
        if change in ("deactivate", "reactivate"):
            fields = {"is_active": change == "reactivate"}
            self.model.membership_active[person] = fields["is_active"]
        else:
            fields = {"function": change}
            self.model.function[person] = change
        with transaction.atomic():
            Professional.objects.filter(pk=membership.pk).update(**fields)
            membership_changed.send(
                sender=Professional, user=User.objects.get(pk=membership.user_id)
            )

    def on_account(self, person: str, active: bool) -> None:
        user_id = self.cast.memberships[person].user_id
        with transaction.atomic():
            User.objects.filter(pk=user_id).update(is_active=active)
            membership_changed.send(sender=User, user=User.objects.get(pk=user_id))
        self.model.account_active[person] = active

    def on_wait(self, days: int) -> None:
        self.model.day += datetime.timedelta(days=days)
        permissions_recompute_time_bound(day=self.model.day)

    # ----- The check ---------------------------------------------------------------------------

    def check(self, after: tuple) -> None:
        names = {m.user_id: person for person, m in self.cast.memberships.items()}
        for index, case in enumerate(self.cases):
            stored: dict[int, set[str]] = {}
            rows = CaseUserObjectPermission.objects.filter(content_object_id=case.pk)
            for user_id, codename in rows.values_list("user_id", "permission__codename"):
                stored.setdefault(user_id, set()).add(codename)
            derived = {
                user_id: codes
                for user_id, codes in desired_permissions(case, day=self.model.day).items()
                if codes
            }
            assert stored == derived, f"case {index} drifted from the derivation after {after}"
            stored_by_person = {names.get(u, f"user {u}"): codes for u, codes in stored.items()}
            assert stored_by_person == oracle(self.model, index), (
                f"case {index} breaks the rules on day {self.model.day} "
                f"(age {self.model.age()}) after {after}"
            )


@contextmanager
def clock(model: Model):
    """`timezone.localdate()` answers the model's day; everything else keeps the real clock."""
    real = timezone.localdate

    def localdate(value=None, timezone=None):
        return model.day if value is None else real(value, timezone)

    with mock.patch("django.utils.timezone.localdate", localdate):
        yield


def birth_date_turning(age: int, on: datetime.date) -> datetime.date:
    try:
        return on.replace(year=on.year - age)
    except ValueError:  # 29 February in a year that has none
        return datetime.date(on.year - age, 3, 1)


class Rollback(Exception):
    """Raised at the end of every example to undo it."""


def run_scenario(cast: Cast, scenario: dict) -> None:
    today = timezone.localdate()
    birthday = today + datetime.timedelta(days=scenario["in_days"])
    model = Model(day=today, birth_date=birth_date_turning(scenario["turns"], birthday))
    with clock(model):
        ib = cast.memberships["ib"].user
        pupil = pupil_services.pupil_register(
            school=cast.orgs["school"].school,
            first_name="Eigen",
            last_name="Schap",
            birth_date=model.birth_date,
            registered_by=ib,
        )
        guardians = {
            name: pupil_services.guardian_add(
                pupil=pupil, name=name, relation=name, has_gezag=name in GEZAG, added_by=ib
            )
            for name in ("mother", "father", "stepfather")
        }
        cases = [
            case_services.case_open(
                pupil=pupil,
                opened_by=ib,
                level=3,
                leefvraag=True,
                complexity="enkelvoudig",
                question="Vraag",
                parents_informed=True,
            )
            for _ in range(scenario["cases"])
        ]
        run = Run(cast=cast, model=model, pupil=pupil, guardians=guardians, cases=cases)
        run.check(after="opening")
        for event in scenario["events"]:
            run.apply(event)
            run.check(after=event)


# Each birthday, the guardian without gezag, regie and the legal bases by the calendar, in
# every run whatever Hypothesis draws.
# The first wait of eight days puts the involvement's start outside the hourly job's window, so
# that only the birthday or the basis can make it recompute the case.
TURNING_12 = {
    "cases": 1,
    "turns": 12,
    "in_days": 10,
    "events": [
        ("involve", 0, "jgz", True, 0),
        ("consent", "mother", "jgz", Decision.GIVEN),
        ("wait", 8),
        ("wait", 2),  # 12 now: the parents' consent alone no longer opens the content
        ("consent", "pupil", "jgz", Decision.GIVEN),
    ],
}
TURNING_16 = {
    "cases": 2,
    "turns": 16,
    "in_days": 10,
    "events": [
        ("involve", 1, "vt", True, 0),
        ("consent", "pupil", "vt", Decision.GIVEN),
        ("consent", "father", "vt", Decision.REFUSED),
        ("wait", 8),
        ("wait", 2),  # 16 now: the pupil alone decides, the father's refusal no longer blocks
    ],
}
WITHOUT_GEZAG = {
    "cases": 1,
    "turns": 12,
    "in_days": 30,
    "events": [
        ("involve", 0, "jgz", True, 0),
        ("involve", 0, "vt", True, 0),
        ("consent", "stepfather", "jgz", Decision.GIVEN),  # opens nothing
        ("consent", "mother", "vt", Decision.GIVEN),
        ("consent", "stepfather", "vt", Decision.REFUSED),  # blocks nothing
    ],
}
REGIE_OUTLASTS_INVOLVEMENT = {
    "cases": 1,
    "turns": 12,
    "in_days": 30,
    "events": [
        ("involve", 0, "jgz", True, 0),
        ("consent", "mother", "jgz", Decision.GIVEN),
        ("regie", RegieKind.CASUS, 0),
        ("end_involvement", 0),  # the regisseur keeps the case
        ("regie", RegieKind.CASUS, 1),  # until the mother takes over
    ],
}
BASES_BY_THE_CALENDAR = {
    "cases": 1,
    "turns": 12,
    "in_days": 30,
    "events": [
        ("involve", 0, "vt", True, 0),
        ("involve", 0, "lp", True, 0),
        ("wait", 8),
        ("basis", LegalBasisKind.SAFETY, 3, 8),
        ("basis", LegalBasisKind.TRUANCY, 0, 10),
        ("wait", 3),  # the meldcode basis starts
        ("wait", 8),  # its last day
        ("wait", 1),  # it has ended
    ],
}


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(scenario=scenarios())
@example(scenario=TURNING_12)
@example(scenario=TURNING_16)
@example(scenario=WITHOUT_GEZAG)
@example(scenario=REGIE_OUTLASTS_INVOLVEMENT)
@example(scenario=BASES_BY_THE_CALENDAR)
def test_stored_rights_follow_the_derivation_and_the_rules_after_every_event(cast, scenario):
    try:
        with transaction.atomic():
            run_scenario(cast, scenario)
            raise Rollback
    except Rollback:
        pass
