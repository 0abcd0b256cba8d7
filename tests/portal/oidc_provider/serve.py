"""Start the test OpenID Connect provider: migrate its SQLite database, register Knooppunt as
a confidential client and the DigiD users (user name = BSN), then serve on a free port and
print that port on the first line of stdout.

Environment: OIDC_TEST_DB, OIDC_TEST_RSA_KEY (PEM), OIDC_TEST_CLIENT_ID,
OIDC_TEST_CLIENT_SECRET, OIDC_TEST_REDIRECT_URI, OIDC_TEST_BSNS (comma-separated),
OIDC_TEST_PASSWORD."""

import os
from wsgiref.simple_server import WSGIRequestHandler, make_server

import django


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


def main() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.portal.oidc_provider.settings"
    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application
    from oauth2_provider.models import Application

    call_command("migrate", verbosity=0)
    for bsn in os.environ["OIDC_TEST_BSNS"].split(","):
        User.objects.create_user(bsn, password=os.environ["OIDC_TEST_PASSWORD"])
    Application.objects.create(
        name="Knooppunt",
        client_id=os.environ["OIDC_TEST_CLIENT_ID"],
        client_secret=os.environ["OIDC_TEST_CLIENT_SECRET"],
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=os.environ["OIDC_TEST_REDIRECT_URI"],
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )
    server = make_server("127.0.0.1", 0, get_wsgi_application(), handler_class=QuietHandler)
    print(server.server_port, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
