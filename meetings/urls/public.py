"""Addresses reachable without signing in: the secret calendar feed and the opt-in page for
parents. Their views are marked login_not_required."""

from django.urls import path

from meetings.views import feeds, public

urlpatterns = [
    path("agenda/<str:token>.ics", feeds.feed, name="feed"),
    path("knooppunt/<uuid:school_uuid>/", public.public_page, name="public_page"),
    path(
        "scholen/<uuid:school_uuid>/openbare-pagina/",
        public.public_page_edit,
        name="public_page_edit",
    ),
]
