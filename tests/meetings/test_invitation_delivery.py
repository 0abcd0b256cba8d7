"""Nothing lost, nothing twice (docs/security.md, "Nothing lost"), with real infrastructure: a
private redis-server as the broker, a Celery worker thread, and an SMTP sink on 127.0.0.1 that the
worker delivers to through Django's SMTP backend. The shared Redis is never touched.

Scenarios: a normal send; the broker down while sending (the rows commit, the sweep delivers
them once the broker is back); the SMTP server down (the row fails, the sweep delivers it); the
same row published twice (one e-mail).
"""

import shutil
import socket
import subprocess
import threading
import time
from email import message_from_bytes, policy

import pytest
import redis
from aiosmtpd.controller import Controller
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.utils import timezone
from icalendar import Calendar

from knooppunt.celery import app as celery_app
from meetings import outbox
from meetings.constants import OutboxState
from meetings.invitations import invitations_send
from meetings.models import Attendee, Invitation
from meetings.tasks import deliver_invitation
from tests.conftest import CANARY
from tests.meetings.builders import planned_meeting

pytestmark = pytest.mark.django_db(transaction=True)

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
DEADLINE = 20.0  # seconds any one wait may take
ADDRESSES = ["arts@test.example", "moeder@test.example", "smw@test.example"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(condition, what: str, timeout: float = DEADLINE):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


class PrivateRedis:
    """A throwaway redis-server on its own port, without persistence."""

    def __init__(self, directory) -> None:
        self.port = _free_port()
        self.directory = directory
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603 - fixed binary, our own arguments
            [
                REDIS_SERVER,
                "--port", str(self.port),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--dir", str(self.directory),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        client = redis.Redis(port=self.port, socket_connect_timeout=0.2)

        def answers() -> bool:
            try:
                return client.ping()
            except redis.ConnectionError:
                return False

        _wait_for(answers, "redis-server to start", timeout=10)
        client.close()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        self.process = None


class SmtpSink:
    """An SMTP server on 127.0.0.1 that keeps what it receives; it can go down and come back
    on the same port."""

    def __init__(self) -> None:
        self.port = _free_port()
        self.received: list[tuple[list[str], bytes]] = []
        self._lock = threading.Lock()
        self._controller: Controller | None = None

    async def handle_DATA(self, server, session, envelope):
        with self._lock:
            self.received.append((list(envelope.rcpt_tos), envelope.original_content))
        return "250 Message accepted for delivery"

    def start(self) -> None:
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def recipients(self) -> list[str]:
        with self._lock:
            return sorted(address for rcpt_tos, _ in self.received for address in rcpt_tos)


class DeliveryRuns:
    """Counts finished deliver_invitation runs in the worker (not eager ones)."""

    def __init__(self) -> None:
        self.count = 0
        self._lock = threading.Lock()

    def __call__(self, sender=None, **kwargs) -> None:
        ours = sender is not None and sender.name == deliver_invitation.name
        if ours and not getattr(sender.request, "is_eager", False):
            with self._lock:
                self.count += 1


def _reset_broker_connections() -> None:
    celery_app._pool = None
    amqp = celery_app.__dict__.get("amqp")
    if amqp is not None:
        amqp._producer_pool = None


@pytest.fixture
def broker(tmp_path):
    server = PrivateRedis(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def smtp_sink(settings):
    sink = SmtpSink()
    sink.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": sink.port, "timeout": 5},
        }
    }
    yield sink
    sink.stop()


@pytest.fixture
def celery_on_broker(broker):
    """Point the Celery app at the private broker, not eager, for this test only."""
    overrides = {
        "broker_url": broker.url,
        "task_always_eager": False,
        "worker_hijack_root_logger": False,
        # Publishing while the broker is down gives up quickly: the sweep covers it.
        "task_publish_retry_policy": {
            "max_retries": 1,
            "interval_start": 0,
            "interval_step": 0.1,
            "interval_max": 0.1,
        },
    }
    saved = {key: celery_app.conf.get(key) for key in overrides}
    celery_app.conf.update(overrides)
    _reset_broker_connections()
    yield celery_app
    celery_app.conf.update(saved)
    _reset_broker_connections()


@pytest.fixture
def runs():
    counter = DeliveryRuns()
    task_postrun.connect(counter, weak=False)
    yield counter
    task_postrun.disconnect(counter)


@pytest.fixture
def worker(celery_on_broker, smtp_sink, runs):
    with start_worker(
        celery_on_broker,
        pool="solo",
        concurrency=1,
        perform_ping_check=False,
        shutdown_timeout=DEADLINE,
    ) as running:
        yield running


@pytest.fixture
def meeting(ctx):
    meeting = planned_meeting(ctx)
    Attendee.objects.filter(meeting=meeting, guardian=ctx.mother).update(
        email="moeder@test.example"
    )
    return meeting


def _rows(meeting):
    return Invitation.objects.filter(attendee__meeting=meeting)


def _all_sent(meeting) -> bool:
    return all(row.state == OutboxState.SENT for row in _rows(meeting))


def _sweep_later() -> int:
    """What the periodic sweep does, as if it ran after SWEEP_AFTER had passed."""
    return outbox.sweep(Invitation, deliver_invitation, now=timezone.now() + outbox.SWEEP_AFTER * 2)


def test_worker_delivers_one_email_per_attendee_and_marks_the_rows_sent(
    meeting, ctx, worker, smtp_sink, runs
):
    rows = invitations_send(meeting=meeting, sent_by=ctx.ib)
    assert len(rows) == 3

    _wait_for(lambda: runs.count >= 3, "three deliveries")
    assert _all_sent(meeting)
    assert smtp_sink.recipients() == ADDRESSES
    for _, raw in smtp_sink.received:
        message = message_from_bytes(raw, policy=policy.default)
        calendar_part = next(
            part for part in message.walk() if part.get_content_type() == "text/calendar"
        )
        assert calendar_part.get_param("method") == "REQUEST"
        calendar = Calendar.from_ical(calendar_part.get_content())
        assert calendar["METHOD"] == "REQUEST"
        for word in (ctx.pupil.first_name, ctx.pupil.last_name, CANARY):
            assert word not in message["Subject"]
            assert word not in message.get_body(("plain",)).get_content()
            assert word not in calendar_part.get_content()


def test_broker_down_while_sending_loses_nothing_and_sends_nothing_twice(
    meeting, ctx, broker, worker, smtp_sink, runs
):
    broker.stop()
    started = time.monotonic()
    rows = invitations_send(meeting=meeting, sent_by=ctx.ib)
    # The send committed its rows and returned although the broker was unreachable.
    assert time.monotonic() - started < DEADLINE
    assert len(rows) == 3
    assert {row.state for row in _rows(meeting)} == {OutboxState.QUEUED}
    assert smtp_sink.received == []

    broker.start()
    assert _sweep_later() == 3
    _wait_for(lambda: runs.count >= 3, "the swept rows to be delivered")
    assert _all_sent(meeting)
    assert smtp_sink.recipients() == ADDRESSES

    # A later sweep finds nothing left to send.
    assert _sweep_later() == 0
    assert smtp_sink.recipients() == ADDRESSES


def test_smtp_down_fails_the_row_and_the_sweep_delivers_it_once(
    meeting, ctx, worker, smtp_sink, runs
):
    smtp_sink.stop()
    invitations_send(meeting=meeting, sent_by=ctx.ib)
    _wait_for(lambda: runs.count >= 3, "three failed attempts")
    assert {(row.state, row.attempts) for row in _rows(meeting)} == {(OutboxState.FAILED, 1)}

    smtp_sink.start()
    assert _sweep_later() == 3
    _wait_for(lambda: runs.count >= 6, "three more attempts")
    assert _all_sent(meeting)
    assert smtp_sink.recipients() == ADDRESSES


def test_the_same_row_delivered_twice_sends_one_email(meeting, ctx, worker, smtp_sink, runs):
    invitations_send(meeting=meeting, sent_by=ctx.ib)
    _wait_for(lambda: runs.count >= 3, "three deliveries")
    row = _rows(meeting).get(attendee__email="smw@test.example")

    deliver_invitation.delay(row.pk)
    deliver_invitation.delay(row.pk)
    _wait_for(lambda: runs.count >= 5, "both extra deliveries to run")
    assert smtp_sink.recipients() == ADDRESSES
    row.refresh_from_db()
    assert row.attempts == 1


def test_rows_queued_twice_after_an_outage_are_sent_once(
    meeting, ctx, broker, worker, smtp_sink, runs
):
    """Two sweeps (or a sweep racing a late task) publish every row twice."""
    broker.stop()
    invitations_send(meeting=meeting, sent_by=ctx.ib)
    broker.start()
    assert _sweep_later() == 3
    assert _sweep_later() == 3
    _wait_for(lambda: runs.count >= 6, "six deliveries")
    assert _all_sent(meeting)
    assert smtp_sink.recipients() == ADDRESSES
