"""The verbs of the partners app: every change to a knooppunt set-up, a membership or an
account goes through here."""

from typing import Any

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from knooppunt.history import delete_with_user, save_with_user
from partners.access import may_confirm, needs_confirmation
from partners.constants import OrganisationKind, Participation, UserKind
from partners.models import (
    KnooppuntPartner,
    KnooppuntSetup,
    Organisation,
    Professional,
    School,
    User,
)
from partners.signals import membership_changed


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
    save_with_user(setup, by=changed_by)
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
    save_with_user(partner, by=added_by)
    return partner


@transaction.atomic
def knooppunt_partner_update(
    *, partner: KnooppuntPartner, changed_by: User, **fields: Any
) -> KnooppuntPartner:
    """Change a partner's participation or contact details."""
    for name, value in fields.items():
        setattr(partner, name, value)
    save_with_user(partner, by=changed_by)
    return partner


@transaction.atomic
def knooppunt_partner_remove(*, partner: KnooppuntPartner, removed_by: User) -> None:
    """Take a partner off the school's knooppunt table; history keeps who removed it."""
    delete_with_user(partner, by=removed_by)


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


def _refuse_own(*, actor: User | None, user: User) -> None:
    """Nobody changes their own memberships or rights (docs/security.md: nobody grants
    themselves anything)."""
    if actor is not None and actor.pk == user.pk:
        raise PermissionDenied(_("Je kunt je eigen lidmaatschappen en rechten niet wijzigen."))


def _locked_membership(membership: Professional) -> Professional:
    """Lock the row and reload the caller's instance from it (unsaved changes are dropped: the
    service decides what changes)."""
    membership.refresh_from_db(from_queryset=Professional.objects.select_for_update())
    return membership


def _locked_user(user: User) -> User:
    user.refresh_from_db(from_queryset=User.objects.select_for_update())
    return user


def _await_or_activate(membership: Professional, *, requested_by: User | None) -> None:
    """Put a (new, reopened or re-purposed) membership in its starting state: pending when it
    gives case access, active at once otherwise."""
    membership.requested_by = requested_by
    membership.ended_at = None
    membership.confirmed_by = None
    if needs_confirmation(organisation=membership.organisation, function=membership.function):
        membership.is_active = False
        membership.confirmed_at = None
    else:
        membership.is_active = True
        membership.confirmed_at = timezone.now()


@transaction.atomic
def membership_add(
    *,
    user: User,
    organisation: Organisation,
    function: str,
    added_by: User,
    phone: str = "",
) -> Professional:
    """Give `user` a membership of `organisation` in `function`. One that gives case access waits
    for a second person's confirmation (membership_confirm); others are active at once. An ended
    membership in the same function is reopened."""
    _refuse_own(actor=added_by, user=user)
    membership = (
        Professional.objects.select_for_update()
        .filter(user=user, organisation=organisation, function=function)
        .first()
    )
    if membership is None:
        membership = Professional(user=user, organisation=organisation, function=function)
    elif membership.is_active or membership.is_pending:
        raise ValidationError(_("Dit lidmaatschap bestaat al."))
    membership.phone = phone
    _await_or_activate(membership, requested_by=added_by)
    save_with_user(membership, by=added_by)
    membership_changed.send(sender=Professional, user=user)
    return membership


@transaction.atomic
def membership_confirm(*, membership: Professional, confirmed_by: User) -> Professional:
    """The second pair of eyes: make a pending membership active. Only the school's directeur or
    a functional admin may, never whoever asked for it and never the member."""
    membership = _locked_membership(membership)
    if not membership.is_pending:
        raise ValidationError(_("Dit lidmaatschap wacht niet op bevestiging."))
    if not may_confirm(confirmed_by, membership):
        raise PermissionDenied(_("Je mag dit lidmaatschap niet bevestigen."))
    membership.is_active = True
    membership.confirmed_at = timezone.now()
    membership.confirmed_by = confirmed_by
    save_with_user(membership, by=confirmed_by)
    membership_changed.send(sender=Professional, user=membership.user)
    return membership


@transaction.atomic
def membership_deactivate(*, membership: Professional, deactivated_by: User) -> Professional:
    """End a membership (or withdraw a pending one); the row and its history stay."""
    _refuse_own(actor=deactivated_by, user=membership.user)
    membership = _locked_membership(membership)
    if membership.ended_at is None or membership.is_active:
        membership.is_active = False
        membership.ended_at = timezone.now()
        save_with_user(membership, by=deactivated_by)
        membership_changed.send(sender=Professional, user=membership.user)
    return membership


@transaction.atomic
def membership_change_function(
    *, membership: Professional, function: str, changed_by: User
) -> Professional:
    """Give a membership another function. A live membership whose new function gives case
    access waits again for a second person's confirmation."""
    _refuse_own(actor=changed_by, user=membership.user)
    membership = _locked_membership(membership)
    if membership.function == function:
        return membership
    live = membership.is_active or membership.is_pending
    membership.function = function
    if live:
        _await_or_activate(membership, requested_by=changed_by)
    save_with_user(membership, by=changed_by)
    membership_changed.send(sender=Professional, user=membership.user)
    return membership


@transaction.atomic
def membership_contact_update(
    *, membership: Professional, phone: str, changed_by: User
) -> Professional:
    """Change a membership's telephone number; it changes no rights."""
    _refuse_own(actor=changed_by, user=membership.user)
    membership = _locked_membership(membership)
    membership.phone = phone
    save_with_user(membership, by=changed_by)
    return membership


# What may change about an account in the app; rights (is_active, is_staff, is_superuser,
# groups, permissions) have their own verbs or are left to operators.
_USER_DETAILS = ("email", "first_name", "last_name", "kind")


@transaction.atomic
def user_create(
    *,
    created_by: User,
    email: str,
    first_name: str,
    last_name: str,
    kind: str = UserKind.PROFESSIONAL,
    password: str | None = None,
) -> User:
    """Create an account; without a password it can only be used after a password reset."""
    user = User(
        email=User.objects.normalize_email(email).lower(),
        first_name=first_name,
        last_name=last_name,
        kind=kind,
    )
    user.set_password(password)  # None gives an unusable password
    save_with_user(user, by=created_by)
    return user


@transaction.atomic
def user_update(*, user: User, changed_by: User, **details: Any) -> User:
    """Change an account's name, e-mail address or kind. One's own kind stays as it is."""
    unknown = set(details) - set(_USER_DETAILS)
    if unknown:
        raise TypeError(f"user_update does not change {sorted(unknown)}")
    if "kind" in details:
        _refuse_own(actor=changed_by, user=user)
    user = _locked_user(user)
    for name, value in details.items():
        setattr(user, name, value)
    user.email = User.objects.normalize_email(user.email).lower()
    save_with_user(user, by=changed_by)
    return user


@transaction.atomic
def user_deactivate(*, user: User, deactivated_by: User) -> User:
    """Close an account: its live sessions stop working and its memberships stop counting."""
    _refuse_own(actor=deactivated_by, user=user)
    user = _locked_user(user)
    if user.is_active:
        user.is_active = False
        save_with_user(user, by=deactivated_by)
        membership_changed.send(sender=User, user=user)
    return user


@transaction.atomic
def user_activate(*, user: User, activated_by: User) -> User:
    """Reopen a closed account; its confirmed memberships count again."""
    _refuse_own(actor=activated_by, user=user)
    user = _locked_user(user)
    if not user.is_active:
        user.is_active = True
        save_with_user(user, by=activated_by)
        membership_changed.send(sender=User, user=user)
    return user


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

# Change reason on history rows written by an operator's management command (no user acts).
OPERATOR_REASON = "beheerderscommando op de server"


@transaction.atomic
def functional_admin_grant(*, user: User, granted_by: User | None = None) -> User:
    """Make the user a functional admin: staff, in the group that may manage organisations and
    accounts. The group holds no permission on any case, consent or plan model. Not offered in
    the app (an admin could otherwise make a second account their own 'second person');
    operators use `manage.py grant_functional_admin`."""
    _refuse_own(actor=granted_by, user=user)
    group, _created = Group.objects.get_or_create(name=FUNCTIONAL_ADMIN_GROUP)
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label="partners", content_type__model__in=_FUNCTIONAL_ADMIN_MODELS
        )
    )
    user = _locked_user(user)
    if not user.is_staff:
        user.is_staff = True
        save_with_user(user, by=granted_by, reason="" if granted_by else OPERATOR_REASON)
    user.groups.add(group)
    return user


@transaction.atomic
def functional_admin_revoke(*, user: User, revoked_by: User | None = None) -> User:
    """Take the functional admin role away again."""
    _refuse_own(actor=revoked_by, user=user)
    user = _locked_user(user)
    if user.is_staff:
        user.is_staff = False
        save_with_user(user, by=revoked_by, reason="" if revoked_by else OPERATOR_REASON)
    user.groups.remove(*Group.objects.filter(name=FUNCTIONAL_ADMIN_GROUP))
    return user


@transaction.atomic
def superuser_set(*, user: User, is_superuser: bool) -> User:
    """Grant or revoke Django's superuser flag. Only for operators on the server
    (`manage.py grant_superuser`): nothing in the app can set it."""
    user = _locked_user(user)
    if user.is_superuser != is_superuser:
        user.is_superuser = is_superuser
        save_with_user(user, by=None, reason=OPERATOR_REASON)
    return user
