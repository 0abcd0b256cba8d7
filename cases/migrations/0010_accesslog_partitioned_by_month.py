from django.db import migrations

# The access log grows by a row per read: on PostgreSQL it becomes a table partitioned by month
# of `at` (UTC), so the retention job drops whole months past their term instead of deleting
# rows (docs/security.md target 8; cases/retention/partitions.py). The primary key includes the
# partition key, as PostgreSQL requires; ids still come from one identity sequence.
#
# The append-only trigger function now lets exactly one UPDATE through: the table owner marking
# a row pseudonymised and replacing its pupil and case ids, nothing else (the purge, which runs
# as the owner; the app's role has no UPDATE right on the log at all). Row triggers on the
# partitioned table are cloned to every partition; a TRUNCATE trigger is not, so
# `cases_accesslog_add_month` puts one on each partition it creates.
FUNCTIONS = """
CREATE OR REPLACE FUNCTION cases_accesslog_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF NOT OLD.pseudonymised AND NEW.pseudonymised
           AND pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID),
                           'MEMBER')
           AND to_jsonb(NEW) - '{pupil_uuid,case_uuid,pseudonymised}'::text[]
               = to_jsonb(OLD) - '{pupil_uuid,case_uuid,pseudonymised}'::text[]
        THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'the access log is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION cases_accesslog_add_month(in_month date) RETURNS text AS $$
DECLARE
    part_start date := date_trunc('month', in_month)::date;
    part_name text := 'cases_accesslogentry_y' || to_char(part_start, 'YYYY') || 'm' || to_char(part_start, 'MM');
BEGIN
    IF to_regclass(part_name) IS NOT NULL THEN
        RETURN NULL;
    END IF;
    EXECUTE format(
        'CREATE TABLE %I PARTITION OF cases_accesslogentry FOR VALUES FROM (%L) TO (%L)',
        part_name, part_start::timestamp AT TIME ZONE 'UTC',
        (part_start + interval '1 month')::timestamp AT TIME ZONE 'UTC'
    );
    EXECUTE format(
        'CREATE TRIGGER cases_accesslog_no_truncate BEFORE TRUNCATE ON %I'
        ' FOR EACH STATEMENT EXECUTE FUNCTION cases_accesslog_append_only()', part_name
    );
    RETURN part_name;
END;
$$ LANGUAGE plpgsql;
REVOKE ALL ON FUNCTION cases_accesslog_add_month(date) FROM PUBLIC;
"""

TRIGGERS = """
CREATE TRIGGER cases_accesslog_append_only
    BEFORE UPDATE OR DELETE ON cases_accesslogentry
    FOR EACH ROW EXECUTE FUNCTION cases_accesslog_append_only();
CREATE TRIGGER cases_accesslog_no_truncate
    BEFORE TRUNCATE ON cases_accesslogentry
    FOR EACH STATEMENT EXECUTE FUNCTION cases_accesslog_append_only();
"""

# Index names as Django made them in 0001, so later schema changes find them.
INDEXES = """
CREATE INDEX cases_accesslogentry_at_748d7343 ON cases_accesslogentry (at);
CREATE INDEX cases_accesslogentry_case_uuid_60fceef1 ON cases_accesslogentry (case_uuid);
CREATE INDEX cases_accesslogentry_pupil_uuid_b02671a0 ON cases_accesslogentry (pupil_uuid);
"""

SET_SEQUENCE = """
SELECT setval(pg_get_serial_sequence('cases_accesslogentry', 'id'),
              coalesce(max(id), 0) + 1, false) FROM cases_accesslogentry;
"""


def _move_aside(schema_editor) -> None:
    """Rename the current table out of the way, with the names its replacement will use."""
    schema_editor.execute("""
        ALTER TABLE cases_accesslogentry RENAME TO cases_accesslogentry_old;
        ALTER INDEX cases_accesslogentry_pkey RENAME TO cases_accesslogentry_old_pkey;
        DROP INDEX cases_accesslogentry_at_748d7343;
        DROP INDEX cases_accesslogentry_case_uuid_60fceef1;
        DROP INDEX cases_accesslogentry_pupil_uuid_b02671a0;
        ALTER SEQUENCE cases_accesslogentry_id_seq RENAME TO cases_accesslogentry_old_id_seq;
    """, params=None)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    _move_aside(schema_editor)
    schema_editor.execute(f"""
        CREATE TABLE cases_accesslogentry
            (LIKE cases_accesslogentry_old INCLUDING DEFAULTS INCLUDING IDENTITY)
            PARTITION BY RANGE (at);
        ALTER TABLE cases_accesslogentry ADD PRIMARY KEY (id, at);
        {INDEXES}
        {FUNCTIONS}
        {TRIGGERS}
        SELECT cases_accesslog_add_month(month::date) FROM generate_series(
            date_trunc('month', coalesce(
                (SELECT min(at) FROM cases_accesslogentry_old), now()) AT TIME ZONE 'UTC'),
            date_trunc('month', now() AT TIME ZONE 'UTC') + interval '12 months',
            interval '1 month'
        ) AS month;
        INSERT INTO cases_accesslogentry SELECT * FROM cases_accesslogentry_old;
        {SET_SEQUENCE}
        DROP TABLE cases_accesslogentry_old;
    """, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    _move_aside(schema_editor)
    schema_editor.execute(f"""
        CREATE TABLE cases_accesslogentry
            (LIKE cases_accesslogentry_old INCLUDING DEFAULTS INCLUDING IDENTITY);
        ALTER TABLE cases_accesslogentry ADD PRIMARY KEY (id);
        {INDEXES}
        INSERT INTO cases_accesslogentry SELECT * FROM cases_accesslogentry_old;
        {SET_SEQUENCE}
        DROP TABLE cases_accesslogentry_old;
        DROP FUNCTION cases_accesslog_add_month(date);
        CREATE OR REPLACE FUNCTION cases_accesslog_append_only() RETURNS trigger AS $$
        BEGIN
            RAISE EXCEPTION 'the access log is append-only';
        END;
        $$ LANGUAGE plpgsql;
        {TRIGGERS}
    """, params=None)


class Migration(migrations.Migration):
    dependencies = [("cases", "0009_case_retention_and_log_pseudonymised")]

    operations = [migrations.RunPython(forwards, backwards)]
