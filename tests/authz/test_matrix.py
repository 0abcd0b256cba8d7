"""Every URL x every persona, from the matrix in tests/authz/matrix.py."""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.authz.matrix import (
    ADMIN_EXPECT,
    ADMIN_NAMESPACE,
    ADMIN_SAMPLES,
    DAT_ONLY,
    MATRIX,
    PARENT_PERSONAS,
    PERSONAS,
    expected,
)
from tests.conftest import CANARY, signed_in_client


def named_urls(resolver: URLResolver | None = None, namespace: str = "") -> set[str]:
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= named_urls(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def client_for(persona: str, ctx) -> Client:
    if persona == "anonymous":
        return Client()
    if persona in PARENT_PERSONAS:
        from tests.authz.rows_portal import parent_user
        from tests.portal.conftest import portal_client

        return portal_client(parent_user(persona, ctx))
    user = ctx.jeugdarts if persona == "partner_no_consent" else getattr(ctx, persona)
    return signed_in_client(user)


def test_every_url_is_in_the_matrix():
    missing = {
        name for name in named_urls() if name not in MATRIX and not name.startswith(ADMIN_NAMESPACE)
    }
    assert not missing, f"URL names without an authorization matrix row: {sorted(missing)}"


def test_matrix_has_no_stale_rows():
    assert set(MATRIX) <= named_urls()


@pytest.mark.parametrize("persona", PERSONAS + PARENT_PERSONAS)
@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_matrix(url_name, persona, ctx):
    row = MATRIX[url_name]
    url = reverse(url_name, kwargs=row.kwargs(ctx))
    response = client_for(persona, ctx).get(url)
    assert response.status_code == expected(row, persona), (url_name, persona)
    if persona == "anonymous" and response.status_code == 302:
        assert response["Location"].startswith(reverse(row.signin))
    if persona in DAT_ONLY or persona == "parent_other_child":
        assert CANARY not in response.content.decode(errors="replace"), (url_name, persona)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("url_name", ADMIN_SAMPLES)
def test_admin_only_for_the_functional_admin(url_name, persona, ctx):
    response = client_for(persona, ctx).get(reverse(url_name))
    assert response.status_code == ADMIN_EXPECT[persona], (url_name, persona)


def test_signed_in_without_second_factor_reaches_only_the_code_step(ctx):
    client = Client()
    client.force_login(ctx.ib)
    steps = {"partners:signin_code", "partners:signin_enroll"}
    for url_name, row in MATRIX.items():
        if row.expect["anonymous"] == 302 and url_name not in steps:
            response = client.get(reverse(url_name, kwargs=row.kwargs(ctx)))
            assert response.status_code in (302, 405), url_name
            if response.status_code == 302:
                assert response["Location"] == reverse("partners:signin_code"), url_name
