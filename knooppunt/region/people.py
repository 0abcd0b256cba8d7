"""The region's organisations and people: samenwerkingsverbanden, besturen, schools with their
knooppunt set-up, partner organisations, and the professionals in their functions."""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from knooppunt.region.draw import PLACES, Draw, insert
from partners.constants import Function, OrganisationKind, Participation, Sector, Weekday
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

DOMAIN = "regio.example"
SCHOOLS_PER_SWV = 40
SCHOOLS_PER_BESTUUR = 10
# How many schools one partner professional serves, per function.
CASELOAD = {
    (OrganisationKind.SMW, Function.SMW): 3,
    (OrganisationKind.JGZ, Function.JEUGDARTS): 6,
    (OrganisationKind.JGZ, Function.JEUGDVERPLEEGKUNDIGE): 4,
    (OrganisationKind.TOEGANG, Function.CONSULENT): 5,
    (OrganisationKind.LEERPLICHT, Function.LEERPLICHTAMBTENAAR): 10,
    (OrganisationKind.ZORGAANBIEDER, Function.HULPVERLENER): 8,
    (OrganisationKind.VEILIG_THUIS, Function.CONSULENT): 40,
}
# The structural partners at every school's table.
STRUCTURAL = (OrganisationKind.SMW, OrganisationKind.JGZ)


@dataclass
class SchoolPeople:
    school: School
    swv: Samenwerkingsverband
    ib: Professional
    directeur: Professional
    leerkrachten: list[Professional]
    # Partner function -> the professional who serves this school.
    partners: dict[tuple[str, str], Professional] = field(default_factory=dict)


@dataclass
class Region:
    admin: User
    schools: list[SchoolPeople]
    # Per samenwerkingsverband id: its trajectbegeleiders; per bestuur id: its procesbegeleider.
    trajectbegeleiders: dict[int, list[Professional]]
    procesbegeleiders: dict[int, Professional]


def _brin(index: int) -> str:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    pair = letters[index // 26 % 26] + letters[index % 26]
    return f"{90 + index // 676:02d}{pair}"


def region_exists() -> bool:
    return Samenwerkingsverband.objects.filter(code="PO9900").exists()


def build_people(draw: Draw, schools: int, day: datetime.date) -> Region:
    now = timezone.now()
    password = make_password(None)  # nobody signs in with a password until one is set
    users: list[User] = []

    def user(local: str) -> User:
        account = User(
            uuid=draw.uuid(),
            email=f"{local}@{DOMAIN}",
            first_name=draw.first_name(),
            last_name=draw.last_name(),
            password=password,
            date_joined=now,
        )
        users.append(account)
        return account

    admin = user("beheer")
    admin.is_staff = True
    organisations: list[Organisation] = []

    def organisation(name: str, kind: str, municipality: str = "") -> Organisation:
        org = Organisation(uuid=draw.uuid(), name=name, kind=kind, municipality=municipality)
        organisations.append(org)
        return org

    swv_count = -(-schools // SCHOOLS_PER_SWV)
    bestuur_count = -(-schools // SCHOOLS_PER_BESTUUR)
    swvs = [
        Samenwerkingsverband(
            uuid=draw.uuid(),
            code=f"PO99{i:02d}",
            name=f"Passend Onderwijs Regio {i + 1}",
            organisation=organisation(f"Passend Onderwijs Regio {i + 1}", OrganisationKind.SWV),
        )
        for i in range(swv_count)
    ]
    besturen = [
        Schoolbestuur(
            uuid=draw.uuid(),
            name=f"Stichting Regio-onderwijs {i + 1}",
            bestuursnummer=f"9{i:04d}",
            organisation=organisation(
                f"Stichting Regio-onderwijs {i + 1}", OrganisationKind.BESTUUR
            ),
        )
        for i in range(bestuur_count)
    ]
    # Partner organisations per samenwerkingsverband's area.
    partner_orgs = {
        (i, kind): organisation(f"{kind.label} Regio {i + 1}", kind, f"Gemeente {i + 1}")
        for i in range(swv_count)
        for kind in {kind for kind, _function in CASELOAD}
    }
    school_rows = []
    for i in range(schools):
        name = f"IKC {draw.choice(PLACES)} {i + 1}"
        school_rows.append(
            School(
                uuid=draw.uuid(),
                brin=_brin(i),
                name=name,
                sector=Sector.PO,
                bestuur=besturen[i // SCHOOLS_PER_BESTUUR],
                samenwerkingsverband=swvs[i // SCHOOLS_PER_SWV],
                organisation=organisation(name, OrganisationKind.SCHOOL),
                address=f"Schoolstraat {i + 1}, Regio",
            )
        )
    insert(Organisation, organisations)
    for row in (*swvs, *besturen, *school_rows):
        row.organisation_id = row.organisation.pk
    insert(Samenwerkingsverband, swvs)
    insert(Schoolbestuur, besturen)
    for row in school_rows:
        row.bestuur_id, row.samenwerkingsverband_id = row.bestuur.pk, row.samenwerkingsverband.pk
    insert(School, school_rows)

    memberships: list[tuple[Professional, User, Organisation, str]] = []

    def member(account: User, org: Organisation, function: str) -> Professional:
        row = Professional(uuid=draw.uuid(), function=function, is_active=True, confirmed_at=now)
        memberships.append((row, account, org, function))
        return row

    people = []
    served: dict[tuple, Professional] = {}
    for i, school in enumerate(school_rows):
        area = i // SCHOOLS_PER_SWV
        entry = SchoolPeople(
            school=school,
            swv=school.samenwerkingsverband,
            ib=member(user(f"ib.{i + 1}"), school.organisation, Function.IB),
            directeur=member(user(f"directeur.{i + 1}"), school.organisation, Function.DIRECTEUR),
            leerkrachten=[
                member(user(f"leerkracht.{i + 1}.{n}"), school.organisation, Function.LEERKRACHT)
                for n in (1, 2)
            ],
        )
        for (kind, function), per in CASELOAD.items():
            key = (kind, function, area, (i % SCHOOLS_PER_SWV) // per)
            if key not in served:
                local = f"{kind}.{function}.{area + 1}.{key[3] + 1}"
                served[key] = member(user(local), partner_orgs[(area, kind)], function)
            entry.partners[(kind, function)] = served[key]
        people.append(entry)
    trajectbegeleiders = {
        i: [
            member(user(f"tb.{i + 1}.{n}"), swv.organisation, Function.TRAJECTBEGELEIDER)
            for n in (1, 2)
        ]
        for i, swv in enumerate(swvs)
    }
    procesbegeleiders = {
        i: member(user(f"pb.{i + 1}"), bestuur.organisation, Function.PROCESBEGELEIDER)
        for i, bestuur in enumerate(besturen)
    }
    insert(User, users)
    for row, account, org, _function in memberships:
        row.user_id, row.organisation_id, row.confirmed_by_id = account.pk, org.pk, admin.pk
    insert(Professional, [row for row, *_ in memberships], by=admin)
    _setups(draw, people, partner_orgs, admin)
    return Region(
        admin=admin,
        schools=people,
        trajectbegeleiders={swvs[i].pk: rows for i, rows in trajectbegeleiders.items()},
        procesbegeleiders={besturen[i].pk: row for i, row in procesbegeleiders.items()},
    )


def _setups(draw: Draw, people: list[SchoolPeople], partner_orgs: dict, admin: User) -> None:
    setups = [
        KnooppuntSetup(
            school_id=entry.school.pk,
            meeting_day=draw.choice(list(Weekday)),
            start_time=datetime.time(9),
            end_time=datetime.time(12),
            frequency="Eens per maand",
            location="Teamkamer",
        )
        for entry in people
    ]
    insert(KnooppuntSetup, setups, by=admin)
    seats = []
    for setup, entry in zip(setups, people, strict=True):
        for kind, function in entry.partners:
            if kind in STRUCTURAL or kind == OrganisationKind.TOEGANG:
                seats.append(
                    KnooppuntPartner(
                        uuid=draw.uuid(),
                        setup_id=setup.pk,
                        organisation_id=entry.partners[(kind, function)].organisation_id,
                        participation=Participation.STRUCTURAL
                        if kind in STRUCTURAL
                        else Participation.INCIDENTAL,
                        contact_name=f"Contact {function} {setup.pk}",
                        contact_function=function,
                    )
                )
    insert(KnooppuntPartner, seats, by=admin)
