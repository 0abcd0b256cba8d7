from django import forms
from django.utils.translation import gettext_lazy as _


class DateInput(forms.DateInput):
    """A native date picker; the value is sent and shown as YYYY-MM-DD whatever the locale."""

    input_type = "date"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    """A native time picker, hours and minutes."""

    input_type = "time"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%H:%M", **kwargs)


# NL Design System (Utrecht) classes per widget type, so every form looks the same.
_WIDGET_CLASSES = {
    forms.Textarea: "utrecht-textarea",
    # Before RadioSelect, its base class.
    forms.CheckboxSelectMultiple: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.RadioSelect: "utrecht-radio-button utrecht-radio-button--html-input",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
}


class UtrechtFormMixin:
    """Utrecht classes on every widget; the markup itself comes from the project's form
    renderer (knooppunt/form_renderer.py)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            css = next(
                (c for kind, c in _WIDGET_CLASSES.items() if isinstance(widget, kind)),
                "utrecht-textbox utrecht-textbox--html-input",
            )
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
            limit = getattr(field, "max_length", None)
            if isinstance(widget, forms.Textarea) and limit:
                # Say the limit where the text is typed (knooppunt/fields.py).
                note = _("Maximaal %(limit)s tekens.") % {"limit": f"{limit:,}".replace(",", ".")}
                field.help_text = f"{field.help_text} {note}".strip()


class VersionFormMixin:
    """Carries the version the record had when the form was opened, so the service can tell a
    stale form from a fresh one (knooppunt/concurrency.py). Put it before the form class."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"] = forms.IntegerField(
            widget=forms.HiddenInput, required=False, initial=self.instance.version
        )

    def comparison(self, current) -> list[tuple[str, object, object]]:
        """(label, the value saved meanwhile, this form's value) for each field that differs."""
        rows = []
        for name, field in self.fields.items():
            if name == "version" or name not in self.cleaned_data:
                continue
            mine, theirs = self.cleaned_data[name], getattr(current, name)
            if mine != theirs:
                display = getattr(current, f"get_{name}_display", None)
                rows.append((field.label, display() if display else theirs, mine))
        return rows

    def renew(self, current) -> None:
        """Keep what the user typed, but with the current version, so saving again is a
        deliberate choice made after seeing the other version."""
        data = self.data.copy()
        data["version"] = current.version
        self.data = data
