"""Recording consent and other legal bases. Every change tells the cases app at once."""

import datetime

from django.db import transaction
from django.utils import timezone

from consent.constants import Decision, LegalBasisKind, Method, Purpose
from consent.models import ConsentDecision, LegalBasis
from consent.signals import consent_changed
from knooppunt.history import save_with_user


@transaction.atomic
def consent_record(
    *,
    pupil,
    purpose: Purpose,
    decision: Decision,
    method: Method,
    recorded_by,
    guardian=None,
    by_pupil: bool = False,
    recipient=None,
    valid_until: datetime.date | None = None,
) -> ConsentDecision:
    """Record one person's decision; a withdrawal takes effect within this transaction."""
    row = ConsentDecision(
        pupil=pupil,
        purpose=purpose,
        recipient=recipient,
        guardian=guardian,
        by_pupil=by_pupil,
        decision=decision,
        method=method,
        valid_until=valid_until,
        recorded_by=recorded_by,
    )
    save_with_user(row, by=recorded_by)
    consent_changed.send(sender=ConsentDecision, pupil=pupil)
    return row


@transaction.atomic
def legal_basis_record(
    *,
    pupil,
    kind: LegalBasisKind,
    recipient,
    motivation: str,
    valid_from: datetime.date,
    valid_until: datetime.date,
    recorded_by,
) -> LegalBasis:
    """Record a ground other than consent; it is motivated, time-bounded and shown prominently."""
    basis = LegalBasis(
        pupil=pupil,
        kind=kind,
        recipient=recipient,
        motivation=motivation.strip(),
        valid_from=valid_from,
        valid_until=valid_until,
        recorded_by=recorded_by,
    )
    save_with_user(basis, by=recorded_by)
    consent_changed.send(sender=LegalBasis, pupil=pupil)
    return basis


@transaction.atomic
def legal_basis_end(*, basis: LegalBasis, ended_by) -> LegalBasis:
    basis.ended_at = timezone.now()
    save_with_user(basis, by=ended_by, update_fields=["ended_at"])
    consent_changed.send(sender=LegalBasis, pupil=basis.pupil)
    return basis
