"""Delivery of outbox rows (invitations, reminders): nothing lost, nothing sent twice
(docs/security.md, "Nothing lost").

A row is committed with the change that caused it. After the commit its id is handed to Celery:
within a `handoff()` (a web request) once for everything the request committed, otherwise per
commit. Handing over uses one broker connection with tight timeouts and no retries and stops
at the first failure; what could not be handed over simply waits for `sweep`, so a broker
outage delays a message and never answers a request with an error.

`deliver` sends one row in three steps:

1. In its own transaction it claims the row (SELECT ... FOR UPDATE), builds the message and
   commits the row as HANDING_OVER, before the mail server is contacted.
2. It sends over SMTP, outside any transaction, on a connection the worker keeps open. The
   message carries a Message-ID made from the row (`message_id`), the same on every attempt.
3. After the server's 250 it appends the Message-ID to the delivery log (meetings/deliverylog.py,
   outside the database) and then commits the row as SENT.

A transient error (SMTP 4xx, refused connection, timeout, a configuration error at the server)
puts the row back as FAILED with a back-off (`backoff`), retried by the sweep without limit. A
permanent error (an SMTP 5xx for this message or recipient, an invalid address, a message that
cannot be built) makes it FAILED_FOR_GOOD with its `Failure`; the meeting page shows why and
offers to send it again.

A row still HANDING_OVER after HANDOVER_GRACE lost its worker (killed, or the database gone)
somewhere in steps 2-3. It is resolved by the delivery log: a recorded Message-ID means the
server accepted it, so the row is marked SENT without sending; no record means the server never
confirmed it, so it is sent again, with the same Message-ID. The one window left is between the
server's 250 and the log line: a worker killed in that instant sends the message a second time
(the operations guide that docs/security.md, "Nothing lost", links to describes it).

Tasks may run twice (acks_late): the row lock, the HANDING_OVER state and the grace period make a
second run a no-op while the first is still busy or done.
"""

import contextlib
import contextvars
import datetime
import logging
import smtplib
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from email.utils import parseaddr

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, mailers
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from kombu.exceptions import KombuError

from meetings import deliverylog
from meetings.constants import Failure, OutboxState

logger = logging.getLogger(__name__)

# A row still queued this long after it was due has lost its task (broker down, worker killed).
SWEEP_AFTER = datetime.timedelta(minutes=5)
# A row handing over this long has lost its worker: far longer than one SMTP conversation
# (the SMTP backend's timeout is 20 s per operation, knooppunt/settings.py).
HANDOVER_GRACE = datetime.timedelta(minutes=10)
# A kept-open SMTP connection idle longer than this is closed and a new one opened.
SMTP_IDLE = 10.0  # seconds
# Back-off after a transient failure: 1, 2, 4, 8, 16 minutes, then every 30 minutes, forever.
BACKOFF_FIRST = datetime.timedelta(minutes=1)
BACKOFF_CAP = datetime.timedelta(minutes=30)
# Handing over from a request: no reconnecting, and a silent broker costs at most a few seconds.
PUBLISH_TRANSPORT_OPTIONS = {"max_retries": 0, "socket_connect_timeout": 2, "socket_timeout": 2}

# States of a row that still has to go out.
PENDING = (OutboxState.QUEUED, OutboxState.FAILED, OutboxState.HANDING_OVER)


def now() -> datetime.datetime:
    """The outbox's clock: the tests move it to see back-off and grace periods pass."""
    return timezone.now()


def backoff(attempts: int) -> datetime.timedelta:
    """How long to wait after the `attempts`-th attempt failed transiently."""
    return min(BACKOFF_CAP, BACKOFF_FIRST * 2 ** min(max(attempts - 1, 0), 16))


def message_id(row) -> str:
    """`<invitation-{uuid}@{domain}>`: derived from the row only, so every attempt (and a resend
    after a crash) carries the same one, and the delivery log can name it."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "knooppunt"
    return f"<{type(row).__name__.lower()}-{row.uuid}@{domain}>"


# ----- Handing over to the broker ------------------------------------------------------------


class Handoff:
    """Rows committed during one request, handed to the broker once when it ends; `delayed`
    tells the view that some have to wait for the sweep."""

    def __init__(self) -> None:
        self.pending: dict = {}
        self.delayed = False

    def add(self, task, pk: int) -> None:
        self.pending.setdefault(task, []).append(pk)

    def flush(self) -> None:
        pending, self.pending = self.pending, {}
        for task, pks in pending.items():
            if self.delayed:  # the broker failed already: do not wait on it again
                break
            if publish(task, pks) < len(pks):
                self.delayed = True


_handoff: contextvars.ContextVar[Handoff | None] = contextvars.ContextVar(
    "outbox_handoff", default=None
)


@contextlib.contextmanager
def handoff() -> Iterator[Handoff]:
    """Collect what is committed inside and hand it to the broker once, at the end. A row whose
    transaction commits after the block has ended is handed over on its own commit."""
    collector = Handoff()
    token = _handoff.set(collector)
    try:
        yield collector
    finally:
        _handoff.reset(token)
        collector.flush()


def enqueue(task, row) -> None:
    """Ask Celery to deliver `row` once the current transaction commits."""
    pk = row.pk
    transaction.on_commit(lambda: _committed(task, pk))


def _committed(task, pk: int) -> None:
    collector = _handoff.get()
    if collector is not None:
        collector.add(task, pk)
    else:
        publish(task, [pk])


def publish(task, pks: Iterable[int]) -> int:
    """Hand these row ids to the broker over one connection, without retries; stop at the first
    broker error (the sweep delivers the rest). Returns how many were handed over."""
    pks = list(pks)
    handed = 0
    if not pks:
        return 0
    try:
        with task.app.connection_for_write(
            transport_options=PUBLISH_TRANSPORT_OPTIONS
        ) as connection:
            for pk in pks:
                try:
                    task.apply_async((pk,), connection=connection, retry=False)
                except (KombuError, OSError):
                    raise
                except Exception:  # an inline (eager) run that broke: the next row still goes
                    logger.exception("outbox: %s %s failed inline", task.name, pk)
                else:
                    handed += 1
    except (KombuError, OSError) as error:
        logger.warning(
            "outbox: broker unreachable, %s of %s %s left for the sweep: %s",
            len(pks) - handed,
            len(pks),
            task.name,
            type(error).__name__,
        )
    return handed


# ----- Delivering one row --------------------------------------------------------------------


class Permanent(Exception):
    """The message itself cannot go out: retrying will not help."""

    def __init__(self, failure: Failure, detail: str) -> None:
        super().__init__(detail)
        self.failure = failure


def classify(error: Exception) -> Failure | None:
    """The Failure of a permanent error; None for a transient one, retried with back-off.

    Permanent: the server refused this recipient or this message with a 5xx, an address that is
    not one, a message that cannot be built. Transient: 4xx replies, refused or dropped
    connections, timeouts, and errors about our own account at the server (authentication, a
    refused sender, missing STARTTLS), which the operator fixes without anyone resending.
    """
    if isinstance(error, Permanent):
        return error.failure
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _reply in error.recipients.values()]
        if codes and all(code >= 500 for code in codes):
            return Failure.ADDRESS_REFUSED
        return None
    if isinstance(error, smtplib.SMTPDataError):
        return Failure.REFUSED if error.smtp_code >= 500 else None
    if isinstance(error, ValueError | UnicodeError):
        # Raised by Django's SMTP backend while formatting the message or its addresses.
        return Failure.UNBUILDABLE
    return None


def _describe(error: Exception) -> str:
    """What `last_error` keeps: the kind of error and the server's code, never its text (which
    may quote the address)."""
    if isinstance(error, Permanent):
        return str(error)[:300]
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{type(error).__name__} {error.smtp_code}"[:300]
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = sorted({code for code, _reply in error.recipients.values()})
        return f"SMTPRecipientsRefused {' '.join(map(str, codes))}"[:300]
    return type(error).__name__[:300]


def _build(row, compose: Callable[..., EmailMessage | None]) -> EmailMessage | None:
    """The message for `row` with its Message-ID, fully built once so that any error in it
    shows here, as a permanent one."""
    try:
        message = compose(row)
    except Exception as error:
        raise Permanent(Failure.UNBUILDABLE, type(error).__name__) from error
    if message is None:
        return None
    for address in message.recipients():
        try:
            validate_email(address)
        except ValidationError as error:
            raise Permanent(Failure.ADDRESS_INVALID, "invalid address") from error
    message.extra_headers["Message-ID"] = message_id(row)
    try:
        message.message()
    except Exception as error:
        raise Permanent(Failure.UNBUILDABLE, type(error).__name__) from error
    return message


def _save(row, **fields) -> None:
    for name, value in fields.items():
        setattr(row, name, value)
    row.save(update_fields=list(fields))


def _fail(row, error: Exception, at: datetime.datetime) -> None:
    failure = classify(error)
    if failure is None:
        _save(
            row,
            state=OutboxState.FAILED,
            attempts=row.attempts,
            last_error=_describe(error),
            next_attempt_at=at + backoff(row.attempts),
        )
        level = logging.WARNING
    else:
        _save(
            row,
            state=OutboxState.FAILED_FOR_GOOD,
            attempts=row.attempts,
            last_error=_describe(error),
            failure=failure,
        )
        level = logging.ERROR
    logger.log(
        level, "outbox: %s %s %s: %s", type(row).__name__, row.uuid, row.state, row.last_error
    )


def _claim(model, pk: int, compose) -> tuple[object, EmailMessage] | None:
    """Step 1: lock the row; if it is to be sent now, commit it as HANDING_OVER and return it
    with its message. None when there is nothing to send (done, lapsed, not due, busy)."""
    with transaction.atomic():
        row = model.objects.select_for_update().filter(pk=pk).first()
        if row is None:
            return None
        moment = now()
        if row.state == OutboxState.HANDING_OVER:
            if row.handed_over_at and row.handed_over_at > moment - HANDOVER_GRACE:
                return None  # another task may be talking to the server right now
            if deliverylog.contains(message_id(row)):
                # The server accepted it before the worker or the database went away.
                _save(row, state=OutboxState.SENT, sent_at=moment, last_error="", failure="")
                logger.info("outbox: %s %s resolved as sent", type(row).__name__, row.uuid)
                return None
            logger.warning(
                "outbox: %s %s was handing over without a record: sending again",
                type(row).__name__,
                row.uuid,
            )
        elif row.state == OutboxState.FAILED:
            if row.next_attempt_at > moment:
                return None
        elif row.state != OutboxState.QUEUED:
            return None
        try:
            message = _build(row, compose)
        except Permanent as error:
            row.attempts += 1
            _fail(row, error, moment)
            return None
        if message is None:
            _save(row, state=OutboxState.LAPSED)
            return None
        _save(
            row,
            state=OutboxState.HANDING_OVER,
            attempts=row.attempts + 1,
            handed_over_at=moment,
        )
        return row, message


class _HeldConnection(threading.local):
    """This worker thread's SMTP conversation, kept open from one delivery to the next: opening
    a connection per message made 1,000 invitations take 88 s (docs/benchmarks.md). It is
    dropped after any error, when the mail settings change, and when it has been idle longer
    than SMTP_IDLE (a server may have hung up on it meanwhile)."""

    connection = None
    key: tuple = ()
    used_at = 0.0

    def get(self):
        fresh = mailers.default
        key = (type(fresh), getattr(fresh, "host", None), getattr(fresh, "port", None))
        if self.connection is not None and (
            key != self.key or time.monotonic() - self.used_at > SMTP_IDLE
        ):
            self.drop()
        if self.connection is None:
            fresh.open()
            self.connection, self.key = fresh, key
        return self.connection

    def used(self) -> None:
        self.used_at = time.monotonic()

    def drop(self) -> None:
        connection, self.connection = self.connection, None
        if connection is None:
            return
        try:
            connection.close()
        except Exception as error:  # a failed goodbye changes nothing that was sent
            logger.info("outbox: closing the SMTP connection: %s", type(error).__name__)


_held = _HeldConnection()


def _hand_to_server(row, message: EmailMessage) -> datetime.datetime:
    """Step 2 and the first half of step 3: send over the worker's own connection, so that the
    delivery log is written right after the server's 250."""
    try:
        connection = _held.get()
        if connection.send_messages([message]) != 1:
            raise smtplib.SMTPException("not accepted")
    except Exception:
        _held.drop()
        raise
    _held.used()
    sent_at = now()
    deliverylog.record(message_id(row), at=sent_at)
    return sent_at


def deliver(model, pk: int, compose: Callable[..., EmailMessage | None]) -> bool:
    """Send one row if it is due and still unsent; True when this call sent it. When `compose`
    returns None the message has lapsed (a reminder for a meeting since cancelled)."""
    claimed = _claim(model, pk, compose)
    if claimed is None:
        return False
    row, message = claimed
    try:
        sent_at = _hand_to_server(row, message)
    except Exception as error:
        with transaction.atomic():
            row = model.objects.select_for_update().get(pk=pk)
            if row.state == OutboxState.HANDING_OVER:
                _fail(row, error, now())
        return False
    with transaction.atomic():
        model.objects.filter(pk=pk, state=OutboxState.HANDING_OVER).update(
            state=OutboxState.SENT, sent_at=sent_at, last_error="", failure=""
        )
    return True


# ----- The sweep and resending ---------------------------------------------------------------


def due(model, *, at: datetime.datetime | None = None):
    """Rows the sweep hands over at `at`: queued ones whose task seems lost, failed ones whose
    back-off has passed, and ones left handing over by a lost worker."""
    at = at or now()
    return model.objects.filter(
        Q(state=OutboxState.QUEUED, next_attempt_at__lte=at - SWEEP_AFTER)
        | Q(state=OutboxState.FAILED, next_attempt_at__lte=at)
        | Q(state=OutboxState.HANDING_OVER, handed_over_at__lte=at - HANDOVER_GRACE)
    )


def sweep(model, task, *, now: datetime.datetime | None = None) -> int:
    """Hand over every due row; returns how many reached the broker. There is no limit on
    attempts: only a permanent error ends them."""
    pks = list(due(model, at=now).order_by("next_attempt_at", "pk").values_list("pk", flat=True))
    return publish(task, pks)


def requeue(rows) -> list:
    """Queue rows that failed for good once more (after the address was corrected, say), with
    the same Message-ID; each is delivered after the commit."""
    requeued = []
    for row in rows:
        if row.state != OutboxState.FAILED_FOR_GOOD:
            continue
        _save(
            row,
            state=OutboxState.QUEUED,
            failure="",
            last_error="",
            next_attempt_at=now(),
        )
        requeued.append(row)
    return requeued
