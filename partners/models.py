import uuid

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from knooppunt.fields import LimitedTextField
from partners.constants import (
    SECTORS_WITH_LRK,
    SECTORS_WITHOUT_SWV,
    Function,
    OrganisationKind,
    Participation,
    Sector,
    UserKind,
    Weekday,
)
from partners.query import ProfessionalQuerySet


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields) -> "User":
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> "User":
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)


# Saved on every sign-in and password change; history would only repeat the row (and must never
# hold a password hash).
_USER_UNTRACKED_FIELDS = frozenset({"password", "last_login"})


class User(AbstractBaseUser, PermissionsMixin):
    """Anyone who signs in: professionals now, parents through their portal later.

    Keyed by e-mail address. `is_staff` marks the functional admin (beheerder), who manages
    organisations and accounts in the admin and never sees case content. `is_superuser`,
    groups and permissions are not editable in the app: operators use
    `manage.py grant_superuser` and `manage.py grant_functional_admin`.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("e-mailadres"), unique=True)
    first_name = models.CharField(_("voornaam"), max_length=100)
    last_name = models.CharField(_("achternaam"), max_length=150)
    kind = models.CharField(
        _("soort account"), max_length=20, choices=UserKind, default=UserKind.PROFESSIONAL
    )
    is_active = models.BooleanField(_("actief"), default=True)
    is_staff = models.BooleanField(
        _("functioneel beheerder"),
        default=False,
        help_text=_("Mag organisaties en accounts beheren; ziet geen casusgegevens."),
    )
    date_joined = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    objects = UserManager()
    history = HistoricalRecords(excluded_fields=sorted(_USER_UNTRACKED_FIELDS))

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.get_full_name()

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip() or self.email

    def get_short_name(self) -> str:
        return self.first_name or self.email

    def clean_fields(self, exclude=None) -> None:
        # The hash is only ever set by set_password; an account made without one (blank) is
        # valid and simply cannot sign in until a password reset.
        super().clean_fields(exclude={*(exclude or ()), "password"})

    def save(self, *args, **kwargs) -> None:
        update_fields = kwargs.get("update_fields")
        untracked = update_fields is not None and set(update_fields) <= _USER_UNTRACKED_FIELDS
        if untracked and not hasattr(self, "skip_history_when_saving"):
            # A sign-in (last_login) or a password change alone leaves no history row.
            self.save_without_historical_record(*args, **kwargs)
            return
        super().save(*args, **kwargs)


class Organisation(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort organisatie"), max_length=20, choices=OrganisationKind)
    municipality = models.CharField(_("gemeente"), max_length=100, blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    email = models.EmailField(_("algemeen e-mailadres"), blank=True)

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "kind"], name="organisation_unique_name_kind")
        ]

    def __str__(self) -> str:
        return self.name


class Samenwerkingsverband(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField(
        _("code"),
        max_length=10,
        unique=True,
        validators=[
            RegexValidator(r"^(PO|VO)\d{2}(\d{2}|\d{2}\.\d)$", _("Gebruik een code als PO3105."))
        ],
        help_text=_("Bijvoorbeeld PO3105."),
    )
    name = models.CharField(_("naam"), max_length=200)
    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.PROTECT,
        related_name="samenwerkingsverband",
        verbose_name=_("organisatie"),
    )

    class Meta:
        verbose_name = _("samenwerkingsverband")
        verbose_name_plural = _("samenwerkingsverbanden")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Schoolbestuur(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("naam"), max_length=200)
    bestuursnummer = models.CharField(_("bestuursnummer"), max_length=10, blank=True)
    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.PROTECT,
        related_name="schoolbestuur",
        verbose_name=_("organisatie"),
    )

    class Meta:
        verbose_name = _("schoolbestuur")
        verbose_name_plural = _("schoolbesturen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class School(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    brin = models.CharField(
        _("BRIN"),
        max_length=6,
        unique=True,
        null=True,
        blank=True,
        validators=[
            RegexValidator(r"^\d{2}[A-Z]{2}(\d{2})?$", _("Een BRIN is als 12AB of 12AB00."))
        ],
        help_text=_("Voor elke school behalve een voorschool."),
    )
    lrk_number = models.CharField(
        _("LRK-nummer"),
        max_length=9,
        unique=True,
        null=True,
        blank=True,
        validators=[RegexValidator(r"^\d{9}$", _("Een LRK-nummer bestaat uit negen cijfers."))],
        help_text=_(
            "Alleen voor een voorschool: het nummer in het Landelijk Register Kinderopvang."
        ),
    )
    name = models.CharField(_("naam"), max_length=200)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector)
    bestuur = models.ForeignKey(
        Schoolbestuur, on_delete=models.PROTECT, related_name="schools", verbose_name=_("bestuur")
    )
    samenwerkingsverband = models.ForeignKey(
        Samenwerkingsverband,
        on_delete=models.PROTECT,
        related_name="schools",
        verbose_name=_("samenwerkingsverband"),
        null=True,
        blank=True,
        help_text=_("Leeg voor een mbo-instelling: die hoort bij geen samenwerkingsverband."),
    )
    organisation = models.OneToOneField(
        Organisation, on_delete=models.PROTECT, related_name="school", verbose_name=_("organisatie")
    )
    address = models.CharField(_("adres"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("scholen")
        ordering = ["name"]
        constraints = [
            # A voorschool has an LRK number and no BRIN; every other school a BRIN.
            models.CheckConstraint(
                condition=(
                    models.Q(
                        sector__in=SECTORS_WITH_LRK, brin__isnull=True, lrk_number__isnull=False
                    )
                    | (
                        ~models.Q(sector__in=SECTORS_WITH_LRK)
                        & models.Q(brin__isnull=False, lrk_number__isnull=True)
                    )
                ),
                name="school_brin_or_lrk_by_sector",
                violation_error_message=_(
                    "Een voorschool heeft een LRK-nummer en geen BRIN; elke andere school een BRIN "
                    "en geen LRK-nummer."
                ),
            ),
            # Only an MBO institution is without a samenwerkingsverband.
            models.CheckConstraint(
                condition=(
                    models.Q(sector__in=SECTORS_WITHOUT_SWV, samenwerkingsverband__isnull=True)
                    | (
                        ~models.Q(sector__in=SECTORS_WITHOUT_SWV)
                        & models.Q(samenwerkingsverband__isnull=False)
                    )
                ),
                name="school_swv_by_sector",
                violation_error_message=_(
                    "Een mbo-instelling hoort bij geen samenwerkingsverband; elke andere school "
                    "bij precies één."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def register_label(self) -> str:
        """The school's number in the register it is known by: "BRIN 12AB" or "LRK 123456789"."""
        return f"LRK {self.lrk_number}" if self.lrk_number else f"BRIN {self.brin}"

    def clean(self) -> None:
        """Say per field what is wrong, before the constraints would."""
        # Empty form fields mean "none", so two schools without a BRIN do not collide.
        self.brin = self.brin or None
        self.lrk_number = self.lrk_number or None
        errors = {}
        if self.sector in SECTORS_WITH_LRK:
            if not self.lrk_number:
                errors["lrk_number"] = _("Een voorschool heeft een LRK-nummer.")
            if self.brin:
                errors["brin"] = _("Een voorschool heeft geen BRIN maar een LRK-nummer.")
        elif self.sector:
            if not self.brin:
                errors["brin"] = _("Vul het BRIN van de school in.")
            if self.lrk_number:
                errors["lrk_number"] = _("Alleen een voorschool heeft een LRK-nummer.")
        if self.sector in SECTORS_WITHOUT_SWV and self.samenwerkingsverband_id:
            errors["samenwerkingsverband"] = _(
                "Een mbo-instelling hoort bij geen samenwerkingsverband."
            )
        elif (
            self.sector
            and self.sector not in SECTORS_WITHOUT_SWV
            and not self.samenwerkingsverband_id
        ):
            errors["samenwerkingsverband"] = _("Kies het samenwerkingsverband van de school.")
        if errors:
            raise ValidationError(errors)


class Professional(models.Model):
    """A user's membership of an organisation, in a function.

    A membership counts for access only while `is_active`. One that gives case access (see
    `partners.access.needs_confirmation`) starts pending and becomes active only when a second
    person confirms it: never the one who asked for it, never the member (four eyes). Others
    are active at once. Changes go through the services in partners/services.py.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("gebruiker")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="members",
        verbose_name=_("organisatie"),
    )
    function = models.CharField(_("functie"), max_length=30, choices=Function)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    is_active = models.BooleanField(
        _("actief"),
        default=False,
        help_text=_("Telt mee voor toegang: bevestigd (waar nodig) en niet beëindigd."),
    )
    requested_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships_requested",
        verbose_name=_("aangevraagd door"),
        help_text=_("Wie het lidmaatschap toevoegde of de functie het laatst wijzigde."),
    )
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships_confirmed",
        verbose_name=_("bevestigd door"),
        help_text=_("Leeg als er geen tweede persoon nodig was."),
    )
    ended_at = models.DateTimeField(_("beëindigd op"), null=True, blank=True)

    objects = ProfessionalQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("professional")
        verbose_name_plural = _("professionals")
        ordering = ["organisation__name", "user__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "function"], name="professional_unique_membership"
            ),
            models.CheckConstraint(
                condition=models.Q(is_active=False)
                | models.Q(confirmed_at__isnull=False, ended_at__isnull=True),
                name="professional_active_is_confirmed",
                violation_error_message=_("Een lidmaatschap is pas actief na bevestiging."),
            ),
            models.CheckConstraint(
                condition=~models.Q(requested_by=models.F("user")),
                name="professional_not_self_requested",
                violation_error_message=_("Niemand voegt zichzelf toe aan een organisatie."),
            ),
            models.CheckConstraint(
                condition=~models.Q(confirmed_by=models.F("user"))
                & ~models.Q(confirmed_by=models.F("requested_by")),
                name="professional_four_eyes",
                violation_error_message=_(
                    "Een lidmaatschap wordt bevestigd door een tweede persoon, niet door wie het "
                    "aanvroeg en niet door het lid zelf."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_function_display()}, {self.organisation})"

    @property
    def is_pending(self) -> bool:
        return not self.is_active and self.confirmed_at is None and self.ended_at is None


class KnooppuntSetup(models.Model):
    """How one school runs its knooppunt (docs/domain.md, "Organisation": organisation, procedure,
    development)."""

    school = models.OneToOneField(
        School, on_delete=models.CASCADE, related_name="knooppunt", verbose_name=_("school")
    )
    meeting_day = models.PositiveSmallIntegerField(
        _("vaste overlegdag"), choices=Weekday, null=True, blank=True
    )
    start_time = models.TimeField(_("begintijd"), null=True, blank=True)
    end_time = models.TimeField(_("eindtijd"), null=True, blank=True)
    frequency = models.CharField(
        _("frequentie"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld: zes keer per jaar, op de eerste maandag van de maand."),
    )
    presence = models.CharField(
        _("aanwezigheid partners in school"),
        max_length=200,
        blank=True,
        help_text=_("Wanneer de structurele partners in het gebouw zijn voor vragen van ouders."),
    )
    location = models.CharField(_("locatie"), max_length=200, blank=True)
    max_partners_per_item = models.PositiveSmallIntegerField(
        _("maximaal aantal partners per agendapunt"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_(
            "Houd het aantal partners per bespreking klein, zodat ouders niet worden overvallen."
        ),
    )
    procedure = LimitedTextField(
        _("procedure en werkwijze"),
        blank=True,
        help_text=_(
            "Concrete werkafspraken, zo SMART mogelijk: wie heeft de regie, "
            "wie haal je erbij en waarom?"
        ),
    )
    development_agenda = LimitedTextField(
        _("ontwikkelagenda"),
        blank=True,
        help_text=_("Wat willen we in en met ons knooppunt de komende tijd samen ontwikkelen?"),
    )
    updated_at = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("inrichting knooppunt")
        verbose_name_plural = _("inrichting knooppunten")

    def __str__(self) -> str:
        return f"Knooppunt {self.school}"


class KnooppuntPartner(models.Model):
    """A partner organisation at a school's knooppunt table, with its named contact person."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    setup = models.ForeignKey(
        KnooppuntSetup,
        on_delete=models.CASCADE,
        related_name="partners",
        verbose_name=_("knooppunt"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="knooppunt_seats",
        verbose_name=_("organisatie"),
    )
    participation = models.CharField(_("deelname"), max_length=20, choices=Participation)
    contact_name = models.CharField(_("contactpersoon"), max_length=200, blank=True)
    contact_function = models.CharField(
        _("functie contactpersoon"), max_length=30, choices=Function, blank=True
    )
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    notes = models.CharField(_("bijzonderheden"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("knooppuntpartner")
        verbose_name_plural = _("knooppuntpartners")
        ordering = ["participation", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["setup", "organisation", "contact_name"],
                name="knooppuntpartner_unique_contact",
                violation_error_message=_(
                    "Deze contactpersoon staat al bij deze organisatie in het knooppunt."
                ),
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.organisation} – {self.contact_name}"
            if self.contact_name
            else str(self.organisation)
        )


class PasswordResetRequest(models.Model):
    """One request for a password-reset link, kept for the throttling window only.

    The address is stored as a keyed digest, so the table says nothing about who asked.
    """

    email_digest = models.CharField(_("adres (gehasht)"), max_length=64)
    ip_address = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)
    requested_at = models.DateTimeField(_("aangevraagd op"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("aanvraag nieuw wachtwoord")
        verbose_name_plural = _("aanvragen nieuw wachtwoord")
        indexes = [
            models.Index(fields=["email_digest", "requested_at"]),
            models.Index(fields=["ip_address", "requested_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.requested_at:%Y-%m-%d %H:%M} {self.ip_address or ''}".strip()
