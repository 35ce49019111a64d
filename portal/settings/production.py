"""Production settings: every secret and host from the environment, no defaults for secrets."""

from django.core.exceptions import ImproperlyConfigured

from portal.embedded_db import with_pool

from .base import *  # noqa: F403
from .base import env


def _required(name: str) -> str:
    value = env(name, default="").strip()
    if not value:
        raise ImproperlyConfigured(
            f"de omgevingsvariabele {name} ontbreekt; het portaal start niet zonder."
        )
    return value


DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = _required("SECRET_KEY")
PSEUDONIEM_SLEUTEL = _required("PSEUDONIEM_SLEUTEL")
DATABASES = {"default": with_pool(env.db_url_config(_required("DATABASE_URL")))}

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
if env.bool("ACHTER_PROXY", default=False):
    # Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
