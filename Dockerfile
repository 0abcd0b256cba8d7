# Knooppunt for production: gunicorn serves the app (and, through WhiteNoise, its static files).
# The same image runs the Celery worker and beat; see docker-compose.yml.
FROM python:3.13-slim-bookworm

# PYTHONPATH: run the code in /app, not the copy pip puts in site-packages, because settings.py
# finds templates/ and static/ next to the knooppunt package.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONPATH=/app

# Pango for WeasyPrint (PDFs of the gezinsplan and the knooppunt set-up).
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# .dockerignore keeps .venv, .env, the SQLite file, tests and .git out of the image.
COPY . .

RUN pip install -c requirements/constraints.txt . \
    && rm -rf build *.egg-info

# Static files are collected at build time; the key and address only let settings load (they
# refuse to without them) and are never used.
RUN SECRET_KEY=collectstatic-only-not-a-secret SITE_URL=https://collectstatic.invalid DEBUG=false \
    python manage.py collectstatic --no-input

RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin knooppunt \
    && mkdir -p /app/media /app/var \
    && chown knooppunt:knooppunt /app/media /app/var
USER knooppunt

EXPOSE 8000
CMD ["gunicorn", "knooppunt.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
