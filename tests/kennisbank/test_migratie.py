"""Migration 0009 (search without the lexeme tables) on a database that holds items."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from kennisbank.models import Instrument
from kennisbank.selectors import zoeken
from tests.kennisbank.helpers import maak

VOOR = [("kennisbank", "0008_instrument_criteria")]


def _tabellen() -> set[str]:
    return set(connection.introspection.table_names())


@pytest.mark.django_db(transaction=True)
def test_migrating_back_and_forward_keeps_the_items_and_leaves_no_triggers():
    maak(Instrument, "Leerwerkakkoord in de regio")
    MigrationExecutor(connection).migrate(VOOR)
    assert "kennisbank_lexeemtelling" in _tabellen()
    call_command("migrate", "kennisbank", verbosity=0)
    assert not {"kennisbank_lexeemtelling", "kennisbank_lexeemfacet", "kennisbank_lexeemrang"} & (
        _tabellen()
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal"
            " AND tgrelid IN ('kennisbank_kennisitem'::regclass,"
            " 'kennisbank_kennisitem_sectoren'::regclass)"
        )
        assert cursor.fetchone() == (0,)
    resultaat = zoeken(gebruiker=AnonymousUser(), zoekterm="leerwerkakkoord")
    assert [t.item.slug for t in resultaat.treffers] == ["leerwerkakkoord-in-de-regio"]
