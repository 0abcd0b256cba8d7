"""Forms of the intake: a new case with its pupil, guardians, question and first consent."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.forms._common import _with_blank
from cases.forms.case import CaseQuestionForm
from consent.constants import Method
from consent.rules import age_on
from knooppunt.forms import DateInput, UtrechtFormMixin
from partners.models import School
from pupils.models import Guardian, Pupil


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


class CaseOpenForm(CaseQuestionForm):
    class Meta(CaseQuestionForm.Meta):
        fields = ["question", "leervraag", "leefvraag", "complexity", "level", "parents_informed"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parents_informed"].help_text = _(
            "Een casus begint met een gesprek met de ouders. Aangevinkt start de casus met de "
            "status “Besproken met ouders”."
        )


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
        for section in self.forms:
            # One error summary for the whole page, at its top (templates/cases/case_new.html).
            section.error_summary_elsewhere = True

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
        if not self.consent.is_bound:
            # A POST without a body binds no section: nothing was cleaned to check across.
            return False
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
