"""Headers, CSRF and Django's deployment checks (docs/security.md targets 14-16)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from tests.authz.matrix import MATRIX
from tests.conftest import signed_in_client

# The CSRF rows build their URLs in one world (planned meeting included) built once for the
# module; see tests/conftest.py.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_case_world", "shared_meeting")]


def test_csp_header_with_nonce_and_strict_directives(world):
    response = signed_in_client(world.ib).get(reverse("partners:home"))
    csp = response["Content-Security-Policy"]
    assert "object-src 'none'" in csp
    assert "base-uri 'none'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self' 'nonce-" in csp
    assert "unsafe-inline" not in csp


def test_protective_headers_on_html_pages(world):
    for response in (
        Client().get(reverse("partners:signin")),
        signed_in_client(world.ib).get(reverse("partners:setup_detail", args=[world.school.uuid])),
    ):
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"


def test_signed_in_pages_are_not_stored(world):
    response = signed_in_client(world.ib).get(
        reverse("partners:setup_detail", args=[world.school.uuid])
    )
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("url_name", sorted(n for n, row in MATRIX.items() if row.changes))
def test_post_without_csrf_token_is_refused(url_name, ctx):
    client = signed_in_client(ctx.ib, Client(enforce_csrf_checks=True))
    url = reverse(url_name, kwargs=MATRIX[url_name].kwargs(ctx))
    assert client.post(url, {}).status_code == 403


def test_no_view_is_csrf_exempt():
    from django.urls import get_resolver

    def views(resolver):
        for pattern in resolver.url_patterns:
            if hasattr(pattern, "url_patterns"):
                yield from views(pattern)
            else:
                yield pattern.callback

    assert not [view for view in views(get_resolver()) if getattr(view, "csrf_exempt", False)]


def test_check_deploy_passes_with_production_settings():
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DEBUG",
            "DATABASE_URL",
            "REDIS_URL",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
            "DJANGO_SETTINGS_MODULE",  # the suite's tests.settings: check the project's own
        }
    }
    env |= {
        "SECRET_KEY": "a-long-random-production-secret-for-this-check-only-0123456789abcdef",
        "ALLOWED_HOSTS": "knooppunt.example",
        "SITE_URL": "https://knooppunt.example",
        "EMAIL_HOST": "smtp.knooppunt.example",
        "DEBUG": "false",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=Path(__file__).resolve().parent.parent,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
