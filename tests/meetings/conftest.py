import pytest

from tests.meetings.builders import planned_meeting


@pytest.fixture
def meeting(ctx):
    return planned_meeting(ctx)
