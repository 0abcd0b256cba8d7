"""The object permissions a case grants, and their ids, resolved once per process."""

from django.contrib.auth.models import Permission
from django.db.models.signals import post_migrate
from django.dispatch import receiver

DAT = "view_case_dat"
WAT = "view_case_wat"
CHANGE = "change_case"
LOG_PROGRESS = "log_case_progress"
ACCESS_LOG = "view_case_accesslog"
ALL_CODENAMES = (DAT, WAT, CHANGE, LOG_PROGRESS, ACCESS_LOG)

_ids: dict[str, int] = {}


def permission_ids() -> dict[str, int]:
    """codename -> Permission id; one query the first time, none after, so no query on the
    permission tables ever joins `auth_permission` by codename."""
    if not _ids:
        _ids.update(
            Permission.objects.filter(
                content_type__app_label="cases", codename__in=ALL_CODENAMES
            ).values_list("codename", "pk")
        )
    return _ids


def codename_of(permission_id: int) -> str:
    return next(code for code, pk in permission_ids().items() if pk == permission_id)


@receiver(post_migrate, dispatch_uid="cases_forget_permission_ids")
def forget_permission_ids(**kwargs) -> None:
    # A migration run (a new test database, a flush) may renumber the permissions.
    _ids.clear()
