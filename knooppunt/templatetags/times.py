"""Template filters for the house time format "9.00 uur" (knooppunt/timeformat.py). Loaded as a
builtin (settings.TEMPLATES), so every template can use them without {% load %}."""

from django import template

from knooppunt.timeformat import hour_text, moment_text, window_text

register = template.Library()


@register.filter(expects_localtime=True)
def uur(value):
    """{{ meeting.start_time|uur }} → "9.00 uur"."""
    return hour_text(value)


@register.filter(expects_localtime=True)
def tijdvak(start, end):
    """{{ item.start_time|tijdvak:item.end_time }} → "9.00 to 9.30 uur", with an en dash."""
    return window_text(start, end)


@register.filter(expects_localtime=True)
def moment(value):
    """{{ entry.recorded_at|moment }} → "2 december 2026, 9.00 uur"."""
    return moment_text(value)
