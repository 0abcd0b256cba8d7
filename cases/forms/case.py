"""Forms for the question of a case (shared by the intake) and its status."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.constants import TRANSITIONS, Status
from cases.forms._common import _with_blank
from cases.models import Case
from knooppunt.fields import SHORT_TEXT
from knooppunt.forms import UtrechtFormMixin, VersionFormMixin

LEVELS = [("", _("Kies een niveau"))] + [(str(n), str(n)) for n in range(1, 6)]
QUESTION_KIND_MISSING = _("Kies leervraag, leefvraag of allebei.")


class CaseQuestionForm(UtrechtFormMixin, forms.ModelForm):
    """The hulpvraag: shared by the intake and by changing a case."""

    level = forms.TypedChoiceField(
        label=_("Ondersteuningsniveau"),
        choices=LEVELS,
        coerce=int,
        help_text=_("Van 1 (basisondersteuning in de groep) tot 5 (extra ondersteuning, TLV)."),
        error_messages={"required": _("Kies een ondersteuningsniveau.")},
    )

    class Meta:
        model = Case
        fields = ["question", "leervraag", "leefvraag", "complexity", "level"]
        widgets = {"question": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["complexity"].choices = _with_blank(
            self.fields["complexity"].choices[1:], _("Kies de complexiteit")
        )
        self.fields["leervraag"].help_text = _("Een vraag over leren en ontwikkeling op school.")
        self.fields["leefvraag"].help_text = _(
            "Een vraag over opgroeien, opvoeden of de thuissituatie. Kies er minstens één."
        )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("leervraag") and not cleaned.get("leefvraag"):
            # On the field, which also keeps the model constraint from repeating the message.
            self.add_error("leervraag", QUESTION_KIND_MISSING)
        return cleaned


class CaseEditForm(VersionFormMixin, CaseQuestionForm):
    class Meta(CaseQuestionForm.Meta):
        fields = ["question", "foto", "leervraag", "leefvraag", "complexity", "level"]
        widgets = {
            "question": forms.Textarea(attrs={"rows": 6}),
            "foto": forms.Textarea(attrs={"rows": 10}),
        }


# ----- Status --------------------------------------------------------------------------------


class CaseStatusForm(UtrechtFormMixin, forms.Form):
    # Every status is accepted and the service decides: a page opened before someone else
    # moved the case on then gets the service's own explanation, not "invalid choice".
    to = forms.ChoiceField(
        label=_("Nieuwe status"),
        choices=_with_blank(Status.choices, _("Kies een status")),
        error_messages={"required": _("Kies de nieuwe status.")},
    )
    reason = forms.CharField(
        max_length=SHORT_TEXT,
        label=_("Reden van afsluiten"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Verplicht als je de casus afsluit."),
    )

    def __init__(self, *args, current: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        allowed = [(s.value, s.label) for s in Status if s in TRANSITIONS[current]]
        self.fields["to"].widget.choices = _with_blank(allowed, _("Kies een status"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("to") == Status.AFGESLOTEN and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Geef een reden om de casus af te sluiten."))
        return cleaned
