"""Sign-in links, signing codes and sign-in attempts of the parents' portal (docs/security.md
target 28). Only digests of the secrets are stored."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SignInLink(models.Model):
    """A single-use sign-in link, valid for minutes and only in the browser that asked for it:
    `browser_digest` is the digest of a random value in a cookie set on the asking browser."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token_digest = models.CharField(max_length=64, unique=True)
    browser_digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("inloglink")
        verbose_name_plural = _("inloglinks")

    def __str__(self) -> str:
        return f"Inloglink {self.pk}"


class SignCode(models.Model):
    """A fresh code by e-mail before each signature, for one signer and one plan version."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    subject = models.CharField(max_length=100)
    code_digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    failures = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("ondertekencode")
        verbose_name_plural = _("ondertekencodes")

    def __str__(self) -> str:
        return f"Ondertekencode {self.pk}"


class SignInAttempt(models.Model):
    """Every request for a sign-in link, known address or not, for throttling. The address is
    kept only as a keyed digest, so unknown addresses are not collected."""

    email_digest = models.CharField(max_length=64, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, db_index=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("inlogpoging ouderportaal")
        verbose_name_plural = _("inlogpogingen ouderportaal")

    def __str__(self) -> str:
        return f"Inlogpoging {self.pk}"
