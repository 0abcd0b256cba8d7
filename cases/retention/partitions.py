"""The access log's monthly partitions on PostgreSQL (docs/security.md target 8).

Migration cases/0010 made `cases_accesslogentry` a table partitioned by the UTC month of `at`,
with a partition per month named `cases_accesslogentry_yYYYYmMM`. The retention job keeps
partitions ready MONTHS_AHEAD ahead (a row for a month without a partition cannot be written,
and a read that cannot be logged fails) and drops whole months once they are older than
ACCESS_LOG_RETENTION_YEARS. Both are DDL on the owner's table, so the job runs as the owner.
"""

import datetime
import re

from django.conf import settings
from django.db import connection
from psycopg import sql

from cases.retention.dates import years_before

MONTHS_AHEAD = 12
PARENT = "cases_accesslogentry"
PARTITION_NAME = re.compile(rf"^{PARENT}_y(\d{{4}})m(\d{{2}})$")


def _add_months(month: datetime.date, count: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 + count
    return datetime.date(index // 12, index % 12 + 1, 1)


def partitions() -> dict[str, datetime.date]:
    """The log's partitions by name, each with the first day of its month."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT child.relname FROM pg_inherits"
            " JOIN pg_class child ON child.oid = pg_inherits.inhrelid"
            " WHERE pg_inherits.inhparent = %s::regclass",
            [PARENT],
        )
        names = [name for (name,) in cursor.fetchall()]
    found = {}
    for name in names:
        if match := PARTITION_NAME.match(name):
            found[name] = datetime.date(int(match[1]), int(match[2]), 1)
    return found


def partitions_create_ahead(*, today: datetime.date) -> list[str]:
    """Create the partitions of this month and the next MONTHS_AHEAD; returns the new ones."""
    this_month = today.replace(day=1)
    created = []
    with connection.cursor() as cursor:
        for offset in range(MONTHS_AHEAD + 1):
            cursor.execute(
                "SELECT cases_accesslog_add_month(%s)", [_add_months(this_month, offset)]
            )
            if name := cursor.fetchone()[0]:
                created.append(name)
    return created


def partitions_drop_expired(*, today: datetime.date) -> dict[str, int]:
    """Drop every month that ended ACCESS_LOG_RETENTION_YEARS (at least five) years ago or
    earlier; returns the rows each dropped partition held."""
    cutoff = years_before(today.replace(day=1), settings.ACCESS_LOG_RETENTION_YEARS)
    dropped = {}
    with connection.cursor() as cursor:
        for name, month in sorted(partitions().items(), key=lambda item: item[1]):
            if _add_months(month, 1) > cutoff:
                continue
            table = sql.Identifier(name)
            cursor.execute(sql.SQL("SELECT count(*) FROM {}").format(table))
            dropped[name] = cursor.fetchone()[0]
            cursor.execute(sql.SQL("DROP TABLE {}").format(table))
    return dropped
