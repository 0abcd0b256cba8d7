"""The meetings' part of purging a case (docs/domain.md, "Retention"; docs/security.md target
19): its agenda items, the invitees who were there for it alone with their invitations, the
history of all of them, and the reminders about the case and what hangs under it."""

import uuid
from collections import Counter
from collections.abc import Iterable
from functools import reduce
from operator import or_

from django.apps import apps
from django.db.models import Q

from cases.models import Case, FeedbackRequest, Werkafspraak
from knooppunt.purge import purge_rows
from meetings.models import AgendaItem, Attendee, Reminder


def reminders_about_purge(object_uuids: Iterable[uuid.UUID]) -> Counter[str]:
    """Delete the reminders about these objects: a reminder's key is `kind:<uuid>:<date>`."""
    keys = [Q(key__contains=f":{value}:") for value in object_uuids]
    if not keys:
        return Counter()
    return Counter(Reminder.objects.filter(reduce(or_, keys)).delete()[1])


def case_meetings_purge(*, case: Case) -> Counter[str]:
    """Remove what the meetings keep about `case`; returns rows removed per table."""
    removed: Counter[str] = Counter()
    items = AgendaItem.objects.filter(case=case)
    # Invitees linked to this case's items and to no other item were invited for this case
    # alone: they go, with their invitations. Those who stay only lose the link.
    alone = Attendee.objects.filter(items__in=items).exclude(
        items__in=AgendaItem.objects.exclude(case=case)
    )
    removed.update(purge_rows(Attendee, id__in=list(alone.values_list("pk", flat=True)))[0])
    counts, item_ids = purge_rows(AgendaItem, case_id=case.pk)
    removed.update(counts)
    # Invitees who stay keep their history, but not its links to the purged items.
    links = apps.get_model("meetings", "HistoricalAttendee_items")
    removed.update(links.objects.filter(agendaitem_id__in=item_ids).delete()[1])
    about = {case.uuid}
    for model in (Werkafspraak, FeedbackRequest):
        about |= set(model.objects.filter(case=case).values_list("uuid", flat=True))
        about |= set(model.history.filter(case_id=case.pk).values_list("uuid", flat=True))
    removed.update(reminders_about_purge(about))
    return removed
