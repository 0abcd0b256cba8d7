"""The one way Knooppunt writes a time of day: "9.00 uur", and "9.00 to 9.30 uur" with an en
dash (docs/domain.md, "Huisstijl"). Templates use the filters of knooppunt/templatetags/times.py;
e-mails and calendar texts built in Python call these functions."""

import datetime

from django.utils import formats

# Callers pass times and datetimes as the reader's clock shows them: the template filters ask
# Django for local time, Python code converts to the school's zone first.


def _clock(value: datetime.time | datetime.datetime) -> str:
    return f"{value.hour}.{value.minute:02d}"


def hour_text(value: datetime.time | datetime.datetime | None) -> str:
    """9:00 → "9.00 uur"."""
    if value is None:
        return ""
    return f"{_clock(value)} uur"


def window_text(
    start: datetime.time | datetime.datetime | None, end: datetime.time | datetime.datetime | None
) -> str:
    """9:00 and 9:30 → "9.00 to 9.30 uur", with an en dash; without an end only the start."""
    if start is None:
        return ""
    if end is None:
        return hour_text(start)
    return f"{_clock(start)}–{_clock(end)} uur"


def moment_text(value: datetime.datetime | None) -> str:
    """A moment in time: "2 december 2026, 9.00 uur"."""
    if value is None:
        return ""
    return f"{formats.date_format(value, 'j F Y')}, {hour_text(value)}"
