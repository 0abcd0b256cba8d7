from django import forms
from django.utils.translation import gettext_lazy as _

from knooppunt.forms import DateInput, UtrechtFormMixin
from partners.constants import RECEIVING_SECTORS, Function
from partners.models import Professional, School
from tlv.constants import AttachmentKind, Expertise, Verdict
from tlv.models import Decision, Dossier, Opp, OppEvaluation
from tlv.opp_services import OPP_FIELDS
from tlv.services import DOSSIER_FIELDS


class DossierForm(UtrechtFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Dossier
        fields = DOSSIER_FIELDS

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version


class AttachmentForm(UtrechtFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Soort"), choices=AttachmentKind.choices)
    description = forms.CharField(label=_("Omschrijving"), max_length=200)
    file = forms.FileField(
        label=_("Bestand"), help_text=_("Een pdf, foto (png, jpg) of tekstdocument (docx, odt).")
    )


class ReturnForm(UtrechtFormMixin, forms.Form):
    remarks = forms.CharField(
        label=_("Wat is er nog nodig?"), widget=forms.Textarea, max_length=2000
    )


class SignForm(UtrechtFormMixin, forms.Form):
    levels_confirmed = forms.BooleanField(
        label=_("Ik bevestig dat de niveaus 1 tot en met 4 zijn benut en het dossier compleet is."),
    )


class ExpertForm(UtrechtFormMixin, forms.Form):
    expert = forms.ModelChoiceField(
        label=_("Deskundige"),
        queryset=Professional.objects.active()
        .filter(function__in=[Function.ORTHOPEDAGOOG, Function.DESKUNDIGE])
        .select_related("user", "organisation"),
    )
    expertise = forms.ChoiceField(label=_("Deskundigheid"), choices=Expertise.choices)


class AdviceForm(UtrechtFormMixin, forms.Form):
    verdict = forms.ChoiceField(label=_("Je advies"), choices=Verdict.choices)
    motivation = forms.CharField(label=_("Toelichting"), widget=forms.Textarea, max_length=2000)


class ConfirmForm(UtrechtFormMixin, forms.Form):
    director_name = forms.CharField(
        label=_("Naam directeur SWV"),
        required=False,
        max_length=200,
        help_text=_("Alleen als het advies niet eensgezind is."),
    )
    director_verdict = forms.ChoiceField(
        label=_("Besluit directeur"), required=False, choices=[("", "—"), *Verdict.choices]
    )


class DecisionForm(UtrechtFormMixin, forms.ModelForm):
    granted = forms.TypedChoiceField(
        label=_("Besluit"),
        coerce=lambda v: v == "ja",
        choices=[("ja", _("Toelaatbaar: verklaring afgegeven")), ("nee", _("Niet toelaatbaar"))],
    )

    class Meta:
        model = Decision
        fields = [
            "granted",
            "kind",
            "category",
            "cto_weeks",
            "receiving_school",
            "placement_date",
            "valid_from",
            "valid_until",
            "return_perspective",
            "transport",
            "care_agreements",
            "opp_regie",
            "motivation",
        ]
        widgets = {
            "placement_date": DateInput(),
            "valid_from": DateInput(),
            "valid_until": DateInput(),
        }

    def __init__(self, *args, samenwerkingsverband=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        schools = School.objects.filter(sector__in=RECEIVING_SECTORS)
        if samenwerkingsverband is not None:
            schools = schools.filter(samenwerkingsverband=samenwerkingsverband)
        self.fields["receiving_school"].queryset = schools


class OppForm(UtrechtFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Opp
        fields = OPP_FIELDS

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version


class OppEvaluationForm(UtrechtFormMixin, forms.ModelForm):
    next_evaluation = forms.DateField(
        label=_("Volgende evaluatie"),
        required=False,
        widget=DateInput(),
        help_text=_("Leeg laten: zes maanden na deze evaluatie."),
    )

    class Meta:
        model = OppEvaluation
        fields = ["held_on", "achieved", "next_step"]
        widgets = {"held_on": DateInput()}
