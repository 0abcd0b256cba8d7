"""Build a whole region in one transaction, step by step, and say how long each step took."""

import time
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from cases.access.derive_bulk import new_cases_permissions_derive
from cases.models import Case, ProgressNote, Werkafspraak
from consent.models import ConsentDecision, LegalBasis
from knooppunt.region.agendas import build_agendas
from knooppunt.region.casework import build_cases
from knooppunt.region.draw import Draw, backdated
from knooppunt.region.families import build_families
from knooppunt.region.people import build_people
from knooppunt.region.plans import build_plans
from knooppunt.region.stories import tell_stories
from tlv.models import Dossier

BACKDATED = (
    Case,
    ConsentDecision,
    LegalBasis,
    Werkafspraak,
    ProgressNote,
    Dossier,
)


@transaction.atomic
def build_region(*, schools: int, seed: int, report: Callable[[str, float], None]) -> dict:
    """The region for `schools` schools from `seed`; returns what it holds, by kind."""
    draw = Draw(seed)
    day = timezone.localdate()
    clock = time.perf_counter()

    def step(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        report(name, now - clock)
        clock = now

    with backdated(*BACKDATED):
        region = build_people(draw, schools, day)
        step("organisations and people")
        stories = tell_stories(draw, region, day)
        pupils, families = build_families(draw, region, stories, day)
        step("pupils, parents and consent")
        cases = build_cases(draw, region, stories, pupils, families, day)
        step("cases, their work and history")
        meetings = build_agendas(draw, region, stories, cases, families, day)
        step("year planning, meetings and agendas")
        build_plans(draw, region, stories, cases, pupils, families, day)
        step("gezinsplannen and TLV dossiers")
    rights = new_cases_permissions_derive(cases, day=day)
    step("derived rights")
    return {
        "schools": len(region.schools),
        "pupils": len(pupils),
        "cases": len(cases),
        "meetings": len(meetings),
        "rights": rights,
    }
