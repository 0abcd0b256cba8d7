"""The seeded pupils, their parents, and what the parents decided about consent."""

import datetime

from consent.constants import Decision, LegalBasisKind, Method, Purpose
from consent.models import ConsentDecision, LegalBasis
from consent.rules import age_on
from knooppunt.region.draw import Draw, insert
from knooppunt.region.people import Region
from knooppunt.region.stories import LEERPLICHT, VEILIG_THUIS, Story
from pupils.models import Guardian, Pupil


def build_families(
    draw: Draw, region: Region, stories: list[Story], day: datetime.date
) -> tuple[list[Pupil], list[list[Guardian]]]:
    pupils = []
    for story in stories:
        pupils.append(
            Pupil(
                uuid=draw.uuid(),
                first_name=draw.first_name(),
                last_name=draw.last_name(),
                birth_date=story.birth_date,
                school_id=story.home.school.pk,
                group=f"groep {min(8, max(1, age_on(story.birth_date, day) - 4))}",
            )
        )
    insert(Pupil, pupils, by=region.admin)
    families = []
    guardians = []
    for pupil in pupils:
        family = [
            Guardian(
                uuid=draw.uuid(),
                pupil_id=pupil.pk,
                name=f"{draw.first_name()} {pupil.last_name}",
                relation=relation,
                has_gezag=relation == "moeder" or draw.chance(0.9),
                email=f"ouder.{pupil.pk}.{relation}@ouders.example",
            )
            for relation in ("moeder", "vader")
        ]
        families.append(family)
        guardians.extend(family)
    insert(Guardian, guardians, by=region.admin)
    _consent(draw, region, stories, pupils, families, day)
    return pupils, families


def _consent(draw, region, stories, pupils, families, day) -> None:
    decisions, bases = [], []
    ib_of = {entry.school.pk: entry.ib.user_id for entry in region.schools}
    for story, pupil, family in zip(stories, pupils, families, strict=True):
        recorded_by = ib_of[pupil.school_id]
        when = draw.moment(story.opened + datetime.timedelta(days=7))
        by_pupil = age_on(pupil.birth_date, day) >= 12

        def decide(purpose, decision, recipient_id=None, at=when, rows=decisions, **who):
            rows.extend(_decisions(draw, purpose, decision, recipient_id, at, **who))

        who = {"pupil": pupil, "gezag": family[:1], "by_pupil": by_pupil, "by": recorded_by}
        if story.refused:
            decide(Purpose.DISCUSS, Decision.REFUSED, **who)
        elif story.discuss:
            decide(Purpose.DISCUSS, Decision.GIVEN, **who)
        for partner in story.shared:
            if partner in (LEERPLICHT, VEILIG_THUIS):
                continue  # a legal basis, not consent, covers these
            organisation_id = story.home.partners[partner].organisation_id
            decide(Purpose.SHARE, Decision.GIVEN, organisation_id, **who)
        if story.shared and draw.chance(0.05):
            # Consent given earlier and withdrawn later: the partner no longer sees content.
            partner = story.shared[0]
            if partner not in (LEERPLICHT, VEILIG_THUIS):
                later = when + datetime.timedelta(days=30)
                organisation_id = story.home.partners[partner].organisation_id
                decide(Purpose.SHARE, Decision.WITHDRAWN, organisation_id, at=later, **who)
        for flag, kind, partner in (
            (story.safety, LegalBasisKind.SAFETY, VEILIG_THUIS),
            (story.truancy, LegalBasisKind.TRUANCY, LEERPLICHT),
        ):
            if flag:
                bases.append(
                    LegalBasis(
                        uuid=draw.uuid(),
                        pupil_id=pupil.pk,
                        kind=kind,
                        recipient_id=story.home.partners[partner].organisation_id,
                        motivation="Vastgelegd bij het opbouwen van de regio.",
                        valid_from=story.opened,
                        valid_until=day + datetime.timedelta(days=180),
                        recorded_by_id=recorded_by,
                        recorded_at=when,
                    )
                )
    insert(ConsentDecision, decisions, by=region.admin)
    insert(LegalBasis, bases, by=region.admin)


def _decisions(draw, purpose, decision, recipient_id, at, *, pupil, gezag, by_pupil, by) -> list:
    """One decision by each parent with gezag asked, and by the pupil from 12."""
    common = {"pupil_id": pupil.pk, "purpose": purpose, "recipient_id": recipient_id}
    common |= {"decision": decision, "recorded_by_id": by, "recorded_at": at}
    rows = [
        ConsentDecision(uuid=draw.uuid(), guardian_id=g.pk, method=Method.PAPER, **common)
        for g in gezag
    ]
    if by_pupil:
        rows.append(
            ConsentDecision(uuid=draw.uuid(), by_pupil=True, method=Method.VERBAL, **common)
        )
    return rows
