import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cases.constants import WerkafspraakStatus
from cases.models.case import Case
from knooppunt.concurrency import Versioned
from knooppunt.fields import LimitedTextField, ShortTextField


class Werkafspraak(Versioned):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="werkafspraken", verbose_name=_("casus")
    )
    # Who carries it out: someone involved in the case (a professional, with their
    # organisation), an organisation, or a parent (docs/domain.md, "Werkafspraken"). Rows from
    # before the pick keep their free text in `who`, read-only.
    assignee_professional = models.ForeignKey(
        "partners.Professional",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("wie (persoon)"),
    )
    assignee_organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("wie (organisatie)"),
    )
    assignee_guardian = models.ForeignKey(
        "pupils.Guardian",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("wie (ouder)"),
    )
    who = models.CharField(_("wie (eerder als tekst vastgelegd)"), max_length=200, blank=True)
    what = LimitedTextField(_("wat"))
    why = ShortTextField(_("waarom"), blank=True)
    due_date = models.DateField(_("uiterlijk op"))
    evaluation_date = models.DateField(_("evalueren op"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=WerkafspraakStatus, default=WerkafspraakStatus.OPEN
    )
    outcome = LimitedTextField(_("resultaat"), blank=True)
    author_organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("vastgelegd namens"),
    )
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("werkafspraak")
        verbose_name_plural = _("werkafspraken")
        ordering = ["due_date"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(assignee_organisation__isnull=False, assignee_guardian__isnull=True)
                    | models.Q(
                        assignee_organisation__isnull=True,
                        assignee_professional__isnull=True,
                        assignee_guardian__isnull=False,
                    )
                    | (
                        models.Q(
                            assignee_organisation__isnull=True,
                            assignee_professional__isnull=True,
                            assignee_guardian__isnull=True,
                        )
                        & ~models.Q(who="")
                    )
                ),
                name="werkafspraak_has_one_assignee",
                violation_error_message=_("Kies wie de werkafspraak uitvoert."),
            )
        ]

    def __str__(self) -> str:
        return f"Werkafspraak {self.uuid}"

    @property
    def assignee_label(self) -> str:
        """Who carries it out, in words: the person and organisation, the organisation, the
        parent, or the free text of a row from before the pick."""
        if self.assignee_professional_id:
            person = self.assignee_professional.user.get_full_name()
            return f"{person} ({self.assignee_organisation.name})"
        if self.assignee_organisation_id:
            return self.assignee_organisation.name
        if self.assignee_guardian_id:
            guardian = self.assignee_guardian
            return f"{guardian.name} ({guardian.relation})"
        return self.who


class ProgressNote(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="progress_notes", verbose_name=_("casus")
    )
    text = LimitedTextField(_("voortgang"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("auteur"),
    )
    author_organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("namens"),
    )
    created_at = models.DateTimeField(_("geschreven op"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("voortgangsnotitie")
        verbose_name_plural = _("voortgangsnotities")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Voortgang {self.uuid}"


class FeedbackRequest(models.Model):
    """Feedback asked of a care provider; it often never arrives, so it has a due date."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="feedback_requests", verbose_name=_("casus")
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("gevraagd aan"),
    )
    due_date = models.DateField(_("terugkoppeling uiterlijk"))
    received_at = models.DateField(_("ontvangen op"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("gevraagd door"),
    )
    created_at = models.DateTimeField(_("gevraagd op"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("gevraagde terugkoppeling")
        verbose_name_plural = _("gevraagde terugkoppelingen")
        ordering = ["due_date"]

    def __str__(self) -> str:
        return f"Terugkoppeling {self.uuid}"
