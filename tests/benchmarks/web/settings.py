"""Settings of the web benchmark (scripts/bench, docs/benchmarks.md): the project's production
settings as they are, plus a baseline page and a count of queries per request in a response
header. Served by gunicorn over plain HTTP on the loopback interface only."""

from knooppunt.settings import *  # noqa: F403
from knooppunt.settings import MIDDLEWARE, TEMPLATES

ROOT_URLCONF = "tests.benchmarks.web.urls"
MIDDLEWARE = ["tests.benchmarks.web.views.QueryCountMiddleware", *MIDDLEWARE]
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], Path(__file__).parent / "templates"]  # noqa: F405
