"""Helpers for templates/forms/utrecht.html."""

from django import template

register = template.Library()


@register.filter
def marks_optional(form) -> bool:
    """Whether the form says "(niet verplicht)" at its optional fields: only when it also has
    required ones. In a form of optional fields only, such as a filter, the mark says nothing."""
    return any(field.required for field in form.fields.values())
