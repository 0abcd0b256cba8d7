"""The portal's pages about one child: the case, meetings, consent, who looked, the plan.
Every page asks portal.access first and logs what it shows through cases.audit."""

from uuid import UUID

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cases.access import actor_for
from consent.constants import Decision, Method, Purpose
from consent.models import ConsentDecision
from consent.rules import consent_state
from consent.services import consent_record
from meetings.constants import Response
from meetings.invitations import invitation_respond
from meetings.models import Attendee
from partners.models import Organisation
from portal import selectors
from portal.access import child_access_for, children_for
from portal.consent_words import PURPOSE_WORDS, recipients_for
from portal.views.common import parent_view
from tlv.selectors import status_for_family


@parent_view
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    children = children_for(actor_for(request))
    if len(children) == 1:
        return redirect("portal:child", children[0].pupil.uuid)
    return render(request, "portal/home.html", {"children": children})


@parent_view
@require_GET
def child(request: HttpRequest, pupil_uuid: UUID) -> HttpResponse:
    access = child_access_for(actor_for(request), pupil_uuid)
    context = {"child": access, "tab": "casus"}
    if access.may_read and access.case is not None:
        access.log_view("casus (ouderportaal)")
        context |= {
            "case": access.case,
            "involved": selectors.involved(access),
            "regie": selectors.regie(access),
            "werkafspraken": selectors.werkafspraken_for_family(access),
            "coming": selectors.coming_items(access),
            "tlv_status": status_for_family(case=access.case),
        }
    return render(request, "portal/child.html", context)


@parent_view
@require_GET
def meetings(request: HttpRequest, pupil_uuid: UUID) -> HttpResponse:
    access = child_access_for(actor_for(request), pupil_uuid)
    access.require_read("overleggen")
    minutes = selectors.minutes_for_parents(access)
    if minutes:
        access.log_view("verslag voor ouders")
    context = {
        "child": access,
        "tab": "overleggen",
        "coming": selectors.coming_items(access),
        "mine": selectors.my_attendances(access),
        "minutes": minutes,
    }
    return render(request, "portal/meetings.html", context)


@require_POST
@parent_view
def meeting_respond(request: HttpRequest, pupil_uuid: UUID, attendee_uuid: UUID) -> HttpResponse:
    access = child_access_for(actor_for(request), pupil_uuid)
    access.require_read("antwoord op uitnodiging")
    if access.guardian is None:
        raise Http404
    attendee = get_object_or_404(Attendee, uuid=attendee_uuid, guardian=access.guardian)
    response = request.POST.get("antwoord", "")
    try:
        invitation_respond(attendee=attendee, response=response)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            "U komt. Dank u wel." if response == Response.ACCEPTED else "U heeft afgezegd.",
        )
    return redirect("portal:meetings", pupil_uuid)


def _words(purpose, recipient) -> dict:
    org = {"org": recipient.name} if recipient else {}
    return {k: (v % org if org else v) for k, v in PURPOSE_WORDS[purpose].items()}


@parent_view
@require_GET
def consent(request: HttpRequest, pupil_uuid: UUID) -> HttpResponse:
    access = child_access_for(actor_for(request), pupil_uuid)
    access.require_read("toestemming")
    access.log_view("toestemming (ouderportaal)")
    lines = []
    for purpose, recipient in recipients_for(access):
        state = consent_state(pupil=access.pupil, purpose=purpose, recipient=recipient)
        mine = state.decisions.get("leerling" if access.is_pupil else access.guardian.pk)
        lines.append(
            {
                "purpose": purpose,
                "recipient": recipient,
                "title": _words(purpose, recipient)["title"],
                "what": _words(purpose, recipient)["what"],
                "why": PURPOSE_WORDS[purpose]["why"],
                "holds": state.effective,
                "mine": mine,
            }
        )
    own = ConsentDecision.objects.filter(pupil=access.pupil).select_related("recipient", "guardian")
    own = own.filter(by_pupil=True) if access.is_pupil else own.filter(guardian=access.guardian)
    context = {"child": access, "tab": "toestemming", "lines": lines, "history": list(own)}
    return render(request, "portal/consent.html", context)


class ConsentChangeForm(forms.Form):
    doel = forms.ChoiceField(choices=Purpose.choices)
    ontvanger = forms.UUIDField(required=False)
    besluit = forms.ChoiceField(
        choices=[(Decision.GIVEN, "geven"), (Decision.WITHDRAWN, "intrekken")]
    )


@parent_view
@require_http_methods(["GET", "POST"])
def consent_change(request: HttpRequest, pupil_uuid: UUID) -> HttpResponse:
    """Give or withdraw one consent after one confirmation (GET shows it, POST records it).
    A withdrawal takes the partner's access away in the same transaction."""
    access = child_access_for(actor_for(request), pupil_uuid)
    access.require_decide("toestemming wijzigen")
    form = ConsentChangeForm(request.POST if request.method == "POST" else request.GET)
    if not form.is_valid():
        return redirect("portal:consent", pupil_uuid)
    purpose = Purpose(form.cleaned_data["doel"])
    allowed = {(p, r.uuid if r else None): r for p, r in recipients_for(access)}
    key = (purpose, form.cleaned_data["ontvanger"])
    if key not in allowed:
        raise Http404
    recipient: Organisation | None = allowed[key]
    decision = Decision(form.cleaned_data["besluit"])
    if request.method == "POST":
        consent_record(
            pupil=access.pupil,
            purpose=purpose,
            recipient=recipient,
            decision=decision,
            method=Method.PORTAL,
            recorded_by=request.user,
            guardian=access.guardian,
            by_pupil=access.is_pupil,
        )
        access.log_change(f"toestemming {decision.label.lower()}")
        messages.success(
            request,
            "Uw toestemming is vastgelegd."
            if decision == Decision.GIVEN
            else "U heeft uw toestemming ingetrokken. Dat geldt vanaf nu.",
        )
        return redirect("portal:consent", pupil_uuid)
    context = {
        "child": access,
        "tab": "toestemming",
        "form": form,
        "words": _words(purpose, recipient),
        "recipient": recipient,
        "decision": decision,
    }
    return render(request, "portal/consent_confirm.html", context)


@parent_view
@require_GET
def accesslog(request: HttpRequest, pupil_uuid: UUID) -> HttpResponse:
    access = child_access_for(actor_for(request), pupil_uuid)
    access.require_read("wie keek mee")
    rows = selectors.access_log(access)
    access.log_view("wie keek mee (ouderportaal)")
    return render(request, "portal/accesslog.html", {"child": access, "tab": "log", "rows": rows})
