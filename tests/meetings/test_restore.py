"""The restore test (docs/security.md, "Nothing lost"): a backup, mail sent after it, a
restore into a new database, and `manage.py outbox_reconcile` with the delivery log. After that
the sweep sends only what never went out, and no message twice.

Real PostgreSQL (pg_dump of the test database, createdb and pg_restore of a new one, dropped at
the end), the SMTP sink, and manage.py run as its own process against the restored database, as
an operator would.
"""

import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection
from psycopg import sql

from meetings import outbox, services
from meetings.constants import OutboxState
from meetings.invitations import invitations_send
from meetings.models import Attendee, Invitation
from meetings.tasks import deliver_invitation
from tests.meetings.conftest import point_celery_at
from tests.meetings.infra import free_port

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
LATER = "451 4.2.1 Postvak tijdelijk niet beschikbaar"


def _db() -> dict:
    db = connection.settings_dict
    return {
        "host": db["HOST"] or "127.0.0.1",
        "port": str(db["PORT"] or 5432),
        "user": db["USER"],
        "name": db["NAME"],
    }


def _pg(program: str, *args: str) -> None:
    """A PostgreSQL client program against the test server."""
    if shutil.which(program) is None:
        pytest.fail(f"{program} is missing: install postgresql-client (scripts/test does)")
    db = _db()
    env = dict(os.environ)
    if connection.settings_dict["PASSWORD"]:
        env["PGPASSWORD"] = connection.settings_dict["PASSWORD"]
    subprocess.run(  # noqa: S603 - a PostgreSQL client with our own arguments
        [shutil.which(program), "-h", db["host"], "-p", db["port"], "-U", db["user"], *args],
        check=True,
        env=env,
        capture_output=True,
    )


def _admin() -> psycopg.Connection:
    db = _db()
    return psycopg.connect(
        host=db["host"], port=db["port"], user=db["user"], dbname="postgres", autocommit=True
    )


def _manage(database: str, *args: str, smtp_port: int) -> str:
    """manage.py against the restored database: no broker (tasks inline), mail to the sink."""
    db = _db()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "knooppunt.settings",
        "DEBUG": "true",
        "DATABASE_URL": f"postgres://{db['user']}@{db['host']}:{db['port']}/{database}",
        "REDIS_URL": "",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "OUTBOX_DELIVERY_LOG": settings.OUTBOX_DELIVERY_LOG,
    }
    result = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def _states(database: str) -> dict[str, str]:
    db = _db()
    with psycopg.connect(
        host=db["host"], port=db["port"], user=db["user"], dbname=database
    ) as restored:
        return dict(
            restored.execute(
                "SELECT a.email || ':' || i.sequence, i.state FROM meetings_invitation i "
                "JOIN meetings_attendee a ON a.id = i.attendee_id"
            ).fetchall()
        )


def test_after_a_restore_reconciliation_keeps_the_sweep_from_mailing_anyone_twice(
    ctx, meeting, smtp_sink, delivery_log, tmp_path
):
    Attendee.objects.filter(meeting=meeting, guardian=ctx.mother).update(
        email="moeder@test.example"
    )
    # 1. The invitations are committed while the broker is down: three rows wait in the outbox.
    undo = point_celery_at(f"redis://127.0.0.1:{free_port()}/0")
    try:
        invitations_send(meeting=meeting, sent_by=ctx.ib)
    finally:
        undo()
    assert set(Invitation.objects.values_list("state", flat=True)) == {OutboxState.QUEUED}

    # 2. The backup.
    backup = tmp_path / "knooppunt.dump"
    _pg("pg_dump", "--format=custom", f"--file={backup}", _db()["name"])

    # 3. After the backup the sweep delivers two of them (the mother's mailbox answers 4xx),
    #    and a change of place sends the two an update, which the backup does not know of.
    smtp_sink.rcpt_replies["moeder@test.example"] = LATER
    later = outbox.now() + outbox.SWEEP_AFTER * 2
    assert outbox.sweep(Invitation, deliver_invitation, now=later) == 3  # Celery is eager
    services.meeting_update(meeting=meeting, changed_by=ctx.ib, location="Aula")
    assert smtp_sink.recipients() == ["arts@test.example"] * 2 + ["smw@test.example"] * 2
    delivered_before_restore = smtp_sink.message_ids()
    assert len(delivery_log.read_text().splitlines()) == 4

    # 4. Disaster: restore the backup into a new database.
    restored = f"{_db()['name']}_restored_{secrets.token_hex(4)}"
    _pg("createdb", restored)
    try:
        _pg("pg_restore", "--no-owner", f"--dbname={restored}", str(backup))
        assert _states(restored) == {
            "arts@test.example:0": OutboxState.QUEUED,
            "moeder@test.example:0": OutboxState.QUEUED,
            "smw@test.example:0": OutboxState.QUEUED,
        }

        # 5. Reconcile with the delivery log, before the workers start again.
        report = _manage(
            restored, "outbox_reconcile", f"--sent-log={delivery_log}", smtp_port=smtp_sink.port
        )
        assert "4 delivered message(s) in the log: 2 marked sent, 0 already sent, " in report
        assert "2 not in this database" in report
        assert "1 message(s) still to send" in report
        assert _states(restored) == {
            "arts@test.example:0": OutboxState.SENT,
            "moeder@test.example:0": OutboxState.QUEUED,
            "smw@test.example:0": OutboxState.SENT,
        }

        # 6. The workers are back and the sweep runs (as if five minutes had passed).
        smtp_sink.rcpt_replies.clear()
        db = _db()
        with psycopg.connect(
            host=db["host"], port=db["port"], user=db["user"], dbname=restored, autocommit=True
        ) as conn:
            conn.execute(
                "UPDATE meetings_invitation SET next_attempt_at = next_attempt_at - interval "
                "'1 hour', queued_at = queued_at - interval '1 hour'"
            )
        swept = _manage(
            restored,
            "shell",
            "-c",
            "from meetings.tasks import sweep_outbox; print('swept', sweep_outbox())",
            smtp_port=smtp_sink.port,
        )
        assert "swept 1" in swept
        assert (
            _manage(
                restored,
                "shell",
                "-c",
                "from meetings.tasks import sweep_outbox; print('swept', sweep_outbox())",
                smtp_port=smtp_sink.port,
            )
            .strip()
            .endswith("swept 0")
        )
        assert set(_states(restored).values()) == {OutboxState.SENT}
    finally:
        with _admin() as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(restored))
            )

    # Nobody got any message twice; the mother got hers once, after the restore.
    ids = smtp_sink.message_ids()
    assert len(ids) == len(set(ids)) == 5
    assert ids[:4] == delivered_before_restore
    assert smtp_sink.recipients().count("moeder@test.example") == 1
    with _admin() as admin:
        assert not admin.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [restored]
        ).fetchone()
