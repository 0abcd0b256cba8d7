"""The verbs of the pupils app: registering a pupil and the family around them."""

import datetime

from django.db import transaction

from knooppunt.history import save_with_user
from partners.models import School, User
from pupils.models import Guardian, Pupil
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
