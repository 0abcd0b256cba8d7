"""The client's address, the same for sign-in throttling and the access log.

Behind reverse proxies every request comes from the last proxy (REMOTE_ADDR). Each proxy appends
the address it received the request from to X-Forwarded-For, so with PROXY_COUNT trusted proxies
the client is the address PROXY_COUNT places from the right of the whole chain
(X-Forwarded-For followed by REMOTE_ADDR). Everything further left was written by the client and
is never believed. Without proxies (PROXY_COUNT=0) X-Forwarded-For is ignored altogether.
docs/configuration.md describes the set-up.
"""

from django.conf import settings
from django.http import HttpRequest
from ipware import get_client_ip

_CHAIN = "KNOOPPUNT_ADDRESS_CHAIN"


def client_ip(request: HttpRequest) -> str | None:
    """The address of the client that sent this request, as far as the trusted proxies say."""
    remote_addr = request.META.get("REMOTE_ADDR") or ""
    proxies = settings.PROXY_COUNT
    if proxies <= 0:
        return remote_addr or None
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [hop for hop in hops if hop]
    # A proxy that also lists itself (or the test client standing in for one) adds nothing.
    if remote_addr and (not hops or hops[-1] != remote_addr):
        hops.append(remote_addr)
    # django-ipware parses and validates the addresses and picks the one `proxies` hops from
    # the right; a chain shorter than that (a request that bypassed a proxy) gives None.
    address, _routable = get_client_ip(
        request=_ChainRequest(", ".join(hops)),
        proxy_order="left-most",
        proxy_count=proxies,
        request_header_order=[_CHAIN],
        strict=False,
    )
    return address or remote_addr or None


class _ChainRequest:
    """Just enough of a request for django-ipware: the chain as one header."""

    def __init__(self, chain: str) -> None:
        self.META = {_CHAIN: chain}
