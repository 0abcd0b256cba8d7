"""Fixed costs on a seeded region (docs/benchmarks.md): the queries and time of a bare signed-in
page, and of a permission recompute that changes nothing. Runs inside one transaction that is
rolled back, so the region is left as it was.

    DATABASE_URL=postgres://... DEBUG=true python scripts/bench_fixed_costs.py
"""

import os
import statistics
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knooppunt.settings")
os.environ.setdefault("LOG_LEVEL", "ERROR")  # not a line per "not found"
django.setup()

from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from cases.access import case_permissions_recompute  # noqa: E402
from cases.models import Case  # noqa: E402
from partners.constants import Function  # noqa: E402
from partners.models import Professional  # noqa: E402

RUNS = 200
TRANSACTION_CONTROL = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")


def measure(label: str, action) -> None:
    action()  # warm up
    with CaptureQueriesContext(connection) as queries:
        action()
    statements = [q for q in queries if not q["sql"].startswith(TRANSACTION_CONTROL)]
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    if os.environ.get("BENCH_VERBOSE"):
        for q in statements:
            print(f"    {q['time']:>6} s  {q['sql'][:120]}")
    print(
        f"{label:48} {len(statements):3} queries  "
        f"p50 {statistics.median(times):6.1f} ms  p95 {times[int(RUNS * 0.95)]:6.1f} ms"
    )


def not_found(client: Client) -> None:
    response = client.get("/bestaat-niet/")
    if response.status_code != 404 or b"Uitloggen" not in response.content:
        raise SystemExit("The bench user is not signed in: the page would measure nothing.")


def main() -> None:
    print(f"{Case.objects.count()} cases, {RUNS} runs each")
    # With DEBUG on (the settings need no production secrets) a 404 would be Django's technical
    # page without the menu; the project's own 404 page is what a signed-in user sees.
    with transaction.atomic(), override_settings(DEBUG=False):
        ib = Professional.objects.filter(function=Function.IB).order_by("pk").first().user
        device = TOTPDevice.objects.create(user=ib, name="bench", confirmed=True)
        client = Client(HTTP_HOST="localhost")
        client.force_login(ib)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        measure("bare signed-in page (a 404 with the menu)", lambda: not_found(client))
        busiest = (
            Case.objects.annotate(rows=Count("caseuserobjectpermission"))
            .order_by("-rows", "pk")
            .first()
        )
        loaded = Case.objects.select_related("school", "pupil").get(pk=busiest.pk)
        measure(
            "recompute that changes nothing (loaded case)",
            lambda: case_permissions_recompute(loaded),
        )
        measure(
            "the same, fetching the case bare (+1 query)",
            lambda: case_permissions_recompute(Case.objects.get(pk=busiest.pk)),
        )
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
