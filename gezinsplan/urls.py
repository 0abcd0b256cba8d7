from django.urls import path

from gezinsplan.views import draft, evaluations, read

app_name = "gezinsplan"

plan = "casussen/<uuid:case_uuid>/gezinsplan/"

urlpatterns = [
    path(plan, read.plan_detail, name="plan_detail"),
    path(f"{plan}pdf/", read.plan_pdf, name="plan_pdf"),
    path(f"{plan}starten/", draft.plan_start, name="plan_start"),
    path(f"{plan}wijzigen/", draft.plan_edit, name="plan_edit"),
    path(f"{plan}gezinsleden/nieuw/", draft.member_add, name="member_add"),
    path(f"{plan}gezinsleden/<uuid:member_uuid>/", draft.member_edit, name="member_edit"),
    path(f"{plan}doelen/nieuw/", draft.goal_add, name="goal_add"),
    path(f"{plan}doelen/<uuid:goal_uuid>/", draft.goal_edit, name="goal_edit"),
    path(f"{plan}evaluaties/nieuw/", evaluations.evaluation_add, name="evaluation_add"),
    path(
        f"{plan}evaluaties/<uuid:evaluation_uuid>/",
        evaluations.evaluation_edit,
        name="evaluation_edit",
    ),
    path(
        f"{plan}evaluaties/<uuid:evaluation_uuid>/pdf/",
        read.plan_pdf,
        name="evaluation_pdf",
    ),
]
