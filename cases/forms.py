"""Forms for changing a case: the intake of a new case, its question and status, who is
involved, regie, werkafspraken, progress and requested feedback.

Only the fields listed here are read from the request (SECURITY.md target 18): the case, the
author, the school and the dates the system sets never come from a form. Related objects are
chosen by UUID, never by their sequential id. The views pass `cleaned_data` to the services;
no form here is ever saved itself.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.constants import TRANSITIONS, RegieKind, Status
from cases.models import Case, Guardian, Involvement, Pupil, Werkafspraak
from cases.query import active_on
from consent.constants import Method
from consent.rules import age_on
from knooppunt.forms import UtrechtFormMixin
from partners.models import Organisation, Professional, School

LEVELS = [("", _("Kies een niveau"))] + [(str(n), str(n)) for n in range(1, 6)]
QUESTION_KIND_MISSING = _("Kies leervraag, leefvraag of allebei.")


class DateInput(forms.DateInput):
    """A native date picker; the value is sent and shown as YYYY-MM-DD."""

    input_type = "date"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def _with_blank(choices, label: str) -> list:
    return [("", label), *choices]


class OrganisationChoiceField(forms.ModelChoiceField):
    def __init__(self, **kwargs) -> None:
        super().__init__(
            queryset=Organisation.objects.order_by("name"),
            to_field_name="uuid",
            empty_label=_("Kies een organisatie"),
            **kwargs,
        )

    def label_from_instance(self, obj: Organisation) -> str:
        return f"{obj.name} ({obj.get_kind_display()})"


class ProfessionalChoiceField(forms.ModelChoiceField):
    def __init__(self, queryset, **kwargs) -> None:
        super().__init__(
            queryset=queryset.select_related("user", "organisation").order_by(
                "user__last_name", "user__first_name", "organisation__name"
            ),
            to_field_name="uuid",
            empty_label=_("Kies een professional"),
            **kwargs,
        )

    def label_from_instance(self, obj: Professional) -> str:
        return f"{obj.user.get_full_name()} – {obj.organisation.name}"


# ----- A new case ----------------------------------------------------------------------------


class GuardianChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Guardian) -> str:
        return f"{obj.name} ({obj.relation})"


class SchoolForm(UtrechtFormMixin, forms.Form):
    """Only shown to an IB'er of more than one school."""

    school = forms.ModelChoiceField(
        label=_("School"),
        queryset=School.objects.none(),
        to_field_name="uuid",
        empty_label=_("Kies een school"),
        error_messages={"required": _("Kies voor welke school je de casus opent.")},
    )

    def __init__(self, *args, schools, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools.order_by("name")


class PupilForm(UtrechtFormMixin, forms.ModelForm):
    # Wider than the model field so "1234 56 782" can be typed; clean_bsn takes the spaces out
    # and the model's elfproef validator then checks the nine digits.
    bsn = forms.CharField(
        label=_("BSN"),
        required=False,
        max_length=20,
        help_text=_(
            "Alleen invullen als het nodig is. Het nummer wordt gecontroleerd met de elfproef."
        ),
    )

    class Meta:
        model = Pupil
        fields = ["first_name", "last_name", "birth_date", "bsn", "group"]
        widgets = {"birth_date": DateInput()}

    def clean_birth_date(self):
        birth_date = self.cleaned_data["birth_date"]
        if birth_date > timezone.localdate():
            raise ValidationError(_("De geboortedatum ligt in de toekomst."))
        return birth_date

    def clean_bsn(self) -> str:
        return "".join(self.cleaned_data["bsn"].replace(".", "").split())


class GuardianForm(UtrechtFormMixin, forms.ModelForm):
    class Meta:
        model = Guardian
        fields = ["name", "relation", "has_gezag", "email", "phone"]

    def __init__(self, *args, optional: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.optional = optional
        if optional:
            for name in ("name", "relation"):
                self.fields[name].required = False

    @property
    def left_empty(self) -> bool:
        """An optional guardian of whom nothing was filled in (the gezag box aside)."""
        data = getattr(self, "cleaned_data", {})
        return self.optional and not any(
            data.get(name) for name in ("name", "relation", "email", "phone")
        )

    def clean(self):
        cleaned = super().clean()
        if self.optional and not self.left_empty:
            for name in ("name", "relation"):
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(
                        name, _("Vul dit in, of laat alle velden van de tweede ouder leeg.")
                    )
        return cleaned


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


class CaseOpenForm(CaseQuestionForm):
    class Meta(CaseQuestionForm.Meta):
        fields = ["question", "leervraag", "leefvraag", "complexity", "level", "parents_informed"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parents_informed"].help_text = _(
            "Een casus begint met een gesprek met de ouders. Aangevinkt start de casus met de "
            "status “Besproken met ouders”."
        )


class CaseEditForm(CaseQuestionForm):
    class Meta(CaseQuestionForm.Meta):
        fields = ["question", "foto", "leervraag", "leefvraag", "complexity", "level"]
        widgets = {
            "question": forms.Textarea(attrs={"rows": 6}),
            "foto": forms.Textarea(attrs={"rows": 10}),
        }


class FirstConsentForm(UtrechtFormMixin, forms.Form):
    """Consent to discuss the case in the knooppunt, as far as it was given at intake."""

    guardian_1 = forms.BooleanField(
        label=_("Ouder 1 geeft toestemming om de casus in het knooppunt te bespreken"),
        required=False,
    )
    guardian_2 = forms.BooleanField(
        label=_("Ouder 2 geeft toestemming om de casus in het knooppunt te bespreken"),
        required=False,
    )
    pupil = forms.BooleanField(
        label=_("De leerling geeft zelf toestemming (vanaf 12 jaar)"),
        required=False,
        help_text=_("Van 12 tot 16 jaar beslissen de ouders met gezag én de leerling."),
    )
    method = forms.ChoiceField(
        label=_("Hoe is de toestemming gegeven"),
        choices=_with_blank(Method.choices, _("Kies hoe")),
        required=False,
    )

    @property
    def any_given(self) -> bool:
        data = self.cleaned_data
        return bool(data.get("guardian_1") or data.get("guardian_2") or data.get("pupil"))

    def clean(self):
        cleaned = super().clean()
        if self.any_given and not cleaned.get("method"):
            self.add_error("method", _("Kies hoe de toestemming is gegeven."))
        return cleaned


class CaseNewForm:
    """The sections of the new-case page, validated together: each section is a form with its
    own prefix; the checks that span sections (consent by a guardian who was filled in, who
    holds gezag, a pupil of 12 or older) run once every section is valid in itself."""

    def __init__(self, data=None, *, schools) -> None:
        self.schools = schools
        self.school = SchoolForm(data, prefix="school", schools=schools)
        self.pupil = PupilForm(data, prefix="leerling")
        self.guardian_1 = GuardianForm(data, prefix="ouder1")
        self.guardian_2 = GuardianForm(data, prefix="ouder2", optional=True)
        self.case = CaseOpenForm(data, prefix="casus")
        self.consent = FirstConsentForm(data, prefix="toestemming")
        self.errors: list[str] = []

    @property
    def choose_school(self) -> bool:
        return self.schools.count() > 1

    @property
    def forms(self) -> list[forms.Form]:
        sections = [self.pupil, self.guardian_1, self.guardian_2, self.case, self.consent]
        return [self.school, *sections] if self.choose_school else sections

    def is_valid(self) -> bool:
        # Validate every section, so every error shows at once.
        sections_valid = all([form.is_valid() for form in self.forms])
        self._check_consent()
        return sections_valid and not any(form.errors for form in self.forms)

    def _check_consent(self) -> None:
        """Checks across sections, on whatever each section could clean."""
        consent = self.consent.cleaned_data
        for field, guardian in (("guardian_1", self.guardian_1), ("guardian_2", self.guardian_2)):
            if not consent.get(field):
                continue
            if guardian.left_empty:
                self.consent.add_error(field, _("Er is geen tweede ouder ingevuld."))
            elif not guardian.cleaned_data.get("has_gezag"):
                self.consent.add_error(
                    field,
                    _("Deze ouder heeft geen gezag en geeft dus geen toestemming."),
                )
        birth_date = self.pupil.cleaned_data.get("birth_date")
        if consent.get("pupil") and birth_date and age_on(birth_date, timezone.localdate()) < 12:
            self.consent.add_error(
                "pupil", _("Een leerling geeft pas vanaf 12 jaar zelf toestemming.")
            )

    def add_error(self, error: ValidationError) -> None:
        """A refusal by a service: shown above the form."""
        self.errors.extend(error.messages)

    @property
    def has_errors(self) -> bool:
        return bool(self.errors) or any(form.errors for form in self.forms)

    def intake(self) -> dict:
        """The keyword arguments of services.case_intake (without the acting user)."""
        guardians = [self.guardian_1] + ([] if self.guardian_2.left_empty else [self.guardian_2])
        consent = self.consent.cleaned_data
        consenting = [
            index
            for index, field in enumerate(("guardian_1", "guardian_2")[: len(guardians)])
            if consent[field]
        ]
        school = self.school.cleaned_data["school"] if self.choose_school else self.schools.get()
        return {
            "school": school,
            "pupil": dict(self.pupil.cleaned_data),
            "guardians": [dict(form.cleaned_data) for form in guardians],
            "case": dict(self.case.cleaned_data),
            "discuss_consent_by": consenting,
            "pupil_consents_to_discuss": consent["pupil"],
            "consent_method": consent["method"],
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


# ----- Involvement and regie -----------------------------------------------------------------


class InvolvementForm(UtrechtFormMixin, forms.Form):
    organisation = OrganisationChoiceField(
        label=_("Organisatie"),
        error_messages={"required": _("Kies de organisatie die betrokken raakt.")},
    )
    professional = ProfessionalChoiceField(
        Professional.objects.filter(is_active=True, user__is_active=True),
        label=_("Professional"),
        required=False,
        help_text=_("Niet verplicht. Kies iemand die bij de gekozen organisatie werkt."),
    )
    role = forms.CharField(
        label=_("Rol"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld: schoolmaatschappelijk werk, casemanager."),
    )
    start = forms.DateField(label=_("Betrokken vanaf"), widget=DateInput())

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["start"].initial = timezone.localdate()

    def clean_start(self):
        # Permissions are derived when something changes, not when a date arrives, so an
        # involvement starting later would not open the case on that day.
        start = self.cleaned_data["start"]
        if start > timezone.localdate():
            raise ValidationError(_("Een betrokkenheid kan niet in de toekomst beginnen."))
        return start


class RegieForm(UtrechtFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Soort regie"),
        choices=_with_blank(RegieKind.choices, _("Kies de soort regie")),
        help_text=_(
            "Procesregie: bewaakt dat iedereen doet wat is afgesproken. Casusregie: de "
            "ondersteuning zelf en het plan."
        ),
        error_messages={"required": _("Kies procesregie of casusregie.")},
    )
    professional = ProfessionalChoiceField(
        Professional.objects.none(),
        label=_("Regisseur: een betrokken professional"),
        required=False,
    )
    guardian = GuardianChoiceField(
        queryset=Guardian.objects.none(),
        to_field_name="uuid",
        label=_("Of: een ouder / verzorger"),
        empty_label=_("Kies een ouder"),
        required=False,
    )
    agreed_with_parents = forms.BooleanField(
        label=_("Afgesproken met de ouders"),
        required=False,
        help_text=_("Een wissel van regisseur spreek je af met de ouders."),
    )

    def __init__(self, *args, case: Case, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        # An involvement ended today was ended on purpose ("Beëindigen"): not a candidate.
        involved = Involvement.objects.filter(active_on(today), case=case)
        self.fields["professional"].queryset = (
            Professional.objects.filter(
                pk__in=involved.values("professional"), is_active=True, user__is_active=True
            )
            .select_related("user", "organisation")
            .order_by("user__last_name", "user__first_name")
        )
        self.fields["guardian"].queryset = case.pupil.guardians.order_by("name")

    def clean(self):
        cleaned = super().clean()
        professional, guardian = cleaned.get("professional"), cleaned.get("guardian")
        if professional and guardian:
            raise ValidationError(_("Kies óf een professional óf een ouder, niet allebei."))
        if not professional and not guardian and not self.errors:
            raise ValidationError(
                _("Kies wie de regie krijgt: een betrokken professional of een ouder.")
            )
        return cleaned


# ----- Werkafspraken, progress, feedback -----------------------------------------------------


class WerkafspraakForm(UtrechtFormMixin, forms.ModelForm):
    class Meta:
        model = Werkafspraak
        fields = ["who", "what", "why", "due_date", "evaluation_date"]
        widgets = {
            "what": forms.Textarea(attrs={"rows": 4}),
            "why": forms.Textarea(attrs={"rows": 3}),
            "due_date": DateInput(),
            "evaluation_date": DateInput(),
        }
        help_texts = {"who": _("Een persoon of organisatie, bijvoorbeeld: moeder, SMW.")}

    def clean(self):
        cleaned = super().clean()
        due, evaluation = cleaned.get("due_date"), cleaned.get("evaluation_date")
        if due and evaluation and evaluation < due:
            self.add_error(
                "evaluation_date", _("Evalueer niet vóór de datum waarop het klaar moet zijn.")
            )
        return cleaned


class WerkafspraakEditForm(WerkafspraakForm):
    class Meta(WerkafspraakForm.Meta):
        fields = ["who", "what", "why", "due_date", "evaluation_date", "status", "outcome"]
        widgets = WerkafspraakForm.Meta.widgets | {"outcome": forms.Textarea(attrs={"rows": 4})}


class ProgressNoteForm(UtrechtFormMixin, forms.Form):
    text = forms.CharField(
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
