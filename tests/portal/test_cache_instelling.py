"""The shared cache: the database by default, Redis or Valkey when CACHE_URL is set."""

import json
import os
import subprocess
import sys


def _caches(**env) -> dict:
    code = (
        "import json; from django.conf import settings;"
        "print(json.dumps(settings.CACHES['default'], default=str))"
    )
    basis = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "portal.settings.base"}
    resultaat = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={**basis, **env},
        check=True,
    )  # fmt: skip
    return json.loads(resultaat.stdout)


def test_without_cache_url_the_database_is_the_cache():
    assert _caches()["BACKEND"] == "portal.cache.DatabaseCache"


def test_cache_url_selects_redis_or_valkey():
    cache = _caches(CACHE_URL="redis://cache.example.org:6379/1")
    assert cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert cache["LOCATION"] == "redis://cache.example.org:6379/1"
    # The client library is installed with the portal, so the setting works as is.
    import redis  # noqa: F401
