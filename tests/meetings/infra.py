"""Real infrastructure for the delivery tests (docs/security.md, "Nothing lost"): a private
redis-server as the broker, an SMTP sink on 127.0.0.1 that can refuse, stall or misbehave on
command, and a clock for the outbox that the tests move. The shared Redis is never touched.
The fixtures that use these live in tests/meetings/conftest.py."""

import datetime
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Callable
from email import message_from_bytes, policy

import redis
from aiosmtpd.controller import Controller
from django.utils import timezone

from knooppunt.celery import app as celery_app

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
DEADLINE = 20.0  # seconds any one wait may take


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, what: str, timeout: float = DEADLINE):
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
        self.port = free_port()
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

        wait_for(answers, "redis-server to start", timeout=10)
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


class SilentServer:
    """A TCP server that accepts connections and never says a word: a broker behind a dead
    link or a full firewall drop looks like this to a client."""

    def __init__(self) -> None:
        self._socket = socket.socket()
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(100)
        self.port = self._socket.getsockname()[1]
        self._held: list[socket.socket] = []
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def _accept(self) -> None:
        while True:
            try:
                connection, _address = self._socket.accept()
            except OSError:
                return
            self._held.append(connection)

    def close(self) -> None:
        for connection in self._held:
            connection.close()
        self._socket.close()


def message_id_of(raw: bytes) -> str:
    return str(message_from_bytes(raw, policy=policy.default)["Message-ID"]).strip()


class SmtpSink:
    """An SMTP server on 127.0.0.1 that keeps what it accepts; it can go down and come back on
    the same port, answer chosen recipients or messages with an error, and call a hook once it
    has a message and before it answers (to kill the sender at that moment, say)."""

    def __init__(self) -> None:
        self.port = free_port()
        self.received: list[tuple[list[str], bytes]] = []
        # Every DATA it was offered, accepted or not: (recipients, content, reply).
        self.offered: list[tuple[list[str], bytes, str]] = []
        # Replies instead of 250: for RCPT by address, for DATA for every message and by
        # recipient. None accepts.
        self.rcpt_replies: dict[str, str] = {}
        self.data_reply: str | None = None
        self.data_replies: dict[str, str] = {}
        self.on_data: Callable[[list[str], bytes], None] | None = None
        # How many SMTP conversations were opened (one EHLO each).
        self.conversations = 0
        self._lock = threading.Lock()
        self._controller: Controller | None = None

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        with self._lock:
            self.conversations += 1
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        reply = self.rcpt_replies.get(address)
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        rcpt_tos, content = list(envelope.rcpt_tos), envelope.original_content
        reply = self.data_reply or next(
            (self.data_replies[a] for a in rcpt_tos if a in self.data_replies), None
        )
        if reply is None and self.on_data is not None:
            self.on_data(rcpt_tos, content)
        with self._lock:
            self.offered.append((rcpt_tos, content, reply or "250"))
            if reply is None:
                self.received.append((rcpt_tos, content))
        return reply or "250 Message accepted for delivery"

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

    def message_ids(self, address: str | None = None) -> list[str]:
        """Message-IDs of accepted messages (to `address` only, when given)."""
        with self._lock:
            return [
                message_id_of(raw)
                for rcpt_tos, raw in self.received
                if address is None or address in rcpt_tos
            ]

    def offered_ids(self, address: str) -> list[str]:
        with self._lock:
            return [message_id_of(raw) for rcpt_tos, raw, _ in self.offered if address in rcpt_tos]


class DeliveryRuns:
    """Counts finished runs of one task in the worker (not eager ones)."""

    def __init__(self, task_name: str) -> None:
        self.task_name = task_name
        self.count = 0
        self._lock = threading.Lock()

    def __call__(self, sender=None, **kwargs) -> None:
        ours = sender is not None and sender.name == self.task_name
        if ours and not getattr(sender.request, "is_eager", False):
            with self._lock:
                self.count += 1


class Clock:
    """The outbox's clock (meetings.outbox.now), running with real time from an offset the
    test moves; the worker thread runs in this process and reads the same clock."""

    def __init__(self) -> None:
        self.offset = datetime.timedelta(0)

    def __call__(self) -> datetime.datetime:
        return timezone.now() + self.offset

    def advance(self, delta: datetime.timedelta) -> datetime.datetime:
        self.offset += delta
        return self()


def reset_broker_connections() -> None:
    celery_app._pool = None
    amqp = celery_app.__dict__.get("amqp")
    if amqp is not None:
        amqp._producer_pool = None
