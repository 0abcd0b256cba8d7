"""Behind the configured proxies, sign-in throttling and the access log see the client's own
address, never the proxy's, and nobody picks their address by sending X-Forwarded-For."""

import pytest
from axes.models import AccessAttempt
from django.test import Client, RequestFactory
from django.urls import reverse

from cases import audit
from cases.access import actor_for
from knooppunt.client_ip import client_ip

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"
CLIENT = "203.0.113.7"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (1, f"{CLIENT}, {PROXY}", CLIENT),  # a proxy that also lists itself
        (1, CLIENT, CLIENT),  # a proxy that appends only its client (nginx, Caddy)
        (1, f"198.51.100.66, {CLIENT}", CLIENT),  # the client's own header is not believed
        (1, None, PROXY),  # a request that did not pass the proxy
        (2, f"{CLIENT}, 192.0.2.1", CLIENT),
        (0, "198.51.100.66", PROXY),  # no proxy: the header is the client's word only
        (0, f"198.51.100.66, {CLIENT}", PROXY),
    ],
)
def test_client_ip(settings, proxies, forwarded, expected):
    settings.PROXY_COUNT = proxies
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, **headers)
    assert client_ip(request) == expected


def failed_sign_in(forwarded: str) -> None:
    Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded).post(
        reverse("partners:signin"), {"email": "ib@test.example", "password": "verkeerd"}
    )


def logged_ip(world, forwarded: str) -> str:
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)
    request.user = world.ib
    # The access log takes the actor's address from the request, as every view does.
    return audit.cases_searched(actor_for(request)).ip_address


def test_behind_one_proxy_lockout_and_access_log_see_the_client(world, settings):
    settings.PROXY_COUNT = 1
    failed_sign_in(f"{CLIENT}, {PROXY}")
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [CLIENT]
    assert logged_ip(world, f"{CLIENT}, {PROXY}") == CLIENT


def test_without_proxies_a_spoofed_header_is_ignored(world, settings):
    settings.PROXY_COUNT = 0
    failed_sign_in("198.51.100.66")
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [PROXY]
    assert logged_ip(world, "198.51.100.66") == PROXY
