from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from cases.access import actor_for
from cases.selectors import today as case_questions
from knooppunt.home.roles import home_roles
from meetings import today as meeting_questions
from partners.access import memberships_to_confirm
from tlv.constants import OPEN_STATES, State
from tlv.selectors import dossier_list


def _tlv_queue(request: HttpRequest) -> list[tuple[str, int]]:
    """The open TLV requests the SWV role may read, counted per state (no names)."""
    rows = (
        dossier_list(fetched_by=actor_for(request))
        .filter(state__in=OPEN_STATES)
        .values("state")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {row["state"]: row["n"] for row in rows}
    return [(label, counts[value]) for value, label in State.choices if counts.get(value)]


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Per role what needs doing (docs/domain.md, "Vandaag"). Shows no case content: names,
    dates and counts, each with a link to the page where it is done."""
    user = request.user
    roles = home_roles(user)
    context = {
        "roles": roles,
        "today": timezone.localdate(),
        "memberships_to_confirm": memberships_to_confirm(user).count(),
    }
    if roles.ib:
        context["next_meeting"] = meeting_questions.next_knooppunt(fetched_by=user)
        context["attention"] = case_questions.ib_attention(fetched_by=user)
    if roles.ib or roles.partner:
        context["my_cases"] = case_questions.my_cases_preview(fetched_by=user)
    if roles.partner:
        context["my_werkafspraken"] = case_questions.my_werkafspraken(fetched_by=user)
        context["invitations"] = meeting_questions.my_coming_items(fetched_by=user)
        context["without_consent"] = list(case_questions.cases_without_my_consent(fetched_by=user))
    if roles.directeur:
        context["caseloads"] = case_questions.directeur_caseload(fetched_by=user)
    if roles.swv:
        context["tlv_queue"] = _tlv_queue(request)
    return render(request, "home/home.html", context)
