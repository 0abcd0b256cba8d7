from django.db import migrations

# NEN 7513: the application may only append to the access log. On PostgreSQL one trigger function
# refuses UPDATE and DELETE per row and TRUNCATE per statement, so not even a bug, a bulk
# operation or `manage.py flush` can rewrite or empty it — whoever runs it, the owner included.
# The application's own role cannot drop or disable the triggers either: only the table's owner
# may, and the app role gets INSERT and SELECT on this table only (`manage.py grant_app_role`).
CREATE = """
CREATE OR REPLACE FUNCTION cases_accesslog_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the access log is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER cases_accesslog_append_only
    BEFORE UPDATE OR DELETE ON cases_accesslogentry
    FOR EACH ROW EXECUTE FUNCTION cases_accesslog_append_only();
CREATE TRIGGER cases_accesslog_no_truncate
    BEFORE TRUNCATE ON cases_accesslogentry
    FOR EACH STATEMENT EXECUTE FUNCTION cases_accesslog_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS cases_accesslog_no_truncate ON cases_accesslogentry;
DROP TRIGGER IF EXISTS cases_accesslog_append_only ON cases_accesslogentry;
DROP FUNCTION IF EXISTS cases_accesslog_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
