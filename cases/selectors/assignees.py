"""Who may carry out a werkafspraak: those involved in the case (docs/domain.md,
"Werkafspraken"), offered as choices grouped the way the IB'er thinks of them."""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Case, Werkafspraak
from cases.query import active_on
from partners.constants import Function
from partners.models import Organisation, Professional
from pupils.models import Guardian


@dataclass(frozen=True)
class Assignee:
    """One choice: its form key (kind and uuid, no personal data), its label and group, and the
    Werkafspraak fields it sets."""

    key: str
    label: str
    group: str
    fields: dict

    @staticmethod
    def key_of(werkafspraak: Werkafspraak) -> str:
        if werkafspraak.assignee_professional_id:
            return f"p:{werkafspraak.assignee_professional.uuid}"
        if werkafspraak.assignee_organisation_id:
            return f"o:{werkafspraak.assignee_organisation.uuid}"
        if werkafspraak.assignee_guardian_id:
            return f"g:{werkafspraak.assignee_guardian.uuid}"
        return ""


def _person(membership: Professional) -> Assignee:
    return Assignee(
        key=f"p:{membership.uuid}",
        label=f"{membership.user.get_full_name()} ({membership.organisation.name})",
        group=_("Personen"),
        fields={
            "assignee_professional": membership,
            "assignee_organisation": membership.organisation,
            "assignee_guardian": None,
        },
    )


def _organisation(organisation: Organisation) -> Assignee:
    return Assignee(
        key=f"o:{organisation.uuid}",
        label=organisation.name,
        group=_("Organisaties"),
        fields={
            "assignee_professional": None,
            "assignee_organisation": organisation,
            "assignee_guardian": None,
        },
    )


def _guardian(guardian: Guardian) -> Assignee:
    return Assignee(
        key=f"g:{guardian.uuid}",
        label=f"{guardian.name} ({guardian.relation})",
        group=_("Ouders"),
        fields={
            "assignee_professional": None,
            "assignee_organisation": None,
            "assignee_guardian": guardian,
        },
    )


def assignees_for(case: Case) -> list[Assignee]:
    """The people and organisations involved in the case today, the school with its IB'ers,
    and the pupil's guardians."""
    involvements = list(
        case.involvements.filter(active_on(timezone.localdate())).select_related(
            "organisation", "professional__user", "professional__organisation"
        )
    )
    ib = (
        Professional.objects.active()
        .filter(organisation_id=case.school.organisation_id, function=Function.IB)
        .select_related("user", "organisation")
    )
    people = {m.pk: m for m in ib}
    people |= {i.professional.pk: i.professional for i in involvements if i.professional}
    organisations = {case.school.organisation_id: case.school.organisation}
    organisations |= {i.organisation_id: i.organisation for i in involvements}
    return [
        *(_person(m) for m in sorted(people.values(), key=lambda m: m.user.get_full_name())),
        *(_organisation(o) for o in sorted(organisations.values(), key=lambda o: o.name)),
        *(_guardian(g) for g in case.pupil.guardians.all()),
    ]
