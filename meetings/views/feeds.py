"""Calendar feeds: the secret .ics address itself (no sign-in; calendar apps fetch it), and the
pages where the school's IB'er and each professional find and renew their address."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from meetings import feeds
from partners.access import get_school_for_user
from partners.constants import UserKind


@login_not_required
@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    calendar_feed = feeds.feed_by_token(token)
    if calendar_feed is None:
        raise Http404
    response = HttpResponse(
        feeds.feed_calendar(calendar_feed), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="knooppunt.ics"'
    # The address is the secret: keep the content out of shared caches and search engines.
    response["Cache-Control"] = "no-store, private"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _manage(request: HttpRequest, *, current, rotate, template: str, context: dict):
    """GET shows the address (and with ?vernieuwen=1 asks to confirm a new one); POST makes
    the address, or a new one in place of the old."""
    if request.method == "POST":
        renewed = current is not None
        rotate()
        if renewed:
            messages.success(
                request, _("Er is een nieuw adres gemaakt. Het oude adres werkt niet meer.")
            )
        else:
            messages.success(request, _("Het adres van het agenda-abonnement is gemaakt."))
        return redirect(request.path)
    context |= {
        "feed_url": feeds.feed_url(current) if current else "",
        "confirming": current is not None and request.GET.get("vernieuwen") == "1",
    }
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
def school_feed(request: HttpRequest, school_uuid: UUID) -> HttpResponse:
    school = get_school_for_user(request.user, school_uuid, edit=True)
    return _manage(
        request,
        current=feeds.school_feed_get(school=school),
        rotate=lambda: feeds.calendar_feed_rotate(school=school, rotated_by=request.user),
        template="meetings/planning/school_feed.html",
        context={"school": school},
    )


@require_http_methods(["GET", "POST"])
def my_feed(request: HttpRequest) -> HttpResponse:
    if request.user.kind != UserKind.PROFESSIONAL:
        raise PermissionDenied
    return _manage(
        request,
        current=feeds.user_feed_get(user=request.user),
        rotate=lambda: feeds.calendar_feed_rotate(user=request.user, rotated_by=request.user),
        template="meetings/planning/my_feed.html",
        context={},
    )
