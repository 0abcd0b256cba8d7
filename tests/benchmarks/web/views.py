"""The benchmark's yardstick and its query counter (docs/benchmarks.md)."""

from django.db import connection
from django.shortcuts import render

from partners.models import Organisation


def baseline(request):
    """The baseline every page is compared with: 50 rows of one table through a template that
    extends the site's base, behind the same middleware as every page."""
    rows = Organisation.objects.order_by("pk").only("name", "kind")[:50]
    return render(request, "benchmarks/baseline.html", {"rows": rows})


class QueryCountMiddleware:
    """Outermost: counts every query a request runs, middleware included, and reports it in
    the X-Queries header for the load generator."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counting(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counting):
            response = self.get_response(request)
        response["X-Queries"] = str(count)
        return response
