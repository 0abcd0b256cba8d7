"""The seeded gezinsplannen (cases in execution with a social worker) and TLV dossiers (cases
passed on to the samenwerkingsverband), spread over every stage."""

import datetime

from cases.constants import Status
from cases.models import Case
from gezinsplan.constants import Letter, ResultArea
from gezinsplan.models import Gezinsplan, PlanGoal, PlanMember
from knooppunt.region.draw import Draw, insert
from knooppunt.region.people import Region
from knooppunt.region.stories import SMW, Story
from pupils.models import Guardian, Pupil
from tlv.constants import AT_SWV, State
from tlv.models import Dossier

AFTER_SIGNING = AT_SWV
WITH_TRAJECTBEGELEIDER = AT_SWV - {State.SUBMITTED}


def build_plans(
    draw: Draw,
    region: Region,
    stories: list[Story],
    cases: list[Case],
    pupils: list[Pupil],
    families: list[list[Guardian]],
    day: datetime.date,
) -> None:
    plans, members, goals, links = [], [], [], []
    for case, story, pupil, family in zip(cases, stories, pupils, families, strict=True):
        if story.status not in (Status.UITVOERING, Status.EVALUATIE) or SMW not in story.involved:
            continue
        if not draw.chance(0.3):
            continue
        plan = Gezinsplan(
            uuid=draw.uuid(),
            case_id=case.pk,
            regisseur_id=story.home.partners[SMW].pk,
            start_date=story.opened + datetime.timedelta(days=30),
            evaluation_dates=[(day + datetime.timedelta(days=60)).isoformat()],
            network="Oma helpt met halen en brengen.",
            organisations="School, schoolmaatschappelijk werk",
        )
        plans.append(plan)
        people = [
            (plan, PlanMember(uuid=draw.uuid(), position=0, name=str(pupil), relation="kind")),
            *(
                (
                    plan,
                    PlanMember(
                        uuid=draw.uuid(),
                        position=n + 1,
                        name=guardian.name,
                        relation=guardian.relation,
                        has_gezag=guardian.has_gezag,
                    ),
                )
                for n, guardian in enumerate(family)
            ),
        ]
        members.extend(people)
        for area in draw.sample(list(ResultArea), 2):
            goal = PlanGoal(
                uuid=draw.uuid(),
                area=area,
                letter=Letter.A,
                subgoal="Een vast ritme in de ochtend.",
                smart_goal="Binnen acht weken is het kind vier van de vijf dagen op tijd.",
                by_whom="Ouders met steun van SMW",
                start=plan.start_date,
                done_by=plan.start_date + datetime.timedelta(days=56),
            )
            goals.append((plan, goal))
            links.append((goal, people[0][1]))
    insert(Gezinsplan, plans, by=region.admin)
    for plan, member in members:
        member.plan_id = plan.pk
    insert(PlanMember, [m for _p, m in members], by=region.admin)
    for plan, goal in goals:
        goal.plan_id = plan.pk
    insert(PlanGoal, [g for _p, g in goals], by=region.admin)
    through = PlanGoal.members.through
    through.objects.bulk_create(
        [through(plangoal_id=g.pk, planmember_id=m.pk) for g, m in links], batch_size=5000
    )
    _dossiers(draw, region, stories, cases, day)


def _dossiers(draw: Draw, region: Region, stories: list[Story], cases: list[Case], day) -> None:
    states = list(State)
    dossiers = []
    for case, story in zip(cases, stories, strict=True):
        if story.status != Status.DOORGEZET_TLV:
            continue
        state = states[len(dossiers) % len(states)]
        swv = story.home.swv
        started = story.opened + datetime.timedelta(days=60)
        signed = state in AFTER_SIGNING
        dossiers.append(
            Dossier(
                uuid=draw.uuid(),
                case_id=case.pk,
                samenwerkingsverband_id=swv.pk,
                state=state,
                started_by_id=story.home.ib.user_id,
                started_at=draw.moment(started),
                signals="Signalen uit de groep en thuis.",
                analysis="De ondersteuningsbehoefte is groter dan de school kan bieden.",
                levels_confirmed=signed,
                parents_agree=signed,
                signed_by_id=region.procesbegeleiders[story.home.school.bestuur_id].user_id
                if signed
                else None,
                signed_at=draw.moment(started + datetime.timedelta(days=10)) if signed else None,
                submitted_at=draw.moment(started + datetime.timedelta(days=11)) if signed else None,
                trajectbegeleider_id=draw.choice(region.trajectbegeleiders[swv.pk]).user_id
                if state in WITH_TRAJECTBEGELEIDER
                else None,
                deadline=day + datetime.timedelta(days=14) if signed else None,
            )
        )
    insert(Dossier, dossiers, by=region.admin)
