"""The case lists and the tabs of the case page: gate, selector, render.

Whoever holds only view_case_dat gets the "dat" card; every response that shows content
("wat") writes exactly one access-log row.
"""

import secrets
from uuid import UUID

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from cases import audit, consent_requests
from cases.access import ACCESS_LOG, DAT, WAT, actor_for, get_case_for_user
from cases.filters import CaseFilter
from cases.selectors import case_page, history, lists
from partners.access import ib_schools

PER_PAGE = 25


def _page(request: HttpRequest, items):
    return Paginator(items, PER_PAGE).get_page(request.GET.get("pagina"))


# A name searched for never travels in an address (it would sit in the browser's history and the
# server's logs): the form is POSTed, the term is kept in the session under a random token and
# the list's address carries only that token (`?zoek=…`), next to the other filters.
SEARCH_PARAM = "zoek"
SEARCH_SESSION_KEY = "case_searches"
SEARCHES_KEPT = 10


def _remember_search(request: HttpRequest, term: str) -> str:
    searches = request.session.get(SEARCH_SESSION_KEY, {})
    token = secrets.token_urlsafe(9)
    # Dicts keep their order: drop the oldest so the session stays small.
    searches = dict(list(searches.items())[-(SEARCHES_KEPT - 1) :]) | {token: term}
    request.session[SEARCH_SESSION_KEY] = searches
    return token


def _recall_search(request: HttpRequest, token: str) -> str | None:
    return request.session.get(SEARCH_SESSION_KEY, {}).get(token)


@require_http_methods(["GET", "POST"])
def case_list(request: HttpRequest) -> HttpResponse:
    # Open to everyone signed in; it lists only the cases the user may know exist, which for
    # the school's IB'er and directeur is the school's caseload.
    if request.method == "POST":
        return _case_search(request)
    return _case_list_page(request, request.GET)


def _case_search(request: HttpRequest) -> HttpResponse:
    """The filter form: keep a name in the session, send everything else on in the address."""
    filterset = CaseFilter(
        request.POST, queryset=lists.case_list(fetched_by=request.user), request=request
    )
    if not filterset.form.is_valid():
        return _case_list_page(request, QueryDict(), filterset=filterset)
    query = QueryDict(mutable=True)
    for name in filterset.filters:
        if name != "q" and request.POST.get(name):
            query[name] = request.POST[name]
    if term := filterset.form.cleaned_data.get("q"):
        query[SEARCH_PARAM] = _remember_search(request, term)
    location = reverse("cases:case_list") + (f"?{query.urlencode()}" if query else "")
    if not request.htmx:
        return redirect(location)
    # htmx swaps the results in place; the address bar gets the same token-only address.
    response = _case_list_page(request, query)
    response["HX-Push-Url"] = location
    return response


def _case_list_page(
    request: HttpRequest, query: QueryDict, *, filterset: CaseFilter | None = None
) -> HttpResponse:
    """The list for the filters in `query` (the address's parameters)."""
    data = query.copy()
    data.pop("q", None)  # a name is never taken from the address
    token = data.pop(SEARCH_PARAM, [""])[-1]
    term = _recall_search(request, token) if token else None
    if term:
        data["q"] = term
    if filterset is None:
        filterset = CaseFilter(
            data or None, queryset=lists.case_list(fetched_by=request.user), request=request
        )
    if filterset.searched:
        # A search by name is logged; the term is not stored (it is a name).
        audit.cases_searched(actor_for(request))
    context = {
        "filter": filterset,
        "page": Paginator(filterset.qs, PER_PAGE).get_page(query.get("pagina")),
        "page_query": query,
        "filtered": any(data.get(name) for name in filterset.filters),
        "search_expired": bool(token) and not term,
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
        "withheld": consent_requests.content_withheld(access=case.access),
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
