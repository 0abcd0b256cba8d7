from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class CaseRetention(models.Model):
    """How long a samenwerkingsverband keeps its schools' closed cases (docs/domain.md,
    "Retention"). Without a row the project default CASE_RETENTION_YEARS applies."""

    samenwerkingsverband = models.OneToOneField(
        "partners.Samenwerkingsverband",
        on_delete=models.CASCADE,
        related_name="case_retention",
        verbose_name=_("samenwerkingsverband"),
    )
    years_after_closing = models.PositiveSmallIntegerField(
        _("bewaartermijn in jaren"),
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_("Zoveel jaar na het afsluiten wordt een casus met alles eromheen gewist."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bewaartermijn casussen")
        verbose_name_plural = _("bewaartermijnen casussen")

    def __str__(self) -> str:
        return f"Bewaartermijn {self.samenwerkingsverband}"
