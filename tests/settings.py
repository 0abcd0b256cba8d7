"""The test suite's settings: the project's own (knooppunt/settings.py), in demo mode.

Those refuse to load without SECRET_KEY unless DEBUG=true is set explicitly; the suite runs as
the demo does, so it sets DEBUG=true unless the environment says otherwise. Nothing else
differs. pyproject.toml points pytest-django here.
"""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("DEBUG", "true")

from knooppunt.settings import *  # noqa: F403

# TLV attachments written by the tests stay out of the project directory.
PRIVATE_MEDIA_ROOT = Path(tempfile.gettempdir()) / "knooppunt-test-private"
