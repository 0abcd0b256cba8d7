"""Forms of the year planning: a rule, a presence day, the public page's settings."""

import datetime
import re

from django import forms
from django.utils.translation import gettext_lazy as _

from knooppunt.forms import DateInput, TimeInput, UtrechtFormMixin
from meetings import dates
from meetings.constants import MeetingType, PlanningKind, WeekOfMonth
from meetings.models import PresenceDay, PublicPage
from meetings.planning import (
    RULE_MONTHS,
    school_year_bounds,
    school_year_label,
    school_year_problem,
)
from partners.constants import Weekday

_DATE_LINE = re.compile(r"^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$")


def parse_skip_dates(text: str) -> list[datetime.date]:
    """One date a line as dd-mm-jjjj; blank lines are ignored. Raises ValidationError with
    every bad line, in Dutch, so the IB'er can fix them all at once."""
    dates, errors = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        match = _DATE_LINE.match(line)
        if match is None:
            errors.append(
                _(
                    "Regel %(n)s: „%(text)s” is geen datum. "
                    "Schrijf dd-mm-jjjj, bijvoorbeeld 05-04-2021."
                )
                % {"n": number, "text": line[:40]}
            )
            continue
        day, month, year = (int(part) for part in match.groups())
        try:
            dates.append(datetime.date(year, month, day))
        except ValueError:
            errors.append(
                _("Regel %(n)s: %(text)s bestaat niet in de kalender.")
                % {"n": number, "text": line}
            )
    if errors:
        raise forms.ValidationError(errors)
    return sorted(set(dates))


class PlanningRuleForm(UtrechtFormMixin, forms.Form):
    school_year = forms.TypedChoiceField(label=_("Schooljaar"), coerce=int)
    kind = forms.ChoiceField(label=_("Soort"), choices=PlanningKind.choices)
    meeting_type = forms.ChoiceField(
        label=_("Soort overleg"),
        required=False,
        initial=MeetingType.CASUISTIEK,
        choices=[c for c in MeetingType.choices if c[0] != MeetingType.TOELEIDING],
        help_text=_("Alleen bij een knooppuntoverleg. Een toeleiding plan je los."),
    )
    weekday = forms.TypedChoiceField(label=_("Dag"), choices=Weekday.choices, coerce=int)
    week_of_month = forms.TypedChoiceField(
        label=_("Week van de maand"), choices=WeekOfMonth.choices, coerce=int
    )
    month_interval = forms.IntegerField(
        label=_("Om de hoeveel maanden"),
        min_value=1,
        max_value=RULE_MONTHS,
        initial=1,
        help_text=_("1 is elke maand, 2 is om de maand. We tellen vanaf september."),
    )
    start_time = forms.TimeField(label=_("Begintijd"), widget=TimeInput())
    end_time = forms.TimeField(label=_("Eindtijd"), widget=TimeInput())
    location = forms.CharField(
        label=_("Locatie"),
        max_length=200,
        required=False,
        help_text=_("Leeg laten: de locatie uit de inrichting van het knooppunt."),
    )
    skip_dates = forms.CharField(
        label=_("Vakanties en studiedagen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Eén datum per regel, als dd-mm-jjjj, bijvoorbeeld 05-04-2021. Een overleg op zo'n "
            "dag vervalt; een aanwezigheidsdag schuift een week op."
        ),
    )

    def __init__(self, *args, school_year: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        years = range(school_year - 1, school_year + 3)
        self.fields["school_year"].choices = [(y, school_year_label(y)) for y in years]
        self.fields["school_year"].initial = school_year

    def clean_school_year(self) -> int:
        year = self.cleaned_data["school_year"]
        problem = school_year_problem(year)
        if problem:
            raise forms.ValidationError(problem)
        return year

    def clean_skip_dates(self) -> list[datetime.date]:
        return parse_skip_dates(self.cleaned_data["skip_dates"])

    def clean(self) -> dict:
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("De eindtijd moet na de begintijd liggen."))
        year, skips = cleaned.get("school_year"), cleaned.get("skip_dates") or []
        if year is not None:
            first, last = school_year_bounds(year)
            for day in skips:
                if not first <= day <= last:
                    self.add_error(
                        "skip_dates",
                        _("%(date)s valt niet in schooljaar %(year)s (1 augustus tot 31 juli).")
                        % {"date": day.strftime("%d-%m-%Y"), "year": school_year_label(year)},
                    )
        if cleaned.get("kind") != PlanningKind.MEETING:
            cleaned["meeting_type"] = ""
        return cleaned


class PresenceDayForm(UtrechtFormMixin, forms.ModelForm):
    class Meta:
        model = PresenceDay
        fields = ["date", "start_time", "end_time", "location", "note"]
        widgets = {"date": DateInput(), "start_time": TimeInput(), "end_time": TimeInput()}

    def clean_date(self):
        day = self.cleaned_data["date"]
        problem = dates.date_problem(day)
        if problem:
            raise forms.ValidationError(problem)
        return day

    def clean(self) -> dict:
        cleaned = super().clean()
        day, start, end = cleaned.get("date"), cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("De eindtijd moet na de begintijd liggen."))
        elif day and start and end:
            for name, problem in dates.time_problems(day, start, end).items():
                self.add_error(name, problem)
        return cleaned


class PublicPageForm(UtrechtFormMixin, forms.ModelForm):
    class Meta:
        model = PublicPage
        fields = ["enabled", "intro"]
        labels = {"enabled": _("Pagina voor ouders openbaar maken")}
        widgets = {"intro": forms.Textarea(attrs={"rows": 6})}
