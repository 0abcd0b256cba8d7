from django import forms
from django.utils.translation import gettext_lazy as _

from knooppunt.forms import UtrechtFormMixin
from partners.constants import OrganisationKind
from partners.models import KnooppuntPartner, KnooppuntSetup, Organisation


class SignInForm(UtrechtFormMixin, forms.Form):
    email = forms.EmailField(
        label=_("E-mailadres"), widget=forms.EmailInput(attrs={"autocomplete": "username"})
    )
    password = forms.CharField(
        label=_("Wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class TokenForm(UtrechtFormMixin, forms.Form):
    token = forms.RegexField(
        label=_("Code uit je authenticator-app"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": _("Vul de zes cijfers uit je authenticator-app in.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "maxlength": "7"}
        ),
    )

    def clean_token(self) -> str:
        return self.cleaned_data["token"].strip()


class CodeForm(UtrechtFormMixin, forms.Form):
    """The code step: a code from the authenticator app, or one of the backup codes."""

    token = forms.RegexField(
        label=_("Code uit je authenticator-app of een reservecode"),
        regex=r"^\s*(\d{6}|[A-Za-z2-7]{4}[\s-]?[A-Za-z2-7]{4})\s*$",
        error_messages={
            "invalid": _(
                "Vul de zes cijfers uit je authenticator-app in, of een reservecode van acht "
                "tekens."
            )
        },
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "maxlength": "10"}),
    )

    def clean_token(self) -> str:
        return "".join(self.cleaned_data["token"].split()).replace("-", "").lower()

    @property
    def is_backup_code(self) -> bool:
        return not self.cleaned_data["token"].isdigit()


class KnooppuntSetupForm(UtrechtFormMixin, forms.ModelForm):
    class Meta:
        model = KnooppuntSetup
        fields = [
            "meeting_day",
            "start_time",
            "end_time",
            "frequency",
            "presence",
            "location",
            "max_partners_per_item",
            "procedure",
            "development_agenda",
        ]
        widgets = {
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "procedure": forms.Textarea(attrs={"rows": 8}),
            "development_agenda": forms.Textarea(attrs={"rows": 5}),
        }

    def clean(self) -> dict:
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("De eindtijd moet na de begintijd liggen."))
        return cleaned


class KnooppuntPartnerForm(UtrechtFormMixin, forms.ModelForm):
    """A seat at the table: an existing organisation, or a new one named here."""

    organisation = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=Organisation.objects.exclude(kind=OrganisationKind.SCHOOL),
        required=False,
        empty_label=_("— kies een bestaande organisatie —"),
    )
    new_organisation_name = forms.CharField(
        label=_("Of: naam van een nieuwe organisatie"), max_length=200, required=False
    )
    new_organisation_kind = forms.ChoiceField(
        label=_("Soort nieuwe organisatie"),
        choices=[("", "—"), *OrganisationKind.choices],
        required=False,
    )

    class Meta:
        model = KnooppuntPartner
        fields = ["participation", "contact_name", "contact_function", "phone", "email", "notes"]

    field_order = [
        "organisation",
        "new_organisation_name",
        "new_organisation_kind",
        "participation",
        "contact_name",
        "contact_function",
        "phone",
        "email",
        "notes",
    ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The organisation of an existing seat stays; remove and re-add to change it.
            for name in ("organisation", "new_organisation_name", "new_organisation_kind"):
                del self.fields[name]

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.instance.pk:
            return cleaned
        existing = cleaned.get("organisation")
        new_name = (cleaned.get("new_organisation_name") or "").strip()
        if existing and new_name:
            self.add_error(
                "new_organisation_name",
                _("Kies een bestaande organisatie óf vul een nieuwe naam in, niet allebei."),
            )
        elif not existing and not new_name:
            self.add_error("organisation", _("Kies een organisatie of vul een nieuwe naam in."))
        elif new_name and not cleaned.get("new_organisation_kind"):
            self.add_error("new_organisation_kind", _("Kies wat voor organisatie dit is."))
        return cleaned
