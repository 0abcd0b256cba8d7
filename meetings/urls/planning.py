from django.urls import path

from meetings.views import feeds, planning

_SCHOOL = "scholen/<uuid:school_uuid>/"
_PLANNING = _SCHOOL + "jaarplanning/"

urlpatterns = [
    path(_PLANNING, planning.planning_detail, name="planning"),
    path(_PLANNING + "pdf/", planning.planning_pdf, name="planning_pdf"),
    path(_PLANNING + "regels/nieuw/", planning.rule_add, name="planning_rule_add"),
    path(
        _PLANNING + "regels/<uuid:rule_uuid>/genereer/",
        planning.rule_generate,
        name="planning_rule_generate",
    ),
    path(
        _PLANNING + "regels/<uuid:rule_uuid>/verwijderen/",
        planning.rule_remove,
        name="planning_rule_remove",
    ),
    path(_PLANNING + "aanwezigheid/nieuw/", planning.presence_day_add, name="presence_day_add"),
    path(
        _PLANNING + "aanwezigheid/<uuid:day_uuid>/wijzigen/",
        planning.presence_day_edit,
        name="presence_day_edit",
    ),
    path(
        _PLANNING + "aanwezigheid/<uuid:day_uuid>/verwijderen/",
        planning.presence_day_remove,
        name="presence_day_remove",
    ),
    path(_SCHOOL + "agenda-abonnement/", feeds.school_feed, name="school_feed"),
    path("mijn-agenda/", feeds.my_feed, name="my_feed"),
]
