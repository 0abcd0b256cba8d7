"""Recording the outcome of an agenda item in one save (docs/domain.md, "The knooppunt"): its
record, the werkafspraken and regie agreed at it, and the next knooppunt, which puts the case
on that meeting's agenda. A case whose knooppunt has been held and which got decisions or
werkafspraken moves on to "in uitvoering"."""

from django.db import transaction
from django.utils import timezone

from cases import audit
from cases import services as case_services
from cases.constants import Status
from meetings import services
from meetings.models import AgendaItem, Meeting
from partners.models import User

# The statuses a case leaves by itself once its knooppunt has decided (docs/domain.md).
DECIDED_FROM = frozenset({Status.BESPROKEN, Status.AANGEMELD})


@transaction.atomic
def item_outcome_record(
    *,
    item: AgendaItem,
    recorded_by: User,
    record: dict,
    werkafspraken: list[dict] = (),
    regie: dict | None = None,
    next_meeting: Meeting | None = None,
) -> AgendaItem:
    """Save everything or nothing. `record` holds the item's own fields; `regie` the keyword
    arguments of cases.services.regie_assign; the case fields need change_case (the caller's
    gate, meetings/views/minutes.py)."""
    services.item_update(item=item, changed_by=recorded_by, **record)
    case = item.case
    if case is None:
        return item
    audit.content_changed(case.access, "verslag en uitkomst agendapunt vastgelegd")
    for fields in werkafspraken:
        case_services.werkafspraak_add(case=case, author=recorded_by, **fields)
    if regie:
        case_services.regie_assign(case=case, assigned_by=recorded_by, **regie)
    if next_meeting is not None:
        services.item_add(meeting=next_meeting, added_by=recorded_by, case=case)
    _move_on(item, by=recorded_by, decided=bool(werkafspraken or item.decisions.strip()))
    return item


def _move_on(item: AgendaItem, *, by: User, decided: bool) -> None:
    """Besproken or aangemeld becomes in uitvoering once the knooppunt was held and decided."""
    held = item.meeting.date <= timezone.localdate()
    case = item.case
    case.refresh_from_db(fields=["status"])
    if held and decided and case.status in DECIDED_FROM:
        case_services.case_transition(case=case, to=Status.UITVOERING, changed_by=by)
