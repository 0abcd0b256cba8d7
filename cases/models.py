import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from cases.constants import AccessEvent, Complexity, RegieKind, Status, WerkafspraakStatus
from cases.query import CaseQuerySet


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

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ouder / verzorger")
        verbose_name_plural = _("ouders / verzorgers")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Case(models.Model):
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
    question = models.TextField(_("hulpvraag in de woorden van het gezin"))
    foto = models.TextField(
        _("foto"),
        blank=True,
        help_text=_("Het integrale beeld van kind en omgeving, per leefgebied."),
    )
    parents_informed = models.BooleanField(_("ouders zijn geïnformeerd"), default=False)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.SIGNAAL)
    closing_reason = models.TextField(_("reden van afsluiten"), blank=True)
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
    role = models.CharField(_("rol"), max_length=200, blank=True)
    start = models.DateField(_("betrokken vanaf"))
    end = models.DateField(_("betrokken tot"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("betrokkenheid")
        verbose_name_plural = _("betrokkenheden")
        ordering = ["start"]

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
            )
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class Werkafspraak(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="werkafspraken", verbose_name=_("casus")
    )
    who = models.CharField(_("wie"), max_length=200)
    what = models.TextField(_("wat"))
    why = models.TextField(_("waarom"), blank=True)
    due_date = models.DateField(_("uiterlijk op"))
    evaluation_date = models.DateField(_("evalueren op"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=WerkafspraakStatus, default=WerkafspraakStatus.OPEN
    )
    outcome = models.TextField(_("resultaat"), blank=True)
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

    def __str__(self) -> str:
        return f"Werkafspraak {self.uuid}"


class ProgressNote(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="progress_notes", verbose_name=_("casus")
    )
    text = models.TextField(_("voortgang"))
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


class AdviceQuestion(models.Model):
    """An anonymous advice question to the kernteam (seed 002): no consent needed, because the
    invited experts never learn who the child is."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    school = models.ForeignKey(
        "partners.School",
        on_delete=models.PROTECT,
        related_name="advice_questions",
        verbose_name=_("school"),
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("gesteld door"),
    )
    question = models.TextField(
        _("adviesvraag"),
        help_text=_(
            "Beschrijf de situatie zonder naam, geboortedatum of andere gegevens waaraan het "
            "kind of het gezin te herkennen is."
        ),
    )
    experts = models.ManyToManyField(
        "partners.Professional", related_name="advice_questions", verbose_name=_("deskundigen")
    )
    created_at = models.DateTimeField(_("gesteld op"), auto_now_add=True)
    closed_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)

    history = HistoricalRecords(m2m_fields=[experts])

    class Meta:
        verbose_name = _("anonieme adviesvraag")
        verbose_name_plural = _("anonieme adviesvragen")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Adviesvraag {self.uuid}"


class AdviceAnswer(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    question = models.ForeignKey(
        AdviceQuestion,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("adviesvraag"),
    )
    author = models.ForeignKey(
        "partners.Professional",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("deskundige"),
    )
    text = models.TextField(_("advies"))
    created_at = models.DateTimeField(_("gegeven op"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("advies")
        verbose_name_plural = _("adviezen")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"Advies {self.uuid}"
