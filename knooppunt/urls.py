from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    # The admin has no sign-in of its own: everyone passes password and second factor here.
    path("beheer/login/", RedirectView.as_view(pattern_name="partners:signin", query_string=True)),
    path("beheer/", admin.site.urls),
    path("", include("partners.urls")),
    path("", include("cases.urls")),
    path("", include("meetings.urls")),
    path("", include("tlv.urls")),
    path("", include("gezinsplan.urls")),
    path("ouders/", include("portal.urls")),
]
