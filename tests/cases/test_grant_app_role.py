"""The log survives its own database role (docs/security.md target 26): the app's role may
INSERT and SELECT on the access log and nothing more, and cannot touch the append-only triggers.

Run against the real PostgreSQL: a throwaway login role is created, given its rights by
`manage.py grant_app_role`, used over a connection of its own, and dropped again.
"""

import datetime
import secrets

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection
from django.utils import timezone
from psycopg import errors, sql

from cases.models import AccessLogEntry

# Committed grants are needed for a second connection to see them.
pytestmark = pytest.mark.django_db(transaction=True)

# Spelled out so the SQL below is plain text; the model is checked to use this table.
LOG = "cases_accesslogentry"
INSERT = """
    INSERT INTO cases_accesslogentry
        (at, event, user_name, on_behalf_of, organisation, role, what, legal_basis)
    VALUES (now(), 'inzien', 'App', '', '', '', 'casuspagina', '')
"""


@pytest.fixture
def app_role():
    """A login role like the one production's app connects as; dropped after the test."""
    name = f"knooppunt_test_app_{secrets.token_hex(4)}"
    password = secrets.token_urlsafe(16)
    with connection.cursor() as cursor:
        cursor.execute(
            sql.SQL("CREATE ROLE {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD {}").format(
                sql.Identifier(name), sql.Literal(password)
            )
        )
    try:
        yield name, password
    finally:
        with connection.cursor() as cursor:
            cursor.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(name)))
            cursor.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(name)))


def connect_as(role: str, password: str) -> psycopg.Connection:
    db = connection.settings_dict
    return psycopg.connect(
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        dbname=db["NAME"],
        user=role,
        password=password,
        autocommit=True,
    )


def refused(conn: psycopg.Connection, statement: str | sql.Composable) -> bool:
    try:
        conn.execute(statement)
    except (errors.InsufficientPrivilege, errors.RaiseException):
        return True
    return False


def test_the_app_role_may_only_append_to_the_log(app_role):
    assert AccessLogEntry._meta.db_table == LOG
    role, password = app_role
    call_command("grant_app_role", role)
    with connect_as(role, password) as app:
        app.execute(INSERT)
        assert app.execute("SELECT count(*) FROM cases_accesslogentry").fetchone() == (1,)
        assert refused(app, "UPDATE cases_accesslogentry SET what = 'iets anders'")
        assert refused(app, "DELETE FROM cases_accesslogentry")
        assert refused(app, "TRUNCATE cases_accesslogentry")
        # Nor may it touch the triggers or the function behind them.
        assert refused(app, "DROP TRIGGER cases_accesslog_no_truncate ON cases_accesslogentry")
        assert refused(app, "DROP TRIGGER cases_accesslog_append_only ON cases_accesslogentry")
        assert refused(app, "ALTER TABLE cases_accesslogentry DISABLE TRIGGER ALL")
        assert refused(
            app, "ALTER TABLE cases_accesslogentry DISABLE TRIGGER cases_accesslog_no_truncate"
        )
        assert refused(app, "DROP FUNCTION cases_accesslog_append_only() CASCADE")
        assert refused(
            app,
            "CREATE OR REPLACE FUNCTION cases_accesslog_append_only() RETURNS trigger"
            " AS $$ BEGIN RETURN NULL; END; $$ LANGUAGE plpgsql",
        )
        assert refused(app, "SET session_replication_role = replica")
        assert app.execute("SELECT count(*) FROM cases_accesslogentry").fetchone() == (1,)
        # The rest of the app works as before: it reads and writes the other tables.
        app.execute("UPDATE cases_case SET level = level")
        app.execute("DELETE FROM django_session")
        assert refused(app, "DELETE FROM django_migrations")
    # The owner cannot empty the log either: the trigger refuses TRUNCATE for everyone.
    with pytest.raises(DatabaseError, match="append-only"), connection.cursor() as cursor:
        cursor.execute("TRUNCATE cases_accesslogentry")
    assert AccessLogEntry.objects.count() == 1


def test_running_it_again_takes_back_rights_given_by_hand(app_role):
    role, password = app_role
    with connection.cursor() as cursor:
        cursor.execute(
            sql.SQL("GRANT ALL ON TABLE {} TO {}").format(sql.Identifier(LOG), sql.Identifier(role))
        )
    call_command("grant_app_role", role)
    with connect_as(role, password) as app:
        assert refused(app, "DELETE FROM cases_accesslogentry")


def test_a_role_that_could_act_as_the_owner_is_refused():
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        (owner,) = cursor.fetchone()
    with pytest.raises(CommandError, match=r"superuser|owns the tables"):
        call_command("grant_app_role", owner)
    with pytest.raises(CommandError, match="does not exist"):
        call_command("grant_app_role", "knooppunt_no_such_role")


def test_the_app_role_cannot_reach_the_log_partitions_nor_pseudonymise(app_role):
    """The log's monthly partitions (docs/security.md target 8) are the owner's alone: the app
    writes through the log, and creating, emptying, detaching or dropping a month, or the
    purge's one allowed change, are refused to it."""
    role, password = app_role
    call_command("grant_app_role", role)
    month = timezone.now().astimezone(datetime.UTC)
    partition = f"cases_accesslogentry_y{month:%Y}m{month:%m}"
    with connect_as(role, password) as app:
        app.execute(INSERT)
        for statement in (
            "UPDATE cases_accesslogentry SET pseudonymised = true, case_uuid = gen_random_uuid()",
            "SELECT count(*) FROM {}",
            "UPDATE {} SET what = 'iets anders'",
            "DELETE FROM {}",
            "TRUNCATE {}",
            "DROP TABLE {}",
            "ALTER TABLE cases_accesslogentry DETACH PARTITION {}",
            "ALTER TABLE {} DISABLE TRIGGER ALL",
            "SELECT cases_accesslog_add_month('2040-01-01')",
            "CREATE TABLE cases_accesslogentry_y2041m01 PARTITION OF cases_accesslogentry"
            " FOR VALUES FROM ('2041-01-01') TO ('2041-02-01')",
        ):
            query = sql.SQL(statement).format(sql.Identifier(partition))
            assert refused(app, query), statement
        assert app.execute(
            "SELECT count(*) FROM cases_accesslogentry WHERE NOT pseudonymised"
        ).fetchone() == (1,)
