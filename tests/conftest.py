"""Personas shared by every test: one school world with people in and around it."""

from dataclasses import dataclass

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY

from partners.constants import Function, OrganisationKind, Participation
from partners.models import Organisation, School, User
from partners.services import functional_admin_grant
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


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Password hashing is not what these tests measure; the real hasher costs ~0.3 s a user.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
