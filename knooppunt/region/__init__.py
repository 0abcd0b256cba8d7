"""A seeded region for benchmarks (`manage.py seed_region`, docs/benchmarks.md): a
samenwerkingsverband-sized world built by bulk inserts. It lives in the project package because
it fills every app; the rights it needs are derived by cases.access, never written here."""
