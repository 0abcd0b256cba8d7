"""A school's opt-in public page for parents: what the knooppunt is and when the partners are
in the building. It shows no case data, no pupil names, no agendas and no personal contact
details."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from knooppunt.history import save_with_user
from meetings.constants import MeetingStatus, MeetingType
from meetings.models import Meeting, PresenceDay, PublicPage
from meetings.planning import PlanningEntry, meeting_label, require_ib
from partners.constants import Participation
from partners.models import KnooppuntPartner, School, User


def public_page_for(*, school: School) -> PublicPage | None:
    return PublicPage.objects.filter(school=school).first()


@transaction.atomic
def public_page_update(
    *, school: School, changed_by: User, enabled: bool, intro: str
) -> PublicPage:
    """Switch the school's page for parents on or off and set its own introduction."""
    require_ib(changed_by, school)
    page = PublicPage.objects.select_for_update().filter(school=school).first()
    page = page or PublicPage(school=school)
    page.enabled = enabled
    page.intro = intro
    save_with_user(page, by=changed_by)
    return page


# Only the school's own knooppunt dates are public: the regular casuïstiek meetings and the yearly
# algemeen. The other types are held for one child or a few (a toeleiding to a TLV, a samen door
# handover, a voorschool toeleiding, a small meeting in between): on a small school their dates
# would tell the school's parents that some child is on that route. An allowlist, so a new
# meeting type stays off the page until someone decides otherwise.
PUBLIC_MEETING_TYPES = frozenset({MeetingType.CASUISTIEK, MeetingType.ALGEMEEN})


@dataclass(frozen=True)
class PublicSeat:
    organisation: str
    function: str


def public_page_content(*, school: School) -> dict:
    """What parents may see: upcoming presence days, the dates of the knooppunt casuïstiek and
    algemeen (never of meetings held for one child, see PUBLIC_MEETING_TYPES) and the
    structural partners by organisation and function. No names of people, no case data, no
    agendas."""
    today = timezone.localdate()
    meetings = Meeting.objects.filter(
        school=school, date__gte=today, type__in=PUBLIC_MEETING_TYPES
    ).exclude(status=MeetingStatus.CANCELLED)
    seats = KnooppuntPartner.objects.filter(
        setup__school=school, participation=Participation.STRUCTURAL
    ).select_related("organisation")
    return {
        "presence_days": list(PresenceDay.objects.filter(school=school, date__gte=today)),
        "meetings": [
            PlanningEntry(
                date=m.date,
                start_time=m.start_time,
                end_time=m.end_time,
                label=meeting_label(m.type),
                location=m.location,
            )
            for m in meetings
        ],
        "seats": [
            PublicSeat(
                organisation=seat.organisation.name, function=seat.get_contact_function_display()
            )
            for seat in seats
        ],
    }
