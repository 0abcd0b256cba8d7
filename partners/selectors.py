"""Questions the partners app answers; the caller has already passed the access gate."""

from dataclasses import dataclass

from partners.access import active_memberships, schools_visible_to
from partners.constants import Participation
from partners.models import KnooppuntPartner, KnooppuntSetup, Professional, School, User


@dataclass(frozen=True)
class PartnerGroup:
    label: str
    participation: str
    partners: list[KnooppuntPartner]


def knooppunt_partner_table(*, setup: KnooppuntSetup) -> list[PartnerGroup]:
    """The school's partner table (docs/domain.md, "Organisation"): structural partners first, then
    incidental ones."""
    partners = list(setup.partners.select_related("organisation"))
    return [
        PartnerGroup(
            label=str(choice.label),
            participation=choice.value,
            partners=[p for p in partners if p.participation == choice.value],
        )
        for choice in (Participation.STRUCTURAL, Participation.INCIDENTAL)
    ]


def school_list(*, fetched_by: User) -> list[School]:
    """The schools whose knooppunt the user may open, for the start page and navigation."""
    return list(
        schools_visible_to(fetched_by).select_related("samenwerkingsverband").order_by("name")
    )


def primary_membership(*, user: User) -> Professional | None:
    """The membership shown in the page header: the user's first active one."""
    return active_memberships(user).select_related("organisation").order_by("pk").first()
