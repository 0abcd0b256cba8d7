"""The TLV request and its Duiden & Doen dossier, attachments, the deskundigenadvies and the
decision (docs/domain.md, "TLV and toeleiding"). Everything here is "wat" of the case: only the
roles in tlv/access.py read it."""

import os
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from knooppunt.concurrency import Versioned
from knooppunt.fields import LimitedTextField, ShortTextField
from tlv.constants import (
    CTO_WEEKS,
    OPEN_STATES,
    WITH_CATEGORY,
    AttachmentKind,
    Category,
    Expertise,
    OppRegie,
    State,
    TlvKind,
    Verdict,
)


class TlvSetting(models.Model):
    """The region's agreements of one samenwerkingsverband."""

    samenwerkingsverband = models.OneToOneField(
        "partners.Samenwerkingsverband",
        on_delete=models.CASCADE,
        related_name="tlv_setting",
        verbose_name=_("samenwerkingsverband"),
    )
    decision_working_days = models.PositiveSmallIntegerField(
        _("beslistermijn in werkdagen"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("Binnen hoeveel werkdagen na het bevestigende advies het SWV besluit."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("TLV-afspraken")
        verbose_name_plural = _("TLV-afspraken")

    def __str__(self) -> str:
        return f"TLV-afspraken {self.samenwerkingsverband}"


class Dossier(Versioned):
    """A TLV request with its Duiden & Doen dossier, for one case at level 4 or 5."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="tlv_dossiers", verbose_name=_("casus")
    )
    samenwerkingsverband = models.ForeignKey(
        "partners.Samenwerkingsverband",
        on_delete=models.PROTECT,
        related_name="tlv_dossiers",
        verbose_name=_("samenwerkingsverband"),
    )
    state = models.CharField(_("stand"), max_length=20, choices=State, default=State.CONCEPT)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField(_("gestart op"), auto_now_add=True)
    # Duiden
    signals = LimitedTextField(_("signalen"), blank=True)
    observations = LimitedTextField(_("observaties"), blank=True)
    research = LimitedTextField(_("onderzoek"), blank=True)
    analysis = LimitedTextField(_("analyse"), blank=True)
    # Doen
    goals = LimitedTextField(_("doelen"), blank=True)
    planned_action = LimitedTextField(_("geplande aanpak"), blank=True)
    monitoring = LimitedTextField(_("monitoring"), blank=True)
    evaluations = LimitedTextField(_("evaluaties"), blank=True)
    # The support need
    need_education = ShortTextField(_("ondersteuningsbehoefte onderwijs"), blank=True)
    need_municipal = ShortTextField(_("ondersteuningsbehoefte gemeentelijk"), blank=True)
    need_care = ShortTextField(_("ondersteuningsbehoefte zorg"), blank=True)
    # What each level did, and with what result
    level_1 = ShortTextField(_("niveau 1: in de groep"), blank=True)
    level_2 = ShortTextField(_("niveau 2: extra zorg in de groep"), blank=True)
    level_3 = ShortTextField(_("niveau 3: speciale zorg met IB'er"), blank=True)
    level_4 = ShortTextField(_("niveau 4: met externe deskundigen (knooppunt)"), blank=True)
    # Until the gezinsplan app links its plans, the IB'er summarises (with consent).
    gezinsplan_findings = ShortTextField(
        _("bevindingen gezinsplan"),
        blank=True,
        help_text=_("Alleen als de ouders toestemming gaven om het gezinsplan te delen."),
    )
    jgz_findings = ShortTextField(
        _("recente bevindingen JGZ"),
        blank=True,
        help_text=_("Alleen met toestemming voor uitwisseling met de jeugdarts."),
    )
    parents_agree = models.BooleanField(
        _("ouders zijn betrokken en stemmen in met de aanvraag"), default=False
    )
    # The board's signature
    levels_confirmed = models.BooleanField(_("niveaus 1 tot en met 4 zijn benut"), default=False)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ondertekend door"),
    )
    signed_at = models.DateTimeField(_("ondertekend op"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)
    returned_remarks = ShortTextField(_("opmerkingen bij terugsturen"), blank=True)
    # The SWV
    trajectbegeleider = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("trajectbegeleider"),
    )
    director_name = models.CharField(_("directeur SWV"), max_length=200, blank=True)
    director_verdict = models.CharField(
        _("besluit directeur bij verdeeld advies"), max_length=20, choices=Verdict, blank=True
    )
    advice_confirmed_on = models.DateField(_("advies bevestigd op"), null=True, blank=True)
    deadline = models.DateField(_("uiterste besluitdatum"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("herinnering verstuurd op"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("TLV-aanvraag")
        verbose_name_plural = _("TLV-aanvragen")
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(state__in=OPEN_STATES),
                name="tlv_one_open_request_per_case",
                violation_error_message=_("Voor deze casus loopt al een TLV-aanvraag."),
            )
        ]

    def __str__(self) -> str:
        # Without the pupil's name: this reaches logs and the admin.
        return f"TLV-aanvraag {self.uuid}"


class PrivateStorage(FileSystemStorage):
    """Attachments live under PRIVATE_MEDIA_ROOT, outside the web root and without a URL: they
    leave only through the download view (docs/security.md, target 17). The setting is read on
    every use, so a changed setting (tests) takes effect."""

    def __init__(self) -> None:
        super().__init__(base_url=None)

    def deconstruct(self):
        return ("tlv.models.PrivateStorage", (), {})

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)


private_storage = PrivateStorage()


def attachment_path(instance: "Attachment", filename: str) -> str:
    # Never the uploaded name: it may carry the pupil's name.
    return f"tlv/{instance.dossier.uuid}/{instance.uuid}"


class Attachment(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("dossier")
    )
    kind = models.CharField(_("soort"), max_length=20, choices=AttachmentKind)
    description = models.CharField(_("omschrijving"), max_length=200)
    file = models.FileField(_("bestand"), storage=private_storage, upload_to=attachment_path)
    content_type = models.CharField(_("bestandstype"), max_length=100, editable=False)
    size = models.PositiveIntegerField(_("grootte in bytes"), editable=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    uploaded_at = models.DateTimeField(_("toegevoegd op"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return f"Bijlage {self.uuid}"


class ExpertAdvice(models.Model):
    """One named expert's advice on a request."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="advices", verbose_name=_("dossier")
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="tlv_advices",
        verbose_name=_("deskundige"),
    )
    name = models.CharField(_("naam"), max_length=200)
    expertise = models.CharField(_("deskundigheid"), max_length=30, choices=Expertise)
    given_on = models.DateField(_("datum advies"), null=True, blank=True)
    verdict = models.CharField(_("advies"), max_length=20, choices=Verdict, blank=True)
    motivation = ShortTextField(_("toelichting"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("deskundigenadvies")
        verbose_name_plural = _("deskundigenadviezen")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "expert"],
                name="tlv_one_advice_per_expert",
                violation_error_message=_("Deze deskundige is al gevraagd."),
            )
        ]

    def __str__(self) -> str:
        return f"Advies {self.uuid}"


class Decision(models.Model):
    """The SWV's decision on a request."""

    dossier = models.OneToOneField(
        Dossier, on_delete=models.CASCADE, related_name="decision", verbose_name=_("dossier")
    )
    granted = models.BooleanField(_("toelaatbaarheidsverklaring afgegeven"))
    kind = models.CharField(_("soort"), max_length=10, choices=TlvKind, blank=True)
    category = models.CharField(_("categorie"), max_length=10, choices=Category, blank=True)
    cto_weeks = models.PositiveSmallIntegerField(_("weken arrangement CTO"), null=True, blank=True)
    receiving_school = models.ForeignKey(
        "partners.School",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ontvangende school"),
    )
    placement_date = models.DateField(_("plaatsingsdatum"), null=True, blank=True)
    valid_from = models.DateField(_("geldig vanaf"), null=True, blank=True)
    valid_until = models.DateField(_("geldig tot en met"), null=True, blank=True)
    return_perspective = ShortTextField(_("terugkeerperspectief"), blank=True)
    transport = ShortTextField(_("leerlingenvervoer"), blank=True)
    care_agreements = ShortTextField(_("afspraken gemeente en zorg"), blank=True)
    opp_regie = models.CharField(_("regie OPP"), max_length=20, choices=OppRegie, blank=True)
    motivation = ShortTextField(_("motivering"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    decided_on = models.DateField(_("besloten op"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")

    def __str__(self) -> str:
        return f"Besluit {self.dossier.uuid}"

    def clean(self) -> None:
        if not self.granted:
            return
        errors = {}
        required = {
            "kind": _("Kies de soort toelaatbaarheid."),
            "valid_from": _("Vul in vanaf wanneer de verklaring geldt."),
            "valid_until": _("Vul in tot wanneer de verklaring geldt."),
            "opp_regie": _("Kies wie de regie heeft over het OPP."),
        }
        for name, message in required.items():
            if not getattr(self, name):
                errors[name] = message
        if self.kind != TlvKind.CTO:
            if not self.receiving_school_id:
                errors["receiving_school"] = _("Kies de ontvangende school.")
            if not self.placement_date:
                errors["placement_date"] = _("Vul de plaatsingsdatum in.")
        if self.kind in WITH_CATEGORY and not self.category:
            errors["category"] = _("Kies bij SO en VSO de categorie: laag, midden of hoog.")
        if self.kind not in WITH_CATEGORY and self.category:
            errors["category"] = _("Alleen SO en VSO hebben een categorie.")
        if self.kind == TlvKind.CTO and self.cto_weeks not in CTO_WEEKS:
            errors["cto_weeks"] = _("Een arrangement CTO duurt 6 of 12 weken.")
        if self.kind != TlvKind.CTO and self.cto_weeks:
            errors["cto_weeks"] = _("Alleen een arrangement CTO heeft een aantal weken.")
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = _("De einddatum ligt voor de begindatum.")
        if errors:
            raise ValidationError(errors)


class Opp(Versioned):
    """The ontwikkelingsperspectiefplan kept on the case after a granted decision, evaluated
    twice a year (docs/domain.md, "The OPP after the decision")."""

    dossier = models.OneToOneField(
        Dossier, on_delete=models.CASCADE, related_name="opp", verbose_name=_("dossier")
    )
    exit_perspective = ShortTextField(_("uitstroomperspectief"), blank=True)
    goals = LimitedTextField(_("doelen"), blank=True)
    handelingsdeel = LimitedTextField(_("handelingsdeel"), blank=True)
    next_evaluation = models.DateField(_("volgende evaluatie"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("OPP")
        verbose_name_plural = _("OPP's")

    def __str__(self) -> str:
        return f"OPP {self.dossier.uuid}"


class OppEvaluation(models.Model):
    """One evaluation of the OPP: what was achieved against its goals and what comes next."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    opp = models.ForeignKey(
        Opp, on_delete=models.CASCADE, related_name="evaluations", verbose_name=_("OPP")
    )
    held_on = models.DateField(_("datum evaluatie"))
    achieved = LimitedTextField(
        _("wat is bereikt"),
        help_text=_("Per doel van het OPP: wat is bereikt, of een samenvatting."),
    )
    next_step = ShortTextField(_("volgende stap"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("OPP-evaluatie")
        verbose_name_plural = _("OPP-evaluaties")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"OPP-evaluatie {self.uuid}"
