import logging

from celery import shared_task

from cases import consent_requests
from cases.access import permissions_rebuild, permissions_recompute_time_bound
from cases.retention import retention_run as run_retention

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def recompute_time_bound_permissions() -> int:
    """Hourly: access that ends or starts by date (consent end dates, legal bases, involvement
    and regie periods) is withdrawn or granted without waiting for another change. Safe to run
    twice: a recompute only writes the difference."""
    return permissions_recompute_time_bound()


@shared_task(acks_late=True)
def rebuild_permissions() -> int:
    """Nightly: rebuild every case's rights from the rules and report any drift it repaired
    (by case id only: a log line carries no name and no content)."""
    drift = permissions_rebuild()
    for case, added, removed in drift:
        logger.error("permission drift repaired: case %s, +%d -%d rows", case.uuid, added, removed)
    return len(drift)


@shared_task(acks_late=True)
def notify_consent_request(request_pk: int) -> bool:
    """E-mail the school's IB'ers that a partner asks for consent (no content, no name).
    Safe to run twice: a request is marked once notified."""
    return consent_requests.notify(request_pk)


@shared_task(acks_late=True)
def sweep_consent_requests() -> int:
    """Every few minutes: notify requests whose task was lost."""
    return consent_requests.sweep()


@shared_task(acks_late=True)
def retention_run() -> int:
    """Nightly, on the 'retention' queue, whose worker connects as the tables' owner: purge the
    closed cases past their period and keep the access log's partitions (cases/retention/).
    Safe to run twice: a purged case is gone, a partition is created or dropped once."""
    return run_retention().cases_purged
