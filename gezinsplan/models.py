"""The gezinsplan (docs/domain.md, "Gezinsplan"): one plan per case, in the format's sections.

Every change to the plan, a member or a goal raises the plan's `version` (through the services),
and a signature holds for one version only: after an edit everyone signs again. When every
required signer has signed the current version, the sealed PDF of that version is archived;
the same holds for each evaluation.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from gezinsplan.constants import Letter, ResultArea, SignMethod
from knooppunt.concurrency import Versioned
from knooppunt.fields import LimitedTextField, ShortTextField


class Gezinsplan(Versioned):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.OneToOneField(
        "cases.Case", on_delete=models.PROTECT, related_name="gezinsplan", verbose_name=_("casus")
    )
    regisseur = models.ForeignKey(
        "partners.Professional",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("regisseur"),
    )
    huisarts = models.CharField(_("huisarts"), max_length=200, blank=True)
    huisarts_consent = models.BooleanField(_("toestemming huisarts"), default=False)
    jeugdarts = models.CharField(_("jeugdarts"), max_length=200, blank=True)
    jeugdarts_consent = models.BooleanField(_("toestemming jeugdarts"), default=False)
    start_date = models.DateField(_("startdatum"))
    evaluation_dates = models.JSONField(_("evaluatiedata"), default=list, blank=True)
    end_date = models.DateField(_("einddatum"), null=True, blank=True)
    network = ShortTextField(_("sociaal netwerk"), blank=True)
    organisations = ShortTextField(_("betrokken organisaties"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("gezinsplan")
        verbose_name_plural = _("gezinsplannen")

    def __str__(self) -> str:
        return f"Gezinsplan {self.uuid}"


class PlanMember(models.Model):
    """A family member or other involved person (name, birth date, BSN, contact, relation,
    gezag), in the plan's own words: the plan is a document of its own, not a view of pupils."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Gezinsplan, on_delete=models.CASCADE, related_name="members")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("naam"), max_length=200)
    birth_date = models.DateField(_("geboortedatum"), null=True, blank=True)
    bsn = models.CharField(_("BSN"), max_length=9, blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    address = models.CharField(_("adres"), max_length=300, blank=True)
    relation = models.CharField(_("relatie"), max_length=50)
    has_gezag = models.BooleanField(_("gezag"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("gezinslid")
        verbose_name_plural = _("gezinsleden")

    def __str__(self) -> str:
        return f"Gezinslid {self.uuid}"


class PlanGoal(models.Model):
    """A lettered sub-goal of a result area, ticked for one or more members, with its SMART
    goal (concrete goal, by whom, start, when done, achieved)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Gezinsplan, on_delete=models.CASCADE, related_name="goals")
    area = models.CharField(_("resultaatgebied"), max_length=20, choices=ResultArea)
    letter = models.CharField(_("subdoel"), max_length=1, choices=Letter)
    subgoal = models.CharField(_("omschrijving subdoel"), max_length=300)
    members = models.ManyToManyField(PlanMember, related_name="goals", verbose_name=_("voor"))
    smart_goal = ShortTextField(_("concreet doel"))
    by_whom = models.CharField(_("door wie"), max_length=200)
    start = models.DateField(_("start"))
    done_by = models.DateField(_("wanneer klaar"))
    achieved = models.BooleanField(_("behaald"), null=True, blank=True)

    history = HistoricalRecords(m2m_fields=["members"])

    class Meta:
        ordering = ["area", "letter"]
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "area", "letter"],
                name="plan_goal_letter_once_per_area",
                violation_error_message=_("Deze letter is bij dit resultaatgebied al gebruikt."),
            )
        ]

    def __str__(self) -> str:
        return f"Doel {self.uuid}"


class PlanEvaluation(Versioned):
    """An evaluation on one of the plan's evaluation dates: per goal what happened
    (`GoalEvaluation`), and a summary. Signed like the plan itself: a signature holds for the
    evaluation's version, and any change to it makes a new version that everyone signs again
    (docs/domain.md, "Evaluating the gezinsplan")."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Gezinsplan, on_delete=models.CASCADE, related_name="evaluations")
    date = models.DateField(_("evaluatiedatum"))
    text = LimitedTextField(_("samenvatting"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["date"]
        verbose_name = _("evaluatie")
        verbose_name_plural = _("evaluaties")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "date"],
                name="plan_evaluation_once_per_date",
                violation_error_message=_("Op deze datum is het plan al geëvalueerd."),
            )
        ]

    def __str__(self) -> str:
        return f"Evaluatie {self.uuid}"


class GoalEvaluation(models.Model):
    """What happened with one goal, recorded in one evaluation."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    evaluation = models.ForeignKey(
        PlanEvaluation, on_delete=models.CASCADE, related_name="outcomes"
    )
    goal = models.ForeignKey(PlanGoal, on_delete=models.CASCADE, related_name="outcomes")
    text = ShortTextField(_("wat is er gebeurd"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["goal__area", "goal__letter"]
        verbose_name = _("evaluatie van een doel")
        verbose_name_plural = _("evaluaties van doelen")
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "goal"], name="goal_evaluation_once_per_goal"
            )
        ]

    def __str__(self) -> str:
        return f"Evaluatie van doel {self.uuid}"


class Signature(models.Model):
    """One signer's signature on one version of the plan, or of one of its evaluations
    (`evaluation` set; `version` is then the evaluation's): who, when, how, from where, and the
    SHA-256 of the exact rendering of that version. Exactly one of guardian / by_pupil says who
    signed; the constraints make two simultaneous signatures of one signer a single row
    (docs/security.md target 20)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Gezinsplan, on_delete=models.PROTECT, related_name="signatures")
    evaluation = models.ForeignKey(
        PlanEvaluation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signatures",
        verbose_name=_("evaluatie"),
    )
    version = models.PositiveIntegerField(_("versie"))
    guardian = models.ForeignKey(
        "pupils.Guardian", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    by_pupil = models.BooleanField(_("door de leerling"), default=False)
    signer_name = models.CharField(_("naam"), max_length=200)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField(_("ondertekend op"), auto_now_add=True)
    method = models.CharField(_("hoe"), max_length=20, choices=SignMethod)
    ip_address = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256 van de versie"), max_length=64)

    history = HistoricalRecords()

    class Meta:
        ordering = ["signed_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(guardian__isnull=False, by_pupil=False)
                    | models.Q(guardian__isnull=True, by_pupil=True)
                ),
                name="signature_one_signer",
            ),
            models.UniqueConstraint(
                fields=["plan", "version", "guardian"],
                condition=models.Q(guardian__isnull=False, evaluation__isnull=True),
                name="signature_guardian_once_per_version",
            ),
            models.UniqueConstraint(
                fields=["plan", "version"],
                condition=models.Q(by_pupil=True, evaluation__isnull=True),
                name="signature_pupil_once_per_version",
            ),
            models.UniqueConstraint(
                fields=["evaluation", "version", "guardian"],
                condition=models.Q(guardian__isnull=False, evaluation__isnull=False),
                name="signature_guardian_once_per_evaluation_version",
            ),
            models.UniqueConstraint(
                fields=["evaluation", "version"],
                condition=models.Q(by_pupil=True, evaluation__isnull=False),
                name="signature_pupil_once_per_evaluation_version",
            ),
        ]

    def __str__(self) -> str:
        return f"Handtekening {self.uuid}"


class SignedRendering(models.Model):
    """The exact rendering of one version of the plan, or of one of its evaluations
    (`evaluation` set; `version` is then the evaluation's), kept when its first signature is
    made. Every signature of that version carries this text's SHA-256, the pages show this text
    while the version stands, and the sealed PDF is made from it: a later change to the
    templates changes none of that; only a new version asks for new signatures
    (docs/domain.md, "Signing the gezinsplan")."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Gezinsplan, on_delete=models.PROTECT, related_name="renderings")
    evaluation = models.ForeignKey(
        PlanEvaluation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="renderings",
    )
    version = models.PositiveIntegerField(_("versie"))
    content = models.TextField(_("weergave"))
    sha256 = models.CharField(_("SHA-256 van de weergave"), max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["content"])

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "version"],
                condition=models.Q(evaluation__isnull=True),
                name="signed_rendering_once_per_plan_version",
            ),
            models.UniqueConstraint(
                fields=["evaluation", "version"],
                condition=models.Q(evaluation__isnull=False),
                name="signed_rendering_once_per_evaluation_version",
            ),
        ]

    def __str__(self) -> str:
        return f"Ondertekende weergave {self.uuid}"


class ArchivedPlan(models.Model):
    """The sealed PDF of a fully signed version of the plan, or of one of its evaluations
    (`evaluation` set; `version` is then the evaluation's); never changed."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Gezinsplan, on_delete=models.PROTECT, related_name="archived")
    evaluation = models.ForeignKey(
        PlanEvaluation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="archived",
        verbose_name=_("evaluatie"),
    )
    version = models.PositiveIntegerField(_("versie"))
    sha256 = models.CharField(_("SHA-256 van de versie"), max_length=64)
    pdf = models.BinaryField(_("verzegelde PDF"))
    archived_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["pdf"])

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "version"],
                condition=models.Q(evaluation__isnull=True),
                name="archived_plan_once",
            ),
            models.UniqueConstraint(
                fields=["evaluation", "version"],
                condition=models.Q(evaluation__isnull=False),
                name="archived_evaluation_once",
            ),
        ]

    def __str__(self) -> str:
        return f"Gearchiveerd gezinsplan {self.uuid}"
