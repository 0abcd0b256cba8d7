"""Helpers the regisseur's drafting views share."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from gezinsplan.access import PlanAccess


def form_page(request: HttpRequest, access: PlanAccess, **context) -> HttpResponse:
    """A drafting form under the plan (templates/gezinsplan/plan_form.html). Views pass
    `heading`, `submit`, `form` and optionally `intro` and `stale`."""
    case = access.case_access.case
    context |= {
        "case": case,
        "plan": access.plan,
        "cancel_url": reverse("gezinsplan:plan_detail", args=[case.uuid]),
    }
    return render(request, "gezinsplan/plan_form.html", context)


def stale_message(error) -> dict:
    """For a form refused as stale (knooppunt.concurrency.StaleEdit) where the changed record
    is the plan as a whole: the message, without a field-by-field comparison."""
    return {"message": error.message, "rows": []}
