from tests.authz.rows import PUBLIC, SIGN_IN, Row, everyone

# A school's set-up: its staff and seated partners read it, only its IB'er edits it, and
# whoever is not connected to the school may not learn it exists.
READ_SETUP = {
    "anonymous": SIGN_IN,
    "ib": 200,
    "directeur": 200,
    "partner": 200,
    "partner_no_consent": 404,  # the JGZ is not seated at this school's knooppunt
    "ib_other_school": 404,
    "outsider": 404,
    "admin": 404,
}
EDIT_SETUP = READ_SETUP | {"directeur": 403, "partner": 403}


# Confirming memberships (four eyes): the school's directeur and the functional admin confirm;
# nobody else has anything to confirm.
CONFIRM_MEMBERSHIPS = everyone(403) | {"directeur": 200, "admin": 200}


def _school(ctx) -> dict:
    return {"school_uuid": ctx.school.uuid}


def _seat(ctx) -> dict:
    seat = ctx.school.knooppunt.partners.get()
    return {"school_uuid": ctx.school.uuid, "partner_uuid": seat.uuid}


def _pending_membership(ctx) -> dict:
    """A leerkracht membership at the school, added by the functional admin and waiting for a
    second person: the school's directeur (or another beheerder) may confirm it."""
    from partners.constants import Function
    from partners.models import Professional
    from partners.services import membership_add
    from tests import factories

    pending = Professional.objects.pending().filter(organisation=ctx.school.organisation).first()
    if pending is None:
        pending = membership_add(
            user=factories.UserFactory(email="nieuw@test.example"),
            organisation=ctx.school.organisation,
            function=Function.LEERKRACHT,
            added_by=ctx.admin,
        )
    return {"membership_uuid": pending.uuid}


ROWS = {
    "partners:home": Row(everyone(200)),
    "partners:signin": Row(everyone(PUBLIC, anonymous=PUBLIC), changes=True),
    # Already verified people are sent on from the second-factor steps.
    "partners:signin_code": Row(everyone(302), changes=True),
    "partners:signin_enroll": Row(everyone(302), changes=True),
    # Signing out only accepts POST, from anyone (signed in or not), and ends on the sign-in page.
    "partners:signout": Row(everyone(302, anonymous=302), changes=True, method="POST"),
    # Everyone signed in with a second factor may make their own backup codes.
    "partners:backup_codes": Row(everyone(200), changes=True),
    "partners:password_reset": Row(everyone(PUBLIC, anonymous=PUBLIC), changes=True),
    "partners:password_reset_done": Row(everyone(PUBLIC, anonymous=PUBLIC)),
    "partners:password_reset_confirm": Row(
        everyone(PUBLIC, anonymous=PUBLIC),
        kwargs=lambda ctx: {"uidb64": "MQ", "token": "ongeldig-token"},
    ),
    "partners:password_reset_complete": Row(everyone(PUBLIC, anonymous=PUBLIC)),
    "partners:membership_pending": Row(CONFIRM_MEMBERSHIPS),
    # Confirming only accepts POST; tests/partners/test_memberships.py covers who may.
    # Only a second person confirms: the school's directeur; the admin who added it may not.
    "partners:membership_confirm": Row(
        everyone(404) | {"directeur": 302},
        kwargs=_pending_membership,
        changes=True,
        method="POST",
    ),
    "partners:setup_detail": Row(READ_SETUP, kwargs=_school),
    "partners:setup_pdf": Row(READ_SETUP, kwargs=_school),
    "partners:setup_edit": Row(EDIT_SETUP, kwargs=_school, changes=True),
    "partners:partner_add": Row(EDIT_SETUP, kwargs=_school, changes=True),
    "partners:partner_edit": Row(EDIT_SETUP, kwargs=_seat, changes=True),
    "partners:partner_remove": Row(EDIT_SETUP, kwargs=_seat, changes=True),
}
