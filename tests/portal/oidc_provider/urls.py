from django.contrib.auth import authenticate, login
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect
from django.template import engines
from django.urls import include, path
from django.utils.http import url_has_allowed_host_and_scheme

LOGIN_PAGE = engines["django"].from_string(
    '<form method="post">{% csrf_token %}<input name="username"><input name="password">'
    '<input name="next" value="{{ next }}"></form>'
)


def sign_in(request: HttpRequest) -> HttpResponse:
    """The provider's own sign-in, as DigiD's user name and password step."""
    if request.method == "POST":
        user = authenticate(
            request, username=request.POST["username"], password=request.POST["password"]
        )
        next_url = request.POST["next"]
        if user is None or not url_has_allowed_host_and_scheme(next_url, allowed_hosts=None):
            return HttpResponseForbidden()
        login(request, user)
        return redirect(next_url)
    return HttpResponse(LOGIN_PAGE.render({"next": request.GET.get("next", "")}, request))


urlpatterns = [
    path("inloggen/", sign_in),
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
]
