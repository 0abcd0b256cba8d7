from django.urls import path

from tlv import opp_views, views

app_name = "tlv"

dossier = "tlv/<uuid:dossier_uuid>/"

urlpatterns = [
    path("tlv/", views.overview, name="overview"),
    path("tlv/bevindingen/", views.findings, name="findings"),
    path("tlv/aanvragen/", views.start, name="start"),
    path("casussen/<uuid:case_uuid>/tlv/", views.dossier_start, name="dossier_start"),
    path(dossier, views.dossier_detail, name="dossier_detail"),
    path(f"{dossier}bewerken/", views.dossier_edit, name="dossier_edit"),
    path(f"{dossier}bijlagen/", views.attachment_add, name="attachment_add"),
    path(
        f"{dossier}bijlagen/<uuid:attachment_uuid>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path(f"{dossier}stap/<slug:step>/", views.dossier_step, name="dossier_step"),
    path(f"{dossier}besluit/", views.decision, name="decision"),
    path(f"{dossier}besluitbrief.pdf", views.letter, name="letter"),
    path(f"{dossier}opp/", opp_views.opp_detail, name="opp_detail"),
    path(f"{dossier}opp/bewerken/", opp_views.opp_edit, name="opp_edit"),
    path(f"{dossier}opp/evalueren/", opp_views.opp_evaluate, name="opp_evaluate"),
]
