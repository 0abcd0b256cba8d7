import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from knooppunt.fields import LimitedTextField, ShortTextField
from meetings.constants import Attendance, MeetingStatus, MeetingType, Response
from meetings.models.planning import PlanningRule, new_token


class Meeting(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    school = models.ForeignKey(
        "partners.School",
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("school"),
    )
    rule = models.ForeignKey(
        PlanningRule,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("planningsregel"),
    )
    type = models.CharField(_("soort overleg"), max_length=20, choices=MeetingType)
    date = models.DateField(_("datum"))
    start_time = models.TimeField(_("begintijd"))
    end_time = models.TimeField(_("eindtijd"))
    location = models.CharField(_("locatie"), max_length=200, blank=True)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("voorzitter"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus, default=MeetingStatus.PLANNED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("overleg")
        verbose_name_plural = _("overleggen")
        ordering = ["date", "start_time"]
        indexes = [models.Index(fields=["school", "date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_time__gt=models.F("start_time")),
                name="meeting_ends_after_start",
                violation_error_message=_("De eindtijd moet na de begintijd liggen."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_type_display()} {self.date:%d-%m-%Y}"


class AgendaItem(models.Model):
    """One item on a meeting's agenda: a case, or a general item without one. The record of
    what was said and decided is case content ("wat")."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="items", verbose_name=_("overleg")
    )
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("casus"),
    )
    title = models.CharField(
        _("onderwerp"),
        max_length=200,
        blank=True,
        help_text=_("Voor een algemeen agendapunt. Geen namen van leerlingen."),
    )
    start_time = models.TimeField(_("van"))
    end_time = models.TimeField(_("tot"))
    no_parents_reason = ShortTextField(
        _("reden dat ouders niet aanschuiven"),
        blank=True,
        help_text=_("Een knooppunt zonder ouders is ongeldig, tenzij de reden is vastgelegd."),
    )
    decisions = LimitedTextField(_("besluiten"), blank=True)
    minutes = LimitedTextField(_("verslag"), blank=True)
    parents_minutes = LimitedTextField(
        _("verslag voor ouders"),
        blank=True,
        help_text=_("Deze versie is bestemd voor de ouders."),
    )
    next_knooppunt = models.DateField(_("volgend knooppunt"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        ordering = ["position", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_time__gt=models.F("start_time")),
                name="agenda_item_ends_after_start",
                violation_error_message=_("De eindtijd moet na de begintijd liggen."),
            ),
            models.CheckConstraint(
                condition=models.Q(case__isnull=False) | ~models.Q(title=""),
                name="agenda_item_case_or_title",
                violation_error_message=_("Kies een casus of geef het agendapunt een onderwerp."),
            ),
            models.UniqueConstraint(
                fields=["meeting", "case"],
                condition=models.Q(case__isnull=False),
                name="agenda_item_case_once_per_meeting",
                violation_error_message=_("Deze casus staat al op de agenda."),
            ),
        ]

    def __str__(self) -> str:
        # Never the pupil's name: this string reaches logs and the admin.
        return f"Agendapunt {self.uuid}"


class Attendee(models.Model):
    """Someone invited to a meeting: a professional (a user) or a guardian of a pupil on the
    agenda. They attend the items they are linked to; their invitation covers those items'
    time window."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendees", verbose_name=_("overleg")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_attendances",
        verbose_name=_("professional"),
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("namens"),
    )
    guardian = models.ForeignKey(
        "pupils.Guardian",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_attendances",
        verbose_name=_("ouder / verzorger"),
    )
    name = models.CharField(_("naam"), max_length=200)
    email = models.EmailField(_("e-mailadres"), blank=True)
    items = models.ManyToManyField(
        AgendaItem, related_name="attendees", blank=True, verbose_name=_("agendapunten")
    )
    # The secret in the accept/decline link; it grants nothing but answering the invitation.
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    response = models.CharField(
        _("antwoord"), max_length=20, choices=Response, default=Response.PENDING
    )
    responded_at = models.DateTimeField(_("geantwoord op"), null=True, blank=True)
    attendance = models.CharField(
        _("aanwezigheid"), max_length=20, choices=Attendance, default=Attendance.UNKNOWN
    )
    mandate = models.BooleanField(
        _("met mandaat"), default=False, help_text=_("Mag namens de organisatie besluiten.")
    )

    # The secret token stays out of the history; the links to agenda items are tracked.
    history = HistoricalRecords(excluded_fields=["token"], m2m_fields=["items"])

    class Meta:
        verbose_name = _("genodigde")
        verbose_name_plural = _("genodigden")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(user__isnull=False, guardian__isnull=True)
                    | models.Q(user__isnull=True, guardian__isnull=False)
                ),
                name="attendee_professional_or_guardian",
            ),
            models.UniqueConstraint(
                fields=["meeting", "user"], name="attendee_user_once_per_meeting"
            ),
            models.UniqueConstraint(
                fields=["meeting", "guardian"], name="attendee_guardian_once_per_meeting"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_guardian(self) -> bool:
        return self.guardian_id is not None
