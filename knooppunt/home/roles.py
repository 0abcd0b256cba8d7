"""Which parts of the home a user gets, from their active memberships (docs/domain.md,
"Vandaag")."""

from dataclasses import dataclass

from partners.access import active_memberships
from partners.constants import Function
from partners.models import User

SWV_FUNCTIONS = frozenset({Function.TRAJECTBEGELEIDER, Function.PROCESBEGELEIDER})
# Functions with a home of their own; every other membership works on cases as a partner.
OWN_HOME = frozenset({Function.IB, Function.DIRECTEUR, *SWV_FUNCTIONS})


@dataclass(frozen=True)
class HomeRoles:
    ib: bool = False
    directeur: bool = False
    swv: bool = False
    partner: bool = False

    @property
    def any(self) -> bool:
        return self.ib or self.directeur or self.swv or self.partner


def home_roles(user: User) -> HomeRoles:
    """The roles the user acts in today; a user with several memberships gets each part."""
    memberships = list(active_memberships(user).values_list("function", "organisation__school"))
    at_school = {function for function, school in memberships if school is not None}
    functions = {function for function, _school in memberships}
    return HomeRoles(
        ib=Function.IB in at_school,
        directeur=Function.DIRECTEUR in at_school,
        swv=bool(functions & SWV_FUNCTIONS),
        partner=bool(functions - OWN_HOME),
    )
