import base64
import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from cases.demo import build_demo_cases
from gezinsplan.demo import build_demo_plan
from meetings.demo import build_demo_planning
from partners import demo_data
from partners.constants import Function, OrganisationKind
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
from partners.services import functional_admin_grant
from portal.demo import build_demo_portal
from tlv.demo import build_demo_tlv

DEMO_PASSWORD = "demo-knooppunt"  # noqa: S105 - the documented demo password
DEMO_TOTP_KEY = "KNOOPPUNTDEMOKEY"


class Command(BaseCommand):
    help = (
        "Build (or refresh) the fictional demo world: organisations, accounts, cases and the "
        "year planning. Refuses to run unless DEBUG is on."
    )

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError("The demo only runs with DEBUG on: it creates known passwords.")
        with transaction.atomic():
            accounts = self.build()
        self.stdout.write(self.style.SUCCESS("Demo ready."))
        self.stdout.write(f"Password for every account: {DEMO_PASSWORD}")
        self.stdout.write(f"TOTP key (base32) for every account: {DEMO_TOTP_KEY}")
        for email, role in accounts:
            self.stdout.write(f"  {email:42} {role}")

    def build(self) -> list[tuple[str, str]]:
        swv_org = self.organisation(demo_data.SWV["name"], OrganisationKind.SWV)
        swv, _ = Samenwerkingsverband.objects.update_or_create(
            code=demo_data.SWV["code"],
            defaults={"name": demo_data.SWV["name"], "organisation": swv_org},
        )
        bestuur_org = self.organisation(demo_data.BESTUUR["name"], OrganisationKind.BESTUUR)
        bestuur, _ = Schoolbestuur.objects.update_or_create(
            organisation=bestuur_org, defaults=demo_data.BESTUUR
        )
        organisations = {
            key: self.organisation(name, kind)
            for key, (name, kind) in demo_data.ORGANISATIONS.items()
        }
        organisations.update(swv=swv_org, bestuur=bestuur_org)

        accounts: list[tuple[str, str]] = []
        schools = []
        for brin, name, sector, domain in demo_data.SCHOOLS:
            school_org = self.organisation(name, OrganisationKind.SCHOOL)
            school, _ = School.objects.update_or_create(
                brin=brin,
                defaults={
                    "name": name,
                    "sector": sector,
                    "bestuur": bestuur,
                    "samenwerkingsverband": swv,
                    "organisation": school_org,
                },
            )
            schools.append((school, domain))

        vuurtoren, domain = schools[0]
        organisations["school"] = vuurtoren.organisation
        people = {}
        for local, first, last, org_key, function in demo_data.VUURTOREN_PEOPLE:
            email = f"{local}@{domain}"
            people[local] = self.professional(email, first, last, organisations[org_key], function)
            accounts.append((email, f"{function.label}, {organisations[org_key].name}"))
        for school, school_domain in schools[1:]:
            email = f"ib@{school_domain}"
            self.professional(email, "Intern", "Begeleider", school.organisation, Function.IB)
            accounts.append((email, f"{Function.IB.label}, {school.name}"))

        setup, _ = KnooppuntSetup.objects.update_or_create(
            school=vuurtoren,
            defaults={
                **demo_data.VUURTOREN_SETUP,
                "start_time": datetime.time(9, 0),
                "end_time": datetime.time(11, 0),
            },
        )
        for org_key, participation, local in demo_data.VUURTOREN_TABLE:
            person = people[local]
            KnooppuntPartner.objects.update_or_create(
                setup=setup,
                organisation=organisations[org_key],
                contact_name=person.user.get_full_name(),
                defaults={
                    "participation": participation,
                    "contact_function": person.function,
                    "email": person.user.email,
                    "phone": "043 000 00 00",
                },
            )

        by_email = {p.user.email: p for p in people.values()}
        by_brin = {school.brin: school for school, _domain in schools}
        build_demo_cases(accounts=by_email, schools=by_brin)
        build_demo_planning(accounts=by_email, schools=by_brin)
        build_demo_plan(accounts=by_email)
        parents = build_demo_portal(accounts=by_email)
        build_demo_tlv(accounts=by_email, schools=by_brin)

        admin, _ = User.objects.update_or_create(
            email="beheer@knooppunt.example",
            defaults={"first_name": "Functioneel", "last_name": "Beheerder"},
        )
        functional_admin_grant(user=admin)
        self.secure(admin)
        accounts.append((admin.email, "Functioneel beheerder (geen casusgegevens)"))
        # Parents have no password: they ask for a link at /ouders/inloggen/, which the demo
        # prints to this console like all its e-mail.
        accounts.extend(parents)
        return accounts

    def organisation(self, name: str, kind: str) -> Organisation:
        organisation, _ = Organisation.objects.get_or_create(name=name, kind=kind)
        return organisation

    def professional(
        self, email: str, first: str, last: str, organisation: Organisation, function: str
    ) -> Professional:
        user, _ = User.objects.update_or_create(
            email=email, defaults={"first_name": first, "last_name": last}
        )
        self.secure(user)
        # The demo's accounts are ready to use: no second person confirms them here.
        membership, _ = Professional.objects.get_or_create(
            user=user,
            organisation=organisation,
            function=function,
            defaults={"is_active": True, "confirmed_at": timezone.now()},
        )
        return membership

    def secure(self, user: User) -> None:
        """Known password and TOTP key, so anyone can sign in to the demo."""
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        key = base64.b32decode(DEMO_TOTP_KEY).hex()
        TOTPDevice.objects.update_or_create(
            user=user, name="Demo", defaults={"key": key, "confirmed": True}
        )
