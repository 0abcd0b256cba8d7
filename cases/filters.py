"""Filters of the case list (django-filter), applied on top of `cases.selectors.lists.case_list`."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from cases.constants import Status
from cases.models import Case, Regie
from cases.query import active_on
from cases.selectors.lists import regisseurs_for
from knooppunt.forms import UtrechtFormMixin


class CaseFilterForm(UtrechtFormMixin, forms.Form):
    pass


def _regisseurs(request) -> QuerySet:
    return regisseurs_for(fetched_by=request.user)


class CaseFilter(django_filters.FilterSet):
    """Status, level, regisseur, flagged and a search on the pupil's first or last name.

    The regisseur choices come from the cases the signed-in user may see (pass `request`)."""

    q = django_filters.CharFilter(
        label="Zoek op naam leerling", method="filter_pupil_name", max_length=100
    )
    status = django_filters.ChoiceFilter(
        label="Status", choices=Status.choices, empty_label="Alle statussen"
    )
    level = django_filters.ChoiceFilter(
        label="Ondersteuningsniveau",
        method="filter_level",
        choices=[(n, str(n)) for n in range(1, 6)],
        empty_label="Alle niveaus",
    )
    regisseur = django_filters.ModelChoiceFilter(
        label="Regisseur",
        queryset=_regisseurs,
        method="filter_regisseur",
        empty_label="Alle regisseurs",
    )
    flagged = django_filters.ChoiceFilter(
        label="Signalering",
        choices=[("ja", "Met signalering"), ("nee", "Zonder signalering")],
        empty_label="Alle casussen",
        method="filter_flagged",
    )

    class Meta:
        model = Case
        fields = ["q", "status", "level", "regisseur", "flagged"]
        form = CaseFilterForm

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Level and flags are content: whoever sees the content of none of these cases gets
        # neither the columns nor the filters (`shows_content` is annotated by the selector).
        self.content_columns = self.queryset.filter(shows_content=True).exists()
        if not self.content_columns:
            for name in ("level", "flagged"):
                del self.filters[name]

    def filter_pupil_name(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # Every word must match the first or the last name: "sam vries" finds Sam de Vries.
        for word in value.split():
            queryset = queryset.filter(
                Q(pupil__first_name__icontains=word) | Q(pupil__last_name__icontains=word)
            )
        return queryset

    def filter_regisseur(self, queryset: QuerySet, name: str, value) -> QuerySet:
        today = timezone.localdate()
        holds = Regie.objects.filter(
            active_on(today),
            case=OuterRef("pk"),
            professional=value,
        )
        return queryset.filter(Exists(holds))

    def filter_level(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # The level is content: only cases whose content the user may see are filtered by it.
        return queryset.filter(shows_content=True, level=value)

    def filter_flagged(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # `flagged` and `shows_content` are annotated by the selector.
        return queryset.filter(shows_content=True, flagged=(value == "ja"))

    @property
    def searched(self) -> bool:
        """Whether this request searched by name (that is logged, the term is not)."""
        return self.is_bound and self.form.is_valid() and bool(self.form.cleaned_data.get("q"))
