"""Regie in force and how to reach someone: shared by the lists and the case page."""

import datetime
from dataclasses import dataclass

from django.db.models import Case as CaseWhen
from django.db.models import IntegerField, QuerySet, Value, When
from django.utils import timezone

from cases.constants import RegieKind
from cases.models import Regie
from cases.query import active_on
from partners.models import Professional


def current_regie_rows(day: datetime.date | None = None) -> QuerySet[Regie]:
    """Regie rows in force on `day`, procesregie first, with everything the screens show."""
    day = day or timezone.localdate()
    return (
        Regie.objects.filter(active_on(day))
        .select_related("professional__user", "professional__organisation", "guardian")
        .annotate(
            kind_rank=CaseWhen(
                When(kind=RegieKind.PROCES, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("kind_rank", "-start", "-pk")
    )


@dataclass(frozen=True)
class Contact:
    """How to reach someone: the "dat" a school or partner may always have."""

    name: str
    organisation: str
    phone: str
    email: str

    def __str__(self) -> str:
        reach = ", ".join(part for part in (self.phone, self.email) if part)
        who = f"{self.name} ({self.organisation})" if self.name else self.organisation
        return f"{who}: {reach}" if reach else who


def _professional_contact(professional: Professional) -> Contact:
    organisation = professional.organisation
    return Contact(
        name=professional.user.get_full_name(),
        organisation=organisation.name,
        phone=professional.phone or organisation.phone,
        email=professional.user.email,
    )


def regie_contact(regie: Regie) -> Contact:
    if regie.professional is not None:
        return _professional_contact(regie.professional)
    guardian = regie.guardian
    return Contact(
        name=guardian.name,
        organisation=f"ouder ({guardian.relation})",
        phone=guardian.phone,
        email=guardian.email,
    )
