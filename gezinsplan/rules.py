"""Who signs a gezinsplan on a given day (docs/domain.md, "Signing the gezinsplan"): under 12
every parent with gezag, from 12 to 15 those parents and the pupil, from 16 the pupil alone.
A parent without gezag never signs."""

import datetime
from dataclasses import dataclass

from consent.constants import Consenters
from consent.rules import consenters_for


@dataclass(frozen=True)
class Signer:
    name: str
    guardian: object | None  # the Guardian, or None for the pupil

    @property
    def key(self) -> str:
        return "leerling" if self.guardian is None else str(self.guardian.uuid)


def required_signers(pupil, day: datetime.date) -> list[Signer]:
    consenters = consenters_for(pupil.birth_date, day)
    signers = []
    if consenters != Consenters.PUPIL:
        signers += [
            Signer(name=g.name, guardian=g)
            for g in pupil.guardians.filter(has_gezag=True).order_by("name", "pk")
        ]
    if consenters != Consenters.GUARDIANS:
        signers.append(Signer(name=f"{pupil.first_name} {pupil.last_name}", guardian=None))
    return signers
