from django.db import models
from django.utils.translation import gettext_lazy as _


class ResultArea(models.TextChoices):
    """The doelenmatrix's result areas, grouped by theme in the format's order (docs/domain.md,
    "Gezinsplan")."""

    FINANCES = "financien", _("Zelfredzaam – Financiën")
    DAILY_ACTIVITIES = "dagelijks", _("Zelfredzaam – Dagelijkse activiteiten")
    DAYTIME = "daginvulling", _("Meedoen – Zinvolle daginvulling")
    NETWORK = "netwerk", _("Meedoen – Sociaal netwerk")
    PARTICIPATION = "participatie", _("Meedoen – Maatschappelijke participatie")
    SAFE = "veilig", _("Veilig – Veilig opgroeien en wonen")
    FUNCTIONING = "functioneren", _("Gezond – Dagelijks functioneren")
    SUBSTANCES = "middelen", _("Gezond – Middelengebruik")


class Letter(models.TextChoices):
    A = "A", "A"
    B = "B", "B"
    C = "C", "C"
    D = "D", "D"


class SignMethod(models.TextChoices):
    PORTAL_CODE = "portaal_code", _("In het portaal, met een code per e-mail")
