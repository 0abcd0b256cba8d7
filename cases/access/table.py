"""May a case be discussed at the knooppunt table? Only while the consent to discuss it
("bespreken") is in force, or a legal basis that covers discussing it (docs/domain.md,
"Consent to discuss"). Until then it goes on no agenda and nobody is invited for it."""

import datetime

from django.utils.translation import gettext as _

from cases.models import Case
from consent.constants import Consenters, Purpose
from consent.rules import consent_facts, consent_facts_for_pupils, consenters_for


def table_refusal(case: Case, *, day: datetime.date | None = None) -> str:
    """Why the case may not be discussed yet, in words for the IB'er; empty when it may."""
    if consent_facts(pupil=case.pupil, day=day).in_force(Purpose.DISCUSS):
        return ""
    consenters = consenters_for(case.pupil.birth_date, day or datetime.date.today())
    if consenters != Consenters.PUPIL and not case.pupil.guardians.filter(has_gezag=True).exists():
        return _(
            "Er zijn geen ouders met gezag vastgelegd. Leg eerst de ouders vast en hun "
            "toestemming om de casus in het knooppunt te bespreken."
        )
    who = {
        Consenters.GUARDIANS: _("de ouders met gezag"),
        Consenters.GUARDIANS_AND_PUPIL: _("de ouders met gezag én de leerling"),
        Consenters.PUPIL: _("de leerling"),
    }[consenters]
    return _(
        "Er is geen toestemming van %(who)s om de casus in het knooppunt te bespreken. Leg die "
        "eerst vast bij Toestemming."
    ) % {"who": who}


def discussable_case_ids(cases, *, day: datetime.date | None = None) -> set[int]:
    """The ids of the cases that may be discussed at the table on `day` (see `table_refusal`),
    in two queries however many cases; each case's `pupil` should come along."""
    cases = list(cases)
    facts = consent_facts_for_pupils({case.pupil for case in cases}, day=day)
    return {case.pk for case in cases if facts[case.pupil_id].in_force(Purpose.DISCUSS)}
