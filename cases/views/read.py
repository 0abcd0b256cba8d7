"""The case lists and the tabs of the case page: gate, selector, render.

Whoever holds only view_case_dat gets the "dat" card; every response that shows content
("wat") writes exactly one access-log row.
"""

from uuid import UUID

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cases import audit
from cases.access import ACCESS_LOG, DAT, WAT, actor_for, get_case_for_user
from cases.filters import CaseFilter
from cases.selectors import case_page, history, lists
from partners.access import ib_schools

PER_PAGE = 25


def _page(request: HttpRequest, items):
    return Paginator(items, PER_PAGE).get_page(request.GET.get("pagina"))


@require_GET
def case_list(request: HttpRequest) -> HttpResponse:
    # Open to everyone signed in; it lists only the cases the user may know exist, which for
    # the school's IB'er and directeur is the school's caseload.
    filterset = CaseFilter(
        request.GET or None,
        queryset=lists.case_list(fetched_by=request.user),
        request=request,
    )
    if filterset.searched:
        # A search by name is logged; the term is not stored (it is a name).
        audit.cases_searched(actor_for(request))
    context = {
        "filter": filterset,
        "page": _page(request, filterset.qs),
        "filtered": any(request.GET.get(name) for name in filterset.filters),
        "can_open_case": ib_schools(request.user).exists(),
    }
    template = "cases/case_list.html"
    if request.htmx:
        template += "#results"
    return render(request, template, context)


@require_GET
def my_cases(request: HttpRequest) -> HttpResponse:
    page = _page(request, lists.my_cases(fetched_by=request.user))
    return render(request, "cases/my_cases.html", {"page": page})


@require_GET
def case_detail(request: HttpRequest, case_uuid: UUID) -> HttpResponse:
    case = get_case_for_user(request, case_uuid, perm=DAT)
    context = {
        "case": case,
        "tab": "overzicht",
        "dat": case_page.case_dat(case=case, fetched_by=request.user),
        "content": WAT in case.granted,
    }
    if context["content"]:
        audit.content_viewed(case.access, "overzicht")
    return render(request, "cases/case_detail.html", context)


@require_GET
def case_involved(request: HttpRequest, case_uuid: UUID) -> HttpResponse:
    case = get_case_for_user(request, case_uuid, perm=DAT)
    involved = case_page.case_involved(case=case, fetched_by=request.user)
    context = {"case": case, "tab": "betrokkenen", "involved": involved}
    return render(request, "cases/case_involved.html", context)


@require_GET
def case_werkafspraken(request: HttpRequest, case_uuid: UUID) -> HttpResponse:
    case = get_case_for_user(request, case_uuid, perm=WAT)
    context = {
        "case": case,
        "tab": "werkafspraken",
        "werkafspraken": case_page.werkafspraken_for(access=case.access),
        "feedback_requests": case_page.feedback_requests_for(case=case, fetched_by=request.user),
    }
    audit.content_viewed(case.access, "werkafspraken")
    return render(request, "cases/case_werkafspraken.html", context)


@require_GET
def case_progress(request: HttpRequest, case_uuid: UUID) -> HttpResponse:
    case = get_case_for_user(request, case_uuid, perm=WAT)
    notes = case_page.progress_notes_for(access=case.access)
    audit.content_viewed(case.access, "voortgang")
    return render(
        request, "cases/case_progress.html", {"case": case, "tab": "voortgang", "notes": notes}
    )


@require_GET
def case_timeline(request: HttpRequest, case_uuid: UUID) -> HttpResponse:
    case = get_case_for_user(request, case_uuid, perm=WAT)
    events = history.case_timeline(case=case, fetched_by=request.user)
    audit.content_viewed(case.access, "tijdlijn")
    return render(
        request, "cases/case_timeline.html", {"case": case, "tab": "tijdlijn", "events": events}
    )


@require_GET
def case_accesslog(request: HttpRequest, case_uuid: UUID) -> HttpResponse:
    case = get_case_for_user(request, case_uuid, perm=ACCESS_LOG)
    # Reading the log is itself a read of the file, and is logged before it is shown.
    audit.content_viewed(case.access, "inzage-log")
    page = _page(request, history.case_accesslog(case=case, fetched_by=request.user))
    context = {"case": case, "tab": "inzage-log", "page": page}
    return render(request, "cases/case_accesslog.html", context)
