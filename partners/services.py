"""The verbs of the partners app: every change to a knooppunt set-up goes through here."""

from typing import Any

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from partners.constants import OrganisationKind, Participation
from partners.models import KnooppuntPartner, KnooppuntSetup, Organisation, School, User


def knooppunt_setup_for(*, school: School) -> KnooppuntSetup:
    """The school's set-up, created empty the first time it is asked for."""
    setup, _created = KnooppuntSetup.objects.get_or_create(school=school)
    return setup


@transaction.atomic
def knooppunt_setup_update(*, school: School, changed_by: User, **fields: Any) -> KnooppuntSetup:
    """Change the day, time, frequency, procedure and development agenda of a school's knooppunt."""
    setup = knooppunt_setup_for(school=school)
    for name, value in fields.items():
        setattr(setup, name, value)
    setup.full_clean()
    setup._history_user = changed_by
    setup.save()
    return setup


def organisation_get_or_create(*, name: str, kind: OrganisationKind) -> Organisation:
    """An organisation by name and kind, created when the IB'er names a new one."""
    organisation, _created = Organisation.objects.get_or_create(name=name.strip(), kind=kind)
    return organisation


@transaction.atomic
def knooppunt_partner_add(
    *,
    school: School,
    added_by: User,
    organisation: Organisation,
    participation: Participation,
    **contact: Any,
) -> KnooppuntPartner:
    """Seat a partner organisation and its contact person at the school's knooppunt."""
    partner = KnooppuntPartner(
        setup=knooppunt_setup_for(school=school),
        organisation=organisation,
        participation=participation,
        **contact,
    )
    partner.full_clean()
    partner._history_user = added_by
    partner.save()
    return partner


@transaction.atomic
def knooppunt_partner_update(
    *, partner: KnooppuntPartner, changed_by: User, **fields: Any
) -> KnooppuntPartner:
    """Change a partner's participation or contact details."""
    for name, value in fields.items():
        setattr(partner, name, value)
    partner.full_clean()
    partner._history_user = changed_by
    partner.save()
    return partner


@transaction.atomic
def knooppunt_partner_remove(*, partner: KnooppuntPartner, removed_by: User) -> None:
    """Take a partner off the school's knooppunt table; history keeps who removed it."""
    partner._history_user = removed_by
    partner.delete()


# What the functional admin (beheerder) manages in the admin: organisations and accounts only.
FUNCTIONAL_ADMIN_GROUP = "Functioneel beheer"
_FUNCTIONAL_ADMIN_MODELS = (
    "user",
    "organisation",
    "samenwerkingsverband",
    "schoolbestuur",
    "school",
    "professional",
    "knooppuntsetup",
    "knooppuntpartner",
)


@transaction.atomic
def functional_admin_grant(*, user: User) -> None:
    """Make the user a functional admin: staff, in the group that may manage organisations and
    accounts. The group holds no permission on any case, consent or plan model."""
    group, _created = Group.objects.get_or_create(name=FUNCTIONAL_ADMIN_GROUP)
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label="partners", content_type__model__in=_FUNCTIONAL_ADMIN_MODELS
        )
    )
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.groups.add(group)
