"""Deterministic choices for the seeded region: one seed gives the same region every time (on
the same day; dates count back from the day it runs, so the region is always current)."""

import datetime
import random
import uuid
from contextlib import contextmanager

from simple_history.utils import bulk_create_with_history

BATCH = 5000

FIRST_NAMES = [
    "Sem",
    "Noah",
    "Liam",
    "Luuk",
    "Daan",
    "Finn",
    "Levi",
    "Milan",
    "Bram",
    "Jesse",
    "Noor",
    "Emma",
    "Julia",
    "Tess",
    "Sophie",
    "Zoë",
    "Mila",
    "Sara",
    "Evi",
    "Lotte",
    "Anna",
    "Fleur",
    "Yara",
    "Amira",
    "Mohamed",
    "Adam",
    "Ayoub",
    "Lina",
    "Nova",
    "Ravi",
    "Sanne",
    "Jens",
    "Ties",
]
LAST_NAMES = [
    "de Jong",
    "Jansen",
    "de Vries",
    "van den Berg",
    "van Dijk",
    "Bakker",
    "Janssen",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "Yilmaz",
    "El Amrani",
    "Kaya",
    "Pinas",
    "Nguyen",
]
PLACES = [
    "Vlinder",
    "Regenboog",
    "Kompas",
    "Klimop",
    "Zonnewijzer",
    "Horizon",
    "Wilgenhof",
    "Merel",
    "Springplank",
    "Kameleon",
    "Bongerd",
    "Fontein",
    "Windroos",
    "Tweemaster",
    "Polderpiraat",
    "Notenkraker",
    "Meander",
    "Duinroos",
    "Esdoorn",
]


class Draw(random.Random):
    def uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.getrandbits(128), version=4)

    def chance(self, p: float) -> bool:
        return self.random() < p

    def first_name(self) -> str:
        return self.choice(FIRST_NAMES)

    def last_name(self) -> str:
        return self.choice(LAST_NAMES)

    def days_before(self, day: datetime.date, low: int, high: int) -> datetime.date:
        return day - datetime.timedelta(days=self.randint(low, high))

    def moment(self, day: datetime.date) -> datetime.datetime:
        """A working-hours moment on `day`, in UTC."""
        return datetime.datetime.combine(
            day, datetime.time(self.randint(7, 15), self.randint(0, 59)), datetime.UTC
        )


def insert(model, objects: list, *, by=None, on: datetime.datetime | None = None) -> list:
    """Bulk insert in large batches; a model with history gets its creation rows too."""
    if hasattr(model, "history"):
        return bulk_create_with_history(
            objects, model, batch_size=BATCH, default_user=by, default_date=on
        )
    return model.objects.bulk_create(objects, batch_size=BATCH)


@contextmanager
def backdated(*models):
    """Let bulk inserts keep the creation moments set on the objects: a seeded case opened
    months ago says so. Only for the seeding command, which runs alone in its process."""
    fields = [f for m in models for f in m._meta.concrete_fields if getattr(f, "auto_now_add", 0)]
    for field in fields:
        field.auto_now_add = False
    try:
        yield
    finally:
        for field in fields:
            field.auto_now_add = True
