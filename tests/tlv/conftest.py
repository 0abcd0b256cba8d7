import pytest

from tests.tlv.builders import tlv_people


@pytest.fixture
def tlv(ctx, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return tlv_people(ctx)
