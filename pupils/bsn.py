"""A guardian's BSN is kept only as a keyed digest (docs/digid.md, "How the BSN is kept").

Knooppunt never shows a guardian's BSN; it only needs to recognise the BSN that DigiD hands
back at sign-in. A plain hash would not do: nine digits that pass the elfproef are few enough
to try them all in minutes. The key lives outside the database (BSN_DIGEST_KEY), so a copy of
the database alone gives no BSN back."""

import hashlib
import hmac

from django.conf import settings


def bsn_digest(bsn: str) -> str:
    return hmac.new(
        settings.BSN_DIGEST_KEY.encode(), f"bsn:{bsn.strip()}".encode(), hashlib.sha256
    ).hexdigest()
