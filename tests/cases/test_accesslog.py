import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction

from cases.constants import AccessEvent
from cases.models import AccessLogEntry

pytestmark = pytest.mark.django_db


def entry() -> AccessLogEntry:
    return AccessLogEntry.objects.create(
        event=AccessEvent.VIEW, user_name="Test", what="casuspagina"
    )


def test_the_application_cannot_change_or_delete_a_log_row():
    row = entry()
    with pytest.raises(ValidationError):
        row.save()
    with pytest.raises(ValidationError):
        row.delete()


def test_the_database_refuses_updates_and_deletes_too():
    entry()
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessLogEntry.objects.update(what="iets anders")
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessLogEntry.objects.all().delete()
    assert AccessLogEntry.objects.get().what == "casuspagina"


def test_the_database_refuses_to_truncate_the_log_even_for_its_owner():
    # The suite connects as the owner of the tables; the statement trigger refuses it anyway.
    entry()
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("TRUNCATE cases_accesslogentry")
    assert AccessLogEntry.objects.count() == 1


def test_log_rows_outlive_the_case(case_world, world):
    from cases import audit
    from cases.access import Actor, case_access_for

    audit.content_viewed(case_access_for(Actor.of(world.ib), case_world.case.uuid), "overzicht")
    case_uuid = case_world.case.uuid
    case_world.case.delete()
    assert AccessLogEntry.objects.filter(case_uuid=case_uuid).count() == 1


def test_the_owner_may_pseudonymise_a_row_once_and_change_nothing_else():
    # The purge's one change (cases/retention/purge.py), which the trigger lets the tables'
    # owner make; the suite connects as that owner.
    entry()
    rows = AccessLogEntry.objects.all()
    with pytest.raises(DatabaseError), transaction.atomic():
        rows.update(pseudonymised=True, what="iets anders")
    rows.update(pseudonymised=True, case_uuid=uuid.uuid4(), pupil_uuid=uuid.uuid4())
    with pytest.raises(DatabaseError), transaction.atomic():
        rows.update(case_uuid=uuid.uuid4())
    assert rows.get().what == "casuspagina"


def test_a_month_of_the_log_cannot_be_emptied_either():
    row = entry()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tableoid::regclass::text FROM cases_accesslogentry WHERE id = %s", [row.pk]
        )
        (partition,) = cursor.fetchone()
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f"TRUNCATE {partition}")
    assert AccessLogEntry.objects.count() == 1
