"""Settings for a developer's machine: ``make run``."""

from portal.embedded_db import database_from_environment, met_voortgang

from .base import *  # noqa: F403
from .base import BASE_DIR, env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="alleen-voor-lokaal-gebruik-niet-in-productie")
PSEUDONIEM_SLEUTEL = env("PSEUDONIEM_SLEUTEL", default="lokale-pseudoniemsleutel")

DATABASES = met_voortgang(database_from_environment(BASE_DIR / ".data" / "postgres"))

# runserver serves static files straight from the apps and STATICFILES_DIRS.
WHITENOISE_AUTOREFRESH = True
(BASE_DIR / ".data" / "static").mkdir(parents=True, exist_ok=True)

# make run loads the demo accounts (public password) on a developer's machine.
DEMO_TOEGESTAAN = True
