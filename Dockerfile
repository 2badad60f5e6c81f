# igfportal: one image for web (gunicorn), the Celery worker and Celery beat.
# docker-compose.yml runs it; configuration comes from the environment (.env.example).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    MEDIA_ROOT=/var/lib/igfportal/media

# WeasyPrint's libraries and a font for the PDFs; libpq for PostgreSQL.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core libpq5 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY . .
RUN pip install . \
    && rm -rf build ./*.egg-info \
    && SECRET_KEY=collectstatic-at-build-time-only DEBUG=0 \
        python manage.py collectstatic --noinput --verbosity 0

# Run as an unprivileged user; it owns only the media directory (a volume in compose).
RUN useradd --system --uid 10001 --user-group --home-dir /app --no-create-home igfportal \
    && mkdir -p "$MEDIA_ROOT" \
    && chown igfportal:igfportal "$MEDIA_ROOT"
USER igfportal

EXPOSE 8000
CMD ["gunicorn", "igfportal.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", \
     "--access-logfile", "-"]
