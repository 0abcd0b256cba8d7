from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    SIGNAAL = "signaal", _("Signaal")
    BESPROKEN = "besproken", _("Besproken met ouders")
    AANGEMELD = "aangemeld", _("Aangemeld voor knooppunt")
    UITVOERING = "uitvoering", _("In uitvoering")
    EVALUATIE = "evaluatie", _("Evaluatie")
    # Two routes with different owners (docs/domain.md, "TLV and toeleiding"): the
    # municipality's youth-care access, and admission to special education at the SWV.
    DOORGEZET_LOKET = "doorgezet_loket", _("Doorgezet naar Loket / Team Toegang")
    DOORGEZET_TLV = "doorgezet_tlv", _("Doorgezet naar TLV (samenwerkingsverband)")
    AFGESLOTEN = "afgesloten", _("Afgesloten")


PASSED_ON = (Status.DOORGEZET_LOKET, Status.DOORGEZET_TLV)

# The work process (docs/domain.md, "The knooppunt"): signal, talk with parents, prepare, meet,
# carry out, evaluate, then scale up or down (back into execution), pass on (to the Loket or for
# a TLV), or close. A case passed on for a TLV may also be passed on to the Loket (care comes
# first), and the other way round.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.SIGNAAL: frozenset({Status.BESPROKEN, Status.AFGESLOTEN}),
    Status.BESPROKEN: frozenset({Status.AANGEMELD, Status.UITVOERING, Status.AFGESLOTEN}),
    Status.AANGEMELD: frozenset({Status.UITVOERING, Status.BESPROKEN, Status.AFGESLOTEN}),
    Status.UITVOERING: frozenset({Status.EVALUATIE, *PASSED_ON, Status.AFGESLOTEN}),
    Status.EVALUATIE: frozenset(
        {Status.UITVOERING, Status.AANGEMELD, *PASSED_ON, Status.AFGESLOTEN}
    ),
    Status.DOORGEZET_LOKET: frozenset({Status.UITVOERING, Status.DOORGEZET_TLV, Status.AFGESLOTEN}),
    Status.DOORGEZET_TLV: frozenset({Status.UITVOERING, Status.DOORGEZET_LOKET, Status.AFGESLOTEN}),
    Status.AFGESLOTEN: frozenset(),
}


class Complexity(models.TextChoices):
    ENKELVOUDIG = "enkelvoudig", _("Enkelvoudig")
    MEERVOUDIG = "meervoudig", _("Meervoudig")
    MULTI = "multiproblematiek", _("Multiproblematiek")


class RegieKind(models.TextChoices):
    PROCES = "procesregie", _("Procesregie")
    CASUS = "casusregie", _("Casusregie")


class InvolvementRole(models.TextChoices):
    """What an involved professional does for the case, from a fixed list. Whoever may know
    that a case exists sees this role, so it names a kind of support, never a finding or a
    question (free text here once told a "dat" reader about a child's health)."""

    SMW = "smw", _("Schoolmaatschappelijk werk")
    JGZ = "jgz", _("Jeugdgezondheidszorg")
    TOEGANG = "toegang", _("Toegang / Team Jeugd")
    CASEMANAGER = "casemanager", _("Casemanager")
    LEERPLICHT = "leerplicht", _("Leerplicht")
    ONDERWIJS = "onderwijs", _("Onderwijsondersteuning")
    ORTHOPEDAGOOG = "orthopedagoog", _("Orthopedagogische ondersteuning")
    HULPVERLENING = "hulpverlening", _("Hulpverlening")
    GEZIN = "gezin", _("Ondersteuning gezin")
    VEILIGHEID = "veiligheid", _("Veiligheid")
    ADVIES = "advies", _("Advies en consultatie")


class WerkafspraakStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "uitgevoerd", _("Uitgevoerd")
    EVALUATED = "geevalueerd", _("Geëvalueerd")
    CANCELLED = "vervallen", _("Vervallen")


class AccessEvent(models.TextChoices):
    VIEW = "inzage", _("Inzage")
    SEARCH = "zoeken", _("Zoeken")
    EXPORT = "export", _("Export")
    PRINT = "afdruk", _("Afdruk")
    CHANGE = "wijziging", _("Wijziging")
    DENIED = "geweigerd", _("Geweigerd")


# Months after which an open case without an evaluated werkafspraak is flagged (docs/domain.md,
# "The case").
STALE_AFTER_MONTHS = 3
