from django.db import models
from django.utils.translation import gettext_lazy as _

from partners.constants import OrganisationKind


class Purpose(models.TextChoices):
    DISCUSS = "bespreken", _("Bespreken in het knooppunt")
    SHARE = "delen", _("Gegevens delen met organisatie")
    HUISARTS = "huisarts", _("Uitwisseling met huisarts")
    JEUGDARTS = "jeugdarts", _("Uitwisseling met jeugdarts")
    GEZINSPLAN = "gezinsplan", _("Gezinsplan delen met betrokkenen")
    # From 16 the pupil decides alone; the parents see the case in the portal only while the
    # pupil allows it (docs/domain.md, "The parents' portal").
    PARENTS = "ouders", _("Ouders mogen meelezen in het portaal")


# Purposes that name the organisation that may receive the information.
PURPOSES_WITH_RECIPIENT = frozenset({Purpose.SHARE})


class Decision(models.TextChoices):
    GIVEN = "gegeven", _("Gegeven")
    REFUSED = "geweigerd", _("Geweigerd")
    WITHDRAWN = "ingetrokken", _("Ingetrokken")


class Method(models.TextChoices):
    PAPER = "papier", _("Op papier")
    VERBAL = "mondeling", _("Mondeling")
    PORTAL = "portaal", _("Via het ouderportaal")


class LegalBasisKind(models.TextChoices):
    SAFETY = "veiligheid", _("Veiligheid / meldcode")
    TRUANCY = "leerplicht", _("Wettelijke taak leerplicht")


# What a ground other than consent opens, and to whom (docs/domain.md, "Legal bases"). A basis
# never opens more than this: the meldcode lets the school consult and report to Veilig Thuis,
# the Leerplichtwet lets the leerplichtambtenaar know the verzuim facts, not the care content.
class BasisOpens(models.TextChoices):
    CONTENT = "inhoud", _("de inhoud van de casus")
    VERZUIM = "verzuim", _("alleen dat er een casus is en de verzuimgegevens")


# kind -> (organisation kinds it may name as recipient, what it opens, purposes it covers)
BASIS_SCOPE: dict[str, tuple[frozenset[str], str, frozenset[str]]] = {
    LegalBasisKind.SAFETY: (
        frozenset({OrganisationKind.VEILIG_THUIS}),
        BasisOpens.CONTENT,
        frozenset({Purpose.DISCUSS}),
    ),
    LegalBasisKind.TRUANCY: (
        frozenset({OrganisationKind.LEERPLICHT}),
        BasisOpens.VERZUIM,
        frozenset(),
    ),
}


class Consenters(models.TextChoices):
    """Whose consent counts, by the pupil's age on the day."""

    GUARDIANS = "ouders", _("Ouders met gezag")
    GUARDIANS_AND_PUPIL = "ouders_en_leerling", _("Ouders met gezag én de leerling")
    PUPIL = "leerling", _("De leerling zelf")
