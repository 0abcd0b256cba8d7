import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun

from knooppunt.celery import app as celery_app
from meetings import outbox
from tests.meetings.builders import planned_meeting
from tests.meetings.infra import (
    DEADLINE,
    Clock,
    DeliveryRuns,
    PrivateRedis,
    SmtpSink,
    reset_broker_connections,
)


@pytest.fixture
def meeting(ctx):
    return planned_meeting(ctx)


# ----- Real infrastructure (tests/meetings/infra.py) -------------------------------------------


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


def point_celery_at(url: str):
    """Point the Celery app at `url`, not eager, with the project's own settings otherwise;
    returns a function that undoes it."""
    overrides = {"broker_url": url, "task_always_eager": False, "worker_hijack_root_logger": False}
    saved = {key: celery_app.conf.get(key) for key in overrides}
    celery_app.conf.update(overrides)
    reset_broker_connections()

    def undo() -> None:
        celery_app.conf.update(saved)
        reset_broker_connections()

    return undo


@pytest.fixture
def celery_on_broker(broker):
    """The Celery app on the private broker, for this test only."""
    undo = point_celery_at(broker.url)
    yield celery_app
    undo()


@pytest.fixture
def runs():
    from meetings.tasks import deliver_invitation

    counter = DeliveryRuns(deliver_invitation.name)
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
def clock(monkeypatch):
    """The outbox's clock, moved by the test; the worker thread reads it too."""
    moving = Clock()
    monkeypatch.setattr(outbox, "now", moving)
    return moving
