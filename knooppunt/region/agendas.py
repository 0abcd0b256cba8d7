"""The seeded year planning: per school a monthly knooppunt in the current school year, held
ones with their record, planned ones with agendas, and the invited professionals and parents."""

import datetime

from cases.models import Case
from knooppunt.region.draw import Draw, insert
from knooppunt.region.people import Region
from knooppunt.region.stories import Story
from meetings.constants import MeetingStatus, MeetingType, PlanningKind, WeekOfMonth
from meetings.models import AgendaItem, Attendee, Meeting, PlanningRule
from meetings.planning import rule_dates, school_year_of
from pupils.models import Guardian

ITEMS_PER_MEETING = 5
ON_THE_TABLE = {"aangemeld", "uitvoering", "evaluatie"}


def build_agendas(
    draw: Draw,
    region: Region,
    stories: list[Story],
    cases: list[Case],
    families: list[list[Guardian]],
    day: datetime.date,
) -> list[Meeting]:
    rules = [
        PlanningRule(
            uuid=draw.uuid(),
            school_id=entry.school.pk,
            school_year=school_year_of(day),
            kind=PlanningKind.MEETING,
            meeting_type=MeetingType.CASUISTIEK,
            weekday=draw.randint(0, 4),
            week_of_month=draw.choice([WeekOfMonth.FIRST, WeekOfMonth.SECOND, WeekOfMonth.THIRD]),
            start_time=datetime.time(9),
            end_time=datetime.time(12),
            location="Teamkamer",
            created_by_id=entry.ib.user_id,
        )
        for entry in region.schools
    ]
    insert(PlanningRule, rules, by=region.admin)
    table: dict[int, list[tuple[Case, Story, list[Guardian]]]] = {}
    for case, story, family in zip(cases, stories, families, strict=True):
        if story.status in ON_THE_TABLE and story.discuss and not story.refused:
            table.setdefault(story.home.school.pk, []).append((case, story, family))
    meetings, planned = [], []
    for rule, entry in zip(rules, region.schools, strict=True):
        for date in rule_dates(rule):
            meeting = Meeting(
                uuid=draw.uuid(),
                school_id=entry.school.pk,
                rule_id=rule.pk,
                type=MeetingType.CASUISTIEK,
                date=date,
                start_time=rule.start_time,
                end_time=rule.end_time,
                location=rule.location,
                chair_id=entry.ib.user_id,
                status=MeetingStatus.HELD if date < day else MeetingStatus.PLANNED,
                created_by_id=entry.ib.user_id,
            )
            meetings.append(meeting)
            candidates = table.get(entry.school.pk, [])
            planned.append(draw.sample(candidates, min(ITEMS_PER_MEETING, len(candidates))))
    insert(Meeting, meetings, by=region.admin)
    _items(draw, region, meetings, planned)
    return meetings


def _items(draw: Draw, region: Region, meetings: list[Meeting], planned: list) -> None:
    items, attendees, links = [], [], []
    for meeting, chosen in zip(meetings, planned, strict=True):
        invited: dict[tuple, Attendee] = {}
        for position, (case, story, family) in enumerate(chosen):
            start = datetime.datetime.combine(meeting.date, meeting.start_time)
            start += datetime.timedelta(minutes=30 * position)
            held = meeting.status == MeetingStatus.HELD
            item = AgendaItem(
                uuid=draw.uuid(),
                meeting_id=meeting.pk,
                position=position,
                case_id=case.pk,
                start_time=start.time(),
                end_time=(start + datetime.timedelta(minutes=30)).time(),
                decisions="SMW start met gesprekken thuis." if held else "",
                minutes="Besproken met ouders en partners." if held else "",
            )
            items.append(item)
            people = [("user", story.home.partners[p]) for p in story.involved[:2]]
            people.append(("guardian", family[0]))
            for kind, who in people:
                key = (kind, who.pk)
                if key not in invited:
                    invited[key] = Attendee(
                        uuid=draw.uuid(),
                        meeting_id=meeting.pk,
                        user_id=who.user_id if kind == "user" else None,
                        organisation_id=who.organisation_id if kind == "user" else None,
                        guardian_id=who.pk if kind == "guardian" else None,
                        name=f"Genodigde {len(attendees) + len(invited) + 1}",
                        email=f"genodigde.{meeting.pk}.{len(invited)}@regio.example",
                        token=f"{draw.getrandbits(256):064x}",
                    )
                links.append((invited[key], item))
        attendees.extend(invited.values())
    insert(AgendaItem, items, by=region.admin)
    insert(Attendee, attendees, by=region.admin)
    through = Attendee.items.through
    through.objects.bulk_create(
        [through(attendee_id=a.pk, agendaitem_id=i.pk) for a, i in links], batch_size=5000
    )
