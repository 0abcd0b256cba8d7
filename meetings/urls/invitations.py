from django.urls import path

from meetings.views import invitations

urlpatterns = [
    path(
        "overleggen/<uuid:meeting_uuid>/uitnodigingen/versturen/",
        invitations.invitations_send,
        name="invitations_send",
    ),
    path(
        "overleggen/<uuid:meeting_uuid>/uitnodigingen/opnieuw-versturen/",
        invitations.invitations_resend,
        name="invitations_resend",
    ),
    path("uitnodiging/<str:token>/", invitations.invitation_respond, name="invitation_respond"),
]
