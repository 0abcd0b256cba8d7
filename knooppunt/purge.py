"""Deleting rows with every copy django-simple-history keeps of them (docs/security.md target 19).

Each app purges its own part of a case through this one helper, so "all copies" means the same
everywhere: the live rows, their history rows (also those of objects deleted long before, found
through the same lookup), the history of their tracked many-to-many links, and the history rows
the deletion itself writes.
"""

from collections import Counter

from django.db import models


def purge_rows(model: type[models.Model], **lookup) -> tuple[Counter[str], set]:
    """Delete the rows of `model` matching `lookup`, and all their history. `lookup` must use
    field names the history model shares (`case_id=…`, `id__in=…`, never `pk`). Returns the
    rows removed per table, and the primary keys purged (live or only in history), so the caller
    can purge what hangs below them. Runs inside the caller's transaction."""
    history = model.history.model
    live = model._base_manager.filter(**lookup)
    pks = set(live.values_list("pk", flat=True))
    pks |= set(history._default_manager.filter(**lookup).values_list("id", flat=True))
    removed: Counter[str] = Counter()
    if not pks:
        return removed, pks
    # First the live rows: simple-history writes a history row for each deletion, removed below.
    removed.update(live.delete()[1])
    past = history._default_manager.filter(id__in=pks)
    for link in history._meta.related_objects:
        # The history of a tracked many-to-many link points at its history row without a
        # database constraint, so nothing cascades: remove it explicitly.
        rows = link.related_model._default_manager.filter(**{f"{link.field.name}__in": past})
        removed.update(rows.delete()[1])
    removed.update(past.delete()[1])
    return removed, pks
