"""The delivery log: one line per message the mail server accepted, appended by the sender right
after the server's 250 and before the database is told (meetings/outbox.py).

It lives outside PostgreSQL on purpose. When the database is lost between the 250 and the
commit, or restored from a backup taken before messages went out, this file still says what was
delivered: the outbox resolves a row left "handing over" with it, and `manage.py
outbox_reconcile` marks rows sent after a restore (docs/security.md, "Nothing lost").

A line is JSON: {"message_id": "<invitation-…@…>", "at": "…"}. Nothing else: no address, no
name, no content. Reading also accepts any text that contains our Message-IDs, such as the mail
server's own log, so that can serve as the record too.
"""

import datetime
import json
import logging
import os
import re
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)

# What meetings.outbox.message_id produces: <kind-uuid@domain>.
MESSAGE_ID = re.compile(
    r"<(?:invitation|reminder)-[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}@[^>\s\"]+>"
)


def path() -> Path | None:
    """The configured log file (setting OUTBOX_DELIVERY_LOG); None when switched off."""
    configured = getattr(settings, "OUTBOX_DELIVERY_LOG", "")
    return Path(configured) if configured else None


def record(message_id: str, *, at: datetime.datetime) -> bool:
    """Append one line and flush it to disk; False (and an error in the log) when that fails,
    which never undoes the delivery: the database is told next either way."""
    target = path()
    if target is None:
        return False
    line = json.dumps({"message_id": message_id, "at": at.isoformat()}) + "\n"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # One write of one short line with O_APPEND: concurrent workers do not interleave.
        fd = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, line.encode())
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as error:
        logger.error("delivery log %s not written for %s: %s", target, message_id, error)
        return False
    return True


def read(paths: Iterable[Path | str]) -> dict[str, datetime.datetime | None]:
    """Every Message-ID of ours found in these files, with the time it was accepted where the
    line says so (our own JSON lines) and None otherwise (another program's log)."""
    found: dict[str, datetime.datetime | None] = {}
    for name in paths:
        with open(name, encoding="utf-8", errors="replace") as lines:
            for line in lines:
                at = _time_of(line)
                for message_id in MESSAGE_ID.findall(line):
                    if found.get(message_id) is None:
                        found[message_id] = at
    return found


def contains(message_id: str) -> bool:
    """Whether the configured log records this message as accepted by the server."""
    target = path()
    if target is None or not target.exists():
        return False
    needle = json.dumps(message_id)
    with open(target, encoding="utf-8", errors="replace") as lines:
        return any(needle in line for line in lines)


def _time_of(line: str) -> datetime.datetime | None:
    try:
        value = json.loads(line).get("at")
        return datetime.datetime.fromisoformat(value) if value else None
    except (ValueError, AttributeError, TypeError):
        return None
