"""A school's opt-in public page for parents: what the knooppunt is and when the partners are
in the building. It shows no case data, no pupil names, no agendas and no personal contact
details."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from knooppunt.history import save_with_user
from meetings.constants import WITHOUT_PARENTS, MeetingStatus, MeetingType
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


@dataclass(frozen=True)
class PublicSeat:
    organisation: str
    function: str


def public_page_content(*, school: School) -> dict:
    """What parents may see: upcoming presence days, the dates of knooppunt meetings (those
    with parents at the table) and the structural partners by organisation and function. No
    names of people, no case data, no agendas."""
    today = timezone.localdate()
    meetings = (
        Meeting.objects.filter(school=school, date__gte=today)
        .exclude(status=MeetingStatus.CANCELLED)
        .exclude(type__in=[*WITHOUT_PARENTS, MeetingType.TUSSENDOOR])
    )
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
