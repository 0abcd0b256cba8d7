"""What the portal shows about one child, read for a ChildAccess that may read. Nothing here
checks rights: the views ask portal.access first."""

import re

from django.utils import timezone

from cases.constants import AccessEvent
from cases.models import AccessLogEntry, Involvement, Regie
from cases.query import active_on
from meetings.models import AgendaItem, Attendee
from portal.access import ChildAccess

# Words in a werkafspraak's "who" that mean the family takes part in it.
FAMILY_WORDS = ("ouder", "ouders", "gezin", "moeder", "vader", "verzorger")


def involved(child: ChildAccess) -> list[Involvement]:
    """Who is involved now: organisation, person and role ("dat")."""
    if child.case is None:
        return []
    return list(
        Involvement.objects.filter(active_on(timezone.localdate()), case=child.case)
        .select_related("organisation", "professional__user")
        .order_by("organisation__name")
    )


def regie(child: ChildAccess) -> list[Regie]:
    if child.case is None:
        return []
    return list(
        Regie.objects.filter(active_on(timezone.localdate()), case=child.case)
        .select_related("professional__user", "professional__organisation", "guardian")
        .order_by("kind")
    )


def werkafspraken_for_family(child: ChildAccess) -> list:
    """The werkafspraken the family takes part in: a guardian carries it out, or (for rows from
    before the pick, and for what is asked of the family) its "who" or "what" names the family,
    a guardian or the pupil. Other agreements between professionals stay off the portal."""
    if child.case is None:
        return []
    names = [g.name for g in child.pupil.guardians.all()] + [child.pupil.first_name]
    words = [*FAMILY_WORDS, *(n.lower() for n in names if n)]
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\b")
    return [
        w
        for w in child.case.werkafspraken.select_related(
            "assignee_professional__user", "assignee_organisation", "assignee_guardian"
        )
        if w.assignee_guardian_id or pattern.search(w.who.lower()) or pattern.search(w.what.lower())
    ]


def coming_items(child: ChildAccess) -> list[AgendaItem]:
    if child.case is None:
        return []
    return list(
        AgendaItem.objects.filter(case=child.case, meeting__date__gte=timezone.localdate())
        .exclude(meeting__status="geannuleerd")
        .select_related("meeting")
        .order_by("meeting__date", "start_time")
    )


def my_attendances(child: ChildAccess) -> dict[int, Attendee]:
    """meeting id -> the guardian's own invitation (a pupil has none yet). Only an invitation
    still linked to an agenda item counts: a guardian taken off their last item is no longer
    invited, though their row stays for the cancellation (as meetings.access.meetings_visible_to
    reads it)."""
    if child.guardian is None:
        return {}
    invited = Attendee.objects.filter(guardian=child.guardian, items__isnull=False).distinct()
    return {a.meeting_id: a for a in invited}


def minutes_for_parents(child: ChildAccess) -> list[AgendaItem]:
    """Past items about the case with minutes written for the parents (never the minutes)."""
    if child.case is None:
        return []
    return list(
        AgendaItem.objects.filter(case=child.case, meeting__date__lte=timezone.localdate())
        .exclude(parents_minutes="")
        .select_related("meeting")
        .order_by("-meeting__date")
    )


def access_log(child: ChildAccess) -> list[AccessLogEntry]:
    """Every read, change and print of this child's content: who, organisation, role, when."""
    return list(
        AccessLogEntry.objects.filter(
            pupil_uuid=child.pupil.uuid,
            event__in=[AccessEvent.VIEW, AccessEvent.CHANGE, AccessEvent.PRINT],
        ).order_by("-at")[:200]
    )
