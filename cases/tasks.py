from celery import shared_task

from cases.access import permissions_recompute_time_bound


@shared_task(acks_late=True)
def recompute_time_bound_permissions() -> int:
    """Hourly: access that ends or starts by date (consent end dates, legal bases, involvement
    and regie periods) is withdrawn or granted without waiting for another change. Safe to run
    twice: a recompute only writes the difference."""
    return permissions_recompute_time_bound()
