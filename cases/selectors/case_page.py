"""One case: its "dat" (who is involved, who holds regie) and its partner-authored content
(werkafspraken, progress notes) and requested feedback."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from cases.constants import RegieKind
from cases.models import Case, FeedbackRequest, Involvement, ProgressNote, Regie, Werkafspraak
from cases.query import active_on
from cases.selectors._common import (
    Contact,
    _professional_contact,
    current_regie_rows,
    regie_contact,
)
from consent.rules import organisations_with_content_access
from partners.access import active_memberships
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


def _school_staff_without_share_consent(case: Case, user: User) -> tuple[bool, set[int]]:
    """(whether partner content must be withheld from this user, the user's organisations)."""
    organisations = set(active_memberships(user).values_list("organisation_id", flat=True))
    school_org = case.school.organisation_id
    if school_org not in organisations:
        return False, organisations
    shared_with_school = school_org in organisations_with_content_access(pupil=case.pupil)
    return not shared_with_school, organisations


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


def _shown(case: Case, user: User, rows: list, at_field: str) -> list[Shown]:
    withhold, own = _school_staff_without_share_consent(case, user)
    school_org = case.school.organisation_id

    def hidden(row) -> bool:
        org = row.author_organisation_id
        return withhold and org != school_org and org not in own

    contacts = _organisation_contacts(
        case, {row.author_organisation_id for row in rows if hidden(row)}
    )
    return [
        Shown(
            item=None,
            organisation=row.author_organisation.name,
            at=getattr(row, at_field),
            contact=contacts.get(row.author_organisation_id),
        )
        if hidden(row)
        else Shown(item=row, organisation=row.author_organisation.name, at=getattr(row, at_field))
        for row in rows
    ]


def progress_notes_for(*, case: Case, fetched_by: User) -> list[Shown]:
    """The case's progress notes, newest first, as this user may see them.

    The caller holds view_case_wat. Notes written on behalf of the school are shown to all.
    A note written on behalf of a partner organisation is shown to the school's own staff only
    where an effective consent (or legal basis) covers sharing with the school's organisation;
    otherwise they get "<organisation> heeft voortgang vastgelegd" and whom to contact (seed
    002). Partners with view_case_wat see every note.
    """
    rows = list(
        ProgressNote.objects.filter(case=case)
        .select_related("author", "author_organisation")
        .order_by("-created_at", "-pk")
    )
    return _shown(case, fetched_by, rows, "created_at")


def werkafspraken_for(*, case: Case, fetched_by: User) -> list[Shown]:
    """The case's werkafspraken by due date, under the same partner-content rule as
    `progress_notes_for`."""
    rows = list(
        Werkafspraak.objects.filter(case=case)
        .select_related("author_organisation")
        .order_by("due_date", "pk")
    )
    return _shown(case, fetched_by, rows, "due_date")


def feedback_requests_for(*, case: Case, fetched_by: User) -> list[FeedbackRequest]:
    """Feedback asked of organisations, with whether it is overdue (that it was asked is
    "dat"; what came back is recorded as progress)."""
    today = timezone.localdate()
    rows = list(case.feedback_requests.select_related("organisation", "requested_by"))
    for row in rows:
        row.overdue = row.received_at is None and row.due_date < today
    return rows
