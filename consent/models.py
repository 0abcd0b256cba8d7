import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from consent.constants import (
    BASIS_SCOPE,
    PURPOSES_WITH_RECIPIENT,
    Decision,
    LegalBasisKind,
    Method,
    Purpose,
)
from knooppunt.fields import ShortTextField
from partners.constants import OrganisationKind


class ConsentDecision(models.Model):
    """One person's decision on one purpose (and recipient) for one pupil, as recorded.

    Rows are never changed: a later decision by the same person (given, refused, withdrawn)
    supersedes an earlier one. Exactly one of guardian / by_pupil says who decided.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    pupil = models.ForeignKey(
        "pupils.Pupil",
        on_delete=models.CASCADE,
        related_name="consent_decisions",
        verbose_name=_("leerling"),
    )
    purpose = models.CharField(_("doel"), max_length=20, choices=Purpose)
    recipient = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ontvanger"),
    )
    guardian = models.ForeignKey(
        "pupils.Guardian",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="consent_decisions",
        verbose_name=_("ouder / verzorger"),
    )
    by_pupil = models.BooleanField(_("door de leerling zelf"), default=False)
    decision = models.CharField(_("besluit"), max_length=20, choices=Decision)
    method = models.CharField(_("hoe"), max_length=20, choices=Method)
    valid_until = models.DateField(_("geldig tot"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("toestemmingsbesluit")
        verbose_name_plural = _("toestemmingsbesluiten")
        ordering = ["-recorded_at", "-pk"]
        indexes = [models.Index(fields=["pupil", "purpose", "recipient"])]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(guardian__isnull=False, by_pupil=False)
                    | models.Q(guardian__isnull=True, by_pupil=True)
                ),
                name="consent_decision_one_decider",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()}: {self.get_decision_display()}"

    def clean(self) -> None:
        if (self.purpose in PURPOSES_WITH_RECIPIENT) != (self.recipient_id is not None):
            raise ValidationError(
                {"recipient": _("Kies een ontvangende organisatie bij dit doel, en alleen dan.")}
            )
        if self.guardian_id and self.guardian.pupil_id != self.pupil_id:
            raise ValidationError({"guardian": _("Deze ouder hoort niet bij deze leerling.")})


class LegalBasis(models.Model):
    """A ground other than consent on which an organisation may see a pupil's case content."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    pupil = models.ForeignKey(
        "pupils.Pupil",
        on_delete=models.CASCADE,
        related_name="legal_bases",
        verbose_name=_("leerling"),
    )
    kind = models.CharField(_("grondslag"), max_length=20, choices=LegalBasisKind)
    recipient = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisatie"),
    )
    motivation = ShortTextField(
        _("motivering"), help_text=_("Waarom is toestemming niet mogelijk of niet nodig?")
    )
    valid_from = models.DateField(_("geldig vanaf"))
    valid_until = models.DateField(_("geldig tot"))
    ended_at = models.DateTimeField(_("beëindigd op"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("andere grondslag")
        verbose_name_plural = _("andere grondslagen")
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__gte=models.F("valid_from")),
                name="legal_basis_period",
                violation_error_message=_("De einddatum ligt vóór de begindatum."),
            ),
            models.CheckConstraint(
                condition=~models.Q(motivation=""),
                name="legal_basis_motivated",
                violation_error_message=_("Een motivering is verplicht."),
            ),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()

    def clean(self) -> None:
        recipient_kinds, _opens, _purposes = BASIS_SCOPE[self.kind]
        if self.recipient_id and self.recipient.kind not in recipient_kinds:
            names = ", ".join(str(OrganisationKind(kind).label) for kind in sorted(recipient_kinds))
            raise ValidationError(
                {
                    "recipient": _(
                        "Deze grondslag geldt alleen voor: %(names)s. Voor andere organisaties "
                        "is toestemming nodig."
                    )
                    % {"names": names}
                }
            )
