"""The regisseur's forms for drafting the plan, in the format's order (docs/domain.md,
"Gezinsplan"), and for recording an evaluation."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from gezinsplan.models import Gezinsplan, PlanEvaluation, PlanGoal, PlanMember
from knooppunt.fields import SHORT_TEXT
from knooppunt.forms import DateInput, UtrechtFormMixin, VersionFormMixin

EVALUATION_DATES = 4


class PlanVersionMixin:
    """Carries the plan's version when the form was opened: a member, goal or evaluation form
    opened before someone else changed the plan is refused (knooppunt/concurrency.py)."""

    def __init__(self, *args, version: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"] = forms.IntegerField(
            widget=forms.HiddenInput, required=False, initial=version
        )

    def renew(self, version: int) -> None:
        """Keep what the user typed, with the current version: saving again is a choice made
        after seeing the plan as it is now."""
        data = self.data.copy()
        data["version"] = version
        self.data = data


class EvaluationDatesWidget(forms.MultiWidget):
    def __init__(self) -> None:
        super().__init__(
            [
                DateInput(attrs={"aria-label": _("Evaluatiedatum %(n)s") % {"n": n + 1}})
                for n in range(EVALUATION_DATES)
            ]
        )

    def decompress(self, value):
        dates = list(value or [])
        return (dates + [None] * EVALUATION_DATES)[:EVALUATION_DATES]


class EvaluationDatesField(forms.MultiValueField):
    """Up to four evaluation dates, kept as ISO dates in date order."""

    widget = EvaluationDatesWidget

    def __init__(self, **kwargs) -> None:
        super().__init__(
            fields=[forms.DateField(required=False) for _n in range(EVALUATION_DATES)],
            require_all_fields=False,
            required=False,
            **kwargs,
        )

    def compress(self, data_list) -> list[str]:
        return sorted({d.isoformat() for d in data_list if d})


class PlanStartForm(UtrechtFormMixin, forms.Form):
    regisseur = forms.ModelChoiceField(
        label=_("Regisseur"),
        queryset=None,
        empty_label=None,
        help_text=_("Wie regie heeft op de casus. Eén gezin, één plan, één regisseur."),
    )
    start_date = forms.DateField(label=_("Startdatum"), widget=DateInput())

    def __init__(self, *args, regisseurs: list, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["regisseur"]
        field.queryset = type(regisseurs[0]).objects.filter(pk__in=[r.pk for r in regisseurs])
        field.label_from_instance = lambda p: (
            f"{p.user.get_full_name()} ({p.get_function_display()}, {p.organisation.name})"
        )
        self.fields["start_date"].initial = datetime.date.today()


class PlanForm(VersionFormMixin, UtrechtFormMixin, forms.ModelForm):
    """Sections 2 to 7 of the format; the members (1) and goals (8, 9) have their own forms."""

    evaluation_dates = EvaluationDatesField(
        label=_("Evaluatiedata"), help_text=_("Tot vier data waarop jullie het plan evalueren.")
    )

    class Meta:
        model = Gezinsplan
        fields = [
            "huisarts",
            "huisarts_consent",
            "jeugdarts",
            "jeugdarts_consent",
            "start_date",
            "evaluation_dates",
            "end_date",
            "network",
            "organisations",
        ]
        labels = {
            "huisarts_consent": _("Toestemming om met de huisarts informatie uit te wisselen"),
            "jeugdarts_consent": _("Toestemming om met de jeugdarts informatie uit te wisselen"),
        }
        help_texts = {
            "network": _("Familie buiten het gezin, buren, vrienden: wie helpt en hoe."),
            "organisations": _("Welke organisaties betrokken zijn bij het gezin."),
        }
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "network": forms.Textarea(attrs={"rows": 4}),
            "organisations": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("De einddatum ligt na de startdatum."))
        return cleaned


class MemberForm(PlanVersionMixin, UtrechtFormMixin, forms.ModelForm):
    class Meta:
        model = PlanMember
        fields = ["name", "relation", "birth_date", "bsn", "phone", "email", "address", "has_gezag"]
        labels = {"has_gezag": _("Heeft gezag")}
        help_texts = {
            "relation": _("Bijvoorbeeld moeder, vader, kind, oma, buurvrouw."),
            "has_gezag": _("Alleen voor ouders of voogd van een minderjarig kind."),
        }
        widgets = {"birth_date": DateInput()}

    def clean_bsn(self) -> str:
        bsn = self.cleaned_data["bsn"].strip()
        if bsn and not (bsn.isdigit() and len(bsn) == 9):
            raise forms.ValidationError(_("Een BSN heeft 9 cijfers."))
        return bsn


class AchievedSelect(forms.NullBooleanSelect):
    def __init__(self, attrs=None) -> None:
        super().__init__(attrs)
        self.choices = [("unknown", _("Nog niet bekend")), ("true", _("Ja")), ("false", _("Nee"))]


class GoalForm(PlanVersionMixin, UtrechtFormMixin, forms.ModelForm):
    """A lettered sub-goal of a result area, ticked for family members, with its SMART goal."""

    achieved = forms.NullBooleanField(label=_("Behaald"), required=False, widget=AchievedSelect)

    class Meta:
        model = PlanGoal
        fields = [
            "area",
            "letter",
            "subgoal",
            "members",
            "smart_goal",
            "by_whom",
            "start",
            "done_by",
            "achieved",
        ]
        labels = {"letter": _("Letter van het subdoel"), "members": _("Voor wie (aanvinken)")}
        help_texts = {
            "smart_goal": _("Concreet en meetbaar: wat is er bereikt, en waaraan zie je dat?"),
        }
        widgets = {
            "members": forms.CheckboxSelectMultiple,
            "smart_goal": forms.Textarea(attrs={"rows": 3}),
            "start": DateInput(),
            "done_by": DateInput(),
        }

    def __init__(self, *args, plan: Gezinsplan, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        members = self.fields["members"]
        members.queryset = plan.members.all()
        members.label_from_instance = lambda m: f"{m.name} ({m.relation})"
        # A list of checkboxes, not the text box UtrechtFormMixin gives other widgets.
        members.widget.attrs["class"] = "utrecht-checkbox utrecht-checkbox--html-input"
        blanks = {"area": _("Kies een resultaatgebied"), "letter": _("Kies A, B, C of D")}
        for name, blank in blanks.items():
            self.fields[name].choices = [("", blank), *list(self.fields[name].choices)[1:]]

    def clean(self):
        cleaned = super().clean()
        start, done_by = cleaned.get("start"), cleaned.get("done_by")
        if start and done_by and done_by < start:
            self.add_error("done_by", _("Dit ligt na de start."))
        return cleaned


class EvaluationForm(PlanVersionMixin, UtrechtFormMixin, forms.Form):
    """Per goal what happened, on one of the plan's evaluation dates. `version` is the
    evaluation's own version when it is changed, the plan's when it is recorded."""

    date = forms.TypedChoiceField(
        label=_("Evaluatiedatum"), coerce=datetime.date.fromisoformat, choices=()
    )
    text = forms.CharField(
        label=_("Samenvatting"),
        required=False,
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wat spraken jullie af voor de komende periode?"),
    )

    def __init__(
        self, *args, plan: Gezinsplan, evaluation: PlanEvaluation | None = None, **kwargs
    ) -> None:
        self.goals = list(plan.goals.all())
        if evaluation is not None:
            outcomes = {o.goal_id: o.text for o in evaluation.outcomes.all()}
            kwargs["initial"] = {"text": evaluation.text} | {
                f"goal_{g.pk}": outcomes.get(g.pk, "") for g in self.goals
            }
        super().__init__(*args, **kwargs)
        taken = set(plan.evaluations.values_list("date", flat=True))
        if evaluation is None:
            self.fields["date"].choices = [
                (d, datetime.date.fromisoformat(d).strftime("%d-%m-%Y"))
                for d in plan.evaluation_dates
                if datetime.date.fromisoformat(d) not in taken
            ]
        else:
            del self.fields["date"]
        for goal in self.goals:
            self.fields[f"goal_{goal.pk}"] = forms.CharField(
                label=f"{goal.get_area_display()} {goal.letter}: {goal.subgoal}",
                help_text=_("Concreet doel: %(goal)s") % {"goal": goal.smart_goal},
                required=False,
                max_length=SHORT_TEXT,
                # Added after UtrechtFormMixin styled the fixed fields: styled here.
                widget=forms.Textarea(attrs={"rows": 3, "class": "utrecht-textarea"}),
            )
        # Order: the date, the goals in the plan's order, then the summary.
        self.order_fields(["date", *(f"goal_{g.pk}" for g in self.goals), "text"])

    def outcomes(self) -> dict:
        return {g: self.cleaned_data.get(f"goal_{g.pk}", "") for g in self.goals}
