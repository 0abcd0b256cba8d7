"""After a restore: mark the outbox rows that were delivered after the backup as sent, so that
the sweep does not mail everyone a second time (docs/security.md, "Nothing lost").

The restored database cannot know what left after its backup was taken; the delivery log can,
because it lives outside the database (meetings/deliverylog.py). Each Message-ID found in the
given files names its row (meetings.outbox.message_id); a row that is not SENT yet becomes SENT
with the time the log gives. Message-IDs of rows the restored database does not have belong to
changes the restore undid; they are counted so the operator can tell the people concerned.

Run it after the restore and before the worker and beat start again. It only marks rows sent,
never sends, and running it twice changes nothing the second time.
"""

import uuid
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from meetings import deliverylog, outbox
from meetings.constants import OutboxState
from meetings.models import Invitation, Reminder

MODELS = {"invitation": Invitation, "reminder": Reminder}


def _row_key(message_id: str) -> tuple[str, uuid.UUID] | None:
    kind, _dash, rest = message_id.strip("<>").partition("-")
    try:
        return kind, uuid.UUID(rest.rpartition("@")[0])
    except ValueError:
        return None


class Command(BaseCommand):
    help = (
        "After a restore: mark invitations and reminders that the delivery log (or a mail "
        "server log with their Message-IDs) shows as delivered as sent, so they are not sent "
        "again. Without --sent-log it reads OUTBOX_DELIVERY_LOG."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--sent-log",
            action="append",
            default=[],
            metavar="FILE",
            help="A delivery log or mail server log; may be given more than once.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; change nothing."
        )

    def handle(self, *args, sent_log: list[str], dry_run: bool, **options) -> None:
        files = [Path(name) for name in sent_log]
        if not files:
            configured = deliverylog.path()
            if configured is None:
                raise CommandError("No --sent-log given and OUTBOX_DELIVERY_LOG is switched off.")
            files = [configured]
        missing = [str(name) for name in files if not name.exists()]
        if missing:
            raise CommandError(f"Not found: {', '.join(missing)}")
        found = deliverylog.read(files)
        by_model: dict[str, dict[uuid.UUID, object]] = {kind: {} for kind in MODELS}
        for message_id, at in found.items():
            key = _row_key(message_id)
            if key is not None and key[0] in MODELS:
                by_model[key[0]][key[1]] = at
        now = timezone.now()
        marked = already = unknown = 0
        with transaction.atomic():
            for kind, model in MODELS.items():
                sent = by_model[kind]
                rows = model.objects.select_for_update().filter(uuid__in=list(sent))
                seen = set()
                for row in rows:
                    seen.add(row.uuid)
                    if row.state == OutboxState.SENT:
                        already += 1
                        continue
                    marked += 1
                    if not dry_run:
                        row.state = OutboxState.SENT
                        row.sent_at = sent[row.uuid] or now
                        row.failure = ""
                        row.last_error = ""
                        row.save(update_fields=["state", "sent_at", "failure", "last_error"])
                unknown += len(set(sent) - seen)
            if dry_run:
                transaction.set_rollback(True)
        verb = "would be marked" if dry_run else "marked"
        self.stdout.write(
            f"{len(found)} delivered message(s) in the log: {marked} {verb} sent, "
            f"{already} already sent, {unknown} not in this database."
        )
        pending = sum(
            model.objects.filter(state__in=outbox.PENDING).count() for model in MODELS.values()
        )
        self.stdout.write(f"{pending} message(s) still to send; the sweep delivers them.")
