"""The TLV part of purging a case (docs/domain.md, "Retention"; docs/security.md target 19):
its requests with attachments, advice, decision and OPP, their history, the reminders of their
deadlines and the attachment files, removed from disk once the purge has committed."""

from collections import Counter

from django.db import transaction

from cases.models import Case
from knooppunt.purge import purge_rows
from meetings.retention import reminders_about_purge
from tlv.models import Attachment, Decision, Dossier, ExpertAdvice, Opp, private_storage


def case_tlv_purge(*, case: Case) -> Counter[str]:
    """Remove what the TLV app keeps about `case`; returns rows removed per table."""
    dossier_ids = set(Dossier.objects.filter(case=case).values_list("pk", flat=True))
    dossier_ids |= set(Dossier.history.filter(case_id=case.pk).values_list("id", flat=True))
    if not dossier_ids:
        return Counter()
    dossier_uuids = set(Dossier.history.filter(id__in=dossier_ids).values_list("uuid", flat=True))
    dossier_uuids |= set(Dossier.objects.filter(pk__in=dossier_ids).values_list("uuid", flat=True))
    files = set(
        Attachment.objects.filter(dossier_id__in=dossier_ids).values_list("file", flat=True)
    )
    files |= set(
        Attachment.history.filter(dossier_id__in=dossier_ids).values_list("file", flat=True)
    )
    files.discard("")
    removed: Counter[str] = Counter()
    for model in (Attachment, ExpertAdvice, Decision, Opp):
        removed.update(purge_rows(model, dossier_id__in=dossier_ids)[0])
    removed.update(purge_rows(Dossier, id__in=dossier_ids)[0])
    removed.update(reminders_about_purge(dossier_uuids))
    removed["tlv.Attachment files"] = len(files)
    transaction.on_commit(lambda: _files_delete(files))
    return removed


def _files_delete(names: set[str]) -> None:
    for name in names:
        private_storage.delete(name)
