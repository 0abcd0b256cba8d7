"""Forms for what happens during and after a meeting: attendance and mandate, an item's
record, and the werkafspraken and regie agreed at an item, created on its case."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.forms._common import _with_blank
from cases.forms.involvement import RegieChoiceForm
from cases.forms.work import WerkafspraakForm
from knooppunt.forms import DateInput, UtrechtFormMixin
from meetings import dates
from meetings.constants import WITHOUT_PARENTS, Attendance, MeetingStatus
from meetings.models import AgendaItem, Attendee
from partners.models import Professional


class AttendanceForm(UtrechtFormMixin, forms.Form):
    """One attendee's row. Only a professional can have mandate to decide for an organisation."""

    attendance = forms.ChoiceField(label=_("Aanwezigheid"), choices=Attendance.choices)
    mandate = forms.BooleanField(label=_("Met mandaat"), required=False)

    def __init__(self, *args, attendee: Attendee, **kwargs) -> None:
        kwargs.setdefault("prefix", f"a-{attendee.uuid}")
        kwargs.setdefault(
            "initial", {"attendance": attendee.attendance, "mandate": attendee.mandate}
        )
        super().__init__(*args, **kwargs)
        self.attendee = attendee
        if attendee.is_guardian:
            del self.fields["mandate"]

    def changed(self) -> bool:
        return (
            self.cleaned_data["attendance"] != self.attendee.attendance
            or self.cleaned_data.get("mandate", False) != self.attendee.mandate
        )


class MeetingHeldForm(UtrechtFormMixin, forms.Form):
    held = forms.BooleanField(label=_("Het overleg is gehouden"), required=False)

    def __init__(self, *args, meeting, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        if meeting.status == MeetingStatus.HELD:
            del self.fields["held"]  # nothing left to mark

    def clean_held(self) -> bool:
        held = self.cleaned_data["held"]
        if held and self.meeting.date > timezone.localdate():
            raise ValidationError(_("Een overleg dat nog moet plaatsvinden is nog niet gehouden."))
        return held


class ItemRecordForm(UtrechtFormMixin, forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["decisions", "minutes", "parents_minutes", "next_knooppunt", "no_parents_reason"]
        widgets = {
            "decisions": forms.Textarea(attrs={"rows": 5}),
            "minutes": forms.Textarea(attrs={"rows": 10}),
            "parents_minutes": forms.Textarea(attrs={"rows": 6}),
            "next_knooppunt": DateInput(),
            "no_parents_reason": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "parents_minutes": _(
                "De versie die de ouders te zien krijgen. Schrijf die in begrijpelijke taal."
            ),
            "next_knooppunt": _("Wanneer deze casus weer in het knooppunt komt."),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        item = self.instance
        # Only a case discussed in a meeting with parents can lack them.
        if item.case_id is None or item.meeting.type in WITHOUT_PARENTS:
            del self.fields["no_parents_reason"]

    def clean_next_knooppunt(self):
        day = self.cleaned_data["next_knooppunt"]
        if day is not None and day <= self.instance.meeting.date:
            raise ValidationError(_("Het volgende knooppunt ligt na dit overleg."))
        if day is not None and dates.date_problem(day):
            raise ValidationError(dates.date_problem(day))
        return day


class ItemWerkafspraakForm(WerkafspraakForm):
    """A werkafspraak made at the table: the case form, with the evaluation date required
    (it starts from the next knooppunt) and no due date before the meeting."""

    def __init__(self, *args, item: AgendaItem, **kwargs) -> None:
        super().__init__(*args, case=item.case, **kwargs)
        self.item = item
        evaluation = self.fields["evaluation_date"]
        evaluation.required = True
        evaluation.initial = item.next_knooppunt
        evaluation.help_text = _("Op deze datum krijgt de procesregisseur een herinnering.")
        evaluation.error_messages["required"] = _("Spreek af wanneer dit wordt geëvalueerd.")

    def clean_due_date(self):
        due_date = self.cleaned_data["due_date"]
        if due_date < self.item.meeting.date:
            raise ValidationError(_("Deze datum ligt vóór het overleg."))
        if dates.date_problem(due_date):
            raise ValidationError(dates.date_problem(due_date))
        return due_date

    def clean_evaluation_date(self):
        # The evaluation reminder (meetings/reminders.py) is keyed and dated by this day.
        day = self.cleaned_data["evaluation_date"]
        if day is not None and dates.date_problem(day):
            raise ValidationError(dates.date_problem(day))
        return day


def regie_candidates(item: AgendaItem) -> dict[str, dict]:
    """attendee uuid -> {"label", "professional" or "guardian"}: the item's attendees who can
    hold regie on its case. A professional through their active membership of the organisation
    they attend for; a guardian only of this pupil."""
    candidates: dict[str, dict] = {}
    attendees = item.attendees.select_related("organisation", "guardian").order_by("name")
    for attendee in attendees:
        if attendee.guardian is not None:
            if attendee.guardian.pupil_id == item.case.pupil_id:
                candidates[str(attendee.uuid)] = {
                    "label": f"{attendee.name} ({_('ouder / verzorger')})",
                    "guardian": attendee.guardian,
                }
            continue
        membership = (
            Professional.objects.filter(
                user_id=attendee.user_id,
                organisation_id=attendee.organisation_id,
                is_active=True,
                user__is_active=True,
            )
            .select_related("user", "organisation")
            .order_by("pk")
            .first()
        )
        if membership is not None:
            candidates[str(attendee.uuid)] = {
                "label": f"{attendee.name} – {membership.organisation.name}",
                "professional": membership,
            }
    return candidates


class ItemRegieForm(RegieChoiceForm):
    """Regie agreed at the table, given to one of the item's attendees."""

    holder = forms.ChoiceField(
        label=_("Regisseur"),
        help_text=_("Kies uit de genodigden bij dit agendapunt."),
        error_messages={
            "required": _("Kies wie de regie krijgt."),
            "invalid_choice": _("Kies iemand die bij dit agendapunt is uitgenodigd."),
        },
    )
    field_order = ["kind", "holder", "agreed_with_parents"]

    def __init__(self, *args, item: AgendaItem, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.candidates = regie_candidates(item)
        self.fields["holder"].choices = _with_blank(
            [(key, value["label"]) for key, value in self.candidates.items()],
            _("Kies een genodigde"),
        )

    def service_kwargs(self) -> dict:
        """The keyword arguments for cases.services.regie_assign, from a valid form."""
        chosen = self.candidates[self.cleaned_data["holder"]]
        return {
            "kind": self.cleaned_data["kind"],
            "professional": chosen.get("professional"),
            "guardian": chosen.get("guardian"),
            "agreed_with_parents": self.cleaned_data["agreed_with_parents"],
        }
