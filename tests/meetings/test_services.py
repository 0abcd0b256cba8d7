import datetime

import pytest
from django.core.exceptions import ValidationError

from cases.access import DAT, case_permissions_for, permissions_recompute_time_bound
from meetings import services
from meetings.access import INVITED_DAT_DAYS
from meetings.constants import KIJKWIJZER_AGENDA, MeetingType
from partners.constants import Function, OrganisationKind
from tests import factories
from tests.conftest import professional

# The world is built once for the module, each test in its own savepoint; see tests/conftest.py.
pytestmark = pytest.mark.usefixtures("shared_case_world")


def _leerplicht(ctx):
    organisation = factories.OrganisationFactory(
        name="Leerplicht Testregio", kind=OrganisationKind.LEERPLICHT
    )
    return professional(organisation, Function.LEERPLICHTAMBTENAAR, email="lp@test.example")


def test_invited_professional_knows_the_case_exists_until_90_days_after(meeting, ctx):
    officer = _leerplicht(ctx)
    assert DAT not in case_permissions_for(officer, ctx.case)
    item = meeting.items.get(case=ctx.case)
    services.item_attendees_set(
        item=item,
        set_by=ctx.ib,
        professionals=[officer.memberships.get()],
        guardians=[ctx.mother],
    )
    assert case_permissions_for(officer, ctx.case) == {DAT}
    lapsed = meeting.date + datetime.timedelta(days=INVITED_DAT_DAYS + 1)
    permissions_recompute_time_bound(day=lapsed)
    assert DAT not in case_permissions_for(officer, ctx.case)


def test_cancelling_the_meeting_ends_the_invitees_dat(meeting, ctx):
    officer = _leerplicht(ctx)
    item = meeting.items.get(case=ctx.case)
    services.item_attendees_set(
        item=item, set_by=ctx.ib, professionals=[officer.memberships.get()], guardians=[]
    )
    services.meeting_cancel(meeting=meeting, cancelled_by=ctx.ib)
    assert case_permissions_for(officer, ctx.case) == set()


def test_algemeen_meeting_gets_the_kijkwijzer_agenda_and_refuses_cases(ctx):
    meeting = services.meeting_plan(
        school=ctx.school,
        type=MeetingType.ALGEMEEN,
        date=datetime.date(2026, 12, 7),
        start_time=datetime.time(13, 0),
        end_time=datetime.time(15, 0),
        planned_by=ctx.ib,
    )
    assert [item.title for item in meeting.items.all()] == [str(q) for q in KIJKWIJZER_AGENDA]
    with pytest.raises(ValidationError, match="geen casussen"):
        services.item_add(meeting=meeting, added_by=ctx.ib, case=ctx.case)


def test_only_the_schools_ib_plans_a_meeting(ctx):
    with pytest.raises(ValidationError):
        services.meeting_plan(
            school=ctx.school,
            type=MeetingType.CASUISTIEK,
            date=datetime.date(2026, 12, 7),
            start_time=datetime.time(9, 0),
            end_time=datetime.time(11, 0),
            planned_by=ctx.ib_other_school,
        )


def test_an_item_moves_up_and_positions_stay_consecutive(meeting, ctx):
    case_item = meeting.items.get(case=ctx.case)
    services.item_move(item=case_item, moved_by=ctx.ib, step=-1)
    assert [i.case_id for i in meeting.items.order_by("position")] == [ctx.case.pk, None]
    assert list(meeting.items.order_by("position").values_list("position", flat=True)) == [1, 2]


def test_guardians_of_another_pupil_are_refused(meeting, ctx):
    general = meeting.items.get(case__isnull=True)
    with pytest.raises(ValidationError):
        services.item_attendees_set(
            item=general, set_by=ctx.ib, professionals=[], guardians=[ctx.mother]
        )
