from django.urls import path

from meetings.views import minutes

meeting = "overleggen/<uuid:meeting_uuid>/"
record = f"{meeting}punten/<uuid:item_uuid>/verslag/"

urlpatterns = [
    path(f"{meeting}aanwezigheid/", minutes.attendance, name="attendance"),
    path(record, minutes.item_record, name="item_record"),
    path(f"{record}bewerken/", minutes.item_record_edit, name="item_record_edit"),
]
