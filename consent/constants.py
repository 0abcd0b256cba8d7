from django.db import models
from django.utils.translation import gettext_lazy as _


class Purpose(models.TextChoices):
    DISCUSS = "bespreken", _("Bespreken in het knooppunt")
    SHARE = "delen", _("Gegevens delen met organisatie")
    HUISARTS = "huisarts", _("Uitwisseling met huisarts")
    JEUGDARTS = "jeugdarts", _("Uitwisseling met jeugdarts")
    GEZINSPLAN = "gezinsplan", _("Gezinsplan delen met betrokkenen")


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


class Consenters(models.TextChoices):
    """Whose consent counts, by the pupil's age on the day."""

    GUARDIANS = "ouders", _("Ouders met gezag")
    GUARDIANS_AND_PUPIL = "ouders_en_leerling", _("Ouders met gezag én de leerling")
    PUPIL = "leerling", _("De leerling zelf")
