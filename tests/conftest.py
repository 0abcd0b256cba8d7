"""Personas shared by every test: one school world with people in and around it, and a case
at its school (SMW involved with consent, JGZ involved without)."""

import datetime
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.test import Client
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


@pytest.fixture
def world(db) -> World:
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


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Password hashing is not what these tests measure; the real hasher costs ~0.3 s a user.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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


@pytest.fixture
def case_world(world) -> CaseWorld:
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


@pytest.fixture
def ctx(world, case_world) -> SimpleNamespace:
    """Everything an authorization-matrix row may need to build its URL, from both fixtures."""
    return SimpleNamespace(**vars(world), **vars(case_world))
