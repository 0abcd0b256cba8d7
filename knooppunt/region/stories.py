"""What happens to each seeded pupil: the status their case reached and who works on it. The
later steps (families, casework, agendas, plans) all read the same story."""

import datetime
from dataclasses import dataclass, field

from cases.constants import Status
from knooppunt.region.draw import Draw
from knooppunt.region.people import Region, SchoolPeople
from partners.constants import Function, OrganisationKind

PUPILS_PER_SCHOOL = 250

# Status -> share of cases; every status occurs.
STATUS_SHARES = {
    Status.SIGNAAL: 0.10,
    Status.BESPROKEN: 0.10,
    Status.AANGEMELD: 0.15,
    Status.UITVOERING: 0.28,
    Status.EVALUATIE: 0.10,
    Status.DOORGEZET_LOKET: 0.05,
    Status.DOORGEZET_TLV: 0.05,
    Status.AFGESLOTEN: 0.17,
}
# The road a case took to its status (docs/domain.md, "The knooppunt"): one history row a step.
ROADS = {
    Status.SIGNAAL: [Status.SIGNAAL],
    Status.BESPROKEN: [Status.SIGNAAL, Status.BESPROKEN],
    Status.AANGEMELD: [Status.SIGNAAL, Status.BESPROKEN, Status.AANGEMELD],
    Status.UITVOERING: [Status.SIGNAAL, Status.BESPROKEN, Status.AANGEMELD, Status.UITVOERING],
    Status.EVALUATIE: [
        Status.SIGNAAL,
        Status.BESPROKEN,
        Status.AANGEMELD,
        Status.UITVOERING,
        Status.EVALUATIE,
    ],
    Status.DOORGEZET_LOKET: [
        Status.SIGNAAL,
        Status.BESPROKEN,
        Status.AANGEMELD,
        Status.UITVOERING,
        Status.DOORGEZET_LOKET,
    ],
    Status.DOORGEZET_TLV: [
        Status.SIGNAAL,
        Status.BESPROKEN,
        Status.AANGEMELD,
        Status.UITVOERING,
        Status.DOORGEZET_TLV,
    ],
    Status.AFGESLOTEN: [
        Status.SIGNAAL,
        Status.BESPROKEN,
        Status.AANGEMELD,
        Status.UITVOERING,
        Status.AFGESLOTEN,
    ],
}
# From this status on, the parents have been asked and partners work on the case.
WORKING = {s for s, road in ROADS.items() if Status.AANGEMELD in road}

SMW = (OrganisationKind.SMW, Function.SMW)
JEUGDARTS = (OrganisationKind.JGZ, Function.JEUGDARTS)
JGZ_NURSE = (OrganisationKind.JGZ, Function.JEUGDVERPLEEGKUNDIGE)
CONSULENT = (OrganisationKind.TOEGANG, Function.CONSULENT)
LEERPLICHT = (OrganisationKind.LEERPLICHT, Function.LEERPLICHTAMBTENAAR)
HULPVERLENER = (OrganisationKind.ZORGAANBIEDER, Function.HULPVERLENER)
VEILIG_THUIS = (OrganisationKind.VEILIG_THUIS, Function.CONSULENT)


@dataclass
class Story:
    index: int
    home: SchoolPeople
    status: str
    opened: datetime.date
    birth_date: datetime.date
    level: int
    # The partner functions involved in the case (keys of SchoolPeople.partners).
    involved: list[tuple[str, str]] = field(default_factory=list)
    # Partner functions whose organisation the parents allowed to share with.
    shared: list[tuple[str, str]] = field(default_factory=list)
    discuss: bool = False
    refused: bool = False
    safety: bool = False
    truancy: bool = False

    @property
    def working(self) -> bool:
        return self.status in WORKING


def _status(draw: Draw) -> str:
    roll, total = draw.random(), 0.0
    for status, share in STATUS_SHARES.items():
        total += share
        if roll < total:
            return status
    return Status.AFGESLOTEN


def tell_stories(draw: Draw, region: Region, day: datetime.date) -> list[Story]:
    stories = []
    for home in region.schools:
        for _ in range(PUPILS_PER_SCHOOL):
            status = _status(draw)
            story = Story(
                index=len(stories),
                home=home,
                status=status,
                opened=draw.days_before(day, 20, 700),
                birth_date=draw.days_before(day, 4 * 365, 13 * 365),
                level=draw.randint(4, 5) if status == Status.DOORGEZET_TLV else draw.randint(2, 4),
            )
            if story.working:
                story.involved = [SMW] if draw.chance(0.85) else []
                for partner, p in ((JEUGDARTS, 0.35), (JGZ_NURSE, 0.2), (CONSULENT, 0.2)):
                    if draw.chance(p):
                        story.involved.append(partner)
                if draw.chance(0.04):
                    story.involved.append(LEERPLICHT)
                    story.truancy = True
                if draw.chance(0.1):
                    story.involved.append(HULPVERLENER)
                if draw.chance(0.01):
                    story.involved.append(VEILIG_THUIS)
                    story.safety = True
                story.refused = draw.chance(0.05)
                story.discuss = not story.refused or story.safety
                story.shared = [p for p in story.involved if draw.chance(0.75)]
            elif status == Status.BESPROKEN:
                story.discuss = draw.chance(0.6)
            stories.append(story)
    return stories
