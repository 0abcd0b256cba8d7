from meetings.models.meeting import AgendaItem, Attendee, Meeting
from meetings.models.outbox import Invitation, Reminder
from meetings.models.planning import CalendarFeed, PlanningRule, PresenceDay, PublicPage

__all__ = [
    "AgendaItem",
    "Attendee",
    "CalendarFeed",
    "Invitation",
    "Meeting",
    "PlanningRule",
    "PresenceDay",
    "PublicPage",
    "Reminder",
]
