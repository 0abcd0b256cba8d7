"""Two people editing one record: nothing is silently overwritten (docs/security.md target 29).

A versioned record carries a `version` that every save through `save_changes` raises by one.
A form remembers the version it was opened with; the service locks the row, and when the
version moved on in the meantime it raises `StaleEdit` with the current record, so the screen
can show both versions. Only the fields that changed are written, so a status change and an
edit of the text by two people at once both survive.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from knooppunt.history import save_with_user


class Versioned(models.Model):
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    class Meta:
        abstract = True


class StaleEdit(ValidationError):
    """The record changed after the form was opened. `current` is the record as it is now;
    the message names who saved it last (`changed_by`, empty when unknown)."""

    def __init__(self, current, changed_by: str) -> None:
        self.current = current
        who = changed_by or _("iemand anders")
        super().__init__(
            _(
                "Intussen gewijzigd door %(who)s. Je wijzigingen zijn niet opgeslagen: vergelijk "
                "ze met de huidige versie hieronder en sla opnieuw op."
            )
            % {"who": who}
        )


def lock_current(instance, *, expected_version: int | None):
    """The row, locked for this transaction; StaleEdit when `expected_version` is given and
    the row has moved on since."""
    current = type(instance).objects.select_for_update().get(pk=instance.pk)
    if expected_version is not None and current.version != expected_version:
        last = current.history.select_related("history_user").first()
        user = last.history_user if last is not None else None
        raise StaleEdit(current, user.get_full_name() if user is not None else "")
    return current


def save_changes(instance, *, by, fields: dict, expected_version: int | None = None):
    """Lock the row, refuse a stale edit, and write only the fields whose value changed (and
    the version). Returns the saved record."""
    current = lock_current(instance, expected_version=expected_version)
    changed = [name for name, value in fields.items() if getattr(current, name) != value]
    for name in changed:
        setattr(current, name, fields[name])
    if changed:
        current.full_clean()
        current.version += 1
        save_with_user(current, by=by, update_fields=[*changed, "version"])
    return current
