"""The verbs of the cases app. Every change that can alter who sees what recomputes the case's
permissions in the same transaction."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.access import case_permissions_recompute
from cases.constants import TRANSITIONS, Complexity, RegieKind, Status
from cases.models import (
    Case,
    FeedbackRequest,
    Involvement,
    ProgressNote,
    Regie,
    Werkafspraak,
)
from consent.constants import Decision, Method, Purpose
from consent.rules import age_on
from consent.services import consent_record
from knooppunt.concurrency import lock_current, save_changes
from knooppunt.history import save_with_user
from partners.access import is_ib_of
from partners.models import Organisation, Professional, School, User
from pupils import services as pupil_services
from pupils.models import Guardian, Pupil


@transaction.atomic
def case_open(
    *,
    pupil: Pupil,
    opened_by: User,
    level: int,
    complexity: Complexity,
    question: str,
    leervraag: bool = False,
    leefvraag: bool = False,
    foto: str = "",
    parents_informed: bool = False,
) -> Case:
    """Open a hulpvraag for a pupil at the pupil's school."""
    case = Case(
        pupil=pupil,
        school=pupil.school,
        opened_by=opened_by,
        level=level,
        complexity=complexity,
        question=question,
        leervraag=leervraag,
        leefvraag=leefvraag,
        foto=foto,
        parents_informed=parents_informed,
        status=Status.BESPROKEN if parents_informed else Status.SIGNAAL,
    )
    save_with_user(case, by=opened_by)
    case_permissions_recompute(case)
    return case


@transaction.atomic
def case_update(*, case: Case, changed_by: User, version: int | None = None, **fields) -> Case:
    """Change the question, foto, level or kind of question. Only what changed is written;
    a form opened before someone else saved (`version`) is refused with StaleEdit."""
    return save_changes(case, by=changed_by, fields=fields, expected_version=version)


@transaction.atomic
def case_transition(*, case: Case, to: Status, changed_by: User, reason: str = "") -> Case:
    """Move the case through the work process; an illegal step is refused with a reason."""
    case = lock_current(case, expected_version=None)
    if to not in TRANSITIONS[case.status]:
        raise ValidationError(
            _("Van “%(from)s” kan een casus niet naar “%(to)s”.")
            % {"from": Status(case.status).label, "to": Status(to).label}
        )
    fields = {"status": to}
    if to == Status.AFGESLOTEN:
        if not reason.strip():
            raise ValidationError(_("Geef een reden om de casus af te sluiten."))
        fields |= {"closing_reason": reason.strip(), "closed_at": timezone.now()}
    # Only the status fields are written: an edit of the question saved meanwhile survives.
    return save_changes(case, by=changed_by, fields=fields)


@transaction.atomic
def involvement_add(
    *,
    case: Case,
    organisation: Organisation,
    added_by: User,
    professional: Professional | None = None,
    role: str = "",
    start: datetime.date | None = None,
) -> Involvement:
    """Record that an organisation (and optionally a named professional) is involved."""
    if professional is not None and professional.organisation_id != organisation.pk:
        raise ValidationError(_("Deze professional werkt niet bij deze organisatie."))
    # Serialise changes to the case's people: a double click waits here, then sees the first.
    lock_current(case, expected_version=None)
    if (
        professional is not None
        and case.involvements.filter(professional=professional, end__isnull=True).exists()
    ):
        raise ValidationError(_("Deze professional is al betrokken bij deze casus."))
    involvement = Involvement(
        case=case,
        organisation=organisation,
        professional=professional,
        role=role,
        start=start or timezone.localdate(),
    )
    save_with_user(involvement, by=added_by)
    case_permissions_recompute(case)
    return involvement


@transaction.atomic
def involvement_end(
    *, involvement: Involvement, ended_by: User, end: datetime.date | None = None
) -> Involvement:
    involvement.end = end or timezone.localdate()
    save_with_user(involvement, by=ended_by)
    case_permissions_recompute(involvement.case)
    return involvement


@transaction.atomic
def regie_assign(
    *,
    case: Case,
    kind: RegieKind,
    assigned_by: User,
    professional: Professional | None = None,
    guardian: Guardian | None = None,
    agreed_with_parents: bool = False,
) -> Regie:
    """Give procesregie or casusregie to someone; the previous holder's row is ended, not
    overwritten, so the change stays on record."""
    today = timezone.localdate()
    # Two people assigning regie at once: the second waits here and ends the first one's row.
    lock_current(case, expected_version=None)
    for current in Regie.objects.select_for_update().filter(case=case, kind=kind, end__isnull=True):
        current.end = today
        save_with_user(current, by=assigned_by)
    regie = Regie(
        case=case,
        kind=kind,
        professional=professional,
        guardian=guardian,
        agreed_with_parents=agreed_with_parents,
        start=today,
    )
    save_with_user(regie, by=assigned_by)
    case_permissions_recompute(case)
    return regie


def _author_organisation(case: Case, author: User) -> Organisation:
    """The organisation on whose behalf the author writes on this case."""
    memberships = Professional.objects.filter(user=author, is_active=True)
    involved = memberships.filter(
        involvements__case=case, involvements__end__isnull=True
    ).select_related("organisation")
    school = memberships.filter(organisation_id=case.school.organisation_id)
    membership = school.select_related("organisation").first() or involved.first()
    if membership is None:
        raise ValidationError(_("Je bent niet bij deze casus betrokken."))
    return membership.organisation


@transaction.atomic
def werkafspraak_add(
    *,
    case: Case,
    author: User,
    what: str,
    due_date: datetime.date,
    assignee_professional: Professional | None = None,
    assignee_organisation: Organisation | None = None,
    assignee_guardian: Guardian | None = None,
    why: str = "",
    evaluation_date: datetime.date | None = None,
) -> Werkafspraak:
    """Record who does what, why, by when, and when it is evaluated. Who is someone involved
    in the case (cases.selectors.assignees); a professional carries their organisation."""
    if assignee_professional is not None:
        assignee_organisation = assignee_professional.organisation
    werkafspraak = Werkafspraak(
        case=case,
        assignee_professional=assignee_professional,
        assignee_organisation=assignee_organisation,
        assignee_guardian=assignee_guardian,
        what=what,
        why=why,
        due_date=due_date,
        evaluation_date=evaluation_date,
        author_organisation=_author_organisation(case, author),
    )
    save_with_user(werkafspraak, by=author)
    return werkafspraak


@transaction.atomic
def werkafspraak_update(
    *, werkafspraak: Werkafspraak, changed_by: User, version: int | None = None, **fields
) -> Werkafspraak:
    """Change a werkafspraak: only what changed, and never over someone else's newer save."""
    return save_changes(werkafspraak, by=changed_by, fields=fields, expected_version=version)


@transaction.atomic
def progress_note_add(*, case: Case, author: User, text: str) -> ProgressNote:
    """A partner or the school writes down progress on a case they are involved in."""
    note = ProgressNote(
        case=case, author=author, text=text, author_organisation=_author_organisation(case, author)
    )
    save_with_user(note, by=author)
    return note


@transaction.atomic
def feedback_request_add(
    *, case: Case, organisation: Organisation, due_date: datetime.date, requested_by: User
) -> FeedbackRequest:
    request = FeedbackRequest(
        case=case, organisation=organisation, due_date=due_date, requested_by=requested_by
    )
    save_with_user(request, by=requested_by)
    return request


@transaction.atomic
def feedback_received(*, feedback: FeedbackRequest, recorded_by: User) -> FeedbackRequest:
    feedback.received_at = timezone.localdate()
    save_with_user(feedback, by=recorded_by)
    return feedback


@transaction.atomic
def case_intake(
    *,
    school: School,
    opened_by: User,
    pupil: dict,
    guardians: list[dict],
    case: dict,
    discuss_consent_by: list[int] | None = None,
    pupil_consents_to_discuss: bool = False,
    consent_method: str = "",
) -> Case:
    """Register a pupil with one or two guardians, open the case and record the first consents
    to discuss it in the knooppunt, all or nothing.

    `pupil`, each of `guardians` and `case` hold the keyword arguments of `pupil_register`,
    `guardian_add` and `case_open` (without the school, the pupil and the acting user);
    `discuss_consent_by` lists the indexes in `guardians` of those who consented.
    """
    if not is_ib_of(opened_by, school):
        raise ValidationError(_("Alleen een intern begeleider van deze school opent een casus."))
    new_pupil = pupil_services.pupil_register(school=school, registered_by=opened_by, **pupil)
    added = [
        pupil_services.guardian_add(pupil=new_pupil, added_by=opened_by, **fields)
        for fields in guardians
    ]
    opened = case_open(pupil=new_pupil, opened_by=opened_by, **case)
    deciders = [added[index] for index in discuss_consent_by or []]
    if (deciders or pupil_consents_to_discuss) and not consent_method:
        raise ValidationError(_("Kies hoe de toestemming is gegeven."))
    for guardian in deciders:
        if not guardian.has_gezag:
            raise ValidationError(
                _("%(name)s heeft geen gezag en geeft dus geen toestemming.")
                % {"name": guardian.name}
            )
        consent_record(
            pupil=new_pupil,
            purpose=Purpose.DISCUSS,
            decision=Decision.GIVEN,
            method=Method(consent_method),
            guardian=guardian,
            recorded_by=opened_by,
        )
    if pupil_consents_to_discuss:
        if age_on(new_pupil.birth_date, timezone.localdate()) < 12:
            raise ValidationError(_("Een leerling geeft pas vanaf 12 jaar zelf toestemming."))
        consent_record(
            pupil=new_pupil,
            purpose=Purpose.DISCUSS,
            decision=Decision.GIVEN,
            method=Method(consent_method),
            by_pupil=True,
            recorded_by=opened_by,
        )
    return opened
