"""What a parent (or a pupil of 12 and older) may do in the portal: one more derivation in the
case policy, from the guardian link, gezag, the pupil's age on the day and, from 16, what the
pupil allows (docs/domain.md, "The parents' portal").

- A guardian with gezag of a pupil under 16 reads the case, plan, meetings, minutes for
  parents, consent and access log, and decides (consent, signing).
- A guardian without gezag reads the same (the right to information) but never decides.
- From 16 the pupil decides alone; guardians read only while the pupil allows it (the consent
  purpose "ouders"), and never decide.
- A pupil with an own account reads and decides from 12.
Nothing here is stored: every request asks again, so a change counts on the next request.
"""

import datetime
from dataclasses import dataclass
from functools import cached_property
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from cases import audit
from cases.access import Actor
from cases.models import Case
from consent.constants import Consenters, Purpose
from consent.rules import age_on, consent_facts, consenters_for
from partners.constants import UserKind
from pupils.models import Guardian, Pupil

PUPIL_OWN_ACCOUNT_FROM = 12


def is_portal_user(user) -> bool:
    return bool(user.is_authenticated and user.kind == UserKind.PARENT)


@dataclass(frozen=True)
class ChildAccess:
    """One portal account's rights on one pupil, on one day."""

    actor: Actor
    pupil: Pupil
    guardian: Guardian | None  # None: the pupil's own account
    day: datetime.date
    may_read: bool
    may_decide: bool

    @property
    def is_pupil(self) -> bool:
        return self.guardian is None

    @property
    def age(self) -> int:
        return age_on(self.pupil.birth_date, self.day)

    @property
    def consenters(self) -> Consenters:
        return consenters_for(self.pupil.birth_date, self.day)

    @property
    def role(self) -> str:
        """Who the reader is to the pupil, for the access log."""
        if self.guardian is None:
            return "Leerling zelf"
        gezag = "met gezag" if self.guardian.has_gezag else "zonder gezag"
        return f"Ouder / verzorger ({self.guardian.relation}, {gezag})"

    @property
    def ground(self) -> str:
        if self.guardian is None:
            return "eigen gegevens leerling"
        if self.age >= 16:
            return "toestemming leerling om mee te lezen"
        return (
            "ouder met gezag" if self.guardian.has_gezag else "informatierecht ouder zonder gezag"
        )

    @cached_property
    def case(self) -> Case | None:
        """The pupil's current case (the newest)."""
        return (
            Case.objects.filter(pupil=self.pupil)
            .select_related("school__organisation")
            .order_by("-opened_at")
            .first()
        )

    def require_read(self, what: str) -> None:
        if not self.may_read:
            audit.portal_access_denied(self.actor, what=f"portaal: {what} geweigerd")
            raise PermissionDenied

    def require_decide(self, what: str) -> None:
        if not (self.may_read and self.may_decide):
            audit.portal_access_denied(self.actor, what=f"portaal: {what} geweigerd")
            raise PermissionDenied

    def log_view(self, what: str) -> None:
        audit.portal_content_viewed(
            self.actor,
            pupil=self.pupil,
            case=self.case,
            what=what,
            role=self.role,
            ground=self.ground,
        )

    def log_change(self, what: str) -> None:
        audit.portal_content_changed(
            self.actor,
            pupil=self.pupil,
            case=self.case,
            what=what,
            role=self.role,
            ground=self.ground,
        )


def _derive(actor: Actor, pupil: Pupil, guardian: Guardian | None, day) -> ChildAccess:
    age = age_on(pupil.birth_date, day)
    if guardian is None:
        may_read = may_decide = age >= PUPIL_OWN_ACCOUNT_FROM
    elif age >= 16:
        may_read = consent_facts(pupil=pupil, day=day).in_force(Purpose.PARENTS)
        may_decide = False
    else:
        may_read = True
        may_decide = guardian.has_gezag
    return ChildAccess(
        actor=actor,
        pupil=pupil,
        guardian=guardian,
        day=day,
        may_read=may_read,
        may_decide=may_decide,
    )


def children_for(actor: Actor, *, day: datetime.date | None = None) -> list[ChildAccess]:
    """Every pupil the account is linked to, as guardian or as the pupil, with its rights."""
    user = actor.user
    if not is_portal_user(user) or not user.is_active:
        return []
    day = day or timezone.localdate()
    guardians = Guardian.objects.filter(account=user).select_related("pupil__school")
    found = [_derive(actor, g.pupil, g, day) for g in guardians]
    for pupil in Pupil.objects.filter(account=user).select_related("school"):
        if age_on(pupil.birth_date, day) >= PUPIL_OWN_ACCOUNT_FROM:
            found.append(_derive(actor, pupil, None, day))
    return sorted(found, key=lambda c: c.pupil.first_name)


def child_access_for(actor: Actor, pupil_uuid: UUID) -> ChildAccess:
    """The portal's gate: 404 (logged, without naming a pupil) for a child the account is not
    linked to; otherwise the rights, which each view checks with require_read/require_decide."""
    for child in children_for(actor):
        if child.pupil.uuid == pupil_uuid:
            return child
    if is_portal_user(actor.user):
        audit.portal_access_denied(actor, what="portaal: onbekend kind")
    raise Http404
