"""Consent in plain words per purpose (B1 Dutch, "u"), and which decisions the portal offers."""

from django.utils import timezone

from cases.models import Involvement
from cases.query import active_on
from consent.constants import PURPOSES_WITH_RECIPIENT, Purpose
from consent.models import ConsentDecision
from partners.models import Organisation

PURPOSE_WORDS = {
    Purpose.DISCUSS: {
        "title": "Praten over uw kind in het knooppunt",
        "what": "De school en de partners mogen in het overleg over uw kind praten.",
        "why": "Zo zoeken we samen met u naar de beste hulp.",
    },
    Purpose.SHARE: {
        "title": "Gegevens delen met %(org)s",
        "what": "%(org)s mag lezen wat de school en de andere partners over uw kind opschrijven.",
        "why": "Dan hoeft u uw verhaal niet steeds opnieuw te vertellen.",
    },
    Purpose.HUISARTS: {
        "title": "Contact met de huisarts",
        "what": "De school of de regisseur mag met uw huisarts praten over uw kind.",
        "why": "De huisarts weet soms iets wat helpt.",
    },
    Purpose.JEUGDARTS: {
        "title": "Wat mag de jeugdarts zien, en waarom",
        "what": "De jeugdarts mag lezen wat er over uw kind is opgeschreven, en wat de jeugdarts "
        "zelf opschrijft mag gedeeld worden met de anderen.",
        "why": "De jeugdarts kijkt naar de gezondheid en groei van uw kind.",
    },
    Purpose.GEZINSPLAN: {
        "title": "Het gezinsplan delen",
        "what": "Iedereen die helpt, mag het gezinsplan lezen.",
        "why": "Dan weet iedereen wat de afspraken zijn.",
    },
    Purpose.PARENTS: {
        "title": "Uw ouders mogen meelezen",
        "what": "Uw ouders mogen in het portaal lezen wat er over u is opgeschreven.",
        "why": "Vanaf 16 jaar beslist u dit zelf.",
    },
}


def recipients_for(child) -> list[tuple[Purpose, Organisation | None]]:
    """The decisions the portal offers for this child: each purpose, and for sharing each
    organisation involved in the case or already decided on. Only the 16+ pupil sees
    "parents may read"."""
    pairs: list[tuple[Purpose, Organisation | None]] = []
    orgs: dict[int, Organisation] = {}
    if child.case is not None:
        for inv in Involvement.objects.filter(
            active_on(timezone.localdate()), case=child.case
        ).select_related("organisation"):
            if inv.organisation_id != child.case.school.organisation_id:
                orgs[inv.organisation_id] = inv.organisation
    for row in ConsentDecision.objects.filter(
        pupil=child.pupil, purpose=Purpose.SHARE
    ).select_related("recipient"):
        orgs[row.recipient_id] = row.recipient
    for purpose in Purpose:
        if purpose == Purpose.PARENTS and not (child.is_pupil and child.age >= 16):
            continue
        if purpose in PURPOSES_WITH_RECIPIENT:
            pairs += [(purpose, org) for org in sorted(orgs.values(), key=lambda o: o.name)]
        else:
            pairs.append((purpose, None))
    return pairs
