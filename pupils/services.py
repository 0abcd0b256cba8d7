"""The verbs of the pupils app: registering a pupil and the family around them."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from knooppunt.history import save_with_user
from partners.constants import UserKind
from partners.models import School, User
from pupils.bsn import bsn_digest
from pupils.models import Guardian, Pupil, validate_bsn
from pupils.signals import guardians_changed


@transaction.atomic
def pupil_register(
    *,
    school: School,
    first_name: str,
    last_name: str,
    birth_date: datetime.date,
    registered_by: User,
    bsn: str = "",
    group: str = "",
) -> Pupil:
    """Register a pupil of the school."""
    pupil = Pupil(
        school=school,
        first_name=first_name,
        last_name=last_name,
        birth_date=birth_date,
        bsn=bsn,
        group=group,
    )
    save_with_user(pupil, by=registered_by)
    return pupil


@transaction.atomic
def guardian_add(
    *, pupil: Pupil, name: str, relation: str, has_gezag: bool, added_by: User, **contact
) -> Guardian:
    guardian = Guardian(pupil=pupil, name=name, relation=relation, has_gezag=has_gezag, **contact)
    save_with_user(guardian, by=added_by)
    # Who holds gezag decides whose consent counts.
    guardians_changed.send(sender=Guardian, pupil=pupil)
    return guardian


def _portal_account(*, email: str, first_name: str, last_name: str) -> User:
    """The parent (or pupil) account for this address, created without a password: portal
    accounts sign in by e-mailed link only. A professional's address is refused, so a portal
    link never lends a professional account to a family (docs/security.md target 22)."""
    email = email.strip().lower()
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email, first_name=first_name, last_name=last_name, kind=UserKind.PARENT
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
    elif user.kind != UserKind.PARENT:
        raise ValidationError(
            _(
                "Dit e-mailadres hoort bij een professional en kan niet aan een ouder "
                "gekoppeld worden."
            )
        )
    return user


@transaction.atomic
def guardian_account_link(*, guardian: Guardian, email: str, linked_by: User) -> Guardian:
    """Link the guardian to a portal account for `email` (created if need be). Rights follow
    from the link, gezag and the pupil's age; the pupil's case rights are recomputed."""
    guardian = Guardian.objects.select_for_update().get(pk=guardian.pk)
    first, _sep, last = guardian.name.partition(" ")
    account = _portal_account(email=email, first_name=first, last_name=last)
    guardian.account = account
    if not guardian.email:
        guardian.email = account.email
    save_with_user(guardian, by=linked_by, update_fields=["account", "email"])
    guardians_changed.send(sender=Guardian, pupil=guardian.pupil)
    return guardian


@transaction.atomic
def guardian_bsn_record(*, guardian: Guardian, bsn: str, recorded_by: User) -> Guardian:
    """Record the guardian's BSN for the DigiD sign-in, as a keyed digest only (pupils/bsn.py);
    an empty `bsn` removes it. Refuses a number that fails the elfproef."""
    bsn = bsn.strip()
    if bsn:
        validate_bsn(bsn)
    guardian = Guardian.objects.select_for_update().get(pk=guardian.pk)
    guardian.bsn_digest = bsn_digest(bsn) if bsn else ""
    save_with_user(guardian, by=recorded_by, update_fields=["bsn_digest"])
    return guardian


@transaction.atomic
def pupil_account_link(*, pupil: Pupil, email: str, linked_by: User) -> Pupil:
    """Give a pupil an own portal account; what it opens depends on the pupil's age."""
    pupil = Pupil.objects.select_for_update().get(pk=pupil.pk)
    pupil.account = _portal_account(
        email=email, first_name=pupil.first_name, last_name=pupil.last_name
    )
    save_with_user(pupil, by=linked_by, update_fields=["account"])
    return pupil
