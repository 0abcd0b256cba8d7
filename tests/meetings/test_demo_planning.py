import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command

from cases.access import DAT, WAT, case_permissions_for
from meetings.constants import MeetingType
from meetings.demo import easter, monday_holidays
from meetings.models import Meeting, PresenceDay
from meetings.planning import current_school_year
from partners.models import School, User

pytestmark = pytest.mark.django_db


def test_easter_falls_on_the_known_dates():
    assert [easter(y) for y in (2021, 2025, 2027)] == [
        datetime.date(2021, 4, 4),
        datetime.date(2025, 4, 20),
        datetime.date(2027, 3, 28),
    ]
    assert monday_holidays(2026) == [datetime.date(2027, 3, 29), datetime.date(2027, 5, 17)]


def test_demo_plans_the_year_of_seed_001_and_invites_sams_item(
    settings, django_capture_on_commit_callbacks
):
    settings.DEBUG = True
    with django_capture_on_commit_callbacks(execute=True):
        call_command("demo", stdout=io.StringIO())
    school = School.objects.get(brin="99VT")
    year = current_school_year()
    presence = list(PresenceDay.objects.filter(school=school).values_list("date", flat=True))
    assert all(day.weekday() == 0 and day.day <= 7 for day in presence)
    assert 9 <= len(presence) <= 11  # September to July, minus Mondays without school
    assert not set(monday_holidays(year)) & set(presence)
    knooppunten = Meeting.objects.filter(school=school, type=MeetingType.CASUISTIEK)
    assert 5 <= knooppunten.count() <= 6
    assert Meeting.objects.filter(school=school, type=MeetingType.ALGEMEEN).count() == 1

    meeting = Meeting.objects.get(items__case__pupil__first_name="Sam")
    item = meeting.items.get(case__isnull=False)
    names = set(item.attendees.values_list("name", flat=True))
    assert {"Linda de Vries", "Erik de Vries", "Esther Kuipers", "Sanne Dijkhuis"} <= names
    # The youth doctor is invited and involved, but still only knows *that* the case exists.
    jeugdarts = User.objects.get(email="jeugdarts@vuurtoren.example")
    granted = case_permissions_for(jeugdarts, item.case)
    assert DAT in granted and WAT not in granted
    # Everyone with an e-mail address got one invitation, none naming the pupil.
    assert meeting.attendees.filter(invitations__isnull=False).count() == len(
        [m for m in mail.outbox if "Uitnodiging" in m.subject]
    )
    assert all("Sam" not in m.subject + m.body for m in mail.outbox)

    before = (PresenceDay.objects.count(), Meeting.objects.count(), len(mail.outbox))
    call_command("demo", stdout=io.StringIO())
    assert before == (PresenceDay.objects.count(), Meeting.objects.count(), len(mail.outbox))
