import base64

import factory
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from partners.constants import Function, OrganisationKind, Participation, Sector
from partners.models import (
    KnooppuntPartner,
    KnooppuntSetup,
    Organisation,
    Professional,
    Samenwerkingsverband,
    School,
    Schoolbestuur,
    User,
)

PASSWORD = "correct-horse-battery-staple"
TOTP_KEY_BASE32 = "JBSWY3DPEHPK3PXP"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"persoon{n}@test.example")
    first_name = factory.Sequence(lambda n: f"Voornaam{n}")
    last_name = "Testpersoon"
    password = factory.django.Password(PASSWORD)


class TOTPDeviceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TOTPDevice

    user = factory.SubFactory(UserFactory)
    name = "Authenticator-app"
    key = base64.b32decode(TOTP_KEY_BASE32).hex()
    confirmed = True


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    kind = OrganisationKind.SMW


class SamenwerkingsverbandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Samenwerkingsverband

    code = factory.Sequence(lambda n: f"PO{3100 + n}")
    name = factory.Sequence(lambda n: f"Samenwerkingsverband {n}")
    organisation = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.SWV)


class SchoolbestuurFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Schoolbestuur

    name = factory.Sequence(lambda n: f"Stichting {n}")
    organisation = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.BESTUUR)


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    brin = factory.Sequence(
        lambda n: f"{10 + n % 90:02d}{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}"
    )
    name = factory.Sequence(lambda n: f"Basisschool {n}")
    sector = Sector.PO
    bestuur = factory.SubFactory(SchoolbestuurFactory)
    samenwerkingsverband = factory.SubFactory(SamenwerkingsverbandFactory)
    organisation = factory.SubFactory(
        OrganisationFactory, kind=OrganisationKind.SCHOOL, name=factory.SelfAttribute("..name")
    )


class ProfessionalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Professional

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    function = Function.SMW
    # Test data starts confirmed; tests of the four-eyes rule go through membership_add.
    is_active = True
    confirmed_at = factory.LazyFunction(timezone.now)


class KnooppuntSetupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KnooppuntSetup

    school = factory.SubFactory(SchoolFactory)


class KnooppuntPartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KnooppuntPartner

    setup = factory.SubFactory(KnooppuntSetupFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    participation = Participation.STRUCTURAL
    contact_name = factory.Sequence(lambda n: f"Contact {n}")
