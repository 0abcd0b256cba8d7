from django.core.management.base import BaseCommand, CommandError

from knooppunt.region.build import build_region
from knooppunt.region.people import region_exists


class Command(BaseCommand):
    help = (
        "Build a deterministic region for benchmarks (docs/benchmarks.md): about 250 pupils and "
        "cases per school, with everything around them. Into an empty database; accounts get "
        "no usable password."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--schools", type=int, required=True)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, schools: int, seed: int, **options) -> None:
        if schools < 1:
            raise CommandError("--schools must be at least 1.")
        if region_exists():
            raise CommandError("This database already holds a seeded region.")

        def report(step: str, seconds: float) -> None:
            self.stdout.write(f"{step:40} {seconds:7.1f} s")

        counts = build_region(schools=schools, seed=seed, report=report)
        self.stdout.write(self.style.SUCCESS(", ".join(f"{n} {k}" for k, n in counts.items())))
