"""The questions about meetings, always asked on behalf of a user."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from cases.access import CHANGE, Actor, table_refusal
from cases.constants import Status
from cases.models import Case, Involvement
from cases.query import active_on
from meetings import rules
from meetings.access import annotate_item_access, meetings_visible_to
from meetings.models import AgendaItem, Attendee, Meeting
from partners.constants import SCHOOL_FUNCTIONS
from partners.models import KnooppuntPartner, Professional, User
from pupils.models import Guardian


def meeting_list(*, fetched_by: User, period: str = "komend") -> QuerySet[Meeting]:
    """The user's meetings: upcoming ("komend", soonest first) or past ("geweest", latest
    first), with item counts and without any agenda content."""
    today = timezone.localdate()
    meetings = (
        meetings_visible_to(fetched_by)
        .select_related("school")
        .annotate(item_count=Count("items", distinct=True))
    )
    if period == "geweest":
        return meetings.filter(date__lt=today).order_by("-date", "-start_time")
    return meetings.filter(date__gte=today).order_by("date", "start_time")


def agenda_items(*, meeting: Meeting, fetched_by: Actor | User) -> list[AgendaItem]:
    """The agenda as this reader may see it (see `annotate_item_access`), with attendees, the
    parents rule and the partner limit evaluated per item."""
    items = list(
        meeting.items.select_related("case__pupil", "meeting__school").prefetch_related(
            Prefetch(
                "attendees",
                queryset=Attendee.objects.select_related("organisation", "guardian"),
            )
        )
    )
    annotate_item_access(fetched_by, items)
    limit = rules.max_partners(meeting)
    for item in items:
        item.missing_parents = rules.missing_parents(item)
        item.too_many_partners = rules.too_many_partners(item, limit)
    return items


def addable_cases(*, meeting: Meeting, user: User) -> QuerySet[Case]:
    """Open cases of the meeting's school that the user manages and that are not on it yet."""
    return (
        Case.objects.with_user_permission(user, CHANGE)
        .filter(school=meeting.school)
        .exclude(status=Status.AFGESLOTEN)
        .exclude(agenda_items__meeting=meeting)
        .select_related("pupil")
        .order_by("pupil__last_name", "pupil__first_name")
    )


SEARCH_LIMIT = 20


def agenda_case_matches(*, meeting: Meeting, user: User, query: str) -> list[Case]:
    """At most SEARCH_LIMIT cases whose pupil's name contains every word of `query`, among
    those that may go on this agenda: the addable cases with consent to discuss them in force
    (the rule `meetings.services.item_add` keeps). Nothing for fewer than two letters."""
    words = query.split()
    if len("".join(words)) < 2:
        return []
    cases = addable_cases(meeting=meeting, user=user)
    for word in words:
        cases = cases.filter(
            Q(pupil__first_name__icontains=word) | Q(pupil__last_name__icontains=word)
        )
    matches = []
    # A few more than shown, as some may still lack the consent to be discussed.
    for case in cases[: SEARCH_LIMIT * 3]:
        if not table_refusal(case):
            matches.append(case)
        if len(matches) == SEARCH_LIMIT:
            break
    return matches


def attendee_candidates(*, item: AgendaItem) -> dict[str, list]:
    """Who can be invited to this item, grouped as the IB'er thinks of them: the case's
    involved professionals, the school's knooppunt partners, the school's own staff, and the
    pupil's guardians."""
    meeting = item.meeting
    school_org = meeting.school.organisation_id
    active = Professional.objects.filter(is_active=True, user__is_active=True).select_related(
        "user", "organisation"
    )
    involved_ids = set()
    if item.case_id:
        involved_ids = set(
            Involvement.objects.filter(case=item.case, professional__isnull=False)
            .filter(active_on(timezone.localdate()))
            .values_list("professional_id", flat=True)
        )
    partner_orgs = KnooppuntPartner.objects.filter(setup__school=meeting.school).values(
        "organisation_id"
    )
    groups = {
        "involved": list(active.filter(pk__in=involved_ids).order_by("user__last_name")),
        "partners": list(
            active.filter(organisation__in=partner_orgs)
            .exclude(pk__in=involved_ids)
            .order_by("organisation__name", "user__last_name")
        ),
        "school": list(
            active.filter(organisation_id=school_org, function__in=SCHOOL_FUNCTIONS)
            .exclude(pk__in=involved_ids)
            .order_by("user__last_name")
        ),
        "guardians": list(
            Guardian.objects.filter(pupil_id=item.case.pupil_id) if item.case_id else []
        ),
    }
    return groups
