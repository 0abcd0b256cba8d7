"""A small, real OpenID Connect provider (django-oauth-toolkit) standing in for DigiD in
tests/portal/test_digid.py. It runs in its own process, with its own settings and SQLite
database: serve.py."""
