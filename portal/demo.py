"""The demo's portal accounts: both parents of Sam de Vries (both with gezag)."""

from pupils.models import Guardian
from pupils.services import guardian_account_link

# (guardian name, portal address)
DEMO_PARENTS = (
    ("Linda de Vries", "ouder@vuurtoren.example"),
    ("Erik de Vries", "vader@vuurtoren.example"),
)


def build_demo_portal(*, accounts: dict) -> list[tuple[str, str]]:
    ib = accounts["ib@vuurtoren.example"].user
    linked = []
    for name, email in DEMO_PARENTS:
        guardian = Guardian.objects.filter(name=name, pupil__first_name="Sam").first()
        if guardian is None:
            continue
        if guardian.account_id is None:
            guardian_account_link(guardian=guardian, email=email, linked_by=ib)
        linked.append((email, f"Ouder met gezag van Sam (ouderportaal, inloggen met link: {name})"))
    return linked
