"""The portal's page about a TLV request on the child's case: where it is and, once decided,
the decision -- read-only, without the dossier's content (tlv/selectors.py status_for_family)."""

from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cases.access import actor_for
from portal.access import child_access_for
from portal.views.common import parent_view
from tlv.constants import State
from tlv.selectors import status_for_family

# Each step of the request in plain words for the family (B1), in the order it goes.
STEPS = {
    State.CONCEPT: "De school maakt de aanvraag klaar, samen met u.",
    State.TO_SIGN: "Het schoolbestuur kijkt of de aanvraag compleet is en ondertekent die.",
    State.SUBMITTED: "De aanvraag is verstuurd naar het samenwerkingsverband.",
    State.IN_REVIEW: (
        "Een trajectbegeleider van het samenwerkingsverband bekijkt de aanvraag. "
        "Misschien nodigt die u uit voor een gesprek."
    ),
    State.ADVICE: "Twee deskundigen geven advies over wat uw kind nodig heeft.",
    State.DECISION_DUE: "Het samenwerkingsverband neemt een besluit.",
    State.DECIDED: "Het samenwerkingsverband heeft besloten.",
}


def _steps(state: str) -> list[dict]:
    order = list(STEPS)
    now = order.index(state)
    return [
        {"text": text, "done": i < now, "current": i == now}
        for i, text in enumerate(STEPS.values())
    ]


@parent_view
@require_GET
def tlv_status(request: HttpRequest, pupil_uuid: UUID) -> HttpResponse:
    access = child_access_for(actor_for(request), pupil_uuid)
    access.require_read("toelaatbaarheid")
    status = status_for_family(case=access.case) if access.case is not None else None
    context = {"child": access, "tab": "casus", "status": status}
    if status is not None:
        access.log_view("stand en besluit TLV-aanvraag (ouderportaal)")
        context["steps"] = _steps(status.state)
    return render(request, "portal/tlv_status.html", context)
