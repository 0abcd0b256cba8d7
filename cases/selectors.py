"""Questions the cases app answers, always on behalf of a user.

Callers have passed the access gate (`cases.access.get_case_for_user`) for anything about one
case; the lists filter on the derived object permissions themselves. Nothing here writes.
"""

import datetime
from dataclasses import dataclass
from itertools import chain

from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models import Case as CaseWhen
from django.utils import timezone

from cases.access import DAT
from cases.constants import (
    STALE_AFTER_MONTHS,
    RegieKind,
    Status,
    WerkafspraakStatus,
)
from cases.models import (
    Case,
    FeedbackRequest,
    Involvement,
    ProgressNote,
    Regie,
    Werkafspraak,
)
from cases.query import active_on
from consent.constants import Decision, Purpose
from consent.models import ConsentDecision
from consent.rules import organisations_with_content_access
from partners.access import active_memberships
from partners.constants import Function
from partners.models import Organisation, Professional, User


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


def _months_before(moment: datetime.datetime, months: int) -> datetime.datetime:
    """The same moment `months` calendar months earlier (the 31st becomes the month's end)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    next_month = datetime.date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1)
    last_day = (next_month - datetime.timedelta(days=1)).day
    return moment.replace(year=year, month=month + 1, day=min(moment.day, last_day))


def _with_monitoring(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Annotate the monitoring flags of seed 002 in the query itself (no query per row).

    Only cases that are not closed are flagged: a closed case needs no follow-up.
    - flag_stale: open longer than STALE_AFTER_MONTHS without any evaluated werkafspraak;
    - flag_overdue_werkafspraak: an open werkafspraak past its due date;
    - flag_overdue_feedback: requested feedback not received by its due date.
    The current regie rows (procesregie first) come along as `current_regie`.
    """
    today = timezone.localdate()
    stale_before = _months_before(timezone.now(), STALE_AFTER_MONTHS)
    is_open = ~Q(status=Status.AFGESLOTEN)
    evaluated = Werkafspraak.objects.filter(
        case=OuterRef("pk"), status=WerkafspraakStatus.EVALUATED
    )
    overdue_werkafspraak = Werkafspraak.objects.filter(
        case=OuterRef("pk"), status=WerkafspraakStatus.OPEN, due_date__lt=today
    )
    overdue_feedback = FeedbackRequest.objects.filter(
        case=OuterRef("pk"), received_at__isnull=True, due_date__lt=today
    )
    stale = is_open & Q(opened_at__lt=stale_before) & ~Exists(evaluated)
    late_werkafspraak = is_open & Exists(overdue_werkafspraak)
    late_feedback = is_open & Exists(overdue_feedback)
    return (
        cases.select_related("pupil", "school")
        .annotate(
            flag_stale=ExpressionWrapper(stale, output_field=BooleanField()),
            flag_overdue_werkafspraak=ExpressionWrapper(
                late_werkafspraak, output_field=BooleanField()
            ),
            flag_overdue_feedback=ExpressionWrapper(late_feedback, output_field=BooleanField()),
            flagged=ExpressionWrapper(
                stale | late_werkafspraak | late_feedback, output_field=BooleanField()
            ),
        )
        .prefetch_related(
            Prefetch("regie", queryset=current_regie_rows(today), to_attr="current_regie")
        )
    )


def case_list(*, fetched_by: User) -> QuerySet[Case]:
    """The cases the user may know exist (view_case_dat), with monitoring flags, for the
    school-wide list of the IB'er and the directeur. Filtering (status, level, regisseur,
    flagged, pupil name) is `cases.filters.CaseFilter` on top of this queryset."""
    return _with_monitoring(Case.objects.with_user_permission(fetched_by, DAT))


def my_cases(*, fetched_by: User) -> QuerySet[Case]:
    """The cases the user is personally part of today: an active involvement or active regie
    held by one of the user's memberships, and (as always) view_case_dat on the case."""
    today = timezone.localdate()
    involved = Involvement.objects.filter(case=OuterRef("pk"), professional__user=fetched_by)
    regie = Regie.objects.filter(case=OuterRef("pk"), professional__user=fetched_by)
    mine = Case.objects.with_user_permission(fetched_by, DAT).filter(
        Exists(involved.filter(active_on(today))) | Exists(regie.filter(active_on(today)))
    )
    return _with_monitoring(mine)


def may_open_cases(*, user: User) -> bool:
    """Whether to offer "Nieuwe casus": the user is an IB'er of a school."""
    return (
        active_memberships(user)
        .filter(function=Function.IB, organisation__school__isnull=False)
        .exists()
    )


def regisseurs_for(*, fetched_by: User) -> QuerySet[Professional]:
    """Professionals holding regie today on a case the user may see: the regisseur filter's
    choices, so the list of names reveals nothing the user may not know."""
    visible = Case.objects.with_user_permission(fetched_by, DAT)
    rows = Regie.objects.filter(active_on(timezone.localdate()), case__in=visible)
    return (
        Professional.objects.filter(pk__in=rows.values("professional"))
        .select_related("user", "organisation")
        .order_by("user__last_name", "user__first_name")
    )


# ----- One case: "dat" -----------------------------------------------------------------------


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


# ----- One case: timeline --------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEvent:
    at: datetime.datetime
    who: str
    what: str


_CASE_FIELDS = {
    # field -> label; free text is named, never quoted.
    "level": "Ondersteuningsniveau",
    "leervraag": "Leervraag",
    "leefvraag": "Leefvraag",
    "complexity": "Complexiteit",
    "question": "Hulpvraag",
    "foto": "Foto",
    "parents_informed": "Ouders geïnformeerd",
    "closing_reason": "Reden van afsluiten",
}


def _describe_case(record, previous) -> list[str]:
    if record.history_type == "+":
        return ["Casus geopend"]
    if record.history_type == "-":
        return ["Casus verwijderd"]
    if previous is None:
        return ["Casus gewijzigd"]
    changes = []
    if record.status != previous.status:
        changes.append(f"Status gewijzigd naar “{Status(record.status).label}”")
    for field, label in _CASE_FIELDS.items():
        if getattr(record, field) != getattr(previous, field):
            changes.append(f"{label} gewijzigd")
    return changes


def _describe_involvement(record, previous, names) -> list[str]:
    organisation = names.get(record.organisation_id, "")
    if record.history_type == "+":
        return [f"Betrokkene toegevoegd: {organisation}"]
    if record.history_type == "-":
        return [f"Betrokkene verwijderd: {organisation}"]
    if record.end and (previous is None or previous.end != record.end):
        return [f"Betrokkenheid beëindigd: {organisation}"]
    return [f"Betrokkenheid gewijzigd: {organisation}"]


def _describe_regie(record, previous, names) -> list[str]:
    kind = RegieKind(record.kind).label
    if record.history_type == "+":
        return [f"{kind} toegewezen"]
    if record.end and (previous is None or previous.end != record.end):
        return [f"{kind} beëindigd"]
    return [f"{kind} gewijzigd"]


def _describe_werkafspraak(record, previous, names) -> list[str]:
    organisation = names.get(record.author_organisation_id, "")
    if record.history_type == "+":
        return [f"Werkafspraak toegevoegd door {organisation}"]
    if previous is not None and previous.status != record.status:
        return [f"Status werkafspraak gewijzigd naar “{WerkafspraakStatus(record.status).label}”"]
    return ["Werkafspraak gewijzigd"]


def _describe_note(record, previous, names) -> list[str]:
    organisation = names.get(record.author_organisation_id, "")
    if record.history_type == "+":
        return [f"Voortgang vastgelegd door {organisation}"]
    return ["Voortgang gewijzigd"]


def _describe_feedback(record, previous, names) -> list[str]:
    organisation = names.get(record.organisation_id, "")
    if record.history_type == "+":
        return [f"Terugkoppeling gevraagd aan {organisation}"]
    if record.received_at and (previous is None or previous.received_at is None):
        return [f"Terugkoppeling ontvangen van {organisation}"]
    return ["Terugkoppeling gewijzigd"]


def _describe_consent(record, previous, names) -> list[str]:
    if record.history_type != "+":
        return ["Toestemmingsbesluit gewijzigd"]
    text = f"Toestemming: {Purpose(record.purpose).label} – {Decision(record.decision).label}"
    if record.recipient_id:
        text += f" ({names.get(record.recipient_id, '')})"
    return [text]


def _events(records, describe, names=None) -> list[TimelineEvent]:
    """Turn history records into events; the previous version of the same row is found in
    the same batch, so there is no query per record."""
    events = []
    previous_by_row: dict = {}
    for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
        previous = previous_by_row.get(record.id)
        texts = describe(record, previous) if names is None else describe(record, previous, names)
        user = record.history_user
        who = user.get_full_name() if user is not None else "Systeem"
        events.extend(TimelineEvent(at=record.history_date, who=who, what=t) for t in texts)
        previous_by_row[record.id] = record
    return events


def case_timeline(*, case: Case, fetched_by: User) -> list[TimelineEvent]:
    """Everything that happened to the case, newest first, merged from the history of the
    case, its involvements, regie, werkafspraken, progress notes, feedback requests and the
    pupil's consent decisions. Says what changed in words; never quotes free text."""
    histories = {
        "involvement": Involvement.history.filter(case_id=case.pk),
        "regie": Regie.history.filter(case_id=case.pk),
        "werkafspraak": Werkafspraak.history.filter(case_id=case.pk),
        "note": ProgressNote.history.filter(case_id=case.pk),
        "feedback": FeedbackRequest.history.filter(case_id=case.pk),
        "consent": ConsentDecision.history.filter(pupil_id=case.pupil_id),
    }
    records = {key: list(qs.select_related("history_user")) for key, qs in histories.items()}
    organisation_ids = {
        org_id
        for record in chain.from_iterable(records.values())
        for org_id in (
            getattr(record, "organisation_id", None),
            getattr(record, "author_organisation_id", None),
            getattr(record, "recipient_id", None),
        )
        if org_id
    }
    names = dict(Organisation.objects.filter(pk__in=organisation_ids).values_list("pk", "name"))
    events = _events(case.history.select_related("history_user"), _describe_case)
    events += _events(records["involvement"], _describe_involvement, names)
    events += _events(records["regie"], _describe_regie, names)
    events += _events(records["werkafspraak"], _describe_werkafspraak, names)
    events += _events(records["note"], _describe_note, names)
    events += _events(records["feedback"], _describe_feedback, names)
    events += _events(records["consent"], _describe_consent, names)
    return sorted(events, key=lambda event: event.at, reverse=True)


def case_accesslog(*, case: Case, fetched_by: User):
    """The NEN 7513 log rows about this case, newest first. The caller holds
    view_case_accesslog."""
    from cases.models import AccessLogEntry

    return AccessLogEntry.objects.filter(case_uuid=case.uuid).order_by("-at", "-pk")
