"""The demo's TLV requests at IKC De Vuurtoren (docs/domain.md, "TLV and toeleiding"), built
through the real services so the states, rights and logs are what the flow makes:

- Mees Janssen (level 5): advice confirmed, the decision is due -- the trajectbegeleider's queue
  shows the deadline;
- Fenna Vos (level 4): decided, granted, with its decision letter;
- Luuk Peeters (level 4): offered for signature -- the procesbegeleider's list.
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from cases import services as case_services
from cases.access import Actor
from cases.constants import Complexity, Status
from pupils import services as pupil_services
from pupils.models import Pupil
from tlv import services
from tlv.access import dossier_access_for
from tlv.constants import Expertise, OppRegie, State, TlvKind, Verdict
from tlv.models import Dossier
from tlv.workdays import add_working_days, subtract_working_days

DEMO_MARKER = "DEMO-INHOUD"

# A one-page PDF, so the dossier has the attachment the completeness check asks for.
DEMO_PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

# first name, last name, age, level, the state to walk the request to
PUPILS = [
    ("Mees", "Janssen", 10, 5, State.DECISION_DUE),
    ("Fenna", "Vos", 9, 4, State.DECIDED),
    ("Luuk", "Peeters", 8, 4, State.TO_SIGN),
]


def _dossier_text(first: str) -> dict:
    text = {
        "signals": f"{DEMO_MARKER}: {first} raakt in de groep snel overprikkeld en loopt weg.",
        "observations": f"{DEMO_MARKER}: observatie door de orthopedagoog in de groep.",
        "research": f"{DEMO_MARKER}: intelligentieonderzoek en didactisch onderzoek afgerond.",
        "analysis": f"{DEMO_MARKER}: de ondersteuningsbehoefte overstijgt de school.",
        "goals": f"{DEMO_MARKER}: rustig werken in een kleine groep; zelfstandig een taak afmaken.",
        "planned_action": f"{DEMO_MARKER}: prikkelarme werkplek, dagplanning met pictogrammen.",
        "monitoring": f"{DEMO_MARKER}: wekelijks gesprek leerkracht en IB'er.",
        "evaluations": f"{DEMO_MARKER}: na zes weken onvoldoende vooruitgang.",
        "need_education": f"{DEMO_MARKER}: kleine groep met veel structuur.",
        "need_care": f"{DEMO_MARKER}: begeleiding thuis bij dagritme.",
        "level_1": f"{DEMO_MARKER}: afspraken in de groep, beperkt resultaat.",
        "level_2": f"{DEMO_MARKER}: extra instructie in een kleine groep, beperkt resultaat.",
        "level_3": f"{DEMO_MARKER}: handelingsplan met de IB'er, geen blijvend resultaat.",
        "level_4": f"{DEMO_MARKER}: knooppunt met SMW en orthopedagoog; ondersteuning uitgeput.",
    }
    return text | {"parents_agree": True}


@transaction.atomic
def build_demo_tlv(*, accounts: dict, schools: dict) -> None:
    school = schools["99VT"]
    if Pupil.objects.filter(school=school, first_name="Fenna", last_name="Vos").exists():
        return  # idempotent: the demo requests exist already
    ib = accounts["ib@vuurtoren.example"].user
    procesbegeleider = accounts["procesbegeleider@vuurtoren.example"].user
    trajectbegeleider = accounts["trajectbegeleider@vuurtoren.example"].user
    orthopedagoog = accounts["orthopedagoog@vuurtoren.example"]
    deskundige = accounts["deskundige@vuurtoren.example"]
    receiving = schools["99BR"]
    today = timezone.localdate()

    def gate(user, dossier):
        return dossier_access_for(Actor.of(user), dossier.uuid)

    for first, last, age, level, state in PUPILS:
        pupil = pupil_services.pupil_register(
            school=school,
            first_name=first,
            last_name=last,
            birth_date=datetime.date(today.year - age, 3, 1),
            group=f"groep {age - 4}",
            registered_by=ib,
        )
        case = case_services.case_open(
            pupil=pupil,
            opened_by=ib,
            level=level,
            complexity=Complexity.MEERVOUDIG,
            question=f"{DEMO_MARKER}: hulpvraag van de familie {last}.",
            leervraag=True,
            leefvraag=True,
            parents_informed=True,
        )
        case_services.case_transition(case=case, to=Status.UITVOERING, changed_by=ib)
        dossier = services.dossier_start(actor=Actor.of(ib), case=case)
        services.dossier_update(access=gate(ib, dossier), **_dossier_text(first))
        services.attachment_add(
            access=gate(ib, dossier),
            upload=SimpleUploadedFile("verslag.pdf", DEMO_PDF, content_type="application/pdf"),
            kind="verslag",
            description="Verslag onderzoek orthopedagoog",
        )
        services.dossier_offer(access=gate(ib, dossier))
        if state == State.TO_SIGN:
            continue
        # Mees's term runs (three working days gone); Fenna's was decided within it.
        confirmed = subtract_working_days(today, 3 if state == State.DECISION_DUE else 12)
        services.dossier_sign(access=gate(procesbegeleider, dossier), levels_confirmed=True)
        # Signed a week before the advice was confirmed: back-dating is demo-only, hence the
        # bare update (the history keeps the real moment of signing).
        signed = timezone.make_aware(
            datetime.datetime.combine(subtract_working_days(confirmed, 5), datetime.time(10))
        )
        Dossier.objects.filter(pk=dossier.pk).update(signed_at=signed, submitted_at=signed)
        services.dossier_take(access=gate(trajectbegeleider, dossier))
        for expert, expertise in (
            (orthopedagoog, Expertise.ORTHOPEDAGOOG),
            (deskundige, Expertise.KINDERPSYCHIATER),
        ):
            services.expert_name(
                access=gate(trajectbegeleider, dossier), expert=expert, expertise=expertise
            )
            services.advice_give(
                access=gate(expert.user, dossier),
                verdict=Verdict.GRANT,
                motivation=f"{DEMO_MARKER}: toelaatbaar tot het SBO.",
                given_on=subtract_working_days(confirmed, 1),
            )
        services.advice_confirm(access=gate(trajectbegeleider, dossier), day=confirmed)
        if state == State.DECIDED:
            decided = add_working_days(confirmed, 6)
            services.decision_record(
                access=gate(trajectbegeleider, dossier),
                day=decided,
                granted=True,
                kind=TlvKind.SBO,
                receiving_school=receiving,
                placement_date=decided + datetime.timedelta(days=28),
                valid_from=decided + datetime.timedelta(days=28),
                valid_until=datetime.date(decided.year + 2, 7, 31),
                return_perspective=f"{DEMO_MARKER}: na twee jaar terug naar het regulier.",
                transport="Aangepast vervoer via de gemeente.",
                opp_regie=OppRegie.SCHOOL,
                motivation=f"{DEMO_MARKER}: eensgezind advies van beide deskundigen.",
            )
