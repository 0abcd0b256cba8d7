from django import forms
from django.utils.translation import gettext_lazy as _

from knooppunt.forms import TimeInput, UtrechtFormMixin
from meetings.models import AgendaItem
from partners.models import Professional
from pupils.models import Guardian


class ItemAddForm(UtrechtFormMixin, forms.Form):
    """A case (by its uuid, picked from the search, templates/meetings/meeting/_item_add.html)
    or a general subject; the slot defaults to the 20 minutes after the last item."""

    case = forms.ModelChoiceField(
        label=_("Casus"),
        queryset=None,
        required=False,
        to_field_name="uuid",
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Deze casus kan niet op de agenda. Zoek opnieuw.")},
    )
    title = forms.CharField(
        label=_("Onderwerp van een algemeen punt"),
        max_length=200,
        required=False,
        help_text=_("Alleen als je geen casus kiest. Geen namen van leerlingen."),
    )
    start_time = forms.TimeField(label=_("Van"), widget=TimeInput(), required=False)
    end_time = forms.TimeField(label=_("Tot"), widget=TimeInput(), required=False)

    def __init__(self, *args, cases, with_cases: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = cases
        if not with_cases:
            del self.fields["case"]
            self.fields["title"].label = _("Onderwerp")
            self.fields["title"].help_text = _("Geen namen van leerlingen.")

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("case") and not cleaned.get("title", "").strip():
            raise forms.ValidationError(_("Kies een casus of geef het agendapunt een onderwerp."))
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if bool(start) != bool(end):
            raise forms.ValidationError(_("Vul beide tijden in, of laat ze allebei leeg."))
        if start and end and end <= start:
            self.add_error("end_time", _("De eindtijd moet na de begintijd liggen."))
        return cleaned


class ItemEditForm(UtrechtFormMixin, forms.Form):
    title = forms.CharField(
        label=_("Onderwerp"), max_length=200, help_text=_("Geen namen van leerlingen.")
    )
    start_time = forms.TimeField(label=_("Van"), widget=TimeInput())
    end_time = forms.TimeField(label=_("Tot"), widget=TimeInput())

    def __init__(self, *args, general: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not general:
            del self.fields["title"]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("De eindtijd moet na de begintijd liggen."))
        return cleaned


class _ProfessionalChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.user.get_full_name()} – {obj.get_function_display()}, {obj.organisation}"


class _GuardianChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        gezag = _("met gezag") if obj.has_gezag else _("zonder gezag")
        return f"{obj.name} ({obj.relation}, {gezag})"


def _checkboxes(field_class, label):
    return field_class(
        label=label, queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )


class ItemAttendeesForm(UtrechtFormMixin, forms.Form):
    """Who attends this item, in the groups of `meetings.selectors.attendee_candidates`, each
    a fieldset of its own (templates/meetings/meeting/attendees.html). A case item in a
    meeting with parents without any parent ticked needs the reason recorded."""

    GROUPS = ("involved", "partners", "school", "guardians")

    involved = _checkboxes(_ProfessionalChoice, _("Betrokken bij de casus"))
    partners = _checkboxes(_ProfessionalChoice, _("Partners van het knooppunt"))
    school = _checkboxes(_ProfessionalChoice, _("School"))
    guardians = _checkboxes(_GuardianChoice, _("Ouders / verzorgers"))
    no_parents_reason = forms.CharField(
        label=_("Reden dat ouders niet aanschuiven"),
        max_length=AgendaItem._meta.get_field("no_parents_reason").max_length,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Een knooppunt zonder ouders is ongeldig, tenzij de reden is vastgelegd. Je kunt de "
            "reden al voor het overleg geven."
        ),
    )

    def __init__(self, *args, candidates: dict[str, list], ask_reason: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("involved", "partners", "school"):
            ids = [p.pk for p in candidates[name]]
            self.fields[name].queryset = Professional.objects.filter(pk__in=ids).select_related(
                "user", "organisation"
            )
            if not ids:
                del self.fields[name]
        guardian_ids = [g.pk for g in candidates["guardians"]]
        self.fields["guardians"].queryset = Guardian.objects.filter(pk__in=guardian_ids)
        if not guardian_ids:
            del self.fields["guardians"]
        if not ask_reason:
            del self.fields["no_parents_reason"]

    def groups(self) -> list:
        """The bound checkbox groups present on this form, in the order they are shown."""
        return [self[name] for name in self.GROUPS if name in self.fields]

    def clean(self):
        cleaned = super().clean()
        if "no_parents_reason" in self.fields:
            cleaned["no_parents_reason"] = cleaned.get("no_parents_reason", "").strip()
            if not cleaned.get("guardians") and not cleaned["no_parents_reason"]:
                self.add_error(
                    "no_parents_reason",
                    _("Vink een ouder aan, of schrijf op waarom de ouders niet aanschuiven."),
                )
        return cleaned

    def professionals(self) -> list:
        return [
            p
            for name in ("involved", "partners", "school")
            for p in self.cleaned_data.get(name, [])
        ]
