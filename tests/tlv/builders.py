"""The TLV people around the shared test world (tests/conftest.py), added without changing it:
the board's procesbegeleider, the SWV's trajectbegeleider, two experts, a receiving SBO, and a
dossier brought to any state."""

import io
from types import SimpleNamespace

from cases import services as case_services
from cases.access import Actor
from partners.constants import Function, OrganisationKind, Sector
from tests import factories
from tests.conftest import CANARY, professional
from tlv import services
from tlv.access import dossier_access_for
from tlv.constants import Expertise, State, Verdict

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

COMPLETE = {
    name: f"{name} {CANARY}"
    for name in (
        "signals",
        "observations",
        "analysis",
        "goals",
        "planned_action",
        "evaluations",
        "need_education",
        "level_1",
        "level_2",
        "level_3",
        "level_4",
    )
} | {"parents_agree": True}


def tlv_people(ctx) -> SimpleNamespace:
    """Add the TLV personas to `ctx` (once) and return it."""
    if getattr(ctx, "procesbegeleider", None) is not None:
        return ctx
    school = ctx.school
    ctx.procesbegeleider = professional(
        school.bestuur.organisation, Function.PROCESBEGELEIDER, email="pb@bestuur.example"
    )
    ctx.trajectbegeleider = professional(
        school.samenwerkingsverband.organisation,
        Function.TRAJECTBEGELEIDER,
        email="tb@swv.example",
    )
    experts = factories.OrganisationFactory(name="Expertisecentrum", kind=OrganisationKind.OTHER)
    ctx.deskundige = professional(experts, Function.ORTHOPEDAGOOG, email="ortho@expert.example")
    ctx.deskundige_2 = professional(experts, Function.DESKUNDIGE, email="kjp@expert.example")
    ctx.receiving_school = factories.SchoolFactory(
        name="SBO De Brug",
        sector=Sector.SBO,
        samenwerkingsverband=school.samenwerkingsverband,
    )
    if ctx.case.level < 4:
        ctx.case = case_services.case_update(case=ctx.case, changed_by=ctx.ib, level=4)
    return ctx


def access(user, dossier):
    return dossier_access_for(Actor.of(user), dossier.uuid)


def upload(content: bytes = PDF, name: str = "verslag.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/pdf")


def dossier_in(
    ctx, state: str = State.CONCEPT, *, complete: bool = True, opp_regie: str = "school"
):
    """A dossier for ctx.case, walked through the real services up to `state` (a decided one
    is granted, with the OPP's regie as given)."""
    tlv_people(ctx)
    dossier = services.dossier_start(actor=Actor.of(ctx.ib), case=ctx.case)
    if complete:
        services.dossier_update(access=access(ctx.ib, dossier), **COMPLETE)
        services.attachment_add(
            access=access(ctx.ib, dossier),
            upload=upload(),
            kind="verslag",
            description="Onderzoeksverslag",
        )
    order = list(State)
    target = order.index(state)
    steps = [
        lambda: services.dossier_offer(access=access(ctx.ib, dossier)),
        lambda: services.dossier_sign(
            access=access(ctx.procesbegeleider, dossier), levels_confirmed=True
        ),
        lambda: services.dossier_take(access=access(ctx.trajectbegeleider, dossier)),
        lambda: _advice(ctx, dossier),
        lambda: services.advice_confirm(access=access(ctx.trajectbegeleider, dossier)),
        lambda: services.decision_record(
            access=access(ctx.trajectbegeleider, dossier),
            granted=True,
            kind="sbo",
            receiving_school=ctx.receiving_school,
            placement_date=__import__("datetime").date(2027, 1, 4),
            valid_from=__import__("datetime").date(2027, 1, 4),
            valid_until=__import__("datetime").date(2029, 7, 31),
            opp_regie=opp_regie,
            motivation=f"Motivering {CANARY}",
        ),
    ]
    for step in steps[:target]:
        step()
    dossier.refresh_from_db()
    return dossier


def _advice(ctx, dossier) -> None:
    tb = access(ctx.trajectbegeleider, dossier)
    services.expert_name(
        access=tb, expert=ctx.deskundige.memberships.get(), expertise=Expertise.ORTHOPEDAGOOG
    )
    services.expert_name(
        access=access(ctx.trajectbegeleider, dossier),
        expert=ctx.deskundige_2.memberships.get(),
        expertise=Expertise.KINDERPSYCHIATER,
    )
    for expert in (ctx.deskundige, ctx.deskundige_2):
        services.advice_give(
            access=access(expert, dossier), verdict=Verdict.GRANT, motivation=f"Advies {CANARY}"
        )


__all__ = ["PDF", "access", "dossier_in", "io", "tlv_people", "upload"]
