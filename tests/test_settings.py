"""The settings fail closed: each case loads knooppunt/settings.py in a fresh interpreter with
nothing in its environment but what the case sets (docs/configuration.md)."""

import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
KEY = "a-long-random-production-secret-for-this-test-only-0123456789abcdef"
SETUP = (
    "import django; from django.conf import settings; django.setup(); "
    "print(settings.DEBUG, settings.SITE_URL)"
)


def load_settings(**variables: str) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "knooppunt.settings", **variables}
    return subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-c", SETUP],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def refused(result: subprocess.CompletedProcess, *words: str) -> bool:
    last_line = result.stderr.strip().splitlines()[-1] if result.stderr.strip() else ""
    return (
        result.returncode != 0
        and last_line.startswith("django.core.exceptions.ImproperlyConfigured")
        and all(word in last_line for word in words)
    )


@pytest.mark.parametrize(
    ("variables", "words"),
    [
        # No SECRET_KEY and no explicit DEBUG=true: not the demo, and not a silent debug server.
        ({}, ["SECRET_KEY"]),
        ({"DEBUG": ""}, ["SECRET_KEY"]),
        ({"DEBUG": "false"}, ["SECRET_KEY"]),
        ({"DEBUG": "false", "SECRET_KEY": "demo-only-insecure-key-do-not-use-in-production"}, []),
        # A boolean that is not a boolean names its variable, whatever else is set.
        ({"DEBUG": "ture"}, ["DEBUG='ture'"]),
        ({"DEBUG": "ture", "SECRET_KEY": KEY, "SITE_URL": "https://k.example"}, ["DEBUG"]),
        (
            {"DEBUG": "true", "EMAIL_HOST": "smtp.example", "EMAIL_USE_TLS": "ja"},
            ["EMAIL_USE_TLS='ja'"],
        ),
        ({"DEBUG": "true", "BEHIND_TLS_PROXY": "maybe"}, ["BEHIND_TLS_PROXY"]),
        # Production without its own address: invitations would link to 127.0.0.1.
        ({"SECRET_KEY": KEY}, ["SITE_URL"]),
        ({"SECRET_KEY": KEY, "SITE_URL": "http://127.0.0.1:8000"}, ["SITE_URL"]),
        ({"SECRET_KEY": KEY, "SITE_URL": "knooppunt.example.nl"}, ["SITE_URL"]),
    ],
)
def test_settings_refuse_to_load(variables, words):
    result = load_settings(**variables)
    assert refused(result, *words), result.stdout + result.stderr


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        # The demo: DEBUG switched on explicitly, everything else defaults.
        ({"DEBUG": "true"}, "True http://127.0.0.1:8000"),
        ({"DEBUG": "On"}, "True http://127.0.0.1:8000"),
        # Production: a key and an address, DEBUG off by default.
        ({"SECRET_KEY": KEY, "SITE_URL": "https://k.example/"}, "False https://k.example"),
        (
            {"SECRET_KEY": KEY, "SITE_URL": "https://k.example", "DEBUG": "0"},
            "False https://k.example",
        ),
        # A key alone does not switch DEBUG off when it is asked for.
        ({"SECRET_KEY": KEY, "DEBUG": "yes"}, "True http://127.0.0.1:8000"),
    ],
)
def test_settings_load(variables, expected):
    result = load_settings(**variables)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected
