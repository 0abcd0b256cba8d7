"""The iCalendar (RFC 5545/5546) message attached to an invitation.

Each attendee has their own event: the UID stays the same for the attendee, every later message
carries a higher SEQUENCE, and a cancellation is METHOD:CANCEL for that UID. The event says
when and where, never who or what is discussed: no pupil name and no case content.
"""

import datetime
from email.utils import parseaddr
from zoneinfo import ZoneInfo

from django.conf import settings
from icalendar import Calendar, Event, vCalAddress

from meetings.constants import InvitationMethod

PRODID = "-//Knooppunt//Uitnodigingen//NL"


def uid_for(attendee) -> str:
    return f"{attendee.uuid}@knooppunt"


def summary_for(meeting) -> str:
    return f"Knooppuntoverleg {meeting.school.name}"


def invitation_calendar(invitation, *, link: str) -> str:
    """The .ics text for one Invitation row; the same row always gives the same text."""
    attendee = invitation.attendee
    meeting = attendee.meeting
    zone = ZoneInfo(settings.TIME_ZONE)
    starts_at = invitation.starts_at.astimezone(zone)
    ends_at = invitation.ends_at.astimezone(zone)
    cancel = invitation.method == InvitationMethod.CANCEL

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", invitation.method)

    event = Event()
    event.add("uid", uid_for(attendee))
    event.add("sequence", invitation.sequence)
    # The row's own time, so that a second delivery of the same row is byte-identical.
    event.add("dtstamp", invitation.queued_at.astimezone(datetime.UTC))
    event.add("dtstart", starts_at)
    event.add("dtend", ends_at)
    event.add("summary", summary_for(meeting))
    if invitation.location:
        event.add("location", invitation.location)
    event.add("description", f"Accepteren of afslaan: {link}")
    event.add("url", link)
    event.add("status", "CANCELLED" if cancel else "CONFIRMED")
    event.add("transp", "OPAQUE")

    organizer_name, organizer_address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    organizer = vCalAddress(f"mailto:{organizer_address}")
    if organizer_name:
        organizer.params["cn"] = organizer_name
    event.add("organizer", organizer)

    # No CN: a guardian's name may carry the pupil's family name.
    guest = vCalAddress(f"mailto:{attendee.email}")
    guest.params["role"] = "REQ-PARTICIPANT"
    guest.params["partstat"] = "NEEDS-ACTION"
    guest.params["rsvp"] = "TRUE"
    event.add("attendee", guest)

    calendar.add_component(event)
    # A VTIMEZONE covering the event's year is enough for every calendar client.
    calendar.add_missing_timezones(
        first_date=datetime.date(starts_at.year - 1, 1, 1),
        last_date=datetime.date(ends_at.year + 1, 12, 31),
    )
    return calendar.to_ical().decode()
