"""Production settings: every secret and host from the environment, no defaults for secrets.

The portal refuses to start while anything it needs is missing, and names each missing
piece on a line of its own, so an operator fixes them all in one go.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from portal.clientadres import axes_instellingen
from portal.embedded_db import met_voortgang, with_pool

from .base import *  # noqa: F403
from .base import env

_ontbrekend: list[str] = []


def _required(name: str) -> str:
    value = env(name, default="").strip()
    if not value:
        _ontbrekend.append(
            f"de omgevingsvariabele {name} ontbreekt; het portaal start niet zonder."
        )
    return value


DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = _required("SECRET_KEY")
PSEUDONIEM_SLEUTEL = _required("PSEUDONIEM_SLEUTEL")
_database_url = _required("DATABASE_URL")
DATABASES = met_voortgang(with_pool(env.db_url_config(_database_url))) if _database_url else {}

# Links in e-mails (verification of the network) must not take the host of whatever
# request happened to send them.
PORTAAL_BASIS_URL = _required("PORTAAL_BASIS_URL")
if PORTAAL_BASIS_URL and (
    urlsplit(PORTAAL_BASIS_URL).scheme not in ("http", "https")
    or not urlsplit(PORTAAL_BASIS_URL).netloc
):
    _ontbrekend.append(
        "PORTAAL_BASIS_URL is geen volledig webadres (zoals https://praktijkleren.example.org/)."
    )

# A mail server: EMAIL_URL (smtp://, smtps://, smtp+tls://, smtp+ssl://) or the usual
# EMAIL_* settings. Console or file mail would lose the verification e-mails unseen.
_email_url = env("EMAIL_URL", default="").strip()
_email_host = env("EMAIL_HOST", default="").strip()
if _email_url:
    if urlsplit(_email_url).scheme not in ("smtp", "smtps", "smtp+tls", "smtp+ssl"):
        _ontbrekend.append(
            "EMAIL_URL wijst niet naar een mailserver; gebruik smtp://, smtps:// of "
            "smtp+tls://, bijvoorbeeld smtp+tls://gebruiker:wachtwoord@smtp.example.org:587."
        )
    vars().update(env.email_url_config(_email_url))
elif _email_host:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _email_host
    EMAIL_PORT = env.int("EMAIL_PORT", default=25)
    EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
    EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
    EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", default=False)
    EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
else:
    _ontbrekend.append(
        "er is geen mailserver ingesteld: zet EMAIL_URL (bijvoorbeeld "
        "smtp+tls://gebruiker:wachtwoord@smtp.example.org:587) of EMAIL_HOST; "
        "het portaal start niet zonder."
    )

if _ontbrekend:
    raise ImproperlyConfigured("\n".join(_ontbrekend))

# Uploads as the base settings chose them (MEDIA_ROOT, or the bucket of S3_BUCKET).
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# Health checks of a load balancer or container engine ask over plain HTTP from inside.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
ACHTER_PROXY = env.bool("ACHTER_PROXY", default=False)
if ACHTER_PROXY:
    # Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The client address for django-axes: X-Forwarded-For as the proxy writes it, or the
# address of the connection when there is no proxy.
vars().update(
    axes_instellingen(
        achter_proxy=ACHTER_PROXY, aantal_proxies=env.int("ACHTER_PROXY_AANTAL", default=1)
    )
)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
