"""Recording who made a change, for django-simple-history. This module is the only place that
names the acting user on a model instance: services save, delete and change links through it."""


def author(instance, *, by):
    """Name `by` as the author of the history rows `instance` writes next (a save, a delete,
    or a change of a tracked many-to-many link such as an agenda item's attendees)."""
    instance._history_user = by
    return instance


def save_with_user(instance, *, by, update_fields: list[str] | None = None) -> None:
    """Validate and save `instance` (only `update_fields` when given), naming `by` as the
    author of its history row."""
    if update_fields is None:
        instance.full_clean()
    author(instance, by=by).save(update_fields=update_fields)


def delete_with_user(instance, *, by) -> None:
    """Delete `instance`; its history keeps the last version and who removed it."""
    author(instance, by=by).delete()
