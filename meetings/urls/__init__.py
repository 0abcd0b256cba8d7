"""URLs of the meetings app, one module per area."""

from meetings.urls import agenda, invitations, minutes, planning, public

app_name = "meetings"

urlpatterns = (
    planning.urlpatterns
    + public.urlpatterns
    + agenda.urlpatterns
    + invitations.urlpatterns
    + minutes.urlpatterns
)
