from django.urls import path

from tlv import views

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
]
