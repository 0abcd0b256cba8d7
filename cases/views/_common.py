"""Helpers the case views share."""

from django.http import HttpRequest
from django.shortcuts import render
from django.urls import reverse

from cases.models import Case


def _form_page(request: HttpRequest, case: Case, *, tab: str, cancel: str, **context):
    """The generic form page inside the case frame (templates/cases/case_form.html)."""
    context |= {"case": case, "tab": tab, "cancel_url": reverse(cancel, args=[case.uuid])}
    return render(request, "cases/case_form.html", context)


def stale_context(form, error) -> dict:
    """For a form refused as stale (knooppunt.concurrency.StaleEdit): the message, and per
    field the version saved meanwhile beside the user's own; the form keeps the user's input
    and takes the current version, so saving again overwrites knowingly."""
    form.renew(error.current)
    return {"message": error.message, "rows": form.comparison(error.current)}
