"""Benchmark, run on demand (docs/benchmarks.md): 1,000 invitations through Celery and Redis to
a local SMTP sink, delivered exactly once. The target is 30 s.

A real worker process (prefork, two children, the machine's two cores) on a private
redis-server, the suite's PostgreSQL test database and the SMTP sink of the delivery tests.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/knooppunt DJANGO_ALLOW_ASYNC_UNSAFE=true \
        .venv/bin/python -m pytest tests/benchmarks/test_invitation_throughput.py -m benchmark -s

prints one line of results; docs/benchmarks.md keeps them.
"""

import datetime
import os
import subprocess
import sys
import time

import pytest
from django.db import connection
from django.utils import timezone

from meetings import outbox, services
from meetings.constants import MeetingType, OutboxState
from meetings.invitations import invitations_send
from meetings.models import Attendee, Invitation
from meetings.tasks import deliver_invitation
from partners.models import User
from tests.meetings.conftest import point_celery_at
from tests.meetings.infra import wait_for

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db(transaction=True)]

INVITEES = 1000
TARGET_SECONDS = 30.0


@pytest.fixture
def meeting_for_a_thousand(ctx):
    meeting = services.meeting_plan(
        school=ctx.school,
        type=MeetingType.ALGEMEEN,
        date=timezone.localdate() + datetime.timedelta(days=14),
        start_time=datetime.time(15, 0),
        end_time=datetime.time(17, 0),
        location="Aula",
        planned_by=ctx.ib,
    )
    item = services.item_add(meeting=meeting, added_by=ctx.ib, title="Jaarevaluatie")
    users = User.objects.bulk_create(
        User(email=f"genodigde{n:04d}@bench.example", first_name="Genodigde", last_name=str(n))
        for n in range(INVITEES)
    )
    attendees = Attendee.objects.bulk_create(
        Attendee(meeting=meeting, user=user, name=f"Genodigde {n}", email=user.email)
        for n, user in enumerate(users)
    )
    Attendee.items.through.objects.bulk_create(
        Attendee.items.through(attendee=attendee, agendaitem=item) for attendee in attendees
    )
    return meeting


@pytest.fixture
def worker_process(broker, smtp_sink, tmp_path):
    database = connection.settings_dict
    env = {
        **os.environ,
        "DEBUG": "true",
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
        f"{database['NAME']}",
        "REDIS_URL": broker.url,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_sink.port),
        "OUTBOX_DELIVERY_LOG": str(tmp_path / "delivery.log"),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "knooppunt", "worker", "--pool=prefork",
         "--concurrency=2", "--loglevel=WARNING", "--without-gossip", "--without-mingle"],
        env=env,
    )  # fmt: skip
    undo = point_celery_at(broker.url)
    yield process
    undo()
    process.terminate()
    process.wait(timeout=30)


def test_a_thousand_invitations_go_out_once_within_target(
    ctx, meeting_for_a_thousand, worker_process, smtp_sink
):
    meeting = meeting_for_a_thousand
    started = time.monotonic()
    with outbox.handoff():
        invitations_send(meeting=meeting, sent_by=ctx.ib)
    handed_over = time.monotonic() - started
    rows = Invitation.objects.filter(attendee__meeting=meeting)
    wait_for(
        lambda: rows.filter(state=OutboxState.SENT).count() == INVITEES,
        "every invitation sent",
        timeout=600,
    )
    elapsed = time.monotonic() - started

    # A second publish of every row adds nothing.
    outbox.publish(deliver_invitation, rows.values_list("pk", flat=True))
    time.sleep(5)
    ids = smtp_sink.message_ids()
    print(
        f"\nBENCH invitations={INVITEES} seconds={elapsed:.1f} handover={handed_over:.1f} "
        f"per_second={INVITEES / elapsed:.0f} received={len(ids)} unique={len(set(ids))} "
        f"smtp_conversations={smtp_sink.conversations}"
    )
    assert len(ids) == len(set(ids)) == INVITEES
    assert elapsed <= TARGET_SECONDS
