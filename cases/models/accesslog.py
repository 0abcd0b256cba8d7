from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.constants import AccessEvent


class AccessLogEntry(models.Model):
    """NEN 7513: one append-only row per read of case content, search, export, print or denial.

    References are kept as plain values (not foreign keys) so the row outlives the case and
    the user, and can be pseudonymised when a case is purged.
    """

    at = models.DateTimeField(_("tijdstip (UTC)"), auto_now_add=True, db_index=True)
    event = models.CharField(_("gebeurtenis"), max_length=20, choices=AccessEvent)
    user_uuid = models.UUIDField(_("gebruiker"), null=True)
    user_name = models.CharField(_("naam gebruiker"), max_length=300)
    on_behalf_of = models.CharField(_("namens"), max_length=300, blank=True)
    organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    role = models.CharField(_("rol"), max_length=100, blank=True)
    pupil_uuid = models.UUIDField(_("leerling"), null=True, db_index=True)
    case_uuid = models.UUIDField(_("casus"), null=True, db_index=True)
    what = models.CharField(_("wat is getoond"), max_length=200)
    legal_basis = models.CharField(_("grondslag"), max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(_("IP-adres"), null=True)
    # Set once, by the purge: pupil_uuid and case_uuid then hold keyed hashes, not the real ids
    # (cases/retention/pseudonym.py). The triggers allow this one change, to the owner only.
    pseudonymised = models.BooleanField(_("gepseudonimiseerd"), default=False, db_default=False)

    class Meta:
        verbose_name = _("inzage-logregel")
        verbose_name_plural = _("inzage-log")
        ordering = ["-at", "-pk"]
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.get_event_display()} {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValidationError("The access log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("The access log is append-only.")
