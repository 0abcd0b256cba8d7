"""Reminders: which are due, to whom, and their e-mail.

Celery beat runs `reminders_queue` hourly. Each reminder is a Reminder row whose `key` names
what it is about and the date that made it due; the unique (kind, key, email) constraint makes
a second run (or a concurrent one) queue nothing new, so each reminder is sent once. A moved
meeting or a new evaluation date gives a new key and so a new reminder.

Nobody is mailed at night: before SEND_FROM (07:00 in Amsterdam, by the wall clock, whatever
the season) a run queues nothing, and the first run from 07:00 queues the day's reminders.

E-mails carry no case content and no pupil's name: what kind of reminder, the date, for a
meeting its time and place, and a link into the application.
"""

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Max, Min, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from cases.access.calendar import (
    CATCH_UP_DAYS,
    CONSENT_AGES,
    birth_dates_turning,
    birthday_at,
)
from cases.constants import RegieKind, Status, WerkafspraakStatus
from cases.models import Case, FeedbackRequest, Regie, Werkafspraak
from cases.query import active_on
from meetings.constants import (
    InvitationMethod,
    MeetingStatus,
    MeetingType,
    ReminderKind,
    Response,
)
from meetings.models import Attendee, Meeting, Reminder
from meetings.outbox import enqueue
from partners.constants import Function
from partners.models import Professional, School, User

# Werkafspraken that still wait for their evaluation (carried out is not yet evaluated).
AWAITING_EVALUATION = (WerkafspraakStatus.OPEN, WerkafspraakStatus.DONE)


@dataclass(frozen=True)
class Due:
    kind: ReminderKind
    key: str
    email: str
    link: str
    recipient: User | None = None


# The first hour of the day at which reminders go out, local time.
SEND_FROM = datetime.time(7)


def reminders_queue(*, now: datetime.datetime | None = None) -> int:
    """Create the reminders that have come due by `now` (default: the current time) and queue
    each new one for delivery after the commit; nothing before SEND_FROM. Returns how many were
    new."""
    now = now or timezone.now()
    return queue_due(_all_due(timezone.localdate(now)), now=now)


def queue_due(dues: Iterable[Due], *, now: datetime.datetime | None = None) -> int:
    """Queue each reminder in `dues` that was not queued before (the unique kind, key and
    e-mail), for delivery after the commit. Public, so a higher app (tlv) can queue its own
    reminders in this outbox without meetings knowing it. Before SEND_FROM on `now` (default:
    the current time) nothing is queued: nobody is mailed at night. Returns how many were new."""
    if timezone.localtime(now or timezone.now()).time() < SEND_FROM:
        return 0
    count = 0
    with transaction.atomic():
        for due in dues:
            row, created = Reminder.objects.get_or_create(
                kind=due.kind,
                key=due.key,
                email=due.email,
                defaults={"link": due.link, "recipient": due.recipient},
            )
            if created:
                from meetings.tasks import deliver_reminder  # tasks imports this module

                enqueue(deliver_reminder, row)
                count += 1
    return count


def _all_due(today: datetime.date) -> Iterator[Due]:
    yield from meetings_tomorrow(today)
    yield from evaluations_due(today)
    yield from feedback_overdue(today)
    yield from algemeen_due(today)
    yield from consent_age_reached(today)


# ----- 1. The meeting is tomorrow --------------------------------------------------------------


def meetings_tomorrow(today: datetime.date) -> Iterator[Due]:
    """Everyone invited to a meeting tomorrow who has not declined."""
    attendees = (
        Attendee.objects.filter(meeting__date=today + datetime.timedelta(days=1))
        .exclude(meeting__status=MeetingStatus.CANCELLED)
        .exclude(response=Response.DECLINED)
        .exclude(email="")
        # Only who was sent an invitation, and still has items (without, it was cancelled).
        .filter(items__isnull=False, invitations__method=InvitationMethod.REQUEST)
        .filter(Q(user__isnull=True) | Q(user__is_active=True))
        .select_related("meeting", "user")
        .distinct()
    )
    for attendee in attendees:
        meeting = attendee.meeting
        yield Due(
            kind=ReminderKind.MEETING_TOMORROW,
            key=f"meeting:{meeting.uuid}:{meeting.date.isoformat()}",
            email=attendee.email,
            # The attendee's own accept/decline page: it works for guardians without an account.
            link=reverse("meetings:invitation_respond", kwargs={"token": attendee.token}),
            recipient=attendee.user,
        )


# ----- 2. A werkafspraak's evaluation date is reached ---------------------------------------


def _ib_users(school_organisation_id: int) -> list[User]:
    return [
        member.user
        for member in Professional.objects.filter(
            organisation_id=school_organisation_id,
            function=Function.IB,
            is_active=True,
            user__is_active=True,
        ).select_related("user")
    ]


def _procesregie_user(case_id: int, today: datetime.date) -> User | None:
    """The professional holding procesregie today, if it is a professional (and active)."""
    regie = (
        Regie.objects.filter(active_on(today), case_id=case_id, kind=RegieKind.PROCES)
        .select_related("professional__user")
        .order_by("-start", "-pk")
        .first()
    )
    if regie is None or regie.professional is None:
        return None
    professional = regie.professional
    if not professional.is_active or not professional.user.is_active:
        return None
    return professional.user


def evaluations_due(today: datetime.date) -> Iterator[Due]:
    """To the procesregisseur when that is a professional, else to the school's IB'ers."""
    werkafspraken = (
        Werkafspraak.objects.filter(evaluation_date__lte=today, status__in=AWAITING_EVALUATION)
        .exclude(case__status=Status.AFGESLOTEN)
        .select_related("case__school")
    )
    recipients: dict[int, list[User]] = {}
    for werkafspraak in werkafspraken:
        case = werkafspraak.case
        if case.pk not in recipients:
            holder = _procesregie_user(case.pk, today)
            recipients[case.pk] = [holder] if holder else _ib_users(case.school.organisation_id)
        link = reverse("cases:case_werkafspraken", kwargs={"case_uuid": case.uuid})
        for user in recipients[case.pk]:
            yield Due(
                kind=ReminderKind.EVALUATION_DUE,
                key=f"werkafspraak:{werkafspraak.uuid}:{werkafspraak.evaluation_date.isoformat()}",
                email=user.email,
                link=link,
                recipient=user,
            )


# ----- 3. Requested feedback is overdue -----------------------------------------------------


def feedback_overdue(today: datetime.date) -> Iterator[Due]:
    """To whoever asked for it, while the case is open."""
    requests = (
        FeedbackRequest.objects.filter(
            due_date__lt=today, received_at__isnull=True, requested_by__is_active=True
        )
        .exclude(case__status=Status.AFGESLOTEN)
        .select_related("case", "requested_by")
    )
    for feedback in requests:
        yield Due(
            kind=ReminderKind.FEEDBACK_OVERDUE,
            key=f"feedback:{feedback.uuid}:{feedback.due_date.isoformat()}",
            email=feedback.requested_by.email,
            link=reverse("cases:case_werkafspraken", kwargs={"case_uuid": feedback.case.uuid}),
            recipient=feedback.requested_by,
        )


# ----- 4. The yearly knooppunt algemeen is due ----------------------------------------------


def _a_year_before(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def _algemeen(school: School):
    return Meeting.objects.filter(school=school, type=MeetingType.ALGEMEEN).exclude(
        status=MeetingStatus.CANCELLED
    )


def algemeen_overdue(school: School, *, today: datetime.date | None = None) -> bool:
    """No knooppunt algemeen (the yearly evaluation of the way of working) in the past 12
    months and none planned."""
    since = _a_year_before(today or timezone.localdate())
    return not _algemeen(school).filter(date__gte=since).exists()


def algemeen_due(today: datetime.date) -> Iterator[Due]:
    """To the IB'ers of each school with a knooppunt set-up whose algemeen is overdue; once per
    overdue period (the key holds the date of the last one)."""
    for school in School.objects.filter(knooppunt__isnull=False).order_by("pk"):
        if not algemeen_overdue(school, today=today):
            continue
        last = _algemeen(school).filter(date__lte=today).aggregate(last=Max("date"))["last"]
        key = f"algemeen:{school.uuid}:{last.isoformat() if last else 'geen'}"
        link = reverse("meetings:meeting_new")
        for user in _ib_users(school.organisation_id):
            yield Due(
                kind=ReminderKind.ALGEMEEN_DUE,
                key=key,
                email=user.email,
                link=link,
                recipient=user,
            )


# ----- 5. A pupil with an open case turns 12 or 16 -----------------------------------------


def consent_age_reached(today: datetime.date) -> Iterator[Due]:
    """To the school's IB'ers: from this birthday the pupil's own consent counts (12) or is
    the only one that counts (16). The hourly recompute has already changed the rights; this
    tells the IB'er to ask the pupil. A missed run is caught up within CATCH_UP_DAYS."""
    days = [today - datetime.timedelta(days=n) for n in range(CATCH_UP_DAYS + 1)]
    for age in CONSENT_AGES:
        born = birth_dates_turning(age, days)
        cases = (
            Case.objects.filter(pupil__birth_date__in=born)
            .exclude(status=Status.AFGESLOTEN)
            .select_related("school", "pupil")
        )
        for case in cases:
            birthday = birthday_at(case.pupil.birth_date, age)
            link = reverse("cases:case_consent", kwargs={"case_uuid": case.uuid})
            for user in _ib_users(case.school.organisation_id):
                yield Due(
                    kind=ReminderKind.CONSENT_AGE,
                    key=f"leeftijd{age}:{case.uuid}:{birthday.isoformat()}",
                    email=user.email,
                    link=link,
                    recipient=user,
                )


# ----- The e-mail ---------------------------------------------------------------------------


def _key_parts(reminder: Reminder) -> tuple[str, datetime.date | None]:
    """The object's uuid and the date from `kind:<uuid>:<date>`."""
    _prefix, ident, day = reminder.key.split(":", 2)
    try:
        return ident, datetime.date.fromisoformat(day)
    except ValueError:
        return ident, None


def _meeting_context(reminder: Reminder, ident: str, day: datetime.date | None) -> dict | None:
    """None when the reminder no longer holds: the meeting was cancelled or moved."""
    meeting = Meeting.objects.filter(uuid=ident).select_related("school").first()
    if meeting is None or meeting.status == MeetingStatus.CANCELLED or meeting.date != day:
        return None
    # The recipient's own items' window, as in their invitation; else the whole meeting.
    window = meeting.items.filter(attendees__email=reminder.email).aggregate(
        start=Min("start_time"), end=Max("end_time")
    )
    return {
        "day": meeting.date,
        "start": window["start"] or meeting.start_time,
        "end": window["end"] or meeting.end_time,
        "location": meeting.location,
        "school": meeting.school.name,
        "type": meeting.get_type_display(),
        # A parent is addressed with "u", a professional with "je" (docs/domain.md).
        "formal": meeting.attendees.filter(email=reminder.email, guardian__isnull=False).exists(),
    }


_SUBJECTS = {
    ReminderKind.MEETING_TOMORROW: "Herinnering: knooppuntoverleg morgen, {day}",
    ReminderKind.EVALUATION_DUE: "Herinnering: werkafspraak evalueren ({day})",
    ReminderKind.FEEDBACK_OVERDUE: "Herinnering: gevraagde terugkoppeling niet ontvangen",
    ReminderKind.ALGEMEEN_DUE: "Herinnering: jaarlijks knooppunt algemeen plannen",
    ReminderKind.CONSENT_AGE: "Toestemming: een leerling beslist nu zelf mee",
    ReminderKind.TLV_DEADLINE: "Herinnering: uiterste besluitdatum TLV-aanvraag {day}",
    ReminderKind.OPP_EVALUATION: "Herinnering: evaluatie OPP op {day}",
}


def compose(reminder: Reminder) -> EmailMessage | None:
    """The e-mail for one reminder: what it is about, the date, and a link; None when it has
    lapsed (its meeting was cancelled or moved after it was queued)."""
    with translation.override("nl"):
        ident, day = _key_parts(reminder)
        context: dict = {"day": day, "link": settings.SITE_URL + reminder.link}
        if reminder.kind == ReminderKind.MEETING_TOMORROW:
            meeting = _meeting_context(reminder, ident, day)
            if meeting is None:
                return None
            context |= meeting
        elif reminder.kind == ReminderKind.CONSENT_AGE:
            context["age"] = int(reminder.key.split(":", 1)[0].removeprefix("leeftijd"))
        elif reminder.kind == ReminderKind.ALGEMEEN_DUE:
            school = School.objects.filter(uuid=ident).first()
            context |= {"school": school.name if school else "", "last": day}
        day_text = date_format(context["day"], "l j F Y") if context.get("day") else ""
        subject = _SUBJECTS[reminder.kind].format(day=day_text)
        body = render_to_string(f"meetings/email/reminder_{reminder.kind}.txt", context)
    return EmailMessage(subject=subject, body=body, to=[reminder.email])
