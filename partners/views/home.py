from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from partners.access import memberships_to_confirm
from partners.selectors import school_list


def home(request: HttpRequest) -> HttpResponse:
    context = {
        "schools": school_list(fetched_by=request.user),
        "memberships_to_confirm": memberships_to_confirm(request.user).count(),
    }
    return render(request, "partners/home.html", context)
