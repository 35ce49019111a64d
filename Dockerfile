# The portal as a container image: gunicorn serves portal.wsgi with the production
# settings (gunicorn.conf.py), as a user without root rights. Configuration comes from
# the environment at run time (README: Configuratie); compose.yaml shows a complete set.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=portal.settings.production \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/data/media \
    PORT=8000

WORKDIR /app
RUN groupadd --system portaal \
    && useradd --system --gid portaal --home-dir /app --no-create-home portaal

# The dependencies first: this layer is only rebuilt when pyproject.toml changes.
COPY pyproject.toml README.md ./
RUN pip install .

COPY . .
# Static files are part of the image (whitenoise serves them, with hashed names). The
# production settings refuse to load without their secrets, so collectstatic gets
# stand-ins that exist for this one command only: it reads no database and sends no mail.
RUN SECRET_KEY=alleen-voor-collectstatic \
    PSEUDONIEM_SLEUTEL=alleen-voor-collectstatic \
    DATABASE_URL=postgres://collectstatic@localhost/collectstatic \
    PORTAAL_BASIS_URL=https://collectstatic.invalid/ \
    EMAIL_URL=smtp://localhost:25 \
    python manage.py collectstatic --noinput --verbosity 0 \
    && mkdir -p /data/media \
    && chown -R portaal:portaal /data

USER portaal
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "deploy/healthcheck.py"]
CMD ["gunicorn", "--config", "gunicorn.conf.py"]
