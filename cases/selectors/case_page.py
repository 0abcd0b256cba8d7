"""One case: its "dat" (who is involved, who holds regie) and its partner-authored content
(werkafspraken, progress notes) and requested feedback."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from cases.access import CaseAccess, ContentRule
from cases.constants import RegieKind
from cases.models import Case, FeedbackRequest, Involvement, ProgressNote, Regie, Werkafspraak
from cases.query import active_on
from cases.selectors._common import (
    Contact,
    _professional_contact,
    current_regie_rows,
    regie_contact,
)
from partners.models import Organisation, User

# ----- One case: "dat" -----------------------------------------------------------------------


@dataclass(frozen=True)
class CaseDat:
    involvements: list[Involvement]
    regie: list[Regie]
    regisseur: Regie | None
    regisseur_contact: Contact | None


def case_dat(*, case: Case, fetched_by: User) -> CaseDat:
    """What anyone with view_case_dat may know: who is involved today (organisation, person,
    role) and who holds regie, with how to reach them. No content."""
    today = timezone.localdate()
    involvements = list(
        case.involvements.filter(active_on(today)).select_related(
            "organisation", "professional__user", "professional__organisation"
        )
    )
    regie = list(current_regie_rows(today).filter(case=case))
    regisseur = regie[0] if regie else None
    return CaseDat(
        involvements=involvements,
        regie=regie,
        regisseur=regisseur,
        regisseur_contact=regie_contact(regisseur) if regisseur else None,
    )


@dataclass(frozen=True)
class CaseInvolved:
    involvements: list[Involvement]
    regie_history: list[Regie]


def case_involved(*, case: Case, fetched_by: User) -> CaseInvolved:
    """All involvements (active and ended, active first) and the full regie history with the
    rows in force first: changes of regisseur stay on record."""
    today = timezone.localdate()
    involvements = list(
        case.involvements.select_related(
            "organisation", "professional__user", "professional__organisation"
        ).order_by("-start", "-pk")
    )
    for involvement in involvements:
        involvement.is_active = involvement.start <= today and (
            involvement.end is None or involvement.end >= today
        )
    involvements.sort(key=lambda row: not row.is_active)
    regie = list(
        case.regie.select_related(
            "professional__user", "professional__organisation", "guardian"
        ).order_by("-start", "-pk")
    )
    for row in regie:
        row.is_active = row.start <= today and (row.end is None or row.end >= today)
        row.contact = regie_contact(row)
    regie.sort(key=lambda row: (not row.is_active, row.kind != RegieKind.PROCES))
    return CaseInvolved(involvements=involvements, regie_history=regie)


# ----- One case: partner-authored content ----------------------------------------------------


@dataclass(frozen=True)
class Shown:
    """One piece of content: either the object itself, or (when withheld) only who wrote it
    and whom to contact. A withheld item carries no reference to the content at all."""

    item: ProgressNote | Werkafspraak | None
    organisation: str
    at: datetime.datetime | datetime.date
    contact: Contact | None = None

    @property
    def withheld(self) -> bool:
        return self.item is None


def _organisation_contacts(case: Case, organisation_ids: set[int]) -> dict[int, Contact]:
    """Per organisation, whom the school can contact: the organisation's regisseur on this
    case, else its involved professional, else the organisation's own phone and e-mail."""
    today = timezone.localdate()
    contacts: dict[int, Contact] = {}
    for organisation in Organisation.objects.filter(pk__in=organisation_ids):
        contacts[organisation.pk] = Contact(
            name="",
            organisation=organisation.name,
            phone=organisation.phone,
            email=organisation.email,
        )
    involved = (
        case.involvements.filter(
            active_on(today), organisation_id__in=organisation_ids, professional__isnull=False
        )
        .select_related("professional__user", "professional__organisation")
        .order_by("-start")
    )
    for involvement in involved:
        contacts[involvement.organisation_id] = _professional_contact(involvement.professional)
    for regie in current_regie_rows(today).filter(
        case=case, professional__organisation_id__in=organisation_ids
    ):
        contacts[regie.professional.organisation_id] = _professional_contact(regie.professional)
    return contacts


def _shown(access: CaseAccess, rows: list, at_field: str) -> list[Shown]:
    rule = ContentRule(access)
    hidden = {row.pk for row in rows if not rule.shows(row.author_organisation)}
    contacts = _organisation_contacts(
        access.case, {row.author_organisation_id for row in rows if row.pk in hidden}
    )
    return [
        Shown(
            item=None,
            organisation=row.author_organisation.name,
            at=getattr(row, at_field),
            contact=contacts.get(row.author_organisation_id),
        )
        if row.pk in hidden
        else Shown(item=row, organisation=row.author_organisation.name, at=getattr(row, at_field))
        for row in rows
    ]


def progress_notes_for(*, access: CaseAccess) -> list[Shown]:
    """The case's progress notes, newest first, as this reader may see them.

    The caller holds view_case_wat. Which notes are shown follows `cases.access.ContentRule`
    (partner notes travel only under consent, JGZ notes only under the jeugdarts consent);
    for a withheld note the reader gets "<organisation> heeft voortgang vastgelegd" and whom
    to contact (docs/domain.md, "Partner content").
    """
    rows = list(
        ProgressNote.objects.filter(case=access.case)
        .select_related("author", "author_organisation")
        .order_by("-created_at", "-pk")
    )
    return _shown(access, rows, "created_at")


def werkafspraken_for(*, access: CaseAccess) -> list[Shown]:
    """The case's werkafspraken by due date, under the same partner-content rule as
    `progress_notes_for`."""
    rows = list(
        Werkafspraak.objects.filter(case=access.case)
        .select_related(
            "author_organisation",
            "assignee_professional__user",
            "assignee_organisation",
            "assignee_guardian",
        )
        .order_by("due_date", "pk")
    )
    return _shown(access, rows, "due_date")


def feedback_requests_for(*, case: Case, fetched_by: User) -> list[FeedbackRequest]:
    """Feedback asked of organisations, with whether it is overdue (that it was asked is
    "dat"; what came back is recorded as progress)."""
    today = timezone.localdate()
    rows = list(case.feedback_requests.select_related("organisation", "requested_by"))
    for row in rows:
        row.overdue = row.received_at is None and row.due_date < today
    return rows
