"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server."""

import os

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
# under one unless told it is safe (the test itself builds its data with the ORM).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Playwright cannot download its own browsers here: use the system Chromium."""
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }
