"""The demo's cases: the "dat, niet wat" rule at work at IKC De Vuurtoren.

Sam de Vries's case has the words DEMO-INHOUD in its content. School social work is involved
with consent and sees it; the youth doctor is involved without consent and sees only that the
case exists; the truancy officer is not involved and does not see the case at all.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from cases import services
from cases.constants import Complexity, InvolvementRole, RegieKind, Status
from cases.models import Case
from consent.constants import Decision, Method, Purpose
from consent.services import consent_record
from pupils import services as pupil_services
from pupils.models import Pupil

DEMO_MARKER = "DEMO-INHOUD"


def _years_ago(years: int, month: int, day: int) -> datetime.date:
    return datetime.date(timezone.localdate().year - years, month, day)


@transaction.atomic
def build_demo_cases(*, accounts: dict, schools: dict) -> None:
    school = schools["99VT"]
    if Pupil.objects.filter(school=school, first_name="Sam", last_name="de Vries").exists():
        return  # idempotent: the demo cases exist already
    ib = accounts["ib@vuurtoren.example"]
    smw = accounts["smw@vuurtoren.example"]
    jeugdarts = accounts["jeugdarts@vuurtoren.example"]
    by = ib.user

    sam = pupil_services.pupil_register(
        school=school,
        first_name="Sam",
        last_name="de Vries",
        birth_date=_years_ago(9, 4, 12),
        group="groep 5",
        registered_by=by,
    )
    mother = pupil_services.guardian_add(
        pupil=sam,
        name="Linda de Vries",
        relation="moeder",
        has_gezag=True,
        added_by=by,
        email="linda.devries@ouders.example",
    )
    pupil_services.guardian_add(
        pupil=sam, name="Erik de Vries", relation="vader", has_gezag=True, added_by=by
    )
    case = services.case_open(
        pupil=sam,
        opened_by=by,
        level=3,
        leefvraag=True,
        complexity=Complexity.MEERVOUDIG,
        question=f"{DEMO_MARKER}: Sam is sinds de zomer vaak moe en stil in de klas. "
        "Thuis is er veel spanning sinds vader zijn werk kwijt is.",
        foto=f"{DEMO_MARKER}: Sam speelt graag buiten en heeft twee goede vrienden. "
        "Moeder vraagt hulp bij rust en structuur thuis.",
        parents_informed=True,
    )
    consent_record(
        pupil=sam,
        purpose=Purpose.DISCUSS,
        guardian=mother,
        decision=Decision.GIVEN,
        method=Method.PAPER,
        recorded_by=by,
    )
    consent_record(
        pupil=sam,
        purpose=Purpose.SHARE,
        recipient=smw.organisation,
        guardian=mother,
        decision=Decision.GIVEN,
        method=Method.PAPER,
        recorded_by=by,
    )
    services.involvement_add(
        case=case,
        organisation=smw.organisation,
        professional=smw,
        role=InvolvementRole.GEZIN,
        added_by=by,
    )
    services.involvement_add(
        case=case,
        organisation=jeugdarts.organisation,
        professional=jeugdarts,
        role=InvolvementRole.JGZ,
        added_by=by,
    )
    services.regie_assign(
        case=case,
        kind=RegieKind.PROCES,
        professional=smw,
        agreed_with_parents=True,
        assigned_by=by,
    )
    services.case_transition(case=case, to=Status.UITVOERING, changed_by=by)
    today = timezone.localdate()
    services.werkafspraak_add(
        case=case,
        author=by,
        assignee_professional=smw,
        what=f"{DEMO_MARKER}: twee gesprekken met moeder over rust en structuur thuis",
        why="Spanning thuis verminderen",
        due_date=today + datetime.timedelta(days=21),
        evaluation_date=today + datetime.timedelta(days=42),
    )
    services.progress_note_add(
        case=case,
        author=smw.user,
        text=f"{DEMO_MARKER}: eerste huisbezoek gehad; moeder staat open voor ondersteuning.",
    )

    others = [
        ("Noor", "Jansen", 7, Status.SIGNAAL, 2, {"leervraag": True}),
        ("Daan", "Bakker", 10, Status.AANGEMELD, 3, {"leervraag": True, "leefvraag": True}),
        ("Lisa", "Smeets", 11, Status.AFGESLOTEN, 2, {"leervraag": True}),
        ("Yara", "El Idrissi", 8, Status.UITVOERING, 4, {"leefvraag": True}),
    ]
    for first, last, age, status, level, kinds in others:
        pupil = pupil_services.pupil_register(
            school=school,
            first_name=first,
            last_name=last,
            birth_date=_years_ago(age, 9, 1),
            registered_by=by,
        )
        other = services.case_open(
            pupil=pupil,
            opened_by=by,
            level=level,
            complexity=Complexity.ENKELVOUDIG,
            question=f"{DEMO_MARKER}: hulpvraag van de familie {last}.",
            parents_informed=status != Status.SIGNAAL,
            **kinds,
        )
        path = {
            Status.SIGNAAL: [],
            Status.AANGEMELD: [Status.AANGEMELD],
            Status.UITVOERING: [Status.UITVOERING],
            Status.AFGESLOTEN: [Status.UITVOERING, Status.AFGESLOTEN],
        }[status]
        for step in path:
            services.case_transition(
                case=other,
                to=step,
                changed_by=by,
                reason="Doelen behaald; ondersteuning afgeschaald."
                if step == Status.AFGESLOTEN
                else "",
            )
    # Yara's case has run for four months without evaluation, so the list flags it. Back-dating
    # the opening date is demo-only, hence the bare update.
    Case.objects.filter(pupil__first_name="Yara", school=school).update(
        opened_at=timezone.now() - datetime.timedelta(days=120)
    )
