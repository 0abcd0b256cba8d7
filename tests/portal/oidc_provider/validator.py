from oauth2_provider.oauth2_validators import OAuth2Validator


class BsnValidator(OAuth2Validator):
    """Hands out the BSN claim, as DigiD brokers do; the provider's user name is the BSN."""

    oidc_claim_scope = None

    def get_additional_claims(self, request):
        return {"bsn": request.user.username}
