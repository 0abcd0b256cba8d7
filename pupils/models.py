import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def bsn_is_valid(value: str) -> bool:
    """The Dutch elfproef for a BSN: nine digits, weighted 9..2 and -1, sum divisible by 11."""
    if len(value) != 9 or not value.isdigit() or value == "000000000":
        return False
    weights = [9, 8, 7, 6, 5, 4, 3, 2, -1]
    return sum(int(d) * w for d, w in zip(value, weights, strict=True)) % 11 == 0


def validate_bsn(value: str) -> None:
    if not bsn_is_valid(value):
        raise ValidationError(_("Dit is geen geldig BSN (de elfproef klopt niet)."))


class Pupil(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    first_name = models.CharField(_("voornaam"), max_length=100)
    last_name = models.CharField(_("achternaam"), max_length=150)
    birth_date = models.DateField(_("geboortedatum"))
    bsn = models.CharField(
        _("BSN"),
        max_length=9,
        blank=True,
        validators=[validate_bsn],
        help_text=_("Niet verplicht. Alleen invullen als het nodig is."),
    )
    school = models.ForeignKey(
        "partners.School",
        on_delete=models.PROTECT,
        related_name="pupils",
        verbose_name=_("school"),
    )
    group = models.CharField(_("groep / leerjaar"), max_length=20, blank=True)
    # A pupil of 12 or older may have an own portal account (docs/domain.md, "The parents'
    # portal"); the portal's access rules decide what it opens on the day.
    account = models.ForeignKey(
        "partners.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pupil_accounts",
        verbose_name=_("eigen portaalaccount"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("leerling")
        verbose_name_plural = _("leerlingen")
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Guardian(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    pupil = models.ForeignKey(
        Pupil, on_delete=models.CASCADE, related_name="guardians", verbose_name=_("leerling")
    )
    name = models.CharField(_("naam"), max_length=200)
    relation = models.CharField(_("relatie"), max_length=50, help_text=_("Bijvoorbeeld moeder."))
    has_gezag = models.BooleanField(
        _("heeft gezag"),
        default=True,
        help_text=_("Een ouder zonder gezag krijgt informatie, maar geeft geen toestemming."),
    )
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    # Only a keyed digest of the BSN, to recognise the guardian when DigiD signs them in to the
    # portal (pupils/bsn.py, docs/digid.md); the BSN itself is never stored or shown.
    bsn_digest = models.CharField(
        _("controlewaarde BSN"), max_length=64, blank=True, db_index=True, editable=False
    )
    # The parent's portal account. One account may be linked to the guardian rows of several
    # children; the portal opens only the pupils whose guardian row points at the account.
    account = models.ForeignKey(
        "partners.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="guardianships",
        verbose_name=_("portaalaccount"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ouder / verzorger")
        verbose_name_plural = _("ouders / verzorgers")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
