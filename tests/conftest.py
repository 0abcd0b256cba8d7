"""Personas shared by every test: one school world with people in and around it, and a case
at its school (SMW involved with consent, JGZ involved without).

By default `world` and `case_world` are built afresh for each test. A module whose tests only
read them (or write and expect the write to vanish) can build them once instead:

    pytestmark = pytest.mark.usefixtures("shared_case_world")  # or "shared_world"

The module's world is then built inside a transaction held open for the module and rolled back
at its end; each test runs in pytest-django's `db` savepoint, rolled back after the test, and
gets freshly loaded model instances. See `shared_world` for what such a module may not do.
"""

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from types import SimpleNamespace

import pytest
from django.db import transaction
from django.test import Client, override_settings
from django_otp import DEVICE_ID_SESSION_KEY

from cases import services as case_services
from cases.models import Case
from consent.constants import Decision, Method, Purpose
from consent.services import consent_record
from knooppunt.celery import app as celery_app
from partners.constants import Function, OrganisationKind, Participation
from partners.models import Organisation, School, User
from partners.services import functional_admin_grant
from pupils import services as pupil_services
from pupils.models import Guardian, Pupil
from tests import factories


@dataclass
class World:
    school: School
    other_school: School
    smw: Organisation
    ib: User
    directeur: User
    partner: User
    ib_other_school: User
    outsider: User
    admin: User


def professional(organisation: Organisation, function: str, **user_fields) -> User:
    membership = factories.ProfessionalFactory(
        organisation=organisation, function=function, user__email=user_fields.pop("email")
    )
    factories.TOTPDeviceFactory(user=membership.user)
    return membership.user


def build_world() -> World:
    school = factories.SchoolFactory(name="IKC Testvogel")
    other_school = factories.SchoolFactory(name="Basisschool Elders")
    smw = factories.OrganisationFactory(name="SMW Testregio", kind=OrganisationKind.SMW)
    unrelated = factories.OrganisationFactory(
        name="Jeugdhulp Nergens", kind=OrganisationKind.ZORGAANBIEDER
    )
    setup = factories.KnooppuntSetupFactory(school=school)
    factories.KnooppuntPartnerFactory(
        setup=setup, organisation=smw, participation=Participation.STRUCTURAL
    )
    admin = factories.UserFactory(email="beheer@test.example")
    functional_admin_grant(user=admin)
    factories.TOTPDeviceFactory(user=admin)
    return World(
        school=school,
        other_school=other_school,
        smw=smw,
        ib=professional(school.organisation, Function.IB, email="ib@test.example"),
        directeur=professional(school.organisation, Function.DIRECTEUR, email="dir@test.example"),
        partner=professional(smw, Function.SMW, email="smw@test.example"),
        ib_other_school=professional(
            other_school.organisation, Function.IB, email="ib@elders.example"
        ),
        outsider=professional(unrelated, Function.HULPVERLENER, email="hulp@nergens.example"),
        admin=admin,
    )


def signed_in_client(user: User, client: Client | None = None) -> Client:
    """A client past both sign-in steps (password and second factor) for this user."""
    client = client or Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = user.totpdevice_set.get(confirmed=True).persistent_id
    session.save()
    return client


@pytest.fixture
def signed_in():
    return signed_in_client


@pytest.fixture(autouse=True, scope="session")
def flush_despite_the_access_log_trigger():
    """After a transactional test Django empties every table with one TRUNCATE, which the access
    log's BEFORE TRUNCATE trigger refuses. The suite connects as a superuser, and a superuser may
    switch ordinary triggers off for its own transaction (session_replication_role = replica);
    the application's role may not, so this is no way around the trigger for the app."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    original = DatabaseOperations.execute_sql_flush

    def execute_sql_flush(self, sql_list):
        original(self, ["SET LOCAL session_replication_role = replica", *sql_list])

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(DatabaseOperations, "execute_sql_flush", execute_sql_flush)
        yield


# Password hashing is not what these tests measure; the real hasher costs ~0.3 s a user.
FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = FAST_PASSWORD_HASHERS


@pytest.fixture(autouse=True)
def delivery_log(settings, tmp_path):
    """Each test writes its own delivery log (meetings/deliverylog.py), never the project's."""
    settings.OUTBOX_DELIVERY_LOG = str(tmp_path / "delivery-log.jsonl")
    return tmp_path / "delivery-log.jsonl"


@pytest.fixture(autouse=True)
def celery_inline():
    """Tasks run inline in the test, also where REDIS_URL is set (the suite's environment), so
    no test leaves messages on a shared broker that no worker reads. The tests of the real
    broker and worker (tests/meetings/test_invitation_delivery.py) switch this off."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


# Marker strings placed in every "wat" field: they must never reach someone allowed only "dat".
CANARY = "CANARY-INHOUD-7f3a"


@dataclass
class CaseWorld:
    case: Case
    pupil: Pupil
    mother: Guardian
    father: Guardian
    jgz: Organisation
    jeugdarts: User


def build_case_world(world: World) -> CaseWorld:
    pupil = pupil_services.pupil_register(
        school=world.school,
        first_name="Sam",
        last_name="Testkind",
        birth_date=datetime.date(2017, 3, 1),
        registered_by=world.ib,
    )
    mother = pupil_services.guardian_add(
        pupil=pupil, name="Moeder Testkind", relation="moeder", has_gezag=True, added_by=world.ib
    )
    father = pupil_services.guardian_add(
        pupil=pupil, name="Vader Testkind", relation="vader", has_gezag=True, added_by=world.ib
    )
    case = case_services.case_open(
        pupil=pupil,
        opened_by=world.ib,
        level=3,
        leefvraag=True,
        complexity="meervoudig",
        question=f"Vraag van het gezin {CANARY}",
        foto=f"Foto {CANARY}",
        parents_informed=True,
    )
    jgz = factories.OrganisationFactory(name="JGZ Testregio", kind=OrganisationKind.JGZ)
    jeugdarts = professional(jgz, Function.JEUGDARTS, email="arts@test.example")
    for purpose, recipient in ((Purpose.DISCUSS, None), (Purpose.SHARE, world.smw)):
        consent_record(
            pupil=pupil,
            purpose=purpose,
            recipient=recipient,
            guardian=mother,
            decision=Decision.GIVEN,
            method=Method.PAPER,
            recorded_by=world.ib,
        )
    case_services.involvement_add(
        case=case,
        organisation=world.smw,
        professional=world.partner.memberships.get(),
        role="smw",
        added_by=world.ib,
    )
    case_services.involvement_add(
        case=case, organisation=jgz, professional=jeugdarts.memberships.get(), added_by=world.ib
    )
    case_services.progress_note_add(case=case, author=world.partner, text=f"Huisbezoek {CANARY}")
    return CaseWorld(
        case=case, pupil=pupil, mother=mother, father=father, jgz=jgz, jeugdarts=jeugdarts
    )


def _fresh[T](snapshot: T) -> T:
    """A copy of a world dataclass with every model instance loaded again from the database, so
    a test never sees (or leaves behind) in-memory changes of another test."""
    return type(snapshot)(
        **{
            f.name: type(value)._base_manager.get(pk=value.pk)
            for f in fields(snapshot)
            for value in [getattr(snapshot, f.name)]
        }
    )


TRANSACTIONAL_FIXTURES = {"transactional_db", "live_server", "django_db_serialized_rollback"}


def _is_transactional(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(
        TRANSACTIONAL_FIXTURES & set(getattr(item, "fixturenames", ()))
        or (marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")))
    )


@contextmanager
def _as_in_tests():
    """What the autouse fixtures give each test, for building a module's world: module fixtures
    are set up before any function-scoped one."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    try:
        with override_settings(PASSWORD_HASHERS=FAST_PASSWORD_HASHERS):
            yield
    finally:
        celery_app.conf.task_always_eager = previous


@pytest.fixture(scope="module")
def shared_world(request, django_db_setup, django_db_blocker) -> Iterator[World]:
    """`world`, built once for the module inside a transaction that is rolled back at its end.

    Each test still runs in pytest-django's `db` fixture: a django.test.TestCase-style atomic
    block, which inside this module's transaction is a savepoint rolled back after the test, so
    what one test writes never reaches the next. Database access stays blocked outside the
    tests that ask for `db`, so nothing writes into the module's transaction by accident.

    Not for modules with transactional tests (`transactional_db`, `live_server`): those flush
    the database, world included. `transaction.on_commit` callbacks never run by themselves
    (as under plain `db`); use `django_capture_on_commit_callbacks(execute=True)`.
    """
    transactional = [
        item.nodeid
        for item in request.session.items
        if getattr(item, "module", None) is request.module and _is_transactional(item)
    ]
    if transactional:
        pytest.fail(f"shared_world cannot hold transactional tests: {transactional}", pytrace=False)
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        # Like django.test.TestCase's own blocks, so durable atomic blocks may nest inside it.
        outer._from_testcase = True
        outer.__enter__()
    built = None
    try:
        with django_db_blocker.unblock(), _as_in_tests():
            built = build_world()
        yield built
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            # The rollback must take the world with it, or the next module would find it.
            assert built is None or not User.objects.filter(pk=built.ib.pk).exists()


@pytest.fixture(scope="module")
def shared_case_world(shared_world, django_db_blocker) -> CaseWorld:
    """`case_world` (and `world`), built once for the module; see `shared_world`."""
    with django_db_blocker.unblock(), _as_in_tests():
        return build_case_world(shared_world)


@pytest.fixture(scope="module")
def shared_meeting(shared_world, shared_case_world, django_db_blocker):
    """The planned meeting of tests/meetings/builders.py, built once for the module; tests get
    it (loaded afresh) from `planned_meeting(ctx)` or the meetings' `meeting` fixture."""
    from tests.meetings.builders import planned_meeting

    with django_db_blocker.unblock(), _as_in_tests():
        return planned_meeting(SimpleNamespace(**vars(shared_world), **vars(shared_case_world)))


@pytest.fixture
def world(request, db) -> World:
    if "shared_world" in request.fixturenames:
        return _fresh(request.getfixturevalue("shared_world"))
    return build_world()


@pytest.fixture
def case_world(request, world) -> CaseWorld:
    if "shared_case_world" in request.fixturenames:
        return _fresh(request.getfixturevalue("shared_case_world"))
    return build_case_world(world)


@pytest.fixture
def ctx(world, case_world) -> SimpleNamespace:
    """Everything an authorization-matrix row may need to build its URL, from both fixtures."""
    return SimpleNamespace(**vars(world), **vars(case_world))
