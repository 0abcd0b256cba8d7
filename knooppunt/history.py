"""Saving through the services so that django-simple-history records who made the change."""


def save_with_user(instance, *, by) -> None:
    """Validate and save `instance`, naming `by` as the author of its history row."""
    instance.full_clean()
    instance._history_user = by
    instance.save()
