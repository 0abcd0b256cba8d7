"""The retention job (docs/domain.md, "Retention"; docs/security.md targets 8 and 19): purge
closed cases past their period, keep the access log's partitions ready, drop months past the
log's own term. It must run as the owner of the tables (docs/configuration.md, "Database
roles"); the web process and the ordinary worker connect as the app's role and cannot."""

import datetime
import logging
from collections import Counter
from dataclasses import dataclass, field

from django.db import connection
from django.utils import timezone

from cases.retention.partitions import (
    PARENT,
    partitions_create_ahead,
    partitions_drop_expired,
)
from cases.retention.pseudonym import pseudonym
from cases.retention.purge import case_purge, cases_due_for_purge

logger = logging.getLogger(__name__)


class NotTheOwner(Exception):
    """The job runs under a role that does not own the access log."""


@dataclass
class RetentionReport:
    cases_purged: int = 0
    rows_removed: Counter[str] = field(default_factory=Counter)
    partitions_created: list[str] = field(default_factory=list)
    partitions_dropped: dict[str, int] = field(default_factory=dict)


def _require_owner() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_has_role(current_user, relowner, 'MEMBER') FROM pg_class"
            " WHERE oid = %s::regclass",
            [PARENT],
        )
        if not cursor.fetchone()[0]:
            raise NotTheOwner(
                "The retention job must connect as the owner of the tables: run it on the "
                "'retention' queue's worker (docs/configuration.md, 'Database roles')."
            )


def retention_run(*, now: datetime.datetime | None = None) -> RetentionReport:
    """Run the whole job; each case is purged in a transaction of its own. Logs what it
    removed: counts per table, and each purged case only by its pseudonym."""
    now = now or timezone.now()
    today = now.astimezone(datetime.UTC).date()
    report = RetentionReport()
    postgres = connection.vendor == "postgresql"
    if postgres:
        _require_owner()
        report.partitions_created = partitions_created = partitions_create_ahead(today=today)
        for name in partitions_created:
            logger.info("access log partition created: %s", name)
    for case in list(cases_due_for_purge(now=now).order_by("closed_at", "pk")):
        removed = case_purge(case=case)
        report.cases_purged += 1
        report.rows_removed.update(removed)
        logger.info(
            "case purged: %s; rows per table: %s",
            pseudonym(case.uuid),
            ", ".join(f"{table} {count}" for table, count in sorted(removed.items())),
        )
    if postgres:
        report.partitions_dropped = partitions_drop_expired(today=today)
        for name, rows in report.partitions_dropped.items():
            logger.info("access log partition dropped: %s (%d rows)", name, rows)
    return report
