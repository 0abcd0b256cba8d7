"""Every URL x every persona, from the matrix in tests/authz/matrix.py."""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.authz.matrix import (
    ADMIN_EXPECT,
    ADMIN_NAMESPACE,
    ADMIN_SAMPLES,
    CHAIR_NO_DAT,
    DAT_ONLY,
    MATRIX,
    PARENT_PERSONAS,
    PERSONAS,
    REVIEW_PERSONAS,
    expected,
)
from tests.conftest import CANARY, signed_in_client

# Every row reads (or writes within its own savepoint) the same world, the planned meeting
# included: build it once.
pytestmark = pytest.mark.usefixtures("shared_case_world", "shared_meeting")


def named_urls(resolver: URLResolver | None = None, namespace: str = "") -> set[str]:
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= named_urls(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def request(client: Client, row, url: str, ctx):
    if row.method == "POST":
        return client.post(url, row.data(ctx))
    return client.get(url)


def client_for(persona: str, ctx) -> Client:
    if persona == "anonymous":
        return Client()
    if persona in PARENT_PERSONAS:
        from tests.authz.rows_portal import parent_user
        from tests.portal.conftest import portal_client

        return portal_client(parent_user(persona, ctx))
    if persona in REVIEW_PERSONAS:
        return signed_in_client(review_user(persona, ctx))
    user = ctx.jeugdarts if persona == "partner_no_consent" else getattr(ctx, persona)
    return signed_in_client(user)


def review_user(persona: str, ctx):
    """The review's personas, made on first use in the test's own savepoint."""
    from django.core.exceptions import PermissionDenied

    from meetings.models import Meeting
    from partners.constants import Function
    from partners.services import membership_add, membership_deactivate
    from tests import factories
    from tests.meetings.builders import planned_meeting

    if persona == "deactivated_member":
        membership = factories.ProfessionalFactory(
            organisation=ctx.school.organisation, function=Function.IB
        )
        factories.TOTPDeviceFactory(user=membership.user)
        membership_deactivate(membership=membership, deactivated_by=ctx.admin)
        return membership.user
    if persona == "admin_escalated":
        with pytest.raises(PermissionDenied):
            membership_add(
                user=ctx.admin,
                organisation=ctx.school.organisation,
                function=Function.IB,
                added_by=ctx.admin,
            )
        return ctx.admin
    chair = factories.ProfessionalFactory(
        organisation=ctx.school.samenwerkingsverband.organisation,
        function=Function.TRAJECTBEGELEIDER,
    ).user
    factories.TOTPDeviceFactory(user=chair)
    # Set directly: the services let only a toeleiding have such a chair.
    Meeting.objects.filter(pk=planned_meeting(ctx).pk).update(chair=chair)
    return chair


def test_every_url_is_in_the_matrix():
    missing = {
        name for name in named_urls() if name not in MATRIX and not name.startswith(ADMIN_NAMESPACE)
    }
    assert not missing, f"URL names without an authorization matrix row: {sorted(missing)}"


def test_matrix_has_no_stale_rows():
    assert set(MATRIX) <= named_urls()


def test_no_row_expects_405():
    """A 405 tests nothing about access: a view that refuses GET gets a POST row, so the gate
    behind it is tested; and a POST-only view must not refuse its own method. (A GET row for a
    POST-only view fails test_matrix, as the view answers 405 where the row may not expect it.)"""
    assert not [name for name, row in MATRIX.items() if 405 in row.expect.values()]


@pytest.mark.parametrize(
    "url_name", sorted(name for name, row in MATRIX.items() if row.method == "POST")
)
def test_post_rows_are_for_views_that_refuse_get(url_name, ctx):
    """A POST row leaves the view's GET untested, so it is only for a view without one; and the
    refusal comes before the gate, so it says nothing about whether the object exists."""
    url = reverse(url_name, kwargs=MATRIX[url_name].kwargs(ctx))
    for persona in ("ib", "outsider"):
        assert client_for(persona, ctx).get(url).status_code == 405, (url_name, persona)


@pytest.mark.parametrize("persona", PERSONAS + PARENT_PERSONAS + tuple(REVIEW_PERSONAS))
@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_matrix(url_name, persona, ctx):
    row = MATRIX[url_name]
    url = reverse(url_name, kwargs=row.kwargs(ctx))
    response = request(client_for(persona, ctx), row, url, ctx)
    if response.status_code == 405 and row.method == "GET":
        pytest.fail(f"{url_name} refuses GET: give it a POST row (method='POST')")
    want = CHAIR_NO_DAT.get(url_name) if persona == "chair_no_dat" else None
    assert response.status_code == (want or expected(row, persona)), (url_name, persona)
    if persona == "anonymous" and response.status_code == 302:
        assert response["Location"].startswith(reverse(row.signin))
    if persona in DAT_ONLY or persona in ("parent_other_child", *REVIEW_PERSONAS):
        assert CANARY not in response.content.decode(errors="replace"), (url_name, persona)


# Views whose POST is for someone other than the first persona the GET lets in.
POSTERS = {"cases:advice_detail": "partner_no_consent"}  # the invited expert answers, not the asker


def allowed_persona(url_name: str, row) -> str:
    """Someone the row lets through the gate, signed in where anyone is."""
    if url_name in POSTERS:
        return POSTERS[url_name]
    return next(p for p in ("ib", "partner", *PERSONAS) if row.expect[p] < 400)


@pytest.mark.parametrize("url_name", sorted(n for n, row in MATRIX.items() if row.changes))
def test_an_empty_post_is_answered_not_a_crash(url_name, ctx):
    """Past the gate, a POST with no fields at all gets the form with its errors, a redirect, or
    400 where the address itself is no good (an unknown sign-in link): never a 500 (the test
    client raises the view's exception) and never a 405."""
    row = MATRIX[url_name]
    persona = allowed_persona(url_name, row)
    response = client_for(persona, ctx).post(reverse(url_name, kwargs=row.kwargs(ctx)), {})
    assert response.status_code in (200, 302, 400), (url_name, persona)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("url_name", ADMIN_SAMPLES)
def test_admin_only_for_the_functional_admin(url_name, persona, ctx):
    response = client_for(persona, ctx).get(reverse(url_name))
    assert response.status_code == ADMIN_EXPECT[persona], (url_name, persona)


# The code steps themselves, and signing out, which is open to anyone at any step.
_CODE_STEPS = {"partners:signin_code", "partners:signin_enroll", "partners:signout"}


@pytest.mark.parametrize(
    "url_name",
    sorted(
        name
        for name, row in MATRIX.items()
        if row.expect["anonymous"] == 302
        and row.signin == "partners:signin"
        and name not in _CODE_STEPS
    ),
)
def test_signed_in_without_second_factor_reaches_only_the_code_step(url_name, ctx):
    client = Client()
    client.force_login(ctx.ib)
    row = MATRIX[url_name]
    response = request(client, row, reverse(url_name, kwargs=row.kwargs(ctx)), ctx)
    assert response.status_code == 302, url_name
    assert response["Location"] == reverse("partners:signin_code"), url_name
