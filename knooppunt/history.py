"""Recording who made a change, for django-simple-history. This module is the only place that
names the acting user on a model instance: services save, delete and change links through it."""


def author(instance, *, by):
    """Name `by` as the author of the history rows `instance` writes next (a save, a delete,
    or a change of a tracked many-to-many link such as an agenda item's attendees)."""
    instance._history_user = by
    return instance


def save_with_user(
    instance, *, by, update_fields: list[str] | None = None, reason: str = ""
) -> None:
    """Validate and save `instance` (only `update_fields` when given), naming `by` as the
    author of its history row. `reason` goes into the history row's change reason; use it where
    no user acts (an operator's management command), so the row still says where it came from."""
    if update_fields is None:
        instance.full_clean()
    if reason:
        instance._change_reason = reason
    author(instance, by=by).save(update_fields=update_fields)


def delete_with_user(instance, *, by) -> None:
    """Delete `instance`; its history keeps the last version and who removed it."""
    author(instance, by=by).delete()
