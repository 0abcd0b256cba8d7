"""The verbs for meetings and their agendas. Changing who is invited to a case's item changes
who may know the case exists, so those services recompute the case's permissions in the same
transaction; changes that reach invitees queue updated invitations (meetings/invitations.py)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.access import (
    CHANGE,
    DAT,
    case_permissions_for,
    case_permissions_recompute,
    table_refusal,
)
from cases.models import Case
from knooppunt.history import author, delete_with_user, save_with_user
from meetings import dates
from meetings.constants import KIJKWIJZER_AGENDA, MeetingStatus, MeetingType
from meetings.invitations import invitations_sync
from meetings.models import AgendaItem, Attendee, Meeting
from meetings.signals import case_adding_to_agenda
from partners.access import is_ib_of
from partners.constants import Function
from partners.models import Professional, School, User
from pupils.models import Guardian


@transaction.atomic
def meeting_plan(
    *,
    school: School,
    type: MeetingType,
    date: datetime.date,
    start_time: datetime.time,
    end_time: datetime.time,
    planned_by: User,
    location: str = "",
    chair: User | None = None,
    rule=None,
    held: bool = False,
) -> Meeting:
    """Plan a meeting, or record one that was already held (`held`: only then may its date lie
    in the past, see the meeting form). An algemeen meeting gets the kijkwijzer questions
    (docs/domain.md, "Meeting types") as its agenda."""
    if not is_ib_of(planned_by, school):
        raise ValidationError(_("Alleen de intern begeleider van de school plant overleggen."))
    if type != MeetingType.TOELEIDING and chair not in (None, planned_by):
        raise ValidationError({"chair": _(NO_CHAIR_CHOICE)})
    chair = chair or (None if type == MeetingType.TOELEIDING else planned_by)
    _check_chair(school=school, type=type, chair=chair)
    dates.check_date(date)
    dates.check_times(date, start_time, end_time)
    if held and date > timezone.localdate():
        raise ValidationError(_("Een overleg dat nog moet plaatsvinden is nog niet gehouden."))
    meeting = Meeting(
        school=school,
        type=type,
        date=date,
        start_time=start_time,
        end_time=end_time,
        location=location,
        chair=chair,
        rule=rule,
        created_by=planned_by,
        status=MeetingStatus.HELD if held else MeetingStatus.PLANNED,
    )
    save_with_user(meeting, by=planned_by)
    if type == MeetingType.ALGEMEEN:
        for question in KIJKWIJZER_AGENDA:
            item_add(meeting=meeting, added_by=planned_by, title=str(question))
    return meeting


# Only a toeleiding has a chair other than the IB'er who plans the meeting: a chair sees the
# agenda and manages the meeting, so nobody else can be made one (docs/security.md, target 27).
NO_CHAIR_CHOICE = (
    "Alleen bij een knooppunt toeleiding kies je een voorzitter; andere overleggen worden "
    "voorgezeten door de intern begeleider die ze plant."
)


def trajectbegeleiders(*, schools) -> QuerySet[Professional]:
    """The SWV trajectbegeleiders who may chair a toeleiding at these schools."""
    return (
        Professional.objects.filter(
            organisation__samenwerkingsverband__schools__in=schools,
            function=Function.TRAJECTBEGELEIDER,
            is_active=True,
            user__is_active=True,
        )
        .select_related("user", "organisation")
        .distinct()
    )


def _check_chair(*, school: School, type: str, chair: User | None) -> None:
    """A toeleiding is chaired by the SWV's trajectbegeleider (docs/domain.md, "TLV and
    toeleiding")."""
    chairs = trajectbegeleiders(schools=[school])
    if type == MeetingType.TOELEIDING and not chairs.filter(user=chair).exists():
        raise ValidationError(
            {
                "chair": _(
                    "Een knooppunt toeleiding wordt voorgezeten door de trajectbegeleider "
                    "van het samenwerkingsverband."
                )
            }
        )


@transaction.atomic
def meeting_update(*, meeting: Meeting, changed_by: User, **fields) -> Meeting:
    """Change date, times, place or chair; a new start time shifts every item with it.
    Invitees who already have an invitation get an update with a higher SEQUENCE."""
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("Een geannuleerd overleg kan niet meer worden gewijzigd."))
    old_date, old_start = meeting.date, meeting.start_time
    chair = fields.pop("chair", meeting.chair)
    if meeting.type != MeetingType.TOELEIDING and chair != meeting.chair:
        raise ValidationError({"chair": _(NO_CHAIR_CHOICE)})
    fields["chair"] = chair
    for name, value in fields.items():
        setattr(meeting, name, value)
    _check_chair(school=meeting.school, type=meeting.type, chair=meeting.chair)
    if meeting.date != old_date:
        dates.check_date(meeting.date)
    dates.check_times(meeting.date, meeting.start_time, meeting.end_time)
    if meeting.start_time != old_start:
        # The agenda moves with the meeting's start (docs/domain.md, "The knooppunt").
        shift = _moment(meeting, meeting.start_time) - _moment(meeting, old_start)
        _shift_items(meeting, by=shift, changed_by=changed_by)
    for item in meeting.items.all():
        dates.check_times(meeting.date, item.start_time, item.end_time)
    save_with_user(meeting, by=changed_by)
    if meeting.date != old_date:
        _recompute_cases(meeting)
    invitations_sync(meeting=meeting, include_new=False)
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, cancelled_by: User) -> Meeting:
    """Cancel: everyone invited gets a METHOD:CANCEL, and invitees lose the "dat" the
    invitation gave them."""
    if meeting.status == MeetingStatus.CANCELLED:
        return meeting
    meeting.status = MeetingStatus.CANCELLED
    save_with_user(meeting, by=cancelled_by)
    _recompute_cases(meeting)
    invitations_sync(meeting=meeting, include_new=False)
    return meeting


@transaction.atomic
def meeting_mark_held(*, meeting: Meeting, recorded_by: User) -> Meeting:
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("Een geannuleerd overleg kan niet als gehouden worden gemarkeerd."))
    meeting.status = MeetingStatus.HELD
    save_with_user(meeting, by=recorded_by)
    return meeting


def _recompute_cases(meeting: Meeting) -> None:
    for case in Case.objects.filter(agenda_items__meeting=meeting).select_related(
        "school", "pupil"
    ):
        case_permissions_recompute(case)


def _lock(meeting: Meeting) -> None:
    """Serialise changes to one meeting's agenda and attendees: the same case added twice at
    once, or one person invited to two items at once, waits here and then meets the first
    change as a clear message (the model's constraints), never as a database error."""
    Meeting.objects.select_for_update().filter(pk=meeting.pk).values("pk").first()


def _next_slot(meeting: Meeting) -> tuple[datetime.time, datetime.time]:
    """The slot after the last item: 20 minutes, within the meeting where it fits."""
    last = meeting.items.aggregate(end=Max("end_time"))["end"] or meeting.start_time
    start = datetime.datetime.combine(meeting.date, last)
    end = start + datetime.timedelta(minutes=20)
    if end.date() != meeting.date:
        return meeting.start_time, meeting.end_time
    return start.time(), end.time()


@transaction.atomic
def item_add(
    *,
    meeting: Meeting,
    added_by: User,
    case: Case | None = None,
    title: str = "",
    start_time: datetime.time | None = None,
    end_time: datetime.time | None = None,
) -> AgendaItem:
    """Put a case (one the IB'er may manage) or a general item on the agenda."""
    _lock(meeting)
    if case is not None:
        if meeting.type == MeetingType.ALGEMEEN:
            raise ValidationError(_("Een knooppunt algemeen bespreekt geen casussen."))
        if case.school_id != meeting.school_id:
            raise ValidationError(_("Deze casus hoort niet bij de school van dit overleg."))
        if not Case.objects.with_user_permission(added_by, CHANGE).filter(pk=case.pk).exists():
            raise ValidationError(_("Je mag deze casus niet op de agenda zetten."))
        refusal = table_refusal(case)
        if refusal:
            raise ValidationError(refusal)
        case_adding_to_agenda.send(sender=Meeting, meeting=meeting, case=case)
    if start_time is None or end_time is None:
        start_time, end_time = _next_slot(meeting)
    dates.check_times(meeting.date, start_time, end_time)
    position = (meeting.items.aggregate(last=Max("position"))["last"] or 0) + 1
    item = AgendaItem(
        meeting=meeting,
        case=case,
        title=title,
        start_time=start_time,
        end_time=end_time,
        position=position,
    )
    save_with_user(item, by=added_by)
    return item


@transaction.atomic
def item_move(*, item: AgendaItem, moved_by: User, step: int) -> AgendaItem:
    """Move an item one place up (step -1) or down (+1): positions are renumbered 1..n and the
    slots re-timed in the new order, each keeping its length, from the first slot's start.
    Invitees with an invitation get the new time."""
    meeting = item.meeting
    items = list(meeting.items.select_for_update().order_by("position", "start_time"))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = max(0, min(len(items) - 1, index + step))
    items.insert(target, items.pop(index))
    start = _moment(meeting, min(other.start_time for other in items))
    for position, other in enumerate(items, start=1):
        length = _moment(meeting, other.end_time) - _moment(meeting, other.start_time)
        new = (position, start.time(), (start + length).time())
        if (other.position, other.start_time, other.end_time) != new:
            other.position, other.start_time, other.end_time = new
            dates.check_times(meeting.date, other.start_time, other.end_time)
            save_with_user(other, by=moved_by)
        start += length
    invitations_sync(meeting=meeting, include_new=False)
    item.refresh_from_db()
    return item


def _moment(meeting: Meeting, time: datetime.time) -> datetime.datetime:
    return datetime.datetime.combine(meeting.date, time)


def _shift_items(meeting: Meeting, *, by: datetime.timedelta, changed_by: User) -> None:
    """Move every item of the meeting along with its start time."""
    for item in meeting.items.select_for_update():
        start, end = _moment(meeting, item.start_time) + by, _moment(meeting, item.end_time) + by
        if start.date() != meeting.date or end.date() != meeting.date:
            raise ValidationError(_("De agendapunten passen dan niet meer op deze dag."))
        item.start_time, item.end_time = start.time(), end.time()
        save_with_user(item, by=changed_by)


@transaction.atomic
def item_update(*, item: AgendaItem, changed_by: User, **fields) -> AgendaItem:
    """Change an item's slot, subject or its record (decisions, minutes, parents' version,
    next knooppunt). A changed slot reaches its attendees as an updated invitation."""
    old_slot = (item.start_time, item.end_time)
    for name, value in fields.items():
        setattr(item, name, value)
    if (item.start_time, item.end_time) != old_slot:
        dates.check_times(item.meeting.date, item.start_time, item.end_time)
    save_with_user(item, by=changed_by)
    if (item.start_time, item.end_time) != old_slot:
        invitations_sync(meeting=item.meeting, include_new=False)
    return item


@transaction.atomic
def item_remove(*, item: AgendaItem, removed_by: User) -> None:
    """Take an item off the agenda; its attendees lose it from their invitation."""
    meeting, case = item.meeting, item.case
    delete_with_user(item, by=removed_by)
    _drop_uninvited(meeting, by=removed_by)
    if case is not None:
        case_permissions_recompute(case)
    invitations_sync(meeting=meeting, include_new=False)


def _attendee_for(meeting: Meeting, *, by: User, professional=None, guardian=None) -> Attendee:
    """The meeting's attendee row for this professional or guardian, made on first use."""
    if professional is not None:
        match = {"user": professional.user}
        defaults = {
            "organisation": professional.organisation,
            "name": professional.user.get_full_name(),
            "email": professional.user.email,
        }
    else:
        match = {"guardian": guardian}
        defaults = {"name": guardian.name, "email": guardian.email}
    attendee = Attendee.objects.filter(meeting=meeting, **match).first()
    if attendee is None:
        attendee = Attendee(meeting=meeting, **match, **defaults)
        save_with_user(attendee, by=by)
    return attendee


@transaction.atomic
def item_attendees_set(
    *,
    item: AgendaItem,
    set_by: User,
    professionals: list[Professional],
    guardians: list[Guardian],
    no_parents_reason: str | None = None,
) -> list[Attendee]:
    """Choose who attends this item, and (when given) why parents do not (docs/domain.md, "The
    knooppunt"). Guardians must be the pupil's; the invited professionals may know that the
    case exists from now on; whoever is taken off their last item is no longer invited."""
    _lock(item.meeting)
    if item.case_id is None and guardians:
        raise ValidationError(_("Ouders worden alleen bij een casus uitgenodigd."))
    if item.case_id and DAT not in case_permissions_for(set_by, item.case):
        raise ValidationError(_("Je mag niet bepalen wie bij dit agendapunt aanschuift."))
    if any(guardian.pupil_id != getattr(item.case, "pupil_id", None) for guardian in guardians):
        raise ValidationError(_("Alleen ouders van deze leerling kunnen worden uitgenodigd."))
    wanted = [_attendee_for(item.meeting, by=set_by, professional=p) for p in professionals]
    wanted += [_attendee_for(item.meeting, by=set_by, guardian=g) for g in guardians]
    # Through each attendee, so the attendee's history records the link and who made it.
    current = set(item.attendees.all())
    for attendee in current - set(wanted):
        author(attendee, by=set_by).items.remove(item)
    for attendee in set(wanted) - current:
        author(attendee, by=set_by).items.add(item)
    _drop_uninvited(item.meeting, by=set_by)
    if no_parents_reason is not None and no_parents_reason != item.no_parents_reason:
        item.no_parents_reason = no_parents_reason
        save_with_user(item, by=set_by)
    if item.case is not None:
        case_permissions_recompute(item.case)
    invitations_sync(meeting=item.meeting, include_new=False)
    return wanted


def _drop_uninvited(meeting: Meeting, *, by: User) -> None:
    """Someone left without any item is no longer invited: never sent anything, their row
    goes; otherwise it stays only so the cancellation can reach them, and the meeting leaves
    their list (meetings.access.meetings_visible_to)."""
    for attendee in meeting.attendees.filter(items__isnull=True, invitations__isnull=True):
        delete_with_user(attendee, by=by)


@transaction.atomic
def attendance_record(
    *, attendee: Attendee, recorded_by: User, attendance: str, mandate: bool
) -> Attendee:
    attendee.attendance = attendance
    attendee.mandate = mandate
    save_with_user(attendee, by=recorded_by)
    return attendee
