#!/bin/sh
# Run once by the postgres image when it initialises an empty data directory: create the role
# the app connects as. It owns nothing; `manage.py grant_app_role knooppunt_app` (the migrate
# service in docker-compose.yml, after every migrate) gives it its rights, and on the access log
# only INSERT and SELECT. See docs/configuration.md, "Database roles".
set -eu
: "${APP_DB_PASSWORD:?set APP_DB_PASSWORD in .env}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v app_password="$APP_DB_PASSWORD" <<'SQL'
CREATE ROLE knooppunt_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT
    PASSWORD :'app_password';
-- PostgreSQL 15 and later already keep CREATE on the public schema from PUBLIC; say it anyway.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SQL
