"""The demo's gezinsplan: Sam de Vries's plan, drafted by the SMW regisseur with the family
and waiting for both parents' signatures."""

import datetime

from django.utils import timezone

from cases.models import Case
from gezinsplan import services
from gezinsplan.constants import Letter, ResultArea
from gezinsplan.models import Gezinsplan


def build_demo_plan(*, accounts: dict) -> None:
    case = Case.objects.filter(pupil__first_name="Sam", pupil__last_name="de Vries").first()
    if case is None or Gezinsplan.objects.filter(case=case).exists():
        return
    smw = accounts["smw@vuurtoren.example"]
    by = smw.user
    today = timezone.localdate()
    plan = services.plan_draft(
        case=case,
        regisseur=smw,
        drafted_by=by,
        start_date=today,
        evaluation_dates=[(today + datetime.timedelta(days=90)).isoformat()],
        end_date=today + datetime.timedelta(days=180),
        huisarts="Huisartsenpraktijk Het Anker",
        huisarts_consent=True,
        jeugdarts="JGZ Zuid-Limburg",
        jeugdarts_consent=False,
        network="Oma de Vries (woont in de straat) helpt op woensdagmiddag.",
        organisations="School, schoolmaatschappelijk werk",
    )
    pupil = case.pupil
    mother = services.member_add(
        plan=plan, added_by=by, name="Linda de Vries", relation="moeder", has_gezag=True
    )
    services.member_add(
        plan=plan, added_by=by, name="Erik de Vries", relation="vader", has_gezag=True
    )
    child = services.member_add(
        plan=plan,
        added_by=by,
        name=f"{pupil.first_name} {pupil.last_name}",
        relation="kind",
        birth_date=pupil.birth_date,
    )
    services.goal_add(
        plan=plan,
        added_by=by,
        members=[mother, child],
        area=ResultArea.DAILY_ACTIVITIES,
        letter=Letter.A,
        subgoal="Rust en een vast ritme in huis",
        smart_goal="Sam gaat vier weken lang elke schooldag om 19.30 uur naar bed.",
        by_whom="Moeder, met hulp van het SMW",
        start=today,
        done_by=today + datetime.timedelta(days=28),
    )
    services.goal_add(
        plan=plan,
        added_by=by,
        members=[child],
        area=ResultArea.NETWORK,
        letter=Letter.A,
        subgoal="Sam speelt na school met vrienden",
        smart_goal="Sam speelt twee middagen per week na school met een vriend.",
        by_whom="Ouders",
        start=today,
        done_by=today + datetime.timedelta(days=60),
    )
