"""Forms for werkafspraken, progress notes and requested feedback."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.forms._common import OrganisationChoiceField
from cases.models import Case, Werkafspraak
from cases.selectors.assignees import Assignee, assignees_for
from knooppunt.fields import LONG_TEXT
from knooppunt.forms import DateInput, UtrechtFormMixin, VersionFormMixin


class WerkafspraakForm(UtrechtFormMixin, forms.ModelForm):
    """Who is picked from those involved in the case (docs/domain.md, "Werkafspraken"); the
    cleaned data carries the pick as the model's three assignee fields."""

    assignee = forms.ChoiceField(
        label=_("Wie"),
        help_text=_("Een betrokken persoon, organisatie of ouder."),
        error_messages={"required": _("Kies wie de werkafspraak uitvoert.")},
    )

    class Meta:
        model = Werkafspraak
        fields = ["what", "why", "due_date", "evaluation_date"]
        widgets = {
            "what": forms.Textarea(attrs={"rows": 4}),
            "why": forms.Textarea(attrs={"rows": 3}),
            "due_date": DateInput(),
            "evaluation_date": DateInput(),
        }

    field_order = ["assignee"]

    def __init__(
        self, *args, case: Case, assignees: list[Assignee] | None = None, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        if assignees is None:
            assignees = assignees_for(case)
        self.assignees: dict[str, Assignee] = {a.key: a for a in assignees}
        groups: dict[str, list] = {}
        for assignee in self.assignees.values():
            groups.setdefault(assignee.group, []).append((assignee.key, assignee.label))
        field = self.fields["assignee"]
        field.choices = [("", _("Kies wie")), *groups.items()]
        current = Assignee.key_of(self.instance) if self.instance.pk else ""
        if current:
            field.initial = current
        elif self.instance.pk and self.instance.who:
            field.help_text = _("Eerder vastgelegd als: %(who)s. Kies nu wie het uitvoert.") % {
                "who": self.instance.who
            }

    def clean(self):
        cleaned = super().clean()
        key = cleaned.pop("assignee", None)
        if key:
            cleaned.update(self.assignees[key].fields)
        due, evaluation = cleaned.get("due_date"), cleaned.get("evaluation_date")
        if due and evaluation and evaluation < due:
            self.add_error(
                "evaluation_date", _("Evalueer niet vóór de datum waarop het klaar moet zijn.")
            )
        return cleaned


class WerkafspraakEditForm(VersionFormMixin, WerkafspraakForm):
    class Meta(WerkafspraakForm.Meta):
        fields = ["what", "why", "due_date", "evaluation_date", "status", "outcome"]
        widgets = WerkafspraakForm.Meta.widgets | {"outcome": forms.Textarea(attrs={"rows": 4})}


class ProgressNoteForm(UtrechtFormMixin, forms.Form):
    text = forms.CharField(
        max_length=LONG_TEXT,
        label=_("Voortgang"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Wat is er gebeurd, wat is het effect, wat is de volgende stap?"),
        error_messages={"required": _("Schrijf op wat er is gebeurd.")},
    )


class FeedbackRequestForm(UtrechtFormMixin, forms.Form):
    organisation = OrganisationChoiceField(
        label=_("Gevraagd aan"),
        error_messages={"required": _("Kies de organisatie die moet terugkoppelen.")},
    )
    due_date = forms.DateField(label=_("Terugkoppeling uiterlijk"), widget=DateInput())

    def clean_due_date(self):
        due_date = self.cleaned_data["due_date"]
        if due_date < timezone.localdate():
            raise ValidationError(_("Deze datum ligt in het verleden."))
        return due_date
