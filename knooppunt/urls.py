from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from knooppunt.home.views import home
from partners import urls as partner_urls

# The home ("Vandaag") composes what every app answers, so it lives in the project package, above
# every app, like the demo command; its address keeps the name `partners:home`, which the
# templates and LOGIN_REDIRECT_URL use.
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
