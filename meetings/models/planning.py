import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from knooppunt.fields import LimitedTextField
from meetings.constants import MeetingType, PlanningKind, WeekOfMonth
from partners.constants import Weekday


def new_token() -> str:
    return secrets.token_urlsafe(32)


class PlanningRule(models.Model):
    """A recurring date in a school year, e.g. "first Monday of the month, 9:00-12:00"."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    school = models.ForeignKey(
        "partners.School",
        on_delete=models.CASCADE,
        related_name="planning_rules",
        verbose_name=_("school"),
    )
    school_year = models.PositiveSmallIntegerField(
        _("schooljaar"), help_text=_("Het beginjaar: 2026 staat voor schooljaar 2026-2027.")
    )
    kind = models.CharField(_("soort"), max_length=20, choices=PlanningKind)
    meeting_type = models.CharField(
        _("soort overleg"), max_length=20, choices=MeetingType, blank=True
    )
    weekday = models.PositiveSmallIntegerField(_("dag"), choices=Weekday)
    week_of_month = models.SmallIntegerField(_("week van de maand"), choices=WeekOfMonth)
    month_interval = models.PositiveSmallIntegerField(
        _("om de hoeveel maanden"),
        default=1,
        help_text=_("1 is elke maand, 2 is om de maand."),
    )
    start_time = models.TimeField(_("begintijd"))
    end_time = models.TimeField(_("eindtijd"))
    location = models.CharField(_("locatie"), max_length=200, blank=True)
    skip_dates = models.JSONField(
        _("overgeslagen data"),
        default=list,
        blank=True,
        help_text=_("Vakanties en studiedagen die de regel overslaat."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("planningsregel")
        verbose_name_plural = _("planningsregels")
        ordering = ["school_year", "kind"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.school_year}"


class PresenceDay(models.Model):
    """A day the structural partners are in the building for questions (docs/domain.md, "Year
    planning")."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    school = models.ForeignKey(
        "partners.School",
        on_delete=models.CASCADE,
        related_name="presence_days",
        verbose_name=_("school"),
    )
    rule = models.ForeignKey(
        PlanningRule,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="presence_days",
        verbose_name=_("planningsregel"),
    )
    date = models.DateField(_("datum"))
    start_time = models.TimeField(_("begintijd"))
    end_time = models.TimeField(_("eindtijd"))
    location = models.CharField(_("locatie"), max_length=200, blank=True)
    note = models.CharField(
        _("toelichting"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld welke partners er zijn. Zichtbaar voor ouders."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("aanwezigheidsdag")
        verbose_name_plural = _("aanwezigheidsdagen")
        ordering = ["date", "start_time"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "date", "start_time"], name="presence_day_unique_per_school"
            ),
            models.CheckConstraint(
                condition=models.Q(end_time__gt=models.F("start_time")),
                name="presence_day_ends_after_start",
                violation_error_message=_("De eindtijd moet na de begintijd liggen."),
            ),
        ]

    def __str__(self) -> str:
        return f"Aanwezigheid {self.date:%d-%m-%Y}"


class CalendarFeed(models.Model):
    """A secret iCalendar address: a school's dates, or one professional's meetings. Rotating
    the token makes the old address stop working at once."""

    school = models.OneToOneField(
        "partners.School",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="calendar_feed",
        verbose_name=_("school"),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="calendar_feed",
        verbose_name=_("gebruiker"),
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    rotated_at = models.DateTimeField(_("laatst vernieuwd"), auto_now=True)

    class Meta:
        verbose_name = _("agenda-abonnement")
        verbose_name_plural = _("agenda-abonnementen")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(school__isnull=False, user__isnull=True)
                    | models.Q(school__isnull=True, user__isnull=False)
                ),
                name="calendar_feed_one_owner",
            )
        ]

    def __str__(self) -> str:
        return "Agenda-abonnement"


class PublicPage(models.Model):
    """A school's opt-in page for parents: when partners are present and what the knooppunt is.
    It never holds case data."""

    school = models.OneToOneField(
        "partners.School",
        on_delete=models.CASCADE,
        related_name="public_page",
        verbose_name=_("school"),
    )
    enabled = models.BooleanField(_("openbaar"), default=False)
    intro = LimitedTextField(
        _("uitleg voor ouders"),
        blank=True,
        help_text=_(
            "Wat het knooppunt is en hoe ouders een afspraak maken. Geen leerlinggegevens."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("openbare knooppuntpagina")
        verbose_name_plural = _("openbare knooppuntpagina's")

    def __str__(self) -> str:
        return f"Openbare pagina {self.school}"
