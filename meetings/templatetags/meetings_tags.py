"""Meeting facts shown on pages of the lower apps (the templates are the project's, so the
cases app itself never imports meetings)."""

from django import template
from django.utils import timezone

from meetings.access import meetings_visible_to
from meetings.constants import MeetingStatus
from meetings.models import Meeting

register = template.Library()


@register.inclusion_tag("meetings/_case_meetings.html", takes_context=True)
def case_meetings(context, case) -> dict:
    """The coming meetings with this case on the agenda: their dates are "dat" (docs/domain.md,
    "Dat, niet wat"), so
    everyone who sees the case's dat card sees them; the link only where the meeting is theirs."""
    user = context["request"].user
    meetings = list(
        Meeting.objects.filter(items__case=case, date__gte=timezone.localdate())
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("date", "start_time")
        .distinct()
    )
    mine = set(
        meetings_visible_to(user)
        .filter(pk__in=[meeting.pk for meeting in meetings])
        .values_list("pk", flat=True)
    )
    for meeting in meetings:
        meeting.linked = meeting.pk in mine
    return {"meetings": meetings}
