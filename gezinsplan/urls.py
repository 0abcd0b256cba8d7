from django.urls import path

from gezinsplan import views

app_name = "gezinsplan"

urlpatterns = [
    path("casussen/<uuid:case_uuid>/gezinsplan/", views.plan_detail, name="plan_detail"),
    path("casussen/<uuid:case_uuid>/gezinsplan/pdf/", views.plan_pdf, name="plan_pdf"),
]
