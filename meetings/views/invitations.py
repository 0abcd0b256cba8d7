"""Sending invitations (the IB'er) and answering one through the personal link (anyone with
the link, signed in or not)."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from meetings import invitations
from meetings.access import get_meeting_for_user
from meetings.constants import InvitationMethod, MeetingStatus, Response
from meetings.models import Attendee, Invitation
from meetings.views.handoff import hands_over


@require_POST
@hands_over
def invitations_send(request: HttpRequest, meeting_uuid: UUID) -> HttpResponse:
    meeting = get_meeting_for_user(request, meeting_uuid, manage=True)
    try:
        queued = invitations.invitations_send(meeting=meeting, sent_by=request.user)
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, problem)
    else:
        failed = len(invitations.failed_for_good(meeting))
        if queued:
            messages.success(
                request,
                ngettext(
                    "Er is %(count)d uitnodiging klaargezet.",
                    "Er zijn %(count)d uitnodigingen klaargezet.",
                    len(queued),
                )
                % {"count": len(queued)},
            )
        elif waiting := len(invitations.waiting(meeting)):
            messages.info(
                request,
                ngettext(
                    "Alle uitnodigingen staan klaar; %(count)d wacht nog op de mailserver en "
                    "gaat vanzelf de deur uit.",
                    "Alle uitnodigingen staan klaar; %(count)d wachten nog op de mailserver en "
                    "gaan vanzelf de deur uit.",
                    waiting,
                )
                % {"count": waiting},
            )
        elif not failed:
            messages.info(request, _("Iedereen heeft de actuele uitnodiging al."))
        if failed:
            messages.warning(
                request,
                ngettext(
                    "Bij %(count)d genodigde is het versturen definitief mislukt. Controleer "
                    "het e-mailadres en kies ‘Mislukte uitnodigingen opnieuw versturen’.",
                    "Bij %(count)d genodigden is het versturen definitief mislukt. Controleer "
                    "de e-mailadressen en kies ‘Mislukte uitnodigingen opnieuw versturen’.",
                    failed,
                )
                % {"count": failed},
            )
    return redirect("meetings:meeting_detail", meeting_uuid=meeting.uuid)


@require_POST
@hands_over
def invitations_resend(request: HttpRequest, meeting_uuid: UUID) -> HttpResponse:
    """Send the invitations that failed for good once more, to the addresses as they are now."""
    meeting = get_meeting_for_user(request, meeting_uuid, manage=True)
    try:
        requeued = invitations.invitations_resend_failed(meeting=meeting, resent_by=request.user)
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, problem)
    else:
        if requeued:
            messages.success(
                request,
                ngettext(
                    "%(count)d mislukte uitnodiging is opnieuw klaargezet.",
                    "%(count)d mislukte uitnodigingen zijn opnieuw klaargezet.",
                    len(requeued),
                )
                % {"count": len(requeued)},
            )
        else:
            messages.info(
                request, _("Er zijn geen mislukte uitnodigingen om opnieuw te versturen.")
            )
    return redirect("meetings:meeting_detail", meeting_uuid=meeting.uuid)


def _attendee_for_token(token: str) -> Attendee:
    """The attendee this link belongs to; 404 for an unknown link or once the meeting day has
    passed, with nothing that tells the two apart."""
    attendee = Attendee.objects.select_related("meeting__school").filter(token=token).first()
    if attendee is None or attendee.meeting.date < timezone.localdate():
        raise Http404
    return attendee


def _thanks(choice: str, *, formal: bool) -> str:
    if choice == Response.ACCEPTED:
        return _("Dank u wel, u komt.") if formal else _("Dank je wel, je komt.")
    if formal:
        return _("Dank u wel, uw afmelding is doorgegeven.")
    return _("Dank je wel, je afmelding is doorgegeven.")


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def invitation_respond(request: HttpRequest, token: str) -> HttpResponse:
    attendee = _attendee_for_token(token)
    if request.method == "POST":
        choice = {"accepteren": Response.ACCEPTED, "afslaan": Response.DECLINED}.get(
            request.POST.get("antwoord", "")
        )
        try:
            if choice is None:
                raise ValidationError(_("Kies accepteren of afslaan."))
            invitations.invitation_respond(attendee=attendee, response=choice)
        except ValidationError as error:
            for problem in error.messages:
                messages.error(request, problem)
        else:
            messages.success(request, _thanks(choice, formal=attendee.guardian_id is not None))
        return redirect("meetings:invitation_respond", token=token)
    meeting = attendee.meeting
    window = invitations.current_window(attendee)
    latest = (
        Invitation.objects.filter(attendee=attendee, method=InvitationMethod.REQUEST)
        .order_by("-sequence")
        .first()
    )
    answer = invitations.answer_for(attendee, latest)
    return render(
        request,
        "meetings/invitations/respond.html",
        {
            "meeting": meeting,
            "school": meeting.school,
            "window": window,
            "meeting_cancelled": meeting.status == MeetingStatus.CANCELLED,
            "answer": answer,
            "answer_label": Response(answer).label,
            "answered": answer != Response.PENDING,
            # A parent is addressed with "u", a professional with "je" (docs/domain.md).
            "formal": attendee.guardian_id is not None,
        },
    )
