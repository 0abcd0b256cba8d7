import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from cases.constants import Complexity, InvolvementRole, RegieKind, Status
from cases.query import CaseQuerySet
from knooppunt.concurrency import Versioned
from knooppunt.fields import LimitedTextField, ShortTextField
from pupils.models import Guardian, Pupil


class Case(Versioned):
    """A hulpvraag: a pupil's support question at a school, through the knooppunt work process."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    pupil = models.ForeignKey(
        Pupil, on_delete=models.PROTECT, related_name="cases", verbose_name=_("leerling")
    )
    school = models.ForeignKey(
        "partners.School",
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("school"),
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("geopend door"),
    )
    opened_at = models.DateTimeField(_("geopend op"), auto_now_add=True)
    level = models.PositiveSmallIntegerField(
        _("ondersteuningsniveau"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    leervraag = models.BooleanField(_("leervraag"), default=False)
    leefvraag = models.BooleanField(_("leefvraag"), default=False)
    complexity = models.CharField(_("complexiteit"), max_length=20, choices=Complexity)
    question = LimitedTextField(_("hulpvraag in de woorden van het gezin"))
    foto = LimitedTextField(
        _("foto"),
        blank=True,
        help_text=_("Het integrale beeld van kind en omgeving, per leefgebied."),
    )
    parents_informed = models.BooleanField(_("ouders zijn geïnformeerd"), default=False)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.SIGNAAL)
    closing_reason = ShortTextField(_("reden van afsluiten"), blank=True)
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)

    objects = CaseQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("casus")
        verbose_name_plural = _("casussen")
        ordering = ["-opened_at"]
        default_permissions = ()
        permissions = [
            ("view_case_dat", _("Mag zien dat de casus bestaat en wie betrokken is")),
            ("view_case_wat", _("Mag de inhoud van de casus zien")),
            ("change_case", _("Mag de casus beheren")),
            ("log_case_progress", _("Mag voortgang en werkafspraken vastleggen")),
            ("view_case_accesslog", _("Mag het inzage-log van de casus zien")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(leervraag=True) | models.Q(leefvraag=True),
                name="case_has_a_question_kind",
                violation_error_message=_("Kies leervraag, leefvraag of allebei."),
            )
        ]

    def __str__(self) -> str:
        # Deliberately without the pupil's name: this string reaches logs and the admin.
        return f"Casus {self.uuid}"


class CaseUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Case, on_delete=models.CASCADE)


class CaseGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Case, on_delete=models.CASCADE)


class Involvement(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="involvements", verbose_name=_("casus")
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisatie"),
    )
    professional = models.ForeignKey(
        "partners.Professional",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="involvements",
        verbose_name=_("professional"),
    )
    role = models.CharField(_("rol"), max_length=20, choices=InvolvementRole, blank=True)
    start = models.DateField(_("betrokken vanaf"))
    end = models.DateField(_("betrokken tot"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("betrokkenheid")
        verbose_name_plural = _("betrokkenheden")
        ordering = ["start"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "professional"],
                condition=models.Q(end__isnull=True, professional__isnull=False),
                name="involvement_one_open_per_professional",
                violation_error_message=_("Deze professional is al betrokken bij deze casus."),
            )
        ]

    def __str__(self) -> str:
        return str(self.organisation)


class Regie(models.Model):
    """Who holds procesregie or casusregie, from when to when. A change ends the old row."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="regie", verbose_name=_("casus")
    )
    kind = models.CharField(_("soort regie"), max_length=20, choices=RegieKind)
    professional = models.ForeignKey(
        "partners.Professional",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("professional"),
    )
    guardian = models.ForeignKey(
        Guardian,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ouder"),
    )
    start = models.DateField(_("vanaf"))
    end = models.DateField(_("tot"), null=True, blank=True)
    agreed_with_parents = models.BooleanField(_("afgesproken met ouders"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("regie")
        verbose_name_plural = _("regie")
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(professional__isnull=False, guardian__isnull=True)
                    | models.Q(professional__isnull=True, guardian__isnull=False)
                ),
                name="regie_one_holder",
            ),
            # One procesregie and one casusregie in force per case: a change ends the old row.
            models.UniqueConstraint(
                fields=["case", "kind"],
                condition=models.Q(end__isnull=True),
                name="regie_one_open_per_kind",
                violation_error_message=_("Deze regie is intussen al aan iemand toegewezen."),
            ),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()
