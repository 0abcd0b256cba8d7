"""Confirming memberships that give case access: the second pair of eyes (a school's directeur
or a functional admin) for what someone else asked for."""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from partners.access import get_pending_membership_for_user, may_confirm_any, memberships_to_confirm
from partners.services import membership_confirm


def membership_pending(request: HttpRequest) -> HttpResponse:
    if not may_confirm_any(request.user):
        raise PermissionDenied
    pending = memberships_to_confirm(request.user).select_related(
        "user", "organisation", "requested_by"
    )
    return render(request, "partners/membership_pending.html", {"pending": pending})


@require_POST
def membership_confirm_view(request: HttpRequest, membership_uuid: UUID) -> HttpResponse:
    membership = get_pending_membership_for_user(request.user, membership_uuid)
    try:
        membership_confirm(membership=membership, confirmed_by=request.user)
    except (PermissionDenied, ValidationError) as refusal:
        messages.error(request, " ".join(getattr(refusal, "messages", [str(refusal)])))
    else:
        messages.success(
            request,
            _("%(member)s is nu actief als %(function)s bij %(organisation)s.")
            % {
                "member": membership.user.get_full_name(),
                "function": membership.get_function_display().lower(),
                "organisation": membership.organisation,
            },
        )
    return redirect("partners:membership_pending")
