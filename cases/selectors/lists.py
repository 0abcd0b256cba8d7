"""The case lists (all cases, my cases) with their monitoring flags and filter choices."""

import datetime

from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)
from django.utils import timezone

from cases.access import DAT, WAT
from cases.access.codenames import permission_ids
from cases.constants import STALE_AFTER_MONTHS, Status, WerkafspraakStatus
from cases.models import (
    Case,
    CaseUserObjectPermission,
    FeedbackRequest,
    Involvement,
    Regie,
    Werkafspraak,
)
from cases.query import active_on
from cases.selectors._common import current_regie_rows
from partners.models import Professional, User


def _months_before(moment: datetime.datetime, months: int) -> datetime.datetime:
    """The same moment `months` calendar months earlier (the 31st becomes the month's end)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    next_month = datetime.date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1)
    last_day = (next_month - datetime.timedelta(days=1)).day
    return moment.replace(year=year, month=month + 1, day=min(moment.day, last_day))


def _with_monitoring(cases: QuerySet[Case], user: User) -> QuerySet[Case]:
    """Annotate the monitoring flags (docs/domain.md, "Monitoring") in the query itself (no
    query per row).

    The support level and the flags come from content (dates of werkafspraken, feedback,
    evaluations): they are annotated as `shows_content` and computed only where the user has
    "wat" on the case, so a reader with only "dat" neither sees nor filters by them.
    Only cases that are not closed are flagged: a closed case needs no follow-up.
    - flag_stale: open longer than STALE_AFTER_MONTHS without any evaluated werkafspraak;
    - flag_overdue_werkafspraak: an open werkafspraak past its due date;
    - flag_overdue_feedback: requested feedback not received by its due date.
    The current regie rows (procesregie first) come along as `current_regie`.
    """
    today = timezone.localdate()
    stale_before = _months_before(timezone.now(), STALE_AFTER_MONTHS)
    is_open = ~Q(status=Status.AFGESLOTEN)
    evaluated = Werkafspraak.objects.filter(
        case=OuterRef("pk"), status=WerkafspraakStatus.EVALUATED
    )
    overdue_werkafspraak = Werkafspraak.objects.filter(
        case=OuterRef("pk"), status=WerkafspraakStatus.OPEN, due_date__lt=today
    )
    overdue_feedback = FeedbackRequest.objects.filter(
        case=OuterRef("pk"), received_at__isnull=True, due_date__lt=today
    )
    content = Exists(
        CaseUserObjectPermission.objects.filter(
            content_object=OuterRef("pk"), user=user, permission_id=permission_ids()[WAT]
        )
    )
    is_open = is_open & content
    stale = is_open & Q(opened_at__lt=stale_before) & ~Exists(evaluated)
    late_werkafspraak = is_open & Exists(overdue_werkafspraak)
    late_feedback = is_open & Exists(overdue_feedback)
    return (
        cases.select_related("pupil", "school")
        .annotate(
            shows_content=ExpressionWrapper(content, output_field=BooleanField()),
            flag_stale=ExpressionWrapper(stale, output_field=BooleanField()),
            flag_overdue_werkafspraak=ExpressionWrapper(
                late_werkafspraak, output_field=BooleanField()
            ),
            flag_overdue_feedback=ExpressionWrapper(late_feedback, output_field=BooleanField()),
            flagged=ExpressionWrapper(
                stale | late_werkafspraak | late_feedback, output_field=BooleanField()
            ),
        )
        .prefetch_related(
            Prefetch("regie", queryset=current_regie_rows(today), to_attr="current_regie")
        )
    )


def case_list(*, fetched_by: User) -> QuerySet[Case]:
    """The cases the user may know exist (view_case_dat), with monitoring flags, for the
    school-wide list of the IB'er and the directeur. Filtering (status, level, regisseur,
    flagged, pupil name) is `cases.filters.CaseFilter` on top of this queryset."""
    return _with_monitoring(Case.objects.with_user_permission(fetched_by, DAT), fetched_by)


def my_cases(*, fetched_by: User) -> QuerySet[Case]:
    """The cases the user is personally part of today: opened by them (the IB'er's own cases),
    or an active involvement or active regie held by one of the user's memberships; and (as
    always) view_case_dat on the case."""
    today = timezone.localdate()
    involved = Involvement.objects.filter(case=OuterRef("pk"), professional__user=fetched_by)
    regie = Regie.objects.filter(case=OuterRef("pk"), professional__user=fetched_by)
    mine = Case.objects.with_user_permission(fetched_by, DAT).filter(
        Q(opened_by=fetched_by)
        | Exists(involved.filter(active_on(today)))
        | Exists(regie.filter(active_on(today)))
    )
    return _with_monitoring(mine, fetched_by)


def regisseurs_for(*, fetched_by: User) -> QuerySet[Professional]:
    """Professionals holding regie today on a case the user may see: the regisseur filter's
    choices, so the list of names reveals nothing the user may not know."""
    visible = Case.objects.with_user_permission(fetched_by, DAT)
    rows = Regie.objects.filter(active_on(timezone.localdate()), case__in=visible)
    return (
        Professional.objects.filter(pk__in=rows.values("professional"))
        .select_related("user", "organisation")
        .order_by("user__last_name", "user__first_name")
    )
