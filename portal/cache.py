"""The default cache and the page cache: tables in the portal's own database, shared by
every app server.

Rate limits ask the cache two things on each request: ``add`` a counter for a new
window, else ``incr`` it; the page cache ``set``s every page it keeps. Django's
DatabaseCache does each with a read and a separate write (two servers counting at once
would both write the same number; an increment also moved the entry's expiry) and
counts the whole table on every write to decide on culling, and it only ever deletes
expired entries when the table is full. Here ``add`` and ``set`` are one upsert each and
``incr`` locks the key's row, adds to its value and leaves its expiry alone (as Redis
does); now and then a write clears the expired entries, and culls the table to
MAX_ENTRIES only when it is still too full after that.
"""

import base64
import pickle
import random
from datetime import UTC, datetime

from django.core.cache.backends import db
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.db import connections, router, transaction
from django.utils import timezone

# On about one write in this many, expired entries are deleted (and the table culled).
OPRUIMEN_PER = 200


class DatabaseCache(db.DatabaseCache):
    def _verbinding(self):
        connection = connections[router.db_for_write(self.cache_model_class)]
        return connection, connection.ops.quote_name(self._table)

    def _waarde(self, value) -> str:
        return base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")

    def _tot(self, timeout) -> datetime:
        verloopt = self.get_backend_timeout(timeout)
        if verloopt is None:
            return datetime.max.replace(tzinfo=UTC)
        return datetime.fromtimestamp(verloopt, tz=UTC).replace(microsecond=0)

    def _opruimen(self, connection, cursor, tabel: str, nu: datetime) -> None:
        cursor.execute(f"DELETE FROM {tabel} WHERE expires < %s", [nu])
        cursor.execute(f"SELECT COUNT(*) FROM {tabel}")
        (aantal,) = cursor.fetchone()
        if aantal > self._max_entries:
            self._cull(connection.alias, cursor, nu, aantal)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        sleutel = self.make_and_validate_key(key, version=version)
        connection, tabel = self._verbinding()
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {tabel} (cache_key, value, expires) VALUES (%s, %s, %s) "
                f"ON CONFLICT (cache_key) DO UPDATE SET value = EXCLUDED.value, "
                f"expires = EXCLUDED.expires",
                [sleutel, self._waarde(value), self._tot(timeout)],
            )
            if random.randrange(OPRUIMEN_PER) == 0:
                self._opruimen(connection, cursor, tabel, timezone.now())

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        sleutel = self.make_and_validate_key(key, version=version)
        tot = self._tot(timeout)
        nu = timezone.now()
        connection, tabel = self._verbinding()
        with connection.cursor() as cursor:
            # A new key, or one whose entry has expired, is written; a live one is kept.
            cursor.execute(
                f"INSERT INTO {tabel} (cache_key, value, expires) VALUES (%s, %s, %s) "
                f"ON CONFLICT (cache_key) DO UPDATE SET value = EXCLUDED.value, "
                f"expires = EXCLUDED.expires WHERE {tabel}.expires < %s RETURNING 1",
                [sleutel, self._waarde(value), tot, nu],
            )
            toegevoegd = cursor.fetchone() is not None
            if toegevoegd and random.randrange(OPRUIMEN_PER) == 0:
                self._opruimen(connection, cursor, tabel, nu)
        return toegevoegd

    def incr(self, key, delta=1, version=None):
        sleutel = self.make_and_validate_key(key, version=version)
        connection, tabel = self._verbinding()
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT value, expires FROM {tabel} WHERE cache_key = %s FOR UPDATE", [sleutel]
            )
            rij = cursor.fetchone()
            if rij is None or rij[1] < timezone.now():
                raise ValueError(f"Key '{key}' not found")
            waarde = pickle.loads(base64.b64decode(rij[0].encode())) + delta
            cursor.execute(
                f"UPDATE {tabel} SET value = %s WHERE cache_key = %s",
                [self._waarde(waarde), sleutel],
            )
        return waarde


def cachetabellen_maken(sender, using="default", **kwargs) -> None:
    """After every migrate: the cache table exists wherever the database cache is used.
    ``createcachetable`` skips a table that is already there."""
    from django.core.management import call_command

    if sender.label == "portal":
        call_command("createcachetable", database=using, verbosity=0)
