from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from partners import urls as partner_urls
from today.views import home

# The home composes what every app asks, so its view lives in the top app `today`; the address
# keeps its name `partners:home`, which the templates and LOGIN_REDIRECT_URL use.
partners_and_home = ([path("", home, name="home"), *partner_urls.urlpatterns], "partners")

urlpatterns = [
    # The admin has no sign-in of its own: everyone passes password and second factor here.
    path("beheer/login/", RedirectView.as_view(pattern_name="partners:signin", query_string=True)),
    path("beheer/", admin.site.urls),
    path("", include(partners_and_home)),
    path("", include("cases.urls")),
    path("", include("meetings.urls")),
    path("", include("tlv.urls")),
    path("", include("gezinsplan.urls")),
    path("ouders/", include("portal.urls")),
]
