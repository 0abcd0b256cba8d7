"""Reminders with a controlled clock: each is sent once, to the right person, on the right day
in Europe/Amsterdam, without case content or a pupil's name."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cases import services as case_services
from cases.constants import RegieKind, Status, WerkafspraakStatus
from meetings import services
from meetings.constants import MeetingType, OutboxState, ReminderKind, Response
from meetings.invitations import invitation_respond, invitations_send
from meetings.models import Attendee, Reminder
from meetings.reminders import algemeen_overdue, reminders_queue
from meetings.tasks import deliver_reminder
from tests.conftest import CANARY
from tests.meetings.builders import planned_meeting

# The world is built once; the meeting, sent invitations and all, per test (see tests/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_case_world")]

SUBJECTS = {
    ReminderKind.MEETING_TOMORROW: "Herinnering: knooppuntoverleg morgen",
    ReminderKind.EVALUATION_DUE: "Herinnering: werkafspraak evalueren",
    ReminderKind.FEEDBACK_OVERDUE: "Herinnering: gevraagde terugkoppeling",
    ReminderKind.ALGEMEEN_DUE: "Herinnering: jaarlijks knooppunt algemeen",
}


def local(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    """A moment on the wall clock in Amsterdam."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Queue reminders at `now` and let the queued deliveries run (Celery is eager)."""

    def run(now: datetime.datetime) -> int:
        with django_capture_on_commit_callbacks(execute=True):
            return reminders_queue(now=now)

    return run


def sent(kind: ReminderKind) -> list:
    return [message for message in mail.outbox if message.subject.startswith(SUBJECTS[kind])]


def recipients(kind: ReminderKind) -> list[str]:
    return sorted(address for message in sent(kind) for address in message.to)


def assert_no_case_content(ctx) -> None:
    for message in mail.outbox:
        if message.subject.startswith("Herinnering"):
            text = f"{message.subject}\n{message.body}"
            assert CANARY not in text
            assert ctx.pupil.first_name not in text
            assert ctx.pupil.last_name not in text


# ----- The meeting is tomorrow ---------------------------------------------------------------


@pytest.fixture
def meeting(ctx):
    """The planned meeting after the invitations went out, the mother given an address first."""
    meeting = planned_meeting(ctx)
    Attendee.objects.filter(meeting=meeting, guardian=ctx.mother).update(
        email="moeder@thuis.example"
    )
    invitations_send(meeting=meeting, sent_by=ctx.ib)
    return meeting


@pytest.fixture
def mother_email(meeting) -> str:
    return "moeder@thuis.example"


def test_no_reminder_for_who_was_never_sent_an_invitation(ctx, run):
    meeting = planned_meeting(ctx)  # the agenda is ready, the invitations not sent
    run(local(meeting.date - datetime.timedelta(days=1), 9))
    assert not sent(ReminderKind.MEETING_TOMORROW)


def test_meeting_reminder_once_to_each_attendee_who_has_not_declined(
    meeting, ctx, run, mother_email
):
    invitation_respond(
        attendee=meeting.attendees.get(user=ctx.jeugdarts), response=Response.DECLINED
    )
    day_before = meeting.date - datetime.timedelta(days=1)

    run(local(day_before, 7, 30))
    run(local(day_before, 7, 30))
    run(local(day_before, 14, 30))

    assert recipients(ReminderKind.MEETING_TOMORROW) == [mother_email, ctx.partner.email]
    assert Reminder.objects.filter(kind=ReminderKind.MEETING_TOMORROW).count() == 2
    to_mother = next(m for m in sent(ReminderKind.MEETING_TOMORROW) if m.to == [mother_email])
    mother = meeting.attendees.get(guardian=ctx.mother)
    link = settings.SITE_URL + reverse("meetings:invitation_respond", args=[mother.token])
    assert link in to_mother.body
    # Her own item's slot and the place, not the whole meeting.
    item = meeting.items.get(case=ctx.case)
    start, end = item.start_time, item.end_time
    assert f"{start.hour}.{start:%M}–{end.hour}.{end:%M} uur" in to_mother.body
    assert "Teamkamer" in to_mother.body
    # A parent is addressed with "u".
    assert "waarvoor u bent uitgenodigd" in to_mother.body and "jou" not in to_mother.body
    assert_no_case_content(ctx)


def test_meeting_reminder_follows_the_day_in_amsterdam(meeting, ctx, run):
    two_days_before = meeting.date - datetime.timedelta(days=2)
    day_before = meeting.date - datetime.timedelta(days=1)
    # 23:30 in Amsterdam is still two days before. The day before starts at midnight in
    # Amsterdam, but nobody is mailed at night: the reminders go out from 07:00.
    run(local(two_days_before, 23, 30))
    assert not sent(ReminderKind.MEETING_TOMORROW)
    run(local(day_before, 0, 30))
    run(local(day_before, 6, 59))
    assert not sent(ReminderKind.MEETING_TOMORROW)
    assert not Reminder.objects.filter(kind=ReminderKind.MEETING_TOMORROW).exists()
    run(local(day_before, 7, 0))
    assert ctx.partner.email in recipients(ReminderKind.MEETING_TOMORROW)
    # On the day itself, nothing new.
    mail.outbox.clear()
    run(local(meeting.date, 8, 0))
    assert not sent(ReminderKind.MEETING_TOMORROW)


def test_a_moved_meeting_gets_a_new_reminder(meeting, ctx, run):
    first_date = meeting.date
    run(local(first_date - datetime.timedelta(days=1), 9))
    services.meeting_update(
        meeting=meeting, changed_by=ctx.ib, date=first_date + datetime.timedelta(days=7)
    )
    run(local(meeting.date - datetime.timedelta(days=1), 9))
    to_partner = [m for m in sent(ReminderKind.MEETING_TOMORROW) if m.to == [ctx.partner.email]]
    assert len(to_partner) == 2
    keys = set(
        Reminder.objects.filter(
            kind=ReminderKind.MEETING_TOMORROW, email=ctx.partner.email
        ).values_list("key", flat=True)
    )
    assert keys == {
        f"meeting:{meeting.uuid}:{first_date.isoformat()}",
        f"meeting:{meeting.uuid}:{meeting.date.isoformat()}",
    }


def test_no_reminder_for_a_cancelled_meeting(meeting, ctx, run):
    services.meeting_cancel(meeting=meeting, cancelled_by=ctx.ib)
    run(local(meeting.date - datetime.timedelta(days=1), 9))
    assert not sent(ReminderKind.MEETING_TOMORROW)


def test_a_queued_reminder_lapses_when_the_meeting_is_cancelled_before_it_goes_out(meeting, ctx):
    reminders_queue(now=local(meeting.date - datetime.timedelta(days=1), 9))  # broker down
    services.meeting_cancel(meeting=meeting, cancelled_by=ctx.ib)
    rows = list(Reminder.objects.filter(kind=ReminderKind.MEETING_TOMORROW))
    assert len(rows) == 3  # the two invited partners and the mother
    for row in rows:
        assert deliver_reminder(row.pk) is False
        row.refresh_from_db()
        assert row.state == OutboxState.LAPSED
    assert not sent(ReminderKind.MEETING_TOMORROW)


# ----- A werkafspraak's evaluation date ------------------------------------------------------


@pytest.fixture
def werkafspraak(ctx):
    due = timezone.localdate() + datetime.timedelta(days=10)
    return case_services.werkafspraak_add(
        case=ctx.case,
        author=ctx.ib,
        assignee_organisation=ctx.smw,
        what=f"Gezinsgesprekken {CANARY}",
        due_date=due,
        evaluation_date=due + datetime.timedelta(days=5),
    )


def test_evaluation_reminder_goes_to_the_procesregisseur(ctx, run, werkafspraak):
    case_services.regie_assign(
        case=ctx.case,
        kind=RegieKind.PROCES,
        assigned_by=ctx.ib,
        professional=ctx.partner.memberships.get(),
    )
    evaluation = werkafspraak.evaluation_date
    run(local(evaluation - datetime.timedelta(days=1), 23, 30))
    assert not sent(ReminderKind.EVALUATION_DUE)

    run(local(evaluation, 0, 30))
    run(local(evaluation, 10))
    run(local(evaluation + datetime.timedelta(days=3), 10))

    assert recipients(ReminderKind.EVALUATION_DUE) == [ctx.partner.email]
    link = settings.SITE_URL + reverse("cases:case_werkafspraken", args=[ctx.case.uuid])
    assert link in sent(ReminderKind.EVALUATION_DUE)[0].body
    assert_no_case_content(ctx)


def test_evaluation_reminder_goes_to_the_ib_when_parents_hold_procesregie(ctx, run, werkafspraak):
    case_services.regie_assign(
        case=ctx.case, kind=RegieKind.PROCES, assigned_by=ctx.ib, guardian=ctx.mother
    )
    run(local(werkafspraak.evaluation_date, 9))
    assert recipients(ReminderKind.EVALUATION_DUE) == [ctx.ib.email]


def test_no_evaluation_reminder_once_evaluated_or_for_a_closed_case(ctx, run, werkafspraak):
    case_services.werkafspraak_update(
        werkafspraak=werkafspraak, changed_by=ctx.ib, status=WerkafspraakStatus.EVALUATED
    )
    run(local(werkafspraak.evaluation_date, 9))
    assert not sent(ReminderKind.EVALUATION_DUE)

    other = case_services.werkafspraak_add(
        case=ctx.case,
        author=ctx.ib,
        assignee_organisation=ctx.school.organisation,
        what="Observatie",
        due_date=werkafspraak.due_date,
        evaluation_date=werkafspraak.evaluation_date,
    )
    case_services.case_transition(
        case=ctx.case, to=Status.AFGESLOTEN, changed_by=ctx.ib, reason="Klaar"
    )
    run(local(other.evaluation_date, 9))
    assert not sent(ReminderKind.EVALUATION_DUE)


# ----- Requested feedback overdue --------------------------------------------------------------


def test_overdue_feedback_reminds_whoever_asked_for_it_once(ctx, run):
    due = timezone.localdate() + datetime.timedelta(days=3)
    case_services.feedback_request_add(
        case=ctx.case, organisation=ctx.jgz, due_date=due, requested_by=ctx.partner
    )
    received = case_services.feedback_request_add(
        case=ctx.case, organisation=ctx.smw, due_date=due, requested_by=ctx.ib
    )
    case_services.feedback_received(feedback=received, recorded_by=ctx.ib)

    run(local(due, 23, 30))  # the due day itself is not late yet
    assert not sent(ReminderKind.FEEDBACK_OVERDUE)
    run(local(due + datetime.timedelta(days=1), 0, 30))  # at night: nothing yet
    assert not sent(ReminderKind.FEEDBACK_OVERDUE)
    run(local(due + datetime.timedelta(days=1), 7, 30))
    run(local(due + datetime.timedelta(days=2), 7, 30))

    assert recipients(ReminderKind.FEEDBACK_OVERDUE) == [ctx.partner.email]
    assert_no_case_content(ctx)


# ----- The yearly knooppunt algemeen -------------------------------------------------------


def plan_algemeen(ctx, day: datetime.date):
    return services.meeting_plan(
        school=ctx.school,
        type=MeetingType.ALGEMEEN,
        date=day,
        start_time=datetime.time(15, 0),
        end_time=datetime.time(16, 30),
        planned_by=ctx.ib,
    )


def test_algemeen_overdue_after_twelve_months_without_one(ctx):
    today = timezone.localdate()
    assert algemeen_overdue(ctx.school, today=today)
    held = plan_algemeen(ctx, today - datetime.timedelta(days=300))
    assert not algemeen_overdue(ctx.school, today=today)
    assert algemeen_overdue(ctx.school, today=held.date + datetime.timedelta(days=366))
    services.meeting_cancel(meeting=held, cancelled_by=ctx.ib)
    assert algemeen_overdue(ctx.school, today=today)
    plan_algemeen(ctx, today + datetime.timedelta(days=30))
    assert not algemeen_overdue(ctx.school, today=today)


def test_algemeen_reminder_once_per_overdue_period_to_the_ib(ctx, run):
    today = timezone.localdate()
    run(local(today, 9))
    run(local(today + datetime.timedelta(days=1), 9))
    # Only the school with a knooppunt set-up; to its IB'er, not to the directeur.
    assert recipients(ReminderKind.ALGEMEEN_DUE) == [ctx.ib.email]

    held = plan_algemeen(ctx, today + datetime.timedelta(days=2))
    run(local(held.date + datetime.timedelta(days=100), 9))
    assert len(sent(ReminderKind.ALGEMEEN_DUE)) == 1
    run(local(held.date + datetime.timedelta(days=400), 9))
    run(local(held.date + datetime.timedelta(days=401), 9))
    assert len(sent(ReminderKind.ALGEMEEN_DUE)) == 2
    assert Reminder.objects.filter(
        kind=ReminderKind.ALGEMEEN_DUE, key__endswith=held.date.isoformat()
    ).exists()
