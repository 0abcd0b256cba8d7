"""The rules for a meeting's agenda (docs/domain.md, "The knooppunt"), as warnings and refusals the
screens show."""

from django.utils.translation import gettext as _

from cases.access import table_refusal
from meetings.constants import WITHOUT_PARENTS
from meetings.models import AgendaItem, Meeting
from partners.models import KnooppuntSetup

DEFAULT_MAX_PARTNERS = 3


def missing_parents(item: AgendaItem) -> bool:
    """A knooppunt about a case without parents is invalid (docs/domain.md, "The knooppunt"),
    unless the reason is recorded on the item."""
    return (
        item.case_id is not None
        and item.meeting.type not in WITHOUT_PARENTS
        and not item.no_parents_reason.strip()
        and not any(attendee.guardian_id for attendee in item.attendees.all())
    )


def max_partners(meeting: Meeting) -> int:
    setup = KnooppuntSetup.objects.filter(school_id=meeting.school_id).first()
    return setup.max_partners_per_item if setup else DEFAULT_MAX_PARTNERS


def too_many_partners(item: AgendaItem, limit: int) -> bool:
    """More partners than the school chose, so parents are not overwhelmed (docs/domain.md, "The
    knooppunt"). The school's own staff do not count as partners."""
    partners = [
        attendee
        for attendee in item.attendees.all()
        if attendee.user_id and attendee.organisation_id != item.meeting.school.organisation_id
    ]
    return len(partners) > limit


def sending_problems(meeting: Meeting) -> list[str]:
    """Why invitations cannot go out yet (empty when they can)."""
    items = list(
        meeting.items.select_related("meeting__school", "case__pupil").prefetch_related("attendees")
    )
    problems = []
    if not items:
        problems.append(_("De agenda is leeg."))
    if any(missing_parents(item) for item in items):
        problems.append(
            _(
                "Een knooppunt zonder ouders is ongeldig: nodig bij elke casus de ouders uit "
                "of leg vast waarom zij niet aanschuiven."
            )
        )
    for item in items:
        refusal = table_refusal(item.case) if item.case_id else ""
        if refusal:
            problems.append(
                _("Agendapunt %(position)s: %(refusal)s")
                % {"position": item.position, "refusal": refusal}
            )
    if items and not any(item.attendees.all() for item in items):
        problems.append(_("Er zijn nog geen genodigden gekozen."))
    return problems
