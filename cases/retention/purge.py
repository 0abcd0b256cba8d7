"""Purging a closed case past its retention period with every copy of it (docs/domain.md,
"Retention"; docs/security.md targets 8 and 19)."""

import datetime
from collections import Counter

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q, QuerySet
from guardian.models import GroupObjectPermission, UserObjectPermission

from cases.constants import Status
from cases.models import (
    AccessLogEntry,
    Case,
    CaseRetention,
    FeedbackRequest,
    Involvement,
    ProgressNote,
    Regie,
    Werkafspraak,
)
from cases.retention.dates import years_before
from cases.retention.pseudonym import pseudonym
from cases.signals import case_purging
from knooppunt.purge import purge_rows
from pupils.models import Pupil

# The rows under a case that the cases app keeps, purged before the case itself.
CASE_PARTS = (Werkafspraak, ProgressNote, FeedbackRequest, Regie, Involvement)


def cases_due_for_purge(*, now: datetime.datetime) -> QuerySet[Case]:
    """Closed cases whose retention period has passed: their samenwerkingsverband's own period
    (CaseRetention) where it set one, else CASE_RETENTION_YEARS."""
    own = dict(CaseRetention.objects.values_list("samenwerkingsverband_id", "years_after_closing"))
    due = Q(closed_at__lt=years_before(now, settings.CASE_RETENTION_YEARS)) & ~Q(
        school__samenwerkingsverband_id__in=own
    )
    for swv_id, years in own.items():
        due |= Q(school__samenwerkingsverband_id=swv_id, closed_at__lt=years_before(now, years))
    return Case.objects.filter(due, status=Status.AFGESLOTEN, closed_at__isnull=False)


@transaction.atomic
def case_purge(*, case: Case) -> Counter[str]:
    """Remove the case and everything about it: what higher apps keep (through `case_purging`),
    its involvements, regie, werkafspraken, notes and feedback requests, its derived rights,
    and all their history. Its access-log rows stay, with pupil and case replaced by keyed
    pseudonyms. Returns the rows removed or pseudonymised per table; no content, no names."""
    # The pupil's lock first, as every derivation of rights takes it: no recompute can write
    # rights for this case while it goes.
    Pupil.objects.select_for_update().get(pk=case.pupil_id)
    case = Case.objects.select_for_update().select_related("pupil").get(pk=case.pk)
    removed: Counter[str] = Counter()
    for _receiver, counts in case_purging.send(sender=Case, case=case):
        removed.update(counts)
    removed["cases.AccessLogEntry (gepseudonimiseerd)"] = _log_pseudonymise(case)
    for model in CASE_PARTS:
        removed.update(purge_rows(model, case_id=case.pk)[0])
    removed.update(_generic_permissions_purge(case))
    # The case's own object-permission rows cascade with it.
    removed.update(purge_rows(Case, id=case.pk)[0])
    return +removed


def _log_pseudonymise(case: Case) -> int:
    """Replace pupil and case in the case's log rows by their keyed pseudonyms. Only the
    tables' owner may: the log's trigger refuses any other change, and anyone else."""
    rows = AccessLogEntry.objects.filter(case_uuid=case.uuid, pseudonymised=False)
    fields = {"case_uuid": pseudonym(case.uuid), "pseudonymised": True}
    count = rows.filter(pupil_uuid__isnull=True).update(**fields)
    return count + rows.update(pupil_uuid=pseudonym(case.pupil.uuid), **fields)


def _generic_permissions_purge(case: Case) -> Counter[str]:
    """Rights on a case live in its own permission tables; rows in guardian's generic tables
    would be a mistake, but a copy all the same."""
    removed: Counter[str] = Counter()
    for model in (UserObjectPermission, GroupObjectPermission):
        rows = model.objects.filter(
            content_type=ContentType.objects.get_for_model(Case), object_pk=str(case.pk)
        )
        removed.update(rows.delete()[1])
    return removed
