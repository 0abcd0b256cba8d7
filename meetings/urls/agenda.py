from django.urls import path

from meetings.views import agenda, meeting

_item = "overleggen/<uuid:meeting_uuid>/punten/<uuid:item_uuid>/"

urlpatterns = [
    path("overleggen/", meeting.meeting_list, name="meeting_list"),
    path("overleggen/nieuw/", meeting.meeting_new, name="meeting_new"),
    path("overleggen/<uuid:meeting_uuid>/", meeting.meeting_detail, name="meeting_detail"),
    path("overleggen/<uuid:meeting_uuid>/wijzigen/", meeting.meeting_edit, name="meeting_edit"),
    path(
        "overleggen/<uuid:meeting_uuid>/annuleren/", meeting.meeting_cancel, name="meeting_cancel"
    ),
    path("overleggen/<uuid:meeting_uuid>/agenda.pdf", meeting.agenda_pdf, name="agenda_pdf"),
    path("overleggen/<uuid:meeting_uuid>/punten/nieuw/", agenda.item_add, name="item_add"),
    path(
        "overleggen/<uuid:meeting_uuid>/punten/casussen/",
        agenda.item_case_search,
        name="item_case_search",
    ),
    path(f"{_item}verplaatsen/", agenda.item_move, name="item_move"),
    path(f"{_item}wijzigen/", agenda.item_edit, name="item_edit"),
    path(f"{_item}verwijderen/", agenda.item_remove, name="item_remove"),
    path(f"{_item}genodigden/", agenda.item_attendees, name="item_attendees"),
]
