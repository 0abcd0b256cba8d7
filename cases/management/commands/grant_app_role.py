"""Give the application's PostgreSQL role exactly what the running app needs.

Migrations run as the owner of the tables; the web process, the worker and beat connect as a
separate role that owns nothing. This command, run as the owner after every `migrate`, grants
that role SELECT, INSERT, UPDATE and DELETE on every table, but only INSERT and SELECT on the
access log, and USAGE on the sequences. It first revokes whatever the role had, so it is
idempotent and also removes rights a previous run gave on a table that has since changed.
Because the role owns neither the log table nor its trigger function, it can neither drop nor
disable the append-only triggers (cases/migrations/0003_accesslog_append_only.py), nor
create, drop or empty the log's monthly partitions (cases/migrations/0010), on which it gets
no right at all. The retention job, which pseudonymises and drops partitions, runs as the owner.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from psycopg import sql

from cases.models import AccessLogEntry

TABLE_RIGHTS = ("SELECT", "INSERT", "UPDATE", "DELETE")
LOG_RIGHTS = ("SELECT", "INSERT")
# Django reads the migration table (showmigrations, runserver's check) but only `migrate`
# writes it, and that runs as the owner.
READ_ONLY_TABLES = frozenset({"django_migrations"})


def _privileges(rights) -> sql.Composable:
    return sql.SQL(", ").join(sql.SQL(right) for right in rights)


def _tables(names) -> sql.Composable:
    return sql.SQL(", ").join(sql.Identifier(name) for name in sorted(names))


class Command(BaseCommand):
    help = (
        "Grant the application's PostgreSQL role what the app needs: SELECT, INSERT, UPDATE and "
        "DELETE on every table, only INSERT and SELECT on the access log, USAGE on sequences. "
        "Run it as the owner of the tables after every migrate."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("role", help="The PostgreSQL role the app connects as.")
        parser.add_argument(
            "--database", default=DEFAULT_DB_ALIAS, help="Database alias (default: default)."
        )

    def handle(self, *args, role: str, database: str, **options) -> None:
        connection = connections[database]
        if connection.vendor != "postgresql":
            raise CommandError("grant_app_role works only on PostgreSQL.")
        log_table = AccessLogEntry._meta.db_table
        with transaction.atomic(using=database), connection.cursor() as cursor:
            self._refuse_unsafe_role(cursor, role, log_table)
            cursor.execute("SELECT current_schema()")
            (schema,) = cursor.fetchone()
            listed = connection.introspection.get_table_list(cursor)
            # The access log's monthly partitions (cases/migrations/0010) are reached only
            # through the log itself: the app gets no right on them directly.
            partitions = {info.name for info in listed if info.type == "p"}
            tables = {info.name for info in listed} - partitions
            if log_table not in tables:
                raise CommandError(f"Table {log_table} does not exist: run migrate first.")
            grantee = sql.Identifier(role)
            statements = [
                sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(sql.Identifier(schema), grantee),
                sql.SQL("REVOKE ALL ON TABLE {} FROM {}").format(
                    _tables(tables | partitions), grantee
                ),
                sql.SQL("GRANT {} ON TABLE {} TO {}").format(
                    _privileges(TABLE_RIGHTS),
                    _tables(tables - READ_ONLY_TABLES - {log_table}),
                    grantee,
                ),
                sql.SQL("GRANT {} ON TABLE {} TO {}").format(
                    _privileges(LOG_RIGHTS), sql.Identifier(log_table), grantee
                ),
                sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {} TO {}").format(
                    sql.Identifier(schema), grantee
                ),
            ]
            if read_only := tables & READ_ONLY_TABLES:
                statements.append(
                    sql.SQL("GRANT SELECT ON TABLE {} TO {}").format(_tables(read_only), grantee)
                )
            for statement in statements:
                cursor.execute(statement)
        self.stdout.write(
            f"{role}: SELECT, INSERT, UPDATE, DELETE on {len(tables) - 1 - len(read_only)} "
            f"tables; only INSERT, SELECT on {log_table}; SELECT on the migration table."
        )

    def _refuse_unsafe_role(self, cursor, role: str, log_table: str) -> None:
        """A role that is a superuser, or that may act as the table owner, would make the
        restriction on the log meaningless: refuse it rather than pretend."""
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = %s", [role])
        row = cursor.fetchone()
        if row is None:
            raise CommandError(f"PostgreSQL role {role!r} does not exist: create it first.")
        if row[0]:
            raise CommandError(f"Role {role!r} is a superuser: the app needs a role of its own.")
        cursor.execute(
            "SELECT pg_has_role(%s, tableowner, 'MEMBER') FROM pg_tables"
            " WHERE tablename = %s AND schemaname = current_schema()",
            [role, log_table],
        )
        row = cursor.fetchone()
        if row is not None and row[0]:
            raise CommandError(
                f"Role {role!r} owns the tables or is a member of their owner: the app needs a "
                "role that owns nothing, or it could change the access log's triggers."
            )
