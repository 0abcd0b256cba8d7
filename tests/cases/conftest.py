import pytest

from cases.services import involvement_add
from partners.constants import Function, OrganisationKind
from tests import factories
from tests.conftest import professional


@pytest.fixture
def veilig_thuis(case_world, world):
    """A Veilig Thuis consultant involved in the case: the one recipient a safety basis
    (meldcode) may name. Returns the membership."""
    organisation = factories.OrganisationFactory(
        name="Veilig Thuis Testregio", kind=OrganisationKind.VEILIG_THUIS
    )
    user = professional(organisation, Function.CONSULENT, email="vt@test.example")
    membership = user.memberships.get()
    involvement_add(
        case=case_world.case, organisation=organisation, professional=membership, added_by=world.ib
    )
    return membership
