"""The TLV reminders (tlv/reminders.py): before the decision term passes, once, to the
trajectbegeleider, two working days ahead; before an OPP evaluation, once, to the school's
IB'er, 14 days ahead; both without content or the pupil's name."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cases.access import Actor
from meetings.constants import ReminderKind
from meetings.models import Reminder
from tests.conftest import CANARY
from tests.tlv.builders import dossier_in
from tlv.access import opp_access_for
from tlv.constants import State
from tlv.opp_services import opp_evaluate
from tlv.reminders import reminders_queue
from tlv.workdays import subtract_working_days

pytestmark = pytest.mark.django_db


def local(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    def run(day: datetime.date) -> int:
        with django_capture_on_commit_callbacks(execute=True):
            return reminders_queue(now=local(day))

    return run


def test_the_trajectbegeleider_is_reminded_once_two_working_days_ahead(tlv, run):
    dossier = dossier_in(tlv, State.DECISION_DUE)
    remind_on = subtract_working_days(dossier.deadline, 2)
    assert run(subtract_working_days(remind_on, 1)) == 0
    assert run(remind_on) == 1
    assert run(remind_on) == 0
    assert run(dossier.deadline) == 0
    reminder = Reminder.objects.get(kind=ReminderKind.TLV_DEADLINE)
    assert reminder.recipient == tlv.trajectbegeleider
    [message] = mail.outbox
    assert message.to == [tlv.trajectbegeleider.email]
    assert message.subject.startswith("Herinnering: uiterste besluitdatum TLV-aanvraag")
    assert reverse("tlv:dossier_detail", kwargs={"dossier_uuid": dossier.uuid}) in message.body
    text = f"{message.subject}\n{message.body}"
    assert CANARY not in text
    assert tlv.pupil.first_name not in text and tlv.pupil.last_name not in text


def test_no_reminder_once_decided(tlv, run):
    dossier = dossier_in(tlv, State.DECIDED)
    assert run(dossier.deadline) == 0


def test_before_the_advice_is_confirmed_there_is_no_term_to_remind_of(tlv, run):
    dossier = dossier_in(tlv, State.ADVICE)
    assert dossier.deadline is None
    assert run(timezone.localdate() + datetime.timedelta(days=30)) == 0


def test_the_school_is_reminded_of_an_opp_evaluation_once_14_days_ahead(tlv, run):
    dossier = dossier_in(tlv, State.DECIDED)
    due = dossier.opp.next_evaluation
    assert run(due - datetime.timedelta(days=15)) == 0
    assert run(due - datetime.timedelta(days=14)) == 1
    assert run(due) == 0
    reminder = Reminder.objects.get(kind=ReminderKind.OPP_EVALUATION)
    assert reminder.recipient == tlv.ib
    [message] = mail.outbox
    assert message.to == [tlv.ib.email]
    assert message.subject.startswith("Herinnering: evaluatie OPP op")
    assert reverse("tlv:opp_detail", kwargs={"dossier_uuid": dossier.uuid}) in message.body
    text = f"{message.subject}\n{message.body}"
    assert CANARY not in text
    assert tlv.pupil.first_name not in text and tlv.pupil.last_name not in text


def test_a_recorded_opp_evaluation_sets_the_next_reminder(tlv, run):
    dossier = dossier_in(tlv, State.DECIDED)
    today = timezone.localdate()
    opp_evaluate(
        access=opp_access_for(Actor.of(tlv.ib), dossier.uuid),
        held_on=today,
        achieved="Gehaald",
        next_step="Verder",
    )
    dossier.opp.refresh_from_db()
    assert run(today) == 0
    assert run(dossier.opp.next_evaluation - datetime.timedelta(days=14)) == 1
