"""Saving through the services so that django-simple-history records who made the change."""


def save_with_user(instance, *, by, reason: str = "") -> None:
    """Validate and save `instance`, naming `by` as the author of its history row.

    `reason` goes into the history row's change reason; use it where no user acts (an operator's
    management command), so the row still says where the change came from.
    """
    instance.full_clean()
    instance._history_user = by
    if reason:
        instance._change_reason = reason
    instance.save()
