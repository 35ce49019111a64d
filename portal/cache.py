"""The default cache: a table in the portal's own database, shared by every app server.

Django's DatabaseCache counts up with a read and a separate write, and the write also
moves the entry's expiry. Two servers counting the same key at once would both write
the same number. Rate limits need an exact count, so here an increment locks the key's
row, adds to its value and leaves its expiry alone (as Redis does).
"""

import base64
import pickle

from django.core.cache.backends import db
from django.db import connections, router, transaction
from django.utils import timezone


class DatabaseCache(db.DatabaseCache):
    def incr(self, key, delta=1, version=None):
        sleutel = self.make_and_validate_key(key, version=version)
        database = router.db_for_write(self.cache_model_class)
        connection = connections[database]
        tabel = connection.ops.quote_name(self._table)
        with transaction.atomic(using=database), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT value, expires FROM {tabel} WHERE cache_key = %s FOR UPDATE", [sleutel]
            )
            rij = cursor.fetchone()
            if rij is None or rij[1] < timezone.now():
                raise ValueError(f"Key '{key}' not found")
            waarde = pickle.loads(base64.b64decode(rij[0].encode())) + delta
            opgeslagen = base64.b64encode(pickle.dumps(waarde, self.pickle_protocol)).decode()
            cursor.execute(
                f"UPDATE {tabel} SET value = %s WHERE cache_key = %s", [opgeslagen, sleutel]
            )
        return waarde


def cachetabellen_maken(sender, using="default", **kwargs) -> None:
    """After every migrate: the cache table exists wherever the database cache is used.
    ``createcachetable`` skips a table that is already there."""
    from django.core.management import call_command

    if sender.label == "portal":
        call_command("createcachetable", database=using, verbosity=0)
