"""One case's history: the timeline of what changed and the access log."""

import datetime
from dataclasses import dataclass
from itertools import chain

from cases.constants import RegieKind, Status, WerkafspraakStatus
from cases.models import (
    AccessLogEntry,
    Case,
    FeedbackRequest,
    Involvement,
    ProgressNote,
    Regie,
    Werkafspraak,
)
from consent.constants import Decision, Purpose
from consent.models import ConsentDecision
from partners.models import Organisation, User

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
    return AccessLogEntry.objects.filter(case_uuid=case.uuid).order_by("-at", "-pk")
