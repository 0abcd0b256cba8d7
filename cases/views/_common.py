"""Helpers the case-changing views share (write, write_involvement, write_work)."""

from django.http import HttpRequest
from django.shortcuts import render
from django.urls import reverse

from cases.access import content_basis
from cases.accesslog import log_access
from cases.constants import AccessEvent
from cases.models import Case


def _log(request: HttpRequest, case: Case, event: AccessEvent, what: str) -> None:
    log_access(
        request, event=event, case=case, what=what, legal_basis=content_basis(request.user, case)
    )


def _form_page(request: HttpRequest, case: Case, *, tab: str, cancel: str, **context):
    """The generic form page inside the case frame (templates/cases/case_form.html)."""
    context |= {"case": case, "tab": tab, "cancel_url": reverse(cancel, args=[case.uuid])}
    return render(request, "cases/case_form.html", context)
