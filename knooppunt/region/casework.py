"""The seeded cases and the work on them: involvements, regie, werkafspraken, progress notes,
feedback asked of care providers, and each case's history along the road it took."""

import datetime

from cases.constants import (
    Complexity,
    InvolvementRole,
    RegieKind,
    Status,
    WerkafspraakStatus,
)
from cases.models import Case, FeedbackRequest, Involvement, ProgressNote, Regie, Werkafspraak
from knooppunt.region.draw import Draw, insert
from knooppunt.region.people import Region
from knooppunt.region.stories import (
    CONSULENT,
    HULPVERLENER,
    JEUGDARTS,
    JGZ_NURSE,
    LEERPLICHT,
    ROADS,
    SMW,
    VEILIG_THUIS,
    Story,
)
from pupils.models import Guardian, Pupil

ROLES = {
    SMW: InvolvementRole.SMW,
    JEUGDARTS: InvolvementRole.JGZ,
    JGZ_NURSE: InvolvementRole.JGZ,
    CONSULENT: InvolvementRole.TOEGANG,
    LEERPLICHT: InvolvementRole.LEERPLICHT,
    HULPVERLENER: InvolvementRole.HULPVERLENING,
    VEILIG_THUIS: InvolvementRole.VEILIGHEID,
}
QUESTIONS = (
    "Hoe helpen we het kind om weer met plezier naar school te gaan?",
    "Wat heeft het gezin nodig om de ochtenden rustiger te laten verlopen?",
    "Hoe kan het kind beter leren lezen, ook thuis?",
    "Hoe houden we de concentratie in de klas vast?",
    "Wat helpt het kind bij ruzies op het plein?",
)
DAY = datetime.timedelta(days=1)


def _step_days(story: Story, day: datetime.date) -> list[datetime.date]:
    """The day of each step on the story's road, spread from the opening to today."""
    road = ROADS[story.status]
    span = max((day - story.opened).days, len(road))
    return [story.opened + datetime.timedelta(days=span * i // len(road)) for i in range(len(road))]


def build_cases(
    draw: Draw,
    region: Region,
    stories: list[Story],
    pupils: list[Pupil],
    families: list[list[Guardian]],
    day: datetime.date,
) -> list[Case]:
    cases = []
    for story, pupil in zip(stories, pupils, strict=True):
        closed = story.status == Status.AFGESLOTEN
        steps = _step_days(story, day)
        cases.append(
            Case(
                uuid=draw.uuid(),
                pupil=pupil,
                school=story.home.school,
                opened_by_id=story.home.ib.user_id,
                opened_at=draw.moment(story.opened),
                level=story.level,
                leervraag=draw.chance(0.6),
                leefvraag=draw.chance(0.6),
                complexity=draw.choice(list(Complexity)),
                question=draw.choice(QUESTIONS),
                foto="Het kind is vriendelijk en leergierig; thuis is het soms onrustig.",
                parents_informed=story.status != Status.SIGNAAL,
                status=story.status,
                version=len(steps),
                closing_reason="De hulpvraag is beantwoord." if closed else "",
                closed_at=draw.moment(steps[-1]) if closed else None,
            )
        )
        last = cases[-1]
        last.leervraag = last.leervraag or not last.leefvraag
    Case.objects.bulk_create(cases, batch_size=5000)
    _history(draw, cases, stories, day)
    _work(draw, region, cases, stories, families, day)
    return cases


def _history(draw: Draw, cases: list[Case], stories: list[Story], day: datetime.date) -> None:
    """One history row per step on the road: created as a signal, then each status change."""
    historical = Case.history.model
    rows = []
    for case, story in zip(cases, stories, strict=True):
        fields = {f.attname: getattr(case, f.attname) for f in historical.tracked_fields}
        for n, (status, when) in enumerate(
            zip(ROADS[story.status], _step_days(story, day), strict=True)
        ):
            step = {
                **fields,
                "status": status,
                "version": n + 1,
                "closed_at": case.closed_at if status == Status.AFGESLOTEN else None,
                "closing_reason": case.closing_reason if status == Status.AFGESLOTEN else "",
            }
            rows.append(
                historical(
                    **step,
                    history_date=draw.moment(when),
                    history_type="+" if n == 0 else "~",
                    history_user_id=case.opened_by_id,
                )
            )
    historical.objects.bulk_create(rows, batch_size=5000)


def _work(draw, region, cases, stories, families, day) -> None:
    involvements, regie, afspraken, notes, feedback = [], [], [], [], []
    for case, story, family in zip(cases, stories, families, strict=True):
        if not story.working:
            continue
        home = story.home
        closed = story.status == Status.AFGESLOTEN
        steps = _step_days(story, day)
        start = steps[2]
        end = steps[-1] if closed else None
        for partner in story.involved:
            member = home.partners[partner]
            involvements.append(
                Involvement(
                    uuid=draw.uuid(),
                    case_id=case.pk,
                    organisation_id=member.organisation_id,
                    professional_id=member.pk,
                    role=ROLES[partner],
                    start=start,
                    end=end,
                )
            )
        if draw.chance(0.3):
            teacher = draw.choice(home.leerkrachten)
            involvements.append(
                Involvement(
                    uuid=draw.uuid(),
                    case_id=case.pk,
                    organisation_id=teacher.organisation_id,
                    professional_id=teacher.pk,
                    role=InvolvementRole.ONDERWIJS,
                    start=start,
                    end=end,
                )
            )
        if len(steps) >= 4:
            smw = home.partners[SMW] if SMW in story.involved else home.ib
            regie.append(
                Regie(
                    uuid=draw.uuid(),
                    case_id=case.pk,
                    kind=RegieKind.PROCES,
                    professional_id=home.ib.pk,
                    start=steps[3],
                    end=end,
                    agreed_with_parents=True,
                )
            )
            by_parent = draw.chance(0.15)
            regie.append(
                Regie(
                    uuid=draw.uuid(),
                    case_id=case.pk,
                    kind=RegieKind.CASUS,
                    professional_id=None if by_parent else smw.pk,
                    guardian_id=family[0].pk if by_parent else None,
                    start=steps[3],
                    end=end,
                    agreed_with_parents=True,
                )
            )
        for n in range(draw.randint(1, 3)):
            due = start + datetime.timedelta(days=draw.randint(14, 120))
            status = (
                WerkafspraakStatus.EVALUATED
                if closed
                else draw.choice(
                    [WerkafspraakStatus.OPEN, WerkafspraakStatus.OPEN, WerkafspraakStatus.DONE]
                )
            )
            afspraken.append(
                Werkafspraak(
                    uuid=draw.uuid(),
                    case_id=case.pk,
                    who="IB'er" if n == 0 else "Schoolmaatschappelijk werk",
                    what="Gesprek met ouders en kind over de voortgang.",
                    why="Zo blijft iedereen op de hoogte.",
                    due_date=due,
                    evaluation_date=due + datetime.timedelta(days=30),
                    status=status,
                    outcome="Afgerond." if status != WerkafspraakStatus.OPEN else "",
                    author_organisation_id=home.school.organisation_id,
                    created_at=draw.moment(start),
                )
            )
        if len(steps) >= 4:
            for _n in range(draw.randint(0, 3)):
                author = home.partners[SMW] if SMW in story.involved else home.ib
                notes.append(
                    ProgressNote(
                        uuid=draw.uuid(),
                        case_id=case.pk,
                        text="Huisbezoek gehad; het gaat iets beter met het slapen.",
                        author_id=author.user_id,
                        author_organisation_id=author.organisation_id,
                        created_at=draw.moment(draw.days_before(day, 1, (day - start).days + 1)),
                    )
                )
        if HULPVERLENER in story.involved:
            feedback.append(
                FeedbackRequest(
                    uuid=draw.uuid(),
                    case_id=case.pk,
                    organisation_id=home.partners[HULPVERLENER].organisation_id,
                    due_date=start + datetime.timedelta(days=42),
                    received_at=None if draw.chance(0.5) else start + datetime.timedelta(days=40),
                    requested_by_id=home.ib.user_id,
                    created_at=draw.moment(start),
                )
            )
    for model, rows in (
        (Involvement, involvements),
        (Regie, regie),
        (Werkafspraak, afspraken),
        (ProgressNote, notes),
        (FeedbackRequest, feedback),
    ):
        insert(model, rows, by=region.admin)
