"""The benchmarks use the delivery tests' real infrastructure (tests/meetings/infra.py)."""

from tests.meetings.conftest import broker, smtp_sink  # noqa: F401 - fixtures
