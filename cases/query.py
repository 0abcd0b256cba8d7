from django.db import models
from django.db.models import Exists, OuterRef, Q


class CaseQuerySet(models.QuerySet):
    def with_user_permission(self, user, codename: str) -> "CaseQuerySet":
        """Cases on which the user holds this derived object permission.

        Filters with EXISTS on the direct permission table, never with global permissions or
        superuser status: nobody sees a case by being an admin.
        """
        from cases.access.codenames import permission_ids
        from cases.models import CaseUserObjectPermission

        if not user.is_authenticated or not user.is_active:
            return self.none()
        granted = CaseUserObjectPermission.objects.filter(
            content_object=OuterRef("pk"), user=user, permission_id=permission_ids()[codename]
        )
        return self.filter(Exists(granted))


def active_on(day, prefix: str = "") -> Q:
    """Rows (involvement, regie) in force on `day`. The end date is exclusive: ending a row
    today ("Beëindigen", or a new regisseur taking over) takes effect today."""
    return Q(**{f"{prefix}start__lte": day}) & (
        Q(**{f"{prefix}end__isnull": True}) | Q(**{f"{prefix}end__gt": day})
    )
