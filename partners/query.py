from django.db import models

# Waiting for a second person's confirmation: not counting for access yet, not ended either.
_PENDING = models.Q(is_active=False, confirmed_at__isnull=True, ended_at__isnull=True)


class ProfessionalQuerySet(models.QuerySet):
    def active(self) -> "ProfessionalQuerySet":
        """Memberships that count today: active (so confirmed), of an active account."""
        return self.filter(is_active=True, user__is_active=True)

    def pending(self) -> "ProfessionalQuerySet":
        """Memberships waiting for a second person's confirmation."""
        return self.filter(_PENDING)

    def live(self) -> "ProfessionalQuerySet":
        """Memberships that count now or will once confirmed: all but the ended ones."""
        return self.filter(models.Q(is_active=True) | _PENDING)
