from django.db import migrations

# NEN 7513: the application may only append to the access log. On PostgreSQL a trigger refuses
# UPDATE and DELETE, so not even a bug or a bulk operation can rewrite history.
CREATE = """
CREATE OR REPLACE FUNCTION cases_accesslog_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the access log is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER cases_accesslog_append_only
    BEFORE UPDATE OR DELETE ON cases_accesslogentry
    FOR EACH ROW EXECUTE FUNCTION cases_accesslog_append_only();
"""
DROP = """
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
