"""System checks of the portal. ``migrate`` runs the database ones before it changes anything."""

from django.core import checks
from django.db import connections

MINIMALE_POSTGRESQL = 15  # the oldest version the PostgreSQL project still supports


def versiefout(server_versie: int) -> str | None:
    """A Dutch message when ``server_versie`` (as ``connection.pg_version``, e.g. 180001)
    is older than the portal needs, else None."""
    hoofdversie = server_versie // 10_000
    if hoofdversie >= MINIMALE_POSTGRESQL:
        return None
    return (
        f"Het portaal heeft PostgreSQL {MINIMALE_POSTGRESQL} of nieuwer nodig; "
        f"de database draait versie {hoofdversie}."
    )


@checks.register(checks.Tags.database)
def postgresql_versie(app_configs=None, databases=None, **kwargs):
    fouten = []
    for alias in databases or []:
        melding = versiefout(connections[alias].pg_version)
        if melding:
            fouten.append(checks.Error(melding, id="portal.E001"))
    return fouten
