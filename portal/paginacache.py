"""Whole pages for anonymous visitors from the shared page cache (README: Paginacache).

The kennisbank, the search, the regions' networks and the public API look the same to
every visitor without a login, and most visitors ask for the same few pages. Django's
two-part cache middleware keeps such a page for CACHE_MIDDLEWARE_SECONDS in the cache
``paginas``, shared by all app servers. The subclasses below only add two things:

- Who may get a cached page: only a request without a session or messages cookie. A
  logged-in user, and anyone with a message waiting, always gets a page made for them.
  Django's own rules still hold on top of that: a page is keyed by its full URL and the
  request headers it varies on (``Vary: Cookie``), and a response that sets a cookie (a
  CSRF token) or says ``private``/``no-store`` (the wegwijzer) is never kept.
- Freshness: every change of the content apps' data starts a new generation of the
  cache, and the generation is part of the key prefix, taken once at the start of a
  request. A page made before a change is therefore not served after it, even when it is
  stored after the change: at once on the app server where the change was made, within
  a second on the others (each process reads the shared generation at most once a
  second). What changes with time alone (a regeling that ends today, an entry that is
  now "mogelijk verouderd") shows within the timeout.

``gedeeld`` keeps other data that is the same for everyone in each process, under the
same generation. The middleware holds no state of its own between requests (the threads
of a gthread worker share it), so the prefix of a request lives on a shallow copy made
for that request.
"""

import copy
import time
import uuid

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.core.signals import setting_changed
from django.db import DatabaseError, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.middleware.cache import FetchFromCacheMiddleware, UpdateCacheMiddleware
from redis.exceptions import RedisError

GENERATIE_SLEUTEL = "paginacache-generatie"
# A cache that cannot be reached means no cached page, not a failed request: /healthz
# must still answer 503 when the database is down.
CACHEFOUTEN = (DatabaseError, RedisError)


def _cache():
    return caches[settings.CACHE_MIDDLEWARE_ALIAS]


# Each process reads the generation at most once per GENERATIE_GELDIG seconds: a change
# made on another app server shows here within that time, and a page costs a cache read
# less. A change made in this process shows at once.
GENERATIE_GELDIG = 1.0
_gelezen: tuple[str | None, float] = (None, 0.0)


def _generatie() -> str:
    global _gelezen
    generatie, tot = _gelezen
    if generatie is not None and time.monotonic() < tot:
        return generatie
    generatie = _cache().get(GENERATIE_SLEUTEL)
    if generatie is None:
        # First use, or the entry was culled: a fresh generation, so no older page counts.
        _cache().add(GENERATIE_SLEUTEL, uuid.uuid4().hex, None)
        generatie = _cache().get(GENERATIE_SLEUTEL, "")
    _gelezen = (generatie, time.monotonic() + GENERATIE_GELDIG)
    return generatie


def _nieuwe_generatie() -> None:
    global _gelezen
    generatie = uuid.uuid4().hex
    _cache().set(GENERATIE_SLEUTEL, generatie, None)
    _gelezen = (generatie, time.monotonic() + GENERATIE_GELDIG)


def verversen() -> None:
    """Pages made from now on are new. Within a transaction also once more when it
    commits: a page rendered from the old data in the meantime is not kept as new."""
    if not settings.CACHE_MIDDLEWARE_SECONDS:
        return
    _nieuwe_generatie()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_nieuwe_generatie)


# What gedeeld() keeps in this process: naam -> (generation, until, value).
_gedeeld: dict[str, tuple[str, float, object]] = {}


def gedeeld(naam: str, maken):
    """``maken()``, kept in this process until the content changes (or for the page
    cache's timeout), when the page cache is on: for data that is the same for everyone
    who gets it and costs more to build than to keep. Kept as objects, not pickled (a
    list of model instances costs more to unpickle than to query), so callers must not
    change what they get. ``naam`` must say everything the data depends on."""
    if not settings.CACHE_MIDDLEWARE_SECONDS:
        return maken()
    try:
        # Read before building: data built from older content is then kept under the
        # older generation, and built anew on the next request.
        generatie = _generatie()
    except CACHEFOUTEN:
        return maken()
    bewaard = _gedeeld.get(naam)
    if bewaard is not None and bewaard[0] == generatie and time.monotonic() < bewaard[1]:
        return bewaard[2]
    waarde = maken()
    _gedeeld[naam] = (generatie, time.monotonic() + settings.CACHE_MIDDLEWARE_SECONDS, waarde)
    return waarde


@receiver(setting_changed)
def _instelling_gewijzigd(setting, **kwargs) -> None:
    # Tests switch the cache on and off; what this process kept belongs to the old set-up.
    global _gelezen
    if setting in ("CACHE_MIDDLEWARE_SECONDS", "CACHE_MIDDLEWARE_ALIAS", "CACHES"):
        _gelezen = (None, 0.0)
        _gedeeld.clear()


def _bij_wijziging(sender, **kwargs) -> None:
    verversen()


def volgen(app_config) -> None:
    """Renew the cached pages whenever a model of ``app_config`` is saved or deleted, or
    one of its many-to-many relations changes. Bulk writes send no signals: the services
    that make them call ``verversen`` themselves."""
    for model in app_config.get_models():
        uid = f"paginacache-{model._meta.label_lower}"
        post_save.connect(_bij_wijziging, sender=model, dispatch_uid=uid)
        post_delete.connect(_bij_wijziging, sender=model, dispatch_uid=uid)
        for veld in model._meta.local_many_to_many:
            m2m_changed.connect(
                _bij_wijziging,
                sender=veld.remote_field.through,
                dispatch_uid=f"{uid}-{veld.name}",
            )


def _anoniem(request) -> bool:
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and CookieStorage.cookie_name not in cookies


class PaginaOpslaan(UpdateCacheMiddleware):
    """First in MIDDLEWARE: keeps a page as the other middleware left it (headers too)."""

    def process_response(self, request, response):
        prefix = getattr(request, "_paginacache_prefix", None)
        if prefix is None:
            return response
        voor_dit_verzoek = copy.copy(self)
        voor_dit_verzoek.key_prefix = prefix
        voor_dit_verzoek.cache_timeout = settings.CACHE_MIDDLEWARE_SECONDS
        try:
            return super(PaginaOpslaan, voor_dit_verzoek).process_response(request, response)
        except CACHEFOUTEN:
            return response


class PaginaOphalen(FetchFromCacheMiddleware):
    """Last in MIDDLEWARE, after the rate limits: a cached page counts as a request too."""

    def process_request(self, request):
        if not settings.CACHE_MIDDLEWARE_SECONDS or not _anoniem(request):
            return None
        voor_dit_verzoek = copy.copy(self)
        try:
            voor_dit_verzoek.key_prefix = f"{self.key_prefix}{_generatie()}"
            response = super(PaginaOphalen, voor_dit_verzoek).process_request(request)
        except CACHEFOUTEN:
            return None
        request._paginacache_prefix = voor_dit_verzoek.key_prefix
        return response
