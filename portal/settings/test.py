"""Settings for the test suite: a throw-away embedded PostgreSQL unless DATABASE_URL is set."""

import tempfile
from pathlib import Path

from portal.embedded_db import database_from_environment, met_voortgang

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "testsleutel-alleen-voor-de-testsuite-0123456789abcdefghijklmnop"
PSEUDONIEM_SLEUTEL = "testsleutel-pseudoniemen"
ALLOWED_HOSTS = ["*"]

_scratch = Path(tempfile.mkdtemp(prefix="portal-test-"))
DATABASES = met_voortgang(database_from_environment(_scratch / "postgres", throwaway=True))
# App servers and workers started by the suite share one media folder (tests/machines.py).
MEDIA_ROOT = env.path("MEDIA_ROOT", default=_scratch / "media")
STATIC_ROOT = _scratch / "static"
STATIC_ROOT.mkdir()
WHITENOISE_AUTOREFRESH = True

# The page cache would keep an anonymous page across the changes a test makes by hand
# (settings, the clock); the tests of portal.paginacache switch it on.
CACHE_MIDDLEWARE_SECONDS = 0

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

INSTALLED_APPS = [*INSTALLED_APPS, "tests.regiotest"]  # noqa: F405

# The suite loads the demo to test it; production settings refuse it.
DEMO_TOEGESTAAN = True

# A worker the suite starts (tests/machines.py) must not send reminders when its clock
# passes a periodic tick; the tests of the reminders switch them on.
HERINNERINGEN_AAN = False
