from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from partners.selectors import school_list


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "partners/home.html", {"schools": school_list(fetched_by=request.user)})
