"""Keyed pseudonyms for the access log of a purged case (docs/security.md target 8).

A pupil's or case's UUID becomes an HMAC-SHA256 of it under ACCESS_LOG_PSEUDONYM_KEY, shaped as
a UUID (version 8, "custom") so it fits the same column. The same pupil always gets the same
pseudonym, so the rows of one pupil stay together; only someone holding the key can tell whose
they are, by computing the pseudonym of a known UUID.
"""

import hashlib
import hmac
import uuid

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def pseudonym(value: uuid.UUID) -> uuid.UUID:
    key = settings.ACCESS_LOG_PSEUDONYM_KEY
    if not key:
        raise ImproperlyConfigured(
            "ACCESS_LOG_PSEUDONYM_KEY is not set: the purge cannot pseudonymise the access log."
        )
    digest = bytearray(hmac.new(key.encode(), value.bytes, hashlib.sha256).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x80  # version 8
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 9562 variant
    return uuid.UUID(bytes=bytes(digest))
