from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ConsentRequest(models.Model):
    """A partner with only "dat" on a case asks the school's IB'er to seek consent for their
    organisation (docs/domain.md, "Asking for consent"). The row is committed first; the
    notification is sent from it, once. An event row, not case data: it keeps no history."""

    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.CASCADE,
        related_name="consent_requests",
        verbose_name=_("casus"),
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("voor organisatie"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("gevraagd door"),
    )
    requested_at = models.DateTimeField(_("gevraagd op"), auto_now_add=True)
    notified_at = models.DateTimeField(_("IB'er bericht gestuurd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("verzoek om toestemming")
        verbose_name_plural = _("verzoeken om toestemming")
        ordering = ["-requested_at"]
        indexes = [models.Index(fields=["case", "organisation", "requested_at"])]

    def __str__(self) -> str:
        return f"Verzoek om toestemming {self.pk}"
