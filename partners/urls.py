from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from partners.views import memberships, setup, signin

app_name = "partners"

urlpatterns = [
    path("inloggen/", signin.signin, name="signin"),
    path("inloggen/code/", signin.signin_code, name="signin_code"),
    path("inloggen/app-koppelen/", signin.signin_enroll, name="signin_enroll"),
    path("inloggen/reservecodes/", signin.backup_codes, name="backup_codes"),
    path("uitloggen/", signin.signout, name="signout"),
    path("wachtwoord-vergeten/", signin.PasswordResetView.as_view(), name="password_reset"),
    path(
        "wachtwoord-vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(template_name="partners/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-herstellen/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="partners/password_reset_confirm.html",
            success_url=reverse_lazy("partners:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-herstellen/klaar/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="partners/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("lidmaatschappen/bevestigen/", memberships.membership_pending, name="membership_pending"),
    path(
        "lidmaatschappen/<uuid:membership_uuid>/bevestigen/",
        memberships.membership_confirm_view,
        name="membership_confirm",
    ),
    path("scholen/<uuid:school_uuid>/knooppunt/", setup.setup_detail, name="setup_detail"),
    path("scholen/<uuid:school_uuid>/knooppunt/pdf/", setup.setup_pdf, name="setup_pdf"),
    path("scholen/<uuid:school_uuid>/knooppunt/bewerken/", setup.setup_edit, name="setup_edit"),
    path(
        "scholen/<uuid:school_uuid>/knooppunt/partners/nieuw/",
        setup.partner_add,
        name="partner_add",
    ),
    path(
        "scholen/<uuid:school_uuid>/knooppunt/partners/<uuid:partner_uuid>/bewerken/",
        setup.partner_edit,
        name="partner_edit",
    ),
    path(
        "scholen/<uuid:school_uuid>/knooppunt/partners/<uuid:partner_uuid>/verwijderen/",
        setup.partner_remove,
        name="partner_remove",
    ),
]
