"""Nothing doubled (docs/security.md, "Nothing lost"): a worker
killed, or PostgreSQL lost, after the mail server's 250 and before the row is marked sent does
not send the message again. The row was committed as "handing over" before the server was
contacted; the delivery log, outside the database, says the server accepted it, and the sweep
resolves the row with it instead of sending again.

Real PostgreSQL (the test database, reached from a second connection and from a worker
process), a private Redis, Celery workers (a thread, and a process that can be killed) and an
SMTP sink (tests/meetings/infra.py).
"""

import datetime
import os
import signal
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.db import connection as django_connection
from django.db import connections

from knooppunt.celery import app as celery_app
from meetings import deliverylog, outbox
from meetings.constants import OutboxState
from meetings.invitations import invitations_send
from meetings.models import Attendee, Invitation
from meetings.tasks import deliver_invitation
from tests.meetings.builders import planned_meeting
from tests.meetings.infra import DEADLINE, wait_for

pytestmark = pytest.mark.django_db(transaction=True)

ADDRESSES = ["arts@test.example", "moeder@test.example", "smw@test.example"]
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def meeting(ctx):
    meeting = planned_meeting(ctx)
    Attendee.objects.filter(meeting=meeting, guardian=ctx.mother).update(
        email="moeder@test.example"
    )
    return meeting


def _rows(meeting):
    return Invitation.objects.filter(attendee__meeting=meeting)


def _connect(**extra) -> psycopg.Connection:
    """A connection of our own to the test database, outside Django."""
    db = django_connection.settings_dict
    return psycopg.connect(
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        user=db["USER"],
        password=db["PASSWORD"] or None,
        dbname=db["NAME"],
        **extra,
    )


def _later_sweep(clock) -> int:
    """The sweep, run once a lost worker's hand-over is past its grace period."""
    clock.advance(outbox.HANDOVER_GRACE + datetime.timedelta(minutes=1))
    return outbox.sweep(Invitation, deliver_invitation, now=clock())


def _one_each(smtp_sink) -> None:
    assert smtp_sink.recipients() == ADDRESSES


def test_losing_postgresql_between_the_250_and_the_commit_does_not_send_again(
    meeting, ctx, worker, smtp_sink, runs, clock
):
    with django_connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (ours,) = cursor.fetchone()
    lost: list[str] = []

    def lose_the_database(rcpt_tos, content):
        """The server has the first message and is about to answer 250: every other database
        session (the worker's) is cut off, as when PostgreSQL restarts."""
        if lost:
            return
        with _connect(autocommit=True) as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid NOT IN (pg_backend_pid(), %s)",
                [ours],
            )
        lost.append(rcpt_tos[0])

    smtp_sink.on_data = lose_the_database
    invitations_send(meeting=meeting, sent_by=ctx.ib)
    wait_for(lambda: runs.count >= 3, "three deliveries")
    _one_each(smtp_sink)
    (address,) = lost
    cut_off = _rows(meeting).get(attendee__email=address)
    assert cut_off.state != OutboxState.SENT  # the worker never told the database

    assert _later_sweep(clock) >= 1
    wait_for(lambda: runs.count >= 4, "the sweep's delivery")
    wait_for(lambda: all(r.state == OutboxState.SENT for r in _rows(meeting)), "rows sent")
    _one_each(smtp_sink)
    assert deliverylog.contains(outbox.message_id(cut_off))


def _worker_process(broker_url: str, smtp_port: int) -> subprocess.Popen:
    """A Celery worker in its own process, on the test database, the private broker and the
    sink: one that can be killed."""
    db = django_connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "knooppunt.settings",
        "DEBUG": "true",
        "DATABASE_URL": (
            f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        ),
        "REDIS_URL": broker_url,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "OUTBOX_DELIVERY_LOG": settings.OUTBOX_DELIVERY_LOG,
        "PYTHONPATH": str(ROOT),
    }
    return subprocess.Popen(
        [
            sys.executable, "-m", "celery", "-A", "knooppunt", "worker",
            "--pool=solo", "--concurrency=1", "--loglevel=WARNING",
            "--without-heartbeat", "--without-mingle", "--without-gossip",
            "--hostname=doomed@%h",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip


def _waiting_on_a_lock() -> bool:
    with _connect(autocommit=True) as admin:
        return bool(
            admin.execute(
                "SELECT 1 FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock'"
            ).fetchone()
        )


def test_killing_the_worker_after_the_servers_250_does_not_send_again(
    meeting, ctx, broker, celery_on_broker, smtp_sink, runs, clock
):
    doomed = _worker_process(broker.url, smtp_sink.port)
    state: dict = {}

    def hold_the_row(rcpt_tos, content):
        """The server has the first message. Lock its row from outside, so that the worker,
        once it has the 250, cannot mark it sent until the test has killed it."""
        if state:
            return
        holder = _connect()
        try:
            holder.execute(
                "SELECT i.id FROM meetings_invitation i "
                "JOIN meetings_attendee a ON a.id = i.attendee_id WHERE a.email = %s "
                "ORDER BY i.sequence DESC LIMIT 1 FOR UPDATE OF i NOWAIT",
                [rcpt_tos[0]],
            )
        except psycopg.errors.LockNotAvailable:
            # The sender holds the row through the whole SMTP conversation and commits only
            # after the 250: there is no moment after the 250 to kill it in but this one.
            holder.close()
            doomed.send_signal(signal.SIGKILL)
            doomed.wait(timeout=DEADLINE)
            state["address"] = rcpt_tos[0]
            return
        state.update(address=rcpt_tos[0], holder=holder)

    smtp_sink.on_data = hold_the_row
    try:
        invitations_send(meeting=meeting, sent_by=ctx.ib)
        wait_for(lambda: state, "the first message at the server", timeout=60)
        if "holder" in state:
            # The worker has the 250: it wrote the delivery log and now waits for the lock.
            wait_for(lambda: deliverylog.path().exists(), "the delivery log line")
            wait_for(_waiting_on_a_lock, "the worker's commit to wait on the lock")
            doomed.send_signal(signal.SIGKILL)
            doomed.wait(timeout=DEADLINE)
            state["holder"].rollback()
            state["holder"].close()
    finally:
        if doomed.poll() is None:
            doomed.kill()
            doomed.wait(timeout=DEADLINE)
    assert doomed.returncode == -signal.SIGKILL
    assert smtp_sink.recipients() == [state["address"]]
    killed = _rows(meeting).get(attendee__email=state["address"])
    assert killed.state != OutboxState.SENT

    # A new worker: the two messages still in the queue, then the sweep.
    with start_worker(
        celery_app, pool="solo", concurrency=1, perform_ping_check=False, shutdown_timeout=DEADLINE
    ):
        wait_for(lambda: runs.count >= 2, "the other two deliveries")
        assert _later_sweep(clock) >= 1
        wait_for(lambda: runs.count >= 3, "the sweep's delivery")
        wait_for(lambda: all(r.state == OutboxState.SENT for r in _rows(meeting)), "rows sent")
    _one_each(smtp_sink)


def test_a_second_task_during_the_hand_over_sends_nothing(meeting, ctx, smtp_sink):
    """Celery may run a task twice at once; the second finds the row handing over and leaves
    it to the first."""
    second: list[bool] = []

    def deliver_again(rcpt_tos, content):
        if second:
            return
        row = _rows(meeting).get(attendee__email=rcpt_tos[0])
        assert row.state == OutboxState.HANDING_OVER
        second.append(deliver_invitation(row.pk))
        connections.close_all()  # this thread's own connection

    smtp_sink.on_data = deliver_again
    invitations_send(meeting=meeting, sent_by=ctx.ib)  # Celery runs eagerly here
    assert second == [False]
    _one_each(smtp_sink)
    assert {row.state for row in _rows(meeting)} == {OutboxState.SENT}


def test_a_hand_over_without_a_record_is_sent_again_with_the_same_message_id(
    meeting, ctx, smtp_sink, clock
):
    """The remaining window (docs/security.md, "Nothing lost"): a worker lost before the
    server's 250 was recorded leaves no record, so the message goes again, as the same one."""
    invitations_send(meeting=meeting, sent_by=ctx.ib)
    row = _rows(meeting).get(attendee__email="smw@test.example")
    first = smtp_sink.message_ids("smw@test.example")
    assert first == [outbox.message_id(row)]
    deliverylog.path().write_text("")  # as if the worker died before writing its line
    _rows(meeting).filter(pk=row.pk).update(state=OutboxState.HANDING_OVER, handed_over_at=clock())

    assert deliver_invitation(row.pk) is False  # within the grace period: left alone
    assert _later_sweep(clock) == 1  # Celery is eager: the sweep delivers it
    assert smtp_sink.message_ids("smw@test.example") == first * 2
    row.refresh_from_db()
    assert row.state == OutboxState.SENT
