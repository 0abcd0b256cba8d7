"""The year planning: rules that reproduce the example school's planning 2020-2021 (docs/domain.md,
"Year planning"), idempotent
generation, single dates edited by hand, the planning page and its PDF."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from meetings import planning, services
from meetings.constants import MeetingStatus, MeetingType, PlanningKind, WeekOfMonth
from meetings.forms.planning import PlanningRuleForm
from meetings.models import Meeting, PresenceDay
from tests.conftest import CANARY, signed_in_client

# The world is built once for the module, each test in its own savepoint; see tests/conftest.py.
pytestmark = pytest.mark.usefixtures("shared_case_world")

D = datetime.date
MONDAY = 0

# The example school's "Planning 2020-2021": the Mondays that follow "first Monday of the month".
# Its other dates (14 December, 12 and 26 April) were moved by hand; May and June had none.
SEED_PRESENCE_ON_RULE = [
    D(2020, 9, 7),
    D(2020, 10, 5),
    D(2020, 11, 2),
    D(2021, 1, 4),
    D(2021, 2, 1),
    D(2021, 3, 1),
    D(2021, 7, 5),
]
SEED_MEETINGS_ON_RULE = [D(2020, 9, 7), D(2020, 11, 2), D(2021, 1, 4), D(2021, 3, 1), D(2021, 7, 5)]
EASTER_MONDAY, MAY_HOLIDAY = D(2021, 4, 5), D(2021, 5, 3)


def _presence_rule(world, **overrides):
    fields = {
        "school": world.school,
        "school_year": 2020,
        "kind": PlanningKind.PRESENCE,
        "weekday": MONDAY,
        "week_of_month": WeekOfMonth.FIRST,
        "start_time": datetime.time(9, 0),
        "end_time": datetime.time(12, 0),
        "added_by": world.ib,
        "skip_dates": [EASTER_MONDAY, MAY_HOLIDAY],
    }
    return planning.planning_rule_add(**fields | overrides)


def _meeting_rule(world, **overrides):
    fields = {
        "kind": PlanningKind.MEETING,
        "month_interval": 2,
        "end_time": datetime.time(11, 0),
        "skip_dates": [MAY_HOLIDAY],
    }
    return _presence_rule(world, **fields | overrides)


# ----- Rules ----------------------------------------------------------------------------------


def test_school_year_runs_from_august_to_july():
    assert planning.school_year_of(D(2020, 8, 1)) == 2020
    assert planning.school_year_of(D(2021, 7, 31)) == 2020
    assert planning.school_year_bounds(2020) == (D(2020, 8, 1), D(2021, 7, 31))


def test_first_monday_rule_reproduces_seed_001_and_moves_holidays_a_week(world):
    dates = planning.rule_dates(_presence_rule(world))
    assert set(SEED_PRESENCE_ON_RULE) <= set(dates)
    assert EASTER_MONDAY not in dates and MAY_HOLIDAY not in dates
    # As in seed 001's planning: Easter Monday's presence day is held on 12 April.
    assert D(2021, 4, 12) in dates and D(2021, 5, 10) in dates
    assert all(day.weekday() == MONDAY for day in dates)
    # September to July, one a month: a holiday moves the day, it does not drop it.
    assert len(dates) == 11
    assert dates == sorted(dates)


def test_a_presence_day_moves_past_a_holiday_week_to_the_next_school_week(world):
    rule = _presence_rule(world, skip_dates=[EASTER_MONDAY, D(2021, 4, 12)])
    assert D(2021, 4, 19) in planning.rule_dates(rule)


def test_a_meeting_on_a_holiday_is_still_left_out(world):
    rule = _meeting_rule(world, month_interval=1, skip_dates=[EASTER_MONDAY])
    dates = planning.rule_dates(rule)
    assert EASTER_MONDAY not in dates and D(2021, 4, 12) not in dates


def test_every_other_month_rule_gives_seed_001_knooppunt_dates(world):
    assert planning.rule_dates(_meeting_rule(world)) == SEED_MEETINGS_ON_RULE


def test_last_week_of_the_month(world):
    rule = _presence_rule(world, weekday=4, week_of_month=WeekOfMonth.LAST, skip_dates=[])
    dates = planning.rule_dates(rule)
    assert dates[0] == D(2020, 9, 25)  # last Friday of September 2020
    assert D(2021, 1, 29) in dates and D(2021, 7, 30) in dates
    assert all((day + datetime.timedelta(days=7)).month != day.month for day in dates)


def test_fourth_week_is_not_the_last_when_a_month_has_five(world):
    rule = _presence_rule(world, week_of_month=WeekOfMonth.FOURTH, skip_dates=[])
    assert planning.rule_dates(rule)[0] == D(2020, 9, 28)
    # November 2020 has five Mondays: the fourth is the 23rd, the last the 30th.
    assert D(2020, 11, 23) in planning.rule_dates(rule)


def test_a_rule_is_only_for_the_school_ib(world):
    with pytest.raises(ValidationError):
        _presence_rule(world, added_by=world.directeur)


def test_skip_dates_outside_the_school_year_are_refused(world):
    with pytest.raises(ValidationError) as error:
        _presence_rule(world, skip_dates=[D(2022, 4, 5)])
    assert "valt niet in schooljaar 2020-2021" in str(error.value)


def test_toeleiding_is_not_planned_by_rule(world):
    with pytest.raises(ValidationError):
        _meeting_rule(world, meeting_type=MeetingType.TOELEIDING)


# ----- Generating -----------------------------------------------------------------------------


def test_generate_presence_days_is_idempotent(world):
    rule = _presence_rule(world)
    assert planning.planning_generate(rule=rule, generated_by=world.ib) == 11
    assert planning.planning_generate(rule=rule, generated_by=world.ib) == 0
    days = PresenceDay.objects.filter(school=world.school)
    assert set(SEED_PRESENCE_ON_RULE) <= set(days.values_list("date", flat=True))
    assert days.count() == 11
    assert days.filter(start_time=datetime.time(9), end_time=datetime.time(12)).count() == 11


def test_a_date_moved_or_removed_by_hand_is_not_generated_again(world):
    rule = _presence_rule(world)
    planning.planning_generate(rule=rule, generated_by=world.ib)
    december = PresenceDay.objects.get(school=world.school, date=D(2020, 12, 7))
    # The example school moved December's presence to the 14th.
    planning.presence_day_update(day=december, changed_by=world.ib, date=D(2020, 12, 14))
    june = PresenceDay.objects.get(school=world.school, date=D(2021, 6, 7))
    planning.presence_day_remove(day=june, removed_by=world.ib)

    assert planning.planning_generate(rule=rule, generated_by=world.ib) == 0
    dates = set(PresenceDay.objects.filter(school=world.school).values_list("date", flat=True))
    assert D(2020, 12, 14) in dates
    assert D(2020, 12, 7) not in dates and D(2021, 6, 7) not in dates


def test_moving_a_presence_day_records_who(world):
    rule = _presence_rule(world)
    planning.planning_generate(rule=rule, generated_by=world.ib)
    day = PresenceDay.objects.filter(school=world.school).first()
    planning.presence_day_update(day=day, changed_by=world.ib, note="Alleen SMW")
    assert day.history.first().history_user == world.ib


def test_two_presence_days_at_the_same_time_are_refused(world):
    rule = _presence_rule(world)
    planning.planning_generate(rule=rule, generated_by=world.ib)
    october = PresenceDay.objects.get(school=world.school, date=D(2020, 10, 5))
    with pytest.raises(ValidationError):
        planning.presence_day_update(day=october, changed_by=world.ib, date=D(2020, 9, 7))


def test_generate_meetings_plans_casuistiek_through_the_meeting_service(world):
    rule = _meeting_rule(world, location="Teamkamer")
    assert planning.planning_generate(rule=rule, generated_by=world.ib) == 5
    meetings = Meeting.objects.filter(rule=rule)
    assert list(meetings.values_list("date", flat=True)) == SEED_MEETINGS_ON_RULE
    assert {m.type for m in meetings} == {MeetingType.CASUISTIEK}
    assert {(m.start_time, m.end_time, m.location) for m in meetings} == {
        (datetime.time(9), datetime.time(11), "Teamkamer")
    }
    assert {m.chair for m in meetings} == {world.ib}


def test_a_meeting_moved_on_its_own_page_is_not_generated_again(world):
    rule = _meeting_rule(world)
    planning.planning_generate(rule=rule, generated_by=world.ib)
    # The IB'er moves January's knooppunt a week and cancels March's on the meeting page.
    january = Meeting.objects.get(rule=rule, date=D(2021, 1, 4))
    services.meeting_update(meeting=january, changed_by=world.ib, date=D(2021, 1, 11))
    march = Meeting.objects.get(rule=rule, date=D(2021, 3, 1))
    services.meeting_cancel(meeting=march, cancelled_by=world.ib)

    assert planning.planning_generate(rule=rule, generated_by=world.ib) == 0
    assert Meeting.objects.filter(rule=rule).count() == 5
    assert not Meeting.objects.filter(rule=rule, date=D(2021, 1, 4)).exists()


# ----- The skip-dates field -------------------------------------------------------------------


def _rule_form(**data):
    fields = {
        "school_year": "2020",
        "kind": PlanningKind.PRESENCE,
        "weekday": "0",
        "week_of_month": "1",
        "month_interval": "1",
        "start_time": "09:00",
        "end_time": "12:00",
    }
    return PlanningRuleForm(fields | data, school_year=2020)


def test_skip_dates_are_read_as_dd_mm_jjjj_one_per_line():
    form = _rule_form(skip_dates="05-04-2021\n\n 3-5-2021 \n05-04-2021")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["skip_dates"] == [EASTER_MONDAY, MAY_HOLIDAY]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2021-04-05", "Regel 1: „2021-04-05” is geen datum. Schrijf dd-mm-jjjj"),
        ("05-04-2021\nmaandag", "Regel 2: „maandag” is geen datum."),
        ("31-02-2021", "Regel 1: 31-02-2021 bestaat niet in de kalender."),
        ("05-04-2022", "05-04-2022 valt niet in schooljaar 2020-2021"),
    ],
)
def test_bad_skip_dates_get_a_dutch_error(text, message):
    form = _rule_form(skip_dates=text)
    assert not form.is_valid()
    assert any(message in error for error in form.errors["skip_dates"]), form.errors


def test_end_before_start_is_refused_in_dutch():
    form = _rule_form(end_time="08:00")
    assert not form.is_valid()
    assert form.errors["end_time"] == ["De eindtijd moet na de begintijd liggen."]


# ----- The pages ------------------------------------------------------------------------------


def _url(name, world, **kwargs):
    return reverse(f"meetings:{name}", kwargs={"school_uuid": world.school.uuid, **kwargs})


def test_planning_page_lists_meetings_and_presence_in_seed_001_wording(world):
    planning.planning_generate(rule=_presence_rule(world), generated_by=world.ib)
    rule = _meeting_rule(world)
    planning.planning_generate(rule=rule, generated_by=world.ib)
    services.meeting_cancel(
        meeting=Meeting.objects.get(rule=rule, date=D(2021, 3, 1)), cancelled_by=world.ib
    )
    response = signed_in_client(world.directeur).get(_url("planning", world) + "?jaar=2020")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Planning 2020-2021" in page
    assert "Maandag 7 september 2020" in page
    assert "Knooppuntoverleg (casuïstiek)" in page
    assert "Aanwezigheid vaste partners in gebouw" in page
    assert "9.00–11.00 uur" in page and "9.00–12.00 uur" in page
    assert page.count("Geannuleerd") == 1
    # The directeur reads, the IB'er plans.
    assert "Genereer data" not in page and "Regel toevoegen" not in page
    assert page.index("7 september 2020") < page.index("5 oktober 2020")


def test_planning_page_has_an_empty_state_and_year_links(world):
    page = signed_in_client(world.ib).get(_url("planning", world) + "?jaar=2031").content.decode()
    assert "Er staan nog geen data in de planning van schooljaar 2031-2032." in page
    assert "?jaar=2030" in page and "?jaar=2032" in page


def test_planning_defaults_to_the_current_school_year(world):
    page = signed_in_client(world.ib).get(_url("planning", world)).content.decode()
    year = planning.current_school_year()
    assert f"Jaarplanning {year}-{year + 1}" in page


def test_ib_adds_a_rule_and_generates_its_dates(world):
    client = signed_in_client(world.ib)
    response = client.post(
        _url("planning_rule_add", world) + "?jaar=2020",
        {
            "school_year": "2020",
            "kind": PlanningKind.PRESENCE,
            "weekday": "0",
            "week_of_month": "1",
            "month_interval": "1",
            "start_time": "09:00",
            "end_time": "12:00",
            "skip_dates": "05-04-2021\n03-05-2021",
        },
    )
    assert response.status_code == 302
    rule = world.school.planning_rules.get()
    assert rule.skip_dates == ["2021-04-05", "2021-05-03"]
    generate = _url("planning_rule_generate", world, rule_uuid=rule.uuid)
    first = client.post(generate, follow=True).content.decode()
    assert "Er zijn 11 data toegevoegd." in first
    again = client.post(generate, follow=True).content.decode()
    assert "Er waren geen nieuwe data om toe te voegen." in again


def test_rule_form_shows_dutch_errors_for_bad_skip_dates(world):
    response = signed_in_client(world.ib).post(
        _url("planning_rule_add", world) + "?jaar=2020",
        {
            "school_year": "2020",
            "kind": PlanningKind.PRESENCE,
            "weekday": "0",
            "week_of_month": "1",
            "month_interval": "1",
            "start_time": "09:00",
            "end_time": "12:00",
            "skip_dates": "5 april",
        },
    )
    assert response.status_code == 200
    assert "Regel 1: „5 april” is geen datum." in response.content.decode()
    assert not world.school.planning_rules.exists()


def test_presence_day_is_removed_only_after_confirmation(world):
    planning.planning_generate(rule=_presence_rule(world), generated_by=world.ib)
    day = PresenceDay.objects.filter(school=world.school).first()
    url = _url("presence_day_remove", world, day_uuid=day.uuid)
    client = signed_in_client(world.ib)
    confirm = client.get(url)
    assert "Ja, verwijderen" in confirm.content.decode()
    assert PresenceDay.objects.filter(pk=day.pk).exists()
    client.post(url)
    assert not PresenceDay.objects.filter(pk=day.pk).exists()


def test_presence_day_edit_moves_the_date(world):
    rule = _presence_rule(world)
    planning.planning_generate(rule=rule, generated_by=world.ib)
    day = PresenceDay.objects.get(school=world.school, date=D(2020, 12, 7))
    response = signed_in_client(world.ib).post(
        _url("presence_day_edit", world, day_uuid=day.uuid),
        {"date": "2020-12-14", "start_time": "09:00", "end_time": "12:00", "note": "Kerst"},
    )
    assert response.status_code == 302
    day.refresh_from_db()
    assert (day.date, day.note, day.rule) == (D(2020, 12, 14), "Kerst", rule)


def test_partner_cannot_change_the_planning(world):
    response = signed_in_client(world.partner).post(
        _url("presence_day_add", world),
        {"date": "2020-12-14", "start_time": "09:00", "end_time": "12:00"},
    )
    assert response.status_code == 403
    assert not PresenceDay.objects.exists()


def test_planning_pdf_is_an_attachment_without_pupil_data(ctx, meeting):
    response = signed_in_client(ctx.ib).get(
        _url("planning_pdf", ctx) + f"?jaar={planning.school_year_of(meeting.date)}"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    year = planning.school_year_label(planning.school_year_of(meeting.date))
    assert response["Content-Disposition"] == (
        f'attachment; filename="jaarplanning-{ctx.school.brin}-{year}.pdf"'
    )


def test_planning_page_never_shows_the_agenda(ctx, meeting):
    year = planning.school_year_of(meeting.date)
    page = signed_in_client(ctx.ib).get(_url("planning", ctx) + f"?jaar={year}").content.decode()
    assert meeting.status == MeetingStatus.PLANNED
    assert "Knooppuntoverleg (casuïstiek)" in page
    assert CANARY not in page and ctx.pupil.last_name not in page
    # Moving or cancelling a meeting happens on its own page.
    assert reverse("meetings:meeting_detail", kwargs={"meeting_uuid": meeting.uuid}) in page
