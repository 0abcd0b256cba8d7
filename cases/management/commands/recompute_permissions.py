from django.core.management.base import BaseCommand

from cases.access import permissions_rebuild


class Command(BaseCommand):
    help = (
        "Rebuild every case's derived rights from the rules and report the cases whose stored "
        "rights had drifted (by id; no names). Runs nightly; safe to run at any time."
    )

    def handle(self, *args, **options) -> None:
        drift = permissions_rebuild()
        for case, added, removed in drift:
            self.stdout.write(f"drift repaired: case {case.uuid}: +{added} -{removed} rows")
        self.stdout.write(
            self.style.SUCCESS("No drift.")
            if not drift
            else self.style.WARNING(f"{len(drift)} case(s) had drifted and were repaired.")
        )
