"""Helpers the case views share."""

from django.http import HttpRequest
from django.shortcuts import render
from django.urls import reverse

from cases.access import content_basis
from cases.accesslog import log_access
from cases.constants import AccessEvent
from cases.models import Case


def log_content_access(
    request: HttpRequest, case: Case, what: str, event: AccessEvent = AccessEvent.VIEW
) -> None:
    """One access-log row for a response that shows or changes case content, with the ground
    on which this user sees it."""
    log_access(
        request, event=event, case=case, what=what, legal_basis=content_basis(request.user, case)
    )


def _form_page(request: HttpRequest, case: Case, *, tab: str, cancel: str, **context):
    """The generic form page inside the case frame (templates/cases/case_form.html)."""
    context |= {"case": case, "tab": tab, "cancel_url": reverse(cancel, args=[case.uuid])}
    return render(request, "cases/case_form.html", context)
