"""Asking for consent: a partner who may see only "dat" of a case asks the school's IB'er to
seek consent for their organisation (docs/domain.md, "Asking for consent").

The request is a row, committed first; its notification goes out after the commit and is
marked sent, so it is sent once; `sweep` picks up what a lost task left. One request per case
and organisation counts for REQUEST_AGAIN_AFTER: asking again within it changes nothing. The
e-mail names no pupil and carries no content: the school, who asks, and a link.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.access import WAT, CaseAccess
from cases.models import Case, ConsentRequest
from consent.constants import Consenters
from consent.rules import consenters_for
from partners.constants import Function
from partners.models import Organisation, Professional

REQUEST_AGAIN_AFTER = datetime.timedelta(days=7)
SWEEP_AFTER = datetime.timedelta(minutes=5)

CONSENTERS_WORDS = {
    Consenters.GUARDIANS: _("de ouders met gezag"),
    Consenters.GUARDIANS_AND_PUPIL: _("de ouders met gezag én de leerling"),
    Consenters.PUPIL: _("de leerling"),
}


def school_ibs(case: Case) -> list[Professional]:
    """The school's IB'ers: whom to ask, and whom a request notifies."""
    return list(
        Professional.objects.active()
        .filter(organisation_id=case.school.organisation_id, function=Function.IB)
        .select_related("user", "organisation")
        .order_by("user__last_name", "user__first_name")
    )


@dataclass(frozen=True)
class ContentWithheld:
    """Why a reader with "dat" does not see the content, and what they can do about it.

    `school_role`: they see the case through their role at the school (the directeur); consent
    is not what they miss, involvement is. Otherwise `consenters` must give consent to share
    with `organisation`, and the reader may ask the IB'er (`requested_at` once asked)."""

    school_role: bool
    organisation: Organisation | None
    consenters: str
    ibs: list[Professional]
    requested_at: datetime.datetime | None


def _organisation_of(access: CaseAccess) -> Organisation | None:
    membership = access.membership
    return membership.organisation if membership else None


def _recent_request(case: Case, organisation: Organisation) -> ConsentRequest | None:
    since = timezone.now() - REQUEST_AGAIN_AFTER
    return (
        ConsentRequest.objects.filter(case=case, organisation=organisation, requested_at__gte=since)
        .order_by("-requested_at")
        .first()
    )


def content_withheld(*, access: CaseAccess) -> ContentWithheld | None:
    """For a reader without "wat": the reason and the way to consent; None for one with it."""
    if access.allows(WAT):
        return None
    case = access.case
    organisation = _organisation_of(access)
    school_role = organisation is not None and organisation.pk == case.school.organisation_id
    recent = None if school_role or organisation is None else _recent_request(case, organisation)
    return ContentWithheld(
        school_role=school_role,
        organisation=organisation,
        consenters=CONSENTERS_WORDS[consenters_for(case.pupil.birth_date, timezone.localdate())],
        ibs=school_ibs(case),
        requested_at=recent.requested_at if recent else None,
    )


@transaction.atomic
def consent_request(*, access: CaseAccess) -> tuple[ConsentRequest, bool]:
    """Record that the reader's organisation asks for consent on this case; (request, whether
    it is new). Asking again within REQUEST_AGAIN_AFTER returns the earlier request unchanged.
    Only for a reader with "dat" and without "wat" who is not school staff."""
    withheld = content_withheld(access=access)
    if withheld is None or withheld.school_role or withheld.organisation is None:
        raise ValueError("only a partner without content on the case asks for consent")
    case = access.case
    # Serialise requests for one case, so two clicks make one request.
    Case.objects.select_for_update().filter(pk=case.pk).first()
    recent = _recent_request(case, withheld.organisation)
    if recent is not None:
        return recent, False
    request = ConsentRequest.objects.create(
        case=case, organisation=withheld.organisation, requested_by=access.actor.user
    )
    from cases.tasks import notify_consent_request  # the tasks module imports this one

    # Handed to the broker after the commit, once and without retrying: with the broker down the
    # request still stands (logged, not an error page) and the sweep sends it later.
    transaction.on_commit(
        lambda: notify_consent_request.apply_async((request.pk,), retry=False), robust=True
    )
    return request, True


def _message(request: ConsentRequest) -> tuple[str, str]:
    case = request.case
    link = settings.SITE_URL + reverse("cases:case_consent", kwargs={"case_uuid": case.uuid})
    subject = _("Verzoek om toestemming – Knooppunt")
    body = _(
        "Beste intern begeleider,\n\n"
        "%(person)s van %(organisation)s is betrokken bij een casus van %(school)s, maar ziet "
        "alleen dat de casus bestaat. Er is geen toestemming om informatie te delen met "
        "%(organisation)s.\n\n"
        "Wil je bespreken of er toestemming kan komen? Log in en bekijk de toestemming van "
        "de casus:\n%(link)s\n\n"
        "Dit bericht noemt bewust geen leerling en geen inhoud."
    ) % {
        "person": request.requested_by.get_full_name(),
        "organisation": request.organisation.name,
        "school": case.school.name,
        "link": link,
    }
    return subject, body


def notify(request_pk: int) -> bool:
    """Send the request's e-mail to the school's IB'ers, once; True if it was sent now."""
    with transaction.atomic():
        request = (
            ConsentRequest.objects.select_for_update()
            .select_related("case__school", "organisation", "requested_by")
            .filter(pk=request_pk, notified_at__isnull=True)
            .first()
        )
        if request is None:
            return False
        recipients = [m.user.email for m in school_ibs(request.case) if m.user.email]
        if recipients:
            subject, body = _message(request)
            send_mail(subject, body, None, recipients)
        request.notified_at = timezone.now()
        request.save(update_fields=["notified_at"])
    return True


def sweep() -> int:
    """Notify the requests whose task was lost (broker down, worker killed)."""
    due = ConsentRequest.objects.filter(
        notified_at__isnull=True, requested_at__lt=timezone.now() - SWEEP_AFTER
    ).values_list("pk", flat=True)
    return sum(notify(pk) for pk in due)
