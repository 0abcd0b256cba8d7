"""Forms for recording consent and legal bases other than consent on a case's pupil.

Plain forms, not model forms: only the fields listed here are read from the request, so
nobody can post `recorded_by`, `pupil` or `ended_at` along (docs/security.md target 18).
"""

import datetime

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from cases.forms._common import OrganisationChoiceField, _with_blank
from consent.constants import PURPOSES_WITH_RECIPIENT, Decision, LegalBasisKind, Method, Purpose
from consent.rules import PUPIL, age_on
from knooppunt.fields import SHORT_TEXT
from knooppunt.forms import DateInput, UtrechtFormMixin


def one_year_after(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


class ConsentForm(UtrechtFormMixin, forms.Form):
    purpose = forms.ChoiceField(
        label=_("Doel"),
        choices=_with_blank(Purpose.choices, _("Kies een doel")),
        error_messages={"required": _("Kies waarvoor de toestemming geldt.")},
    )
    recipient = OrganisationChoiceField(
        label=_("Ontvangende organisatie"),
        required=False,
        help_text=_("Alleen bij “Gegevens delen met organisatie”: met wie mag er gedeeld worden?"),
    )
    decider = forms.ChoiceField(
        label=_("Wie beslist"),
        error_messages={
            "required": _("Kies wie dit besluit heeft genomen."),
            "invalid_choice": _(
                "Deze persoon kan hier niet beslissen. Alleen ouders met gezag, en vanaf 12 jaar "
                "de leerling zelf, geven toestemming."
            ),
        },
    )
    decision = forms.ChoiceField(
        label=_("Besluit"),
        choices=_with_blank(Decision.choices, _("Kies een besluit")),
        error_messages={"required": _("Kies of toestemming is gegeven, geweigerd of ingetrokken.")},
    )
    method = forms.ChoiceField(
        label=_("Hoe is het besluit doorgegeven"),
        choices=_with_blank(Method.choices, _("Kies hoe")),
        error_messages={"required": _("Kies hoe het besluit is doorgegeven.")},
    )
    valid_until = forms.DateField(
        label=_("Geldig tot"),
        required=False,
        widget=DateInput(),
        help_text=_("Laat leeg als de toestemming geldt tot ze wordt ingetrokken."),
        error_messages={"invalid": _("Vul een geldige datum in.")},
    )

    def __init__(self, *args, pupil, day: datetime.date | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.day = day or timezone.localdate()
        self.guardians = {
            str(g.uuid): g for g in pupil.guardians.filter(has_gezag=True).order_by("name")
        }
        choices = [("", _("Kies wie beslist"))]
        choices += [(key, f"{g.name} ({g.relation})") for key, g in self.guardians.items()]
        age = age_on(pupil.birth_date, self.day)
        # From 12 the pupil decides too (and from 16 alone), computed on the day.
        if age >= 12:
            choices.append((PUPIL, _("De leerling zelf (%(age)s jaar)") % {"age": age}))
        self.fields["decider"].choices = choices

    def clean(self) -> dict:
        data = super().clean()
        purpose = data.get("purpose")
        recipient = data.get("recipient")
        if purpose in PURPOSES_WITH_RECIPIENT and recipient is None:
            self.add_error(
                "recipient",
                _(
                    "Kies bij “Gegevens delen met organisatie” met welke organisatie gedeeld "
                    "mag worden."
                ),
            )
        elif purpose and purpose not in PURPOSES_WITH_RECIPIENT and recipient is not None:
            self.add_error(
                "recipient",
                _(
                    "Een ontvangende organisatie hoort alleen bij “Gegevens delen met "
                    "organisatie”. Laat dit veld leeg bij dit doel."
                ),
            )
        valid_until = data.get("valid_until")
        if valid_until is not None:
            if data.get("decision") and data["decision"] != Decision.GIVEN:
                self.add_error(
                    "valid_until", _("Een einddatum hoort alleen bij gegeven toestemming.")
                )
            elif valid_until < self.day:
                self.add_error("valid_until", _("De einddatum ligt in het verleden."))
        return data

    def recording(self) -> dict:
        """The keyword arguments for consent.services.consent_record, from the form alone."""
        data = self.cleaned_data
        guardian = self.guardians.get(data["decider"])
        return {
            "purpose": data["purpose"],
            "recipient": data["recipient"],
            "guardian": guardian,
            "by_pupil": guardian is None,
            "decision": data["decision"],
            "method": data["method"],
            "valid_until": data["valid_until"],
        }


class LegalBasisForm(UtrechtFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Grondslag"),
        choices=_with_blank(LegalBasisKind.choices, _("Kies een grondslag")),
        error_messages={"required": _("Kies op welke grondslag de organisatie de inhoud ziet.")},
    )
    recipient = OrganisationChoiceField(
        label=_("Organisatie"),
        help_text=_("De organisatie die op deze grondslag de inhoud van de casus mag zien."),
        error_messages={"required": _("Kies de organisatie.")},
    )
    motivation = forms.CharField(
        max_length=SHORT_TEXT,
        label=_("Motivering"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Waarom is toestemming niet mogelijk of niet nodig? Deze motivering wordt bewaard "
            "en is zichtbaar voor wie de toestemming van deze casus ziet."
        ),
        error_messages={
            "required": _(
                "Een motivering is verplicht: schrijf op waarom toestemming niet mogelijk of "
                "niet nodig is."
            )
        },
    )
    valid_from = forms.DateField(
        label=_("Geldig vanaf"),
        widget=DateInput(),
        error_messages={
            "required": _("Vul in vanaf wanneer deze grondslag geldt."),
            "invalid": _("Vul een geldige datum in."),
        },
    )
    valid_until = forms.DateField(
        label=_("Geldig tot en met"),
        widget=DateInput(),
        help_text=_("Hoogstens een jaar vooruit. Daarna opnieuw afwegen en zo nodig vastleggen."),
        error_messages={
            "required": _("Vul in tot wanneer deze grondslag geldt (hoogstens een jaar vooruit)."),
            "invalid": _("Vul een geldige datum in."),
        },
    )

    def __init__(self, *args, day: datetime.date | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.day = day or timezone.localdate()
        self.fields["valid_from"].initial = self.day

    def clean(self) -> dict:
        data = super().clean()
        valid_from, valid_until = data.get("valid_from"), data.get("valid_until")
        if valid_until is None:
            return data
        latest = one_year_after(self.day)
        if valid_from is not None and valid_until < valid_from:
            self.add_error("valid_until", _("De einddatum ligt vóór de begindatum."))
        elif valid_until < self.day:
            self.add_error("valid_until", _("De einddatum ligt in het verleden."))
        elif valid_until > latest:
            self.add_error(
                "valid_until",
                _(
                    "Een andere grondslag geldt hoogstens een jaar vooruit, dus uiterlijk tot en "
                    "met %(date)s. Leg daarna zo nodig een nieuwe vast."
                )
                % {"date": date_format(latest, "j F Y")},
            )
        return data
