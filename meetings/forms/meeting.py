from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knooppunt.forms import DateInput, TimeInput, UtrechtFormMixin
from meetings import dates
from meetings.constants import MeetingType
from meetings.services import trajectbegeleiders
from partners.models import KnooppuntSetup, School, User


class _ChairField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.get_full_name()


class MeetingForm(UtrechtFormMixin, forms.Form):
    """Date, times, place and chair of a meeting. The chair is only asked for a toeleiding
    (the SWV's trajectbegeleider); otherwise the IB'er who plans it chairs."""

    date = forms.DateField(label=_("Datum"), widget=DateInput())
    start_time = forms.TimeField(label=_("Begintijd"), widget=TimeInput())
    end_time = forms.TimeField(label=_("Eindtijd"), widget=TimeInput())
    location = forms.CharField(label=_("Locatie"), max_length=200, required=False)
    chair = _ChairField(
        label=_("Voorzitter (alleen bij toeleiding)"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Kies de voorzitter"),
        help_text=_("Een knooppunt toeleiding wordt voorgezeten door de trajectbegeleider."),
    )

    def __init__(self, *args, schools, with_chair: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not with_chair:
            # Only a toeleiding has a chair to choose (meetings.services.NO_CHAIR_CHOICE).
            del self.fields["chair"]
            return
        chairs = trajectbegeleiders(schools=schools)
        self.fields["chair"].queryset = User.objects.filter(
            memberships__in=chairs.values("pk")
        ).order_by("last_name")

    def clean_date(self):
        day = self.cleaned_data["date"]
        problem = dates.date_problem(day)
        if problem:
            raise forms.ValidationError(problem)
        return day

    def past_date_problem(self, day, cleaned) -> str | None:
        """Moving a meeting into the past would invite people to something that is over."""
        if day < timezone.localdate() and day != self.initial.get("date"):
            return _("Deze datum is al voorbij. Kies vandaag of later.")
        return None

    def clean(self):
        cleaned = super().clean()
        day, start, end = cleaned.get("date"), cleaned.get("start_time"), cleaned.get("end_time")
        if day and (problem := self.past_date_problem(day, cleaned)):
            self.add_error("date", problem)
        if start and end and end <= start:
            self.add_error("end_time", _("De eindtijd moet na de begintijd liggen."))
        elif day and start and end:
            for name, problem in dates.time_problems(day, start, end).items():
                self.add_error(name, problem)
        return cleaned


class MeetingPlanForm(MeetingForm):
    """Planning a meeting, or recording one that was already held ("al gehouden"): only then
    may its date lie in the past. The place starts as the one in the school's knooppunt set-up.
    """

    school = forms.ModelChoiceField(
        label=_("School"), queryset=School.objects.none(), empty_label=_("Kies een school")
    )
    type = forms.ChoiceField(
        label=_("Soort overleg"),
        choices=[("", _("Kies een soort overleg")), *MeetingType.choices],
        initial=MeetingType.CASUISTIEK,
    )
    held = forms.BooleanField(
        label=_("Dit overleg is al gehouden"),
        required=False,
        help_text=_(
            "Vink dit aan om een overleg achteraf vast te leggen. Er gaan geen uitnodigingen uit."
        ),
    )
    field_order = ["school", "type", "date", "held", "start_time", "end_time", "location", "chair"]

    def __init__(self, *args, schools, **kwargs) -> None:
        super().__init__(*args, schools=schools, **kwargs)
        self.fields["school"].queryset = schools
        if schools.count() == 1:
            self.fields["school"].initial = schools.first()
        setup = KnooppuntSetup.objects.filter(school__in=schools).order_by("school__name").first()
        if setup is not None:
            self.fields["location"].initial = setup.location

    def past_date_problem(self, day, cleaned) -> str | None:
        today = timezone.localdate()
        if day < today and not cleaned.get("held"):
            return _(
                "Deze datum is al voorbij. Kies vandaag of later, of vink aan dat het overleg "
                "al is gehouden."
            )
        if day > today and cleaned.get("held"):
            return _("Een overleg dat nog moet plaatsvinden is nog niet gehouden.")
        return None
