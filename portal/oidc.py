"""DigiD through OpenID Connect: the authentication backend that turns the provider's BSN claim
into the portal account of the guardian with that BSN (docs/digid.md).

Only guardians the school has linked to a portal account and whose BSN it recorded can sign
in this way; DigiD never creates an account. The BSN is compared as a keyed digest and never
written to a log."""

import logging

from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from partners.constants import UserKind
from partners.models import User
from pupils.bsn import bsn_digest
from pupils.models import bsn_is_valid

logger = logging.getLogger("knooppunt.portal")


class DigiDBackend(OIDCAuthenticationBackend):
    def _bsn(self, claims: dict) -> str:
        return str(claims.get(self.get_settings("OIDC_BSN_CLAIM"), "")).strip()

    def verify_claims(self, claims: dict) -> bool:
        return bsn_is_valid(self._bsn(claims))

    def describe_user_by_claims(self, claims: dict) -> str:
        return "a BSN"

    def filter_users_by_claims(self, claims: dict):
        return User.objects.filter(
            kind=UserKind.PARENT,
            is_active=True,
            guardianships__bsn_digest=bsn_digest(self._bsn(claims)),
        ).distinct()

    def get_or_create_user(self, access_token, id_token, payload):
        user = super().get_or_create_user(access_token, id_token, payload)
        if user is None:
            logger.info("portal DigiD sign-in refused: no linked guardian with this BSN")
        return user
