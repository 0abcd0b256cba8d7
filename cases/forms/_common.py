"""Widgets and fields the case forms share."""

from django import forms
from django.utils.translation import gettext_lazy as _

from partners.models import Organisation


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
