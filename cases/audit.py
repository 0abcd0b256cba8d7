"""The NEN 7513 access log, written through one named function per event (docs/security.md,
"Logging"). Each row names the actor, the organisation and role they acted under, on whose
behalf, from which address, the pupil and case, and the consent or legal basis that allowed a
read of content. No row ever holds content or a pupil's name."""

from cases.constants import AccessEvent
from cases.models import AccessLogEntry, Case


def _write(
    actor,
    *,
    event: AccessEvent,
    what: str,
    case: Case | None = None,
    membership=None,
    ground: str = "",
) -> AccessLogEntry:
    user = actor.user
    if membership is None and actor.memberships:
        membership = actor.membership_for(case)
    return AccessLogEntry.objects.create(
        event=event,
        user_uuid=getattr(user, "uuid", None),
        user_name=user.get_full_name() if user.is_authenticated else "anoniem",
        on_behalf_of=actor.on_behalf_of,
        organisation=membership.organisation.name if membership else "",
        role=membership.get_function_display() if membership else "",
        pupil_uuid=case.pupil.uuid if case is not None else None,
        case_uuid=case.uuid if case is not None else None,
        what=what,
        legal_basis=ground,
        ip_address=actor.ip,
    )


def _content_event(access, event: AccessEvent, what: str) -> AccessLogEntry:
    return _write(
        access.actor,
        event=event,
        what=what,
        case=access.case,
        membership=access.membership,
        ground=access.content_ground,
    )


def content_viewed(access, what: str) -> AccessLogEntry:
    """Case content was shown."""
    return _content_event(access, AccessEvent.VIEW, what)


def content_changed(access, what: str) -> AccessLogEntry:
    """Case content was recorded or changed."""
    return _content_event(access, AccessEvent.CHANGE, what)


def content_printed(access, what: str) -> AccessLogEntry:
    """A document with the pupil's name or case content was printed (a PDF)."""
    return _content_event(access, AccessEvent.PRINT, what)


def cases_searched(actor) -> AccessLogEntry:
    """Someone searched the cases by pupil name (the term itself is not logged)."""
    return _write(actor, event=AccessEvent.SEARCH, what="zoeken in casussen")


def case_access_denied(actor, *, case: Case, what: str) -> AccessLogEntry:
    """A request for a case, or for more of it than allowed, was refused."""
    return _write(actor, event=AccessEvent.DENIED, what=what, case=case)


def access_denied(actor, *, what: str) -> AccessLogEntry:
    """A refusal that concerns no single case (a meeting, a school's planning)."""
    return _write(actor, event=AccessEvent.DENIED, what=what)


# A TLV dossier is content of the case held by a higher app (docs/domain.md, "TLV and
# toeleiding"); its readers (the board's procesbegeleider, the SWV, the experts) may hold no
# right on the case itself, so the ground is the role the dossier gives them.
def tlv_dossier_viewed(actor, *, case: Case, what: str, ground: str) -> AccessLogEntry:
    """A TLV dossier (or its decision letter on screen) was shown."""
    return _write(actor, event=AccessEvent.VIEW, what=what, case=case, ground=ground)


def tlv_dossier_changed(actor, *, case: Case, what: str, ground: str) -> AccessLogEntry:
    """A TLV dossier was started, edited, signed, returned, advised on or decided."""
    return _write(actor, event=AccessEvent.CHANGE, what=what, case=case, ground=ground)


def tlv_document_printed(actor, *, case: Case, what: str, ground: str) -> AccessLogEntry:
    """A TLV decision letter was printed (a PDF)."""
    return _write(actor, event=AccessEvent.PRINT, what=what, case=case, ground=ground)


def tlv_attachment_downloaded(actor, *, case: Case, what: str, ground: str) -> AccessLogEntry:
    """A TLV attachment left the system as a download."""
    return _write(actor, event=AccessEvent.EXPORT, what=what, case=case, ground=ground)


def _portal_write(
    actor, *, event: AccessEvent, case: Case, pupil, what: str, role: str, ground: str
):
    user = actor.user
    return AccessLogEntry.objects.create(
        event=event,
        user_uuid=user.uuid,
        user_name=user.get_full_name(),
        on_behalf_of=actor.on_behalf_of,
        organisation="",
        role=role,
        pupil_uuid=pupil.uuid,
        case_uuid=case.uuid if case is not None else None,
        what=what,
        legal_basis=ground,
        ip_address=actor.ip,
    )


def portal_content_viewed(
    actor, *, pupil, case: Case | None, what: str, role: str, ground: str
) -> AccessLogEntry:
    """A parent or the pupil read their own child's (or own) content in the portal. `role`
    says who they are to the pupil, `ground` on what right (docs/domain.md, "The parents'
    portal")."""
    return _portal_write(
        actor, event=AccessEvent.VIEW, case=case, pupil=pupil, what=what, role=role, ground=ground
    )


def portal_content_changed(
    actor, *, pupil, case: Case | None, what: str, role: str, ground: str
) -> AccessLogEntry:
    """A parent or the pupil decided something in the portal (consent, a signature)."""
    return _portal_write(
        actor, event=AccessEvent.CHANGE, case=case, pupil=pupil, what=what, role=role, ground=ground
    )


def portal_access_denied(actor, *, what: str) -> AccessLogEntry:
    """A portal request for a child the account is not linked to (no pupil is named: the
    account may not learn, and the log need not say, whether it exists)."""
    user = actor.user
    return AccessLogEntry.objects.create(
        event=AccessEvent.DENIED,
        user_uuid=getattr(user, "uuid", None),
        user_name=user.get_full_name() if user.is_authenticated else "anoniem",
        what=what,
        role="Ouder / verzorger",
        ip_address=actor.ip,
    )
