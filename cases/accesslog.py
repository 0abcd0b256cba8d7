"""Writing the NEN 7513 access log: who saw which pupil's case content, when, from where."""

from django.http import HttpRequest

from cases.constants import AccessEvent
from cases.models import AccessLogEntry, Case
from knooppunt.client_ip import client_ip
from partners.access import active_memberships


def log_access(
    request: HttpRequest,
    *,
    event: AccessEvent,
    what: str,
    case: Case | None = None,
    pupil=None,
    legal_basis: str = "",
) -> AccessLogEntry:
    """Append one row; never raises on a missing membership, never stores content."""
    user = request.user
    membership = active_memberships(user).select_related("organisation").order_by("pk").first()
    pupil = pupil or (case.pupil if case is not None else None)
    return AccessLogEntry.objects.create(
        event=event,
        user_uuid=getattr(user, "uuid", None),
        user_name=user.get_full_name() if user.is_authenticated else "anoniem",
        organisation=membership.organisation.name if membership else "",
        role=membership.get_function_display() if membership else "",
        pupil_uuid=pupil.uuid if pupil is not None else None,
        case_uuid=case.uuid if case is not None else None,
        what=what,
        legal_basis=legal_basis,
        ip_address=client_ip(request),
    )
