"""The one page on which the outcome of an agenda item is recorded after the meeting: its
record, the werkafspraken and regie agreed at it, and the next knooppunt (meetings/outcome.py
saves them together)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from cases.selectors.assignees import assignees_for
from meetings.constants import MeetingStatus, MeetingType
from meetings.forms.minutes import ItemRecordForm, ItemRegieForm, ItemWerkafspraakForm
from meetings.models import AgendaItem, Meeting

WERKAFSPRAAK_ROWS = 2


class _MeetingChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Meeting) -> str:
        return f"{obj.get_type_display()}, {date_format(obj.date, 'l j F Y')}"


def next_meetings(item: AgendaItem):
    """Planned meetings of the school after this one that can take the case as an item."""
    meeting = item.meeting
    return (
        Meeting.objects.filter(
            school_id=meeting.school_id,
            status=MeetingStatus.PLANNED,
            date__gt=meeting.date,
            date__gte=timezone.localdate(),
        )
        .exclude(type=MeetingType.ALGEMEEN)
        .exclude(items__case_id=item.case_id)
        .order_by("date", "start_time")
    )


class ItemOutcomeRecordForm(ItemRecordForm):
    """The record, with the next knooppunt picked from the planned meetings (the case goes on
    its agenda) or, while none is planned yet, as a date."""

    next_meeting = _MeetingChoice(
        label=_("Volgend knooppunt"),
        queryset=Meeting.objects.none(),
        required=False,
        to_field_name="uuid",
        empty_label=_("Kies een gepland overleg"),
        help_text=_("De casus komt op de agenda van dat overleg."),
    )
    field_order = ["decisions", "minutes", "parents_minutes", "no_parents_reason"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        item = self.instance
        if item.case_id is None:
            del self.fields["next_meeting"]
            del self.fields["next_knooppunt"]
            return
        if not item.no_parents_reason and item.attendees.filter(guardian__isnull=False).exists():
            del self.fields["no_parents_reason"]  # parents are at the table: nothing to explain
        planned = next_meetings(item)
        if planned.exists():
            self.fields["next_meeting"].queryset = planned
            self.fields["next_knooppunt"].label = _(
                "Of: de datum, als dat overleg nog niet is gepland"
            )
            self.fields["next_knooppunt"].help_text = ""
        else:
            del self.fields["next_meeting"]
            self.fields["next_knooppunt"].help_text = _(
                "Er is nog geen overleg gepland na dit overleg. Leg de datum vast; plan het "
                "overleg later."
            )

    def clean(self):
        cleaned = super().clean()
        chosen = cleaned.get("next_meeting")  # absent when none is planned
        if chosen is not None:
            cleaned["next_knooppunt"] = chosen.date
        return cleaned

    def record_fields(self) -> dict:
        """The cleaned fields that are the item's own."""
        return {k: v for k, v in self.cleaned_data.items() if k != "next_meeting"}


class OutcomeWerkafspraakForm(ItemWerkafspraakForm):
    """A werkafspraak row of the outcome page: "wie" is picked from those involved (the case
    form's choice, cases.selectors.assignees)."""

    def __init__(self, *args, item: AgendaItem, evaluation_initial, **kwargs) -> None:
        super().__init__(*args, item=item, **kwargs)
        # The formset builds its rows lazily, after the record form may have set the item's
        # next knooppunt from the POST: an empty row must still look unchanged.
        self.fields["evaluation_date"].initial = evaluation_initial


OutcomeWerkafspraakFormSet = forms.formset_factory(
    OutcomeWerkafspraakForm, extra=WERKAFSPRAAK_ROWS, max_num=WERKAFSPRAAK_ROWS
)


def werkafspraak_formset(data, *, item: AgendaItem) -> forms.BaseFormSet:
    return OutcomeWerkafspraakFormSet(
        data,
        prefix="wa",
        form_kwargs={
            "item": item,
            # Asked once for all rows.
            "assignees": assignees_for(item.case),
            "evaluation_initial": item.next_knooppunt,
        },
    )


class OutcomeRegieForm(ItemRegieForm):
    """Regie on the outcome page: left empty, nothing changes."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, prefix="regie", **kwargs)
        self.fields["kind"].required = False
        self.fields["holder"].required = False

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("kind")) != bool(cleaned.get("holder")) and not self.errors:
            raise ValidationError(_("Kies de soort regie én wie die krijgt, of laat beide leeg."))
        return cleaned

    def chosen(self) -> bool:
        return bool(self.cleaned_data.get("holder"))
