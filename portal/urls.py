from django.urls import path

from portal.views import digid, invite, pages, plan, signin, tlv

app_name = "portal"

child = "kind/<uuid:pupil_uuid>/"

urlpatterns = [
    path("inloggen/", signin.signin, name="signin"),
    path("inloggen/link/<str:token>/", signin.signin_link, name="signin_link"),
    path("inloggen/digid/", digid.digid_start, name="digid_start"),
    path("inloggen/digid/terug/", digid.digid_callback, name="digid_callback"),
    path("uitloggen/", signin.signout, name="signout"),
    path("", pages.home, name="home"),
    path(child, pages.child, name="child"),
    path(f"{child}overleggen/", pages.meetings, name="meetings"),
    path(
        f"{child}overleggen/<uuid:attendee_uuid>/antwoord/",
        pages.meeting_respond,
        name="meeting_respond",
    ),
    path(f"{child}toestemming/", pages.consent, name="consent"),
    path(f"{child}toestemming/wijzigen/", pages.consent_change, name="consent_change"),
    path(f"{child}wie-keek-mee/", pages.accesslog, name="accesslog"),
    path(f"{child}toelaatbaarheid/", tlv.tlv_status, name="tlv_status"),
    path(f"{child}gezinsplan/", plan.plan, name="plan"),
    path(f"{child}gezinsplan/code/", plan.plan_code, name="plan_code"),
    path(f"{child}gezinsplan/ondertekenen/", plan.plan_sign, name="plan_sign"),
    path(f"{child}gezinsplan/pdf/", plan.plan_pdf, name="plan_pdf"),
    path(
        f"{child}gezinsplan/evaluatie/<uuid:evaluation_uuid>/code/",
        plan.plan_code,
        name="evaluation_code",
    ),
    path(
        f"{child}gezinsplan/evaluatie/<uuid:evaluation_uuid>/ondertekenen/",
        plan.plan_sign,
        name="evaluation_sign",
    ),
    path(
        f"{child}gezinsplan/evaluatie/<uuid:evaluation_uuid>/pdf/",
        plan.plan_pdf,
        name="evaluation_pdf",
    ),
    # For the school: invite a guardian, or the pupil from 12, from the case.
    path("uitnodigen/<uuid:case_uuid>/", invite.guardian_invite, name="guardian_invite"),
    path("uitnodigen/<uuid:case_uuid>/leerling/", invite.pupil_invite, name="pupil_invite"),
]
