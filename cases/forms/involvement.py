"""Forms for who is involved in a case and who holds regie."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.constants import InvolvementRole, RegieKind
from cases.forms._common import OrganisationChoiceField, _with_blank
from cases.models import Case, Involvement
from cases.query import active_on
from knooppunt.forms import DateInput, UtrechtFormMixin
from partners.models import Professional
from pupils.models import Guardian


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


class GuardianChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Guardian) -> str:
        return f"{obj.name} ({obj.relation})"


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
    role = forms.ChoiceField(
        label=_("Rol"),
        choices=_with_blank(InvolvementRole.choices, _("Kies een rol")),
        required=False,
        help_text=_("Wat deze betrokkene doet. Iedereen die de casus kent, ziet de rol."),
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


class RegieChoiceForm(UtrechtFormMixin, forms.Form):
    """The kind of regie and whether the change was agreed with the parents; the holder is
    chosen by the subclass (from the involved, or from a meeting item's attendees)."""

    kind = forms.ChoiceField(
        label=_("Soort regie"),
        choices=_with_blank(RegieKind.choices, _("Kies de soort regie")),
        help_text=_(
            "Procesregie: bewaakt dat iedereen doet wat is afgesproken. Casusregie: de "
            "ondersteuning zelf en het plan."
        ),
        error_messages={"required": _("Kies procesregie of casusregie.")},
    )
    agreed_with_parents = forms.BooleanField(
        label=_("Afgesproken met de ouders"),
        required=False,
        help_text=_("Een wissel van regisseur spreek je af met de ouders."),
    )


class RegieForm(RegieChoiceForm):
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
    field_order = ["kind", "professional", "guardian", "agreed_with_parents"]

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
