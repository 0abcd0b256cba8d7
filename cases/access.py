"""The "dat, niet wat" policy: who may know a case exists, and who may see its content.

Permissions are derived, never assigned by hand: `case_permissions_recompute` rebuilds a case's
object permissions from school role, involvement, regie and consent, and runs in the same
transaction as every change to any of those. `get_case_for_user` is the one gate views use.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from uuid import UUID

from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpRequest
from django.utils import timezone

from cases.accesslog import log_access
from cases.constants import AccessEvent
from cases.models import Case, CaseUserObjectPermission, Involvement, Regie
from cases.query import active_on
from consent.models import LegalBasis
from consent.rules import organisations_with_content_access
from partners.access import active_memberships
from partners.constants import Function
from partners.models import Professional

DAT = "view_case_dat"
WAT = "view_case_wat"
CHANGE = "change_case"
LOG_PROGRESS = "log_case_progress"
ACCESS_LOG = "view_case_accesslog"
ALL_CODENAMES = (DAT, WAT, CHANGE, LOG_PROGRESS, ACCESS_LOG)

# Higher apps add who else may know that a case exists (meetings: the professionals invited to
# its agenda item) and which cases' access changes with the calendar because of them. They
# register in their AppConfig.ready(), as this app may not import them.
DatSource = Callable[[Case, datetime.date], Iterable[int]]
TimeBoundSource = Callable[[tuple[datetime.date, datetime.date]], Q]
DAT_SOURCES: list[DatSource] = []
TIME_BOUND_SOURCES: list[TimeBoundSource] = []


def desired_permissions(case: Case, *, day: datetime.date | None = None) -> dict[int, set[str]]:
    """user id -> codenames this case should grant on `day` (today), by DOMAIN.md's rules."""
    today = day or timezone.localdate()
    school_org = case.school.organisation_id
    granted: dict[int, set[str]] = defaultdict(set)

    school_staff = Professional.objects.filter(
        organisation_id=school_org, is_active=True, user__is_active=True
    )
    for member in school_staff:
        if member.function == Function.IB:
            granted[member.user_id] |= set(ALL_CODENAMES)
        elif member.function == Function.DIRECTEUR:
            granted[member.user_id].add(DAT)

    content_orgs = organisations_with_content_access(pupil=case.pupil, day=today)
    involved = [
        (row.professional, row.organisation_id)
        for row in Involvement.objects.filter(case=case)
        .filter(active_on(today))
        .select_related("professional__user")
    ] + [
        (row.professional, row.professional.organisation_id)
        for row in Regie.objects.filter(case=case, professional__isnull=False)
        .filter(active_on(today))
        .select_related("professional__user")
    ]
    for professional, organisation_id in involved:
        if professional is None or not professional.is_active or not professional.user.is_active:
            continue
        granted[professional.user_id].add(DAT)
        # School staff who are personally involved see the school's own content; partners
        # need consent to share with their organisation, or a recorded legal basis.
        if organisation_id == school_org or organisation_id in content_orgs:
            granted[professional.user_id] |= {WAT, LOG_PROGRESS}
    for source in DAT_SOURCES:
        for user_id in source(case, today):
            granted[user_id].add(DAT)
    return granted


@transaction.atomic
def case_permissions_recompute(case: Case, *, day: datetime.date | None = None) -> None:
    """Bring the case's permission rows in line with the rules; only the difference is written."""
    permissions = {
        p.codename: p
        for p in Permission.objects.filter(
            content_type__app_label="cases", codename__in=ALL_CODENAMES
        )
    }
    wanted = {
        (user_id, codename)
        for user_id, codenames in desired_permissions(case, day=day).items()
        for codename in codenames
    }
    existing = {
        (row.user_id, row.permission.codename): row.pk
        for row in CaseUserObjectPermission.objects.filter(content_object=case).select_related(
            "permission"
        )
    }
    stale = [pk for key, pk in existing.items() if key not in wanted]
    CaseUserObjectPermission.objects.filter(pk__in=stale).delete()
    CaseUserObjectPermission.objects.bulk_create(
        CaseUserObjectPermission(
            content_object=case, user_id=user_id, permission=permissions[codename]
        )
        for user_id, codename in wanted - existing.keys()
    )


def pupil_permissions_recompute(pupil) -> None:
    for case in Case.objects.filter(pupil=pupil).select_related("school", "pupil"):
        case_permissions_recompute(case)


# Days looked back for dates that changed access, so a missed run is caught up by the next one.
_CATCH_UP_DAYS = 7


def permissions_recompute_time_bound(*, day: datetime.date | None = None) -> int:
    """Recompute the cases whose access changes with the calendar: involvement or regie starting
    or ending, a legal basis starting or running out, consent past its end date. Returns how
    many cases were recomputed."""
    day = day or timezone.localdate()
    window = (day - datetime.timedelta(days=_CATCH_UP_DAYS), day)
    expired = (window[0] - datetime.timedelta(days=1), day - datetime.timedelta(days=1))
    changed = Q()
    for source in TIME_BOUND_SOURCES:
        changed |= source(window)
    cases = (
        Case.objects.filter(
            changed
            | Q(involvements__start__range=window)
            | Q(involvements__end__range=window)
            | Q(regie__start__range=window)
            | Q(regie__end__range=window)
            | Q(pupil__legal_bases__valid_from__range=window)
            | Q(pupil__legal_bases__valid_until__range=expired)
            | Q(pupil__consent_decisions__valid_until__range=expired)
        )
        .distinct()
        .select_related("school", "pupil")
    )
    count = 0
    for case in cases:
        case_permissions_recompute(case, day=day)
        count += 1
    return count


def case_permissions_for(user, case: Case) -> set[str]:
    """The codenames the user holds on this case (one query)."""
    if not user.is_authenticated or not user.is_active:
        return set()
    return set(
        CaseUserObjectPermission.objects.filter(content_object=case, user=user).values_list(
            "permission__codename", flat=True
        )
    )


def get_case_for_user(request: HttpRequest, case_uuid: UUID, *, perm: str = DAT) -> Case:
    """The one gate: 404 to whoever may not know the case exists, 403 to whoever may know it
    but not do this. Both refusals are logged."""
    case = (
        Case.objects.with_user_permission(request.user, DAT)
        .select_related("pupil", "school__organisation")
        .filter(uuid=case_uuid)
        .first()
    )
    if case is None:
        refused = Case.objects.filter(uuid=case_uuid).select_related("pupil").first()
        if refused is not None:
            log_access(
                request, event=AccessEvent.DENIED, case=refused, what=f"geen toegang ({perm})"
            )
        raise Http404
    case.granted = case_permissions_for(request.user, case)
    if perm not in case.granted:
        log_access(request, event=AccessEvent.DENIED, case=case, what=f"geweigerd ({perm})")
        raise PermissionDenied
    return case


def content_basis(user, case: Case) -> str:
    """On what ground this user sees the case content, for the access log."""
    organisations = set(active_memberships(user).values_list("organisation_id", flat=True))
    if case.school.organisation_id in organisations:
        return "school"
    today = timezone.localdate()
    basis = (
        LegalBasis.objects.filter(
            pupil=case.pupil,
            recipient_id__in=organisations,
            ended_at__isnull=True,
            valid_from__lte=today,
            valid_until__gte=today,
        )
        .order_by("-valid_from")
        .first()
    )
    if basis is not None:
        return f"andere grondslag: {basis.get_kind_display()} ({basis.uuid})"
    return "toestemming: gegevens delen met eigen organisatie"
