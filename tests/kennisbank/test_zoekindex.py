"""The search index of one-word searches (Lexeemtelling, Lexeemrang): kept exact by the
triggers of migration 0006 through every kind of write, and read by the search so that it
gives exactly what counting and ranking the matches gives."""

import threading
import time

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import close_old_connections, connection, transaction
from django.test.utils import CaptureQueriesContext

from kennisbank.models import Instrument, Kennisitem, Materiaal, Praktijkvoorbeeld
from kennisbank.selectors import zoeken
from kennisbank.services import (
    kennisitem_opslaan,
    kennisitems_archiveren,
    kennisitems_publiceren,
)
from portal.models import Sector
from tests.kennisbank.helpers import maak

pytestmark = pytest.mark.django_db

# The index as it should be, computed from the items themselves: counts per lexeme and
# audience, and each published item's score per lexeme of its titel and samenvatting
# (the score of selectors._score for a search for that word).
_TELLINGEN_UIT_ITEMS = """
    SELECT l, count(*) FILTER (WHERE k.publiek AND NOT r), count(*) FILTER (WHERE NOT r),
           count(*) FILTER (WHERE k.publiek AND r), count(*) FILTER (WHERE r)
    FROM kennisbank_kennisitem k CROSS JOIN LATERAL (
        SELECT '', false
        UNION ALL SELECT v, false FROM unnest(tsvector_to_array(k.zoekvector)) v
        UNION ALL SELECT v, true FROM unnest(tsvector_to_array(k.rangvector)) v
    ) AS x (l, r)
    WHERE k.status = 'gepubliceerd' GROUP BY l
"""
_RANGEN_UIT_ITEMS = """
    SELECT k.id, w, (CASE WHEN k.rangvector @@ (quote_literal(w) || ':A')::tsquery
                          THEN 20.0 ELSE 10.0 END)::float8
                    + ts_rank(k.rangvector, quote_literal(w)::tsquery)::float8 + 0.01::float8,
           k.publiek
    FROM kennisbank_kennisitem k CROSS JOIN LATERAL unnest(tsvector_to_array(k.rangvector)) w
    WHERE k.status = 'gepubliceerd'
"""

_FACETTEN_UIT_ITEMS = """
    SELECT l, o.facet, o.optie, count(*) FILTER (WHERE k.publiek), count(*)
    FROM kennisbank_kennisitem k
    CROSS JOIN LATERAL unnest(tsvector_to_array(k.zoekvector)) l
    CROSS JOIN LATERAL (
        SELECT 'type', k.type::text
        UNION SELECT 'regio', coalesce(k.regio_id::text, '')
        UNION SELECT 'doelgroep', d::text FROM unnest(k.doelgroepen) d
        UNION SELECT 'bewijsstuk', b::text FROM unnest(k.bewijsstukken) b
        UNION SELECT 'sector', s.sector_id::text
            FROM kennisbank_kennisitem_sectoren s WHERE s.kennisitem_id = k.id
    ) AS o (facet, optie)
    WHERE k.status = 'gepubliceerd' GROUP BY 1, 2, 3
"""


def _rijen(sql: str) -> set[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return set(cursor.fetchall())


def _index_klopt() -> None:
    tellingen = _rijen(
        "SELECT lexeem, openbaar, gepubliceerd, openbaar_rang, gepubliceerd_rang"
        " FROM kennisbank_lexeemtelling"
    )
    assert tellingen == _rijen(_TELLINGEN_UIT_ITEMS)
    rangen = _rijen("SELECT item_id, lexeem, score, publiek FROM kennisbank_lexeemrang")
    assert rangen == _rijen(_RANGEN_UIT_ITEMS)
    facetten = _rijen(
        "SELECT lexeem, facet, optie, openbaar, gepubliceerd FROM kennisbank_lexeemfacet"
    )
    assert facetten == _rijen(_FACETTEN_UIT_ITEMS)


def test_the_index_follows_every_kind_of_write():
    _index_klopt()  # empty
    eerste = maak(
        Instrument,
        "Jobcoaching voor werkgevers",
        inhoud="Over de praktijkverklaring.",
        sectoren=["zorg-welzijn-en-sport", "handel"],
        regio="twente",
        doelgroepen=["ww", "bijstand", "ww"],
        bewijsstukken=["praktijkverklaring"],
    )
    maak(Materiaal, "Folder jobcoaching", samenvatting="Voor kandidaten", publiek=False)
    maak(
        Praktijkvoorbeeld,
        "Concept over jobcoaching",
        status="concept",
        sectoren=["zorg-welzijn-en-sport"],
    )
    _index_klopt()

    eerste.sectoren.set(Sector.objects.filter(slug="zorg-welzijn-en-sport"))  # a link removed
    eerste.regio = None
    kennisitem_opslaan(item=eerste)
    _index_klopt()

    eerste.titel = "Begeleiding op de werkvloer"  # a lexeme leaves the title
    kennisitem_opslaan(item=eerste)
    _index_klopt()

    kennisitems_publiceren(items=Praktijkvoorbeeld.objects.all())
    kennisitems_archiveren(items=Materiaal.objects.all())
    _index_klopt()

    Kennisitem.objects.filter(pk=eerste.pk).update(publiek=False)
    _index_klopt()

    Kennisitem.objects.filter(pk=eerste.pk).update(doelgroepen=["wajong"], bewijsstukken=[])
    _index_klopt()

    # one statement over items in different states
    Kennisitem.objects.update(status="gepubliceerd", samenvatting="Jobcoaching in het kort")
    _index_klopt()

    with connection.cursor() as cursor:  # written by hand: an item gets another id
        cursor.execute("UPDATE kennisbank_kennisitem SET id = id + 1000 WHERE id = %s", [eerste.pk])
    _index_klopt()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE kennisbank_kennisitem SET id = id - 1000 WHERE id = %s", [eerste.pk + 1000]
        )
    _index_klopt()

    Instrument.objects.get(pk=eerste.pk).delete()
    _index_klopt()
    # the material and the example, both published by the one update above
    assert _rijen("SELECT gepubliceerd FROM kennisbank_lexeemtelling WHERE lexeem = ''") == {(2,)}


def test_an_edit_that_leaves_the_search_text_alone_changes_nothing_in_the_index():
    item = maak(Instrument, "Jobcoaching voor werkgevers")
    voor = _rijen("SELECT * FROM kennisbank_lexeemrang")
    item.kosten = "Gratis"
    kennisitem_opslaan(item=item)
    assert _rijen("SELECT * FROM kennisbank_lexeemrang") == voor
    _index_klopt()


@pytest.mark.django_db(transaction=True)
def test_emptying_the_items_table_empties_the_index():
    maak(Instrument, "Jobcoaching voor werkgevers")
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE kennisbank_kennisitem CASCADE")
    assert _rijen("SELECT * FROM kennisbank_lexeemtelling") == set()
    assert _rijen("SELECT * FROM kennisbank_lexeemrang") == set()
    assert _rijen("SELECT * FROM kennisbank_lexeemfacet") == set()


@pytest.mark.django_db(transaction=True)
def test_emptying_the_sector_links_empties_the_sector_counts():
    maak(Instrument, "Jobcoaching voor werkgevers", sectoren=["handel"])
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE kennisbank_kennisitem_sectoren")
    _index_klopt()


def test_locking_items_for_a_bulk_action_first_takes_the_writers_turn():
    """Else a single save could take the turn and then wait for a locked row, while the
    bulk action waits for the turn."""
    maak(Materiaal, "Jobcoaching")
    kennisitems_archiveren(items=Materiaal.objects.all())
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
            " AND pid = pg_backend_pid() AND granted"
        )
        assert cursor.fetchone()[0] == 1


@pytest.mark.django_db(transaction=True)
def test_migrating_forward_fills_the_index_from_the_items_already_stored():
    maak(Instrument, "Jobcoaching voor werkgevers")
    maak(Materiaal, "Folder", samenvatting="Over jobcoaching", publiek=False)
    call_command("migrate", "kennisbank", "0005_zoekindexen", verbosity=0)
    with connection.cursor() as cursor:  # written while nothing keeps an index
        cursor.execute(
            "UPDATE kennisbank_kennisitem SET titel = 'Jobcoaching' WHERE slug = 'folder'"
        )
    call_command("migrate", verbosity=0)
    _index_klopt()
    assert _rijen(
        "SELECT openbaar, gepubliceerd, openbaar_rang, gepubliceerd_rang"
        " FROM kennisbank_lexeemtelling"
        " WHERE lexeem = (tsvector_to_array(to_tsvector('portaal_nl', 'jobcoaching')))[1]"
    ) == {(1, 2, 1, 2)}


@pytest.mark.parametrize("lexeem", ["a'b", "a\\b", "''", "ab:c", "a b"])
def test_any_lexeme_becomes_a_query_for_exactly_that_lexeme(lexeem):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT array_to_tsvector(ARRAY[%s]) @@ kennisbank_lexeem_als_tsquery(%s),"
            " array_to_tsvector(ARRAY['ab']) @@ kennisbank_lexeem_als_tsquery(%s)",
            [lexeem, lexeem, lexeem],
        )
        assert cursor.fetchone() == (True, False)


def _items_in_drie_treden():
    """Seven items per tier for "jobcoaching", some not public, one archived, with
    sectors, regions, doelgroepen and bewijsstukken for the facets."""
    for n in range(7):
        openbaar = n % 3 != 0
        kenmerken = {
            "sectoren": ["handel", "zorg-welzijn-en-sport"][: n % 3],
            "regio": "twente" if n % 2 else None,
            "doelgroepen": ["ww", "bijstand"][: n % 3],
            "bewijsstukken": ["praktijkverklaring"] if n % 4 else [],
        }
        maak(Materiaal, f"Jobcoaching deel {n}", publiek=openbaar, **kenmerken)
        maak(
            Instrument,
            f"Samenvatting {n}",
            samenvatting=f"Over jobcoaching, {n}",
            publiek=openbaar,
            **kenmerken,
        )
        maak(Praktijkvoorbeeld, f"Tekst {n}", inhoud=f"Verderop jobcoaching ({n}).", **kenmerken)
    maak(Materiaal, "Jobcoaching oud", status="gearchiveerd", sectoren=["handel"])


def _facetten(resultaat) -> dict:
    return {f.naam: {o.waarde: o.aantal for o in f.opties} for f in resultaat.facetten}


@pytest.mark.parametrize("ingelogd", [False, True])
@pytest.mark.parametrize("met_facetten", [False, True])
@pytest.mark.parametrize("op_volgorde_tot", [0, 10**9])  # either plan for the text-only items
def test_a_one_word_search_reads_the_index_and_gives_what_ranking_all_matches_gives(
    ingelogd, met_facetten, op_volgorde_tot, django_user_model, monkeypatch
):
    monkeypatch.setattr("kennisbank.selectors.VERBREDEN_ONDER", 3)  # 15 matches: not widened
    monkeypatch.setattr("kennisbank.selectors._OP_VOLGORDE_TOT", op_volgorde_tot)
    _items_in_drie_treden()
    gebruiker = (
        django_user_model.objects.create_user(username="consulent", password="geheim-123!")
        if ingelogd
        else AnonymousUser()
    )
    # Selecting every type filters nothing, but a filter makes the search count and rank
    # the matches themselves: the reference.
    alle_typen = {"type": ["instrument", "praktijkvoorbeeld", "materiaal"]}
    for per_pagina in (3, 5, 20):
        for pagina in range(1, 9):
            referentie = zoeken(
                gebruiker=gebruiker,
                zoekterm="jobcoaching",
                filters=alle_typen,
                pagina=pagina,
                per_pagina=per_pagina,
                met_facetten=False,
            )
            with CaptureQueriesContext(connection) as opdrachten:
                uit_index = zoeken(
                    gebruiker=gebruiker,
                    zoekterm="jobcoaching",
                    pagina=pagina,
                    per_pagina=per_pagina,
                    met_facetten=met_facetten,
                )
            # the index looked up, and the page (facets: also the counting pass, labels)
            sql = [opdracht["sql"] for opdracht in opdrachten.captured_queries]
            assert len(sql) <= (5 if met_facetten else 2)
            assert any("kennisbank_lexeemtelling" in opdracht for opdracht in sql)
            assert uit_index.aantal == referentie.aantal
            if met_facetten:  # the same word twice: the same matches, counted over them
                dubbel = zoeken(gebruiker=gebruiker, zoekterm="jobcoaching jobcoaching")
                assert dubbel.aantal == uit_index.aantal
                assert _facetten(uit_index) == _facetten(dubbel)
                assert _facetten(uit_index)["sector"]
            assert uit_index.pagina.number == referentie.pagina.number
            assert [(t.item.slug, t.score, t.fragment) for t in uit_index.treffers] == [
                (t.item.slug, t.score, t.fragment) for t in referentie.treffers
            ]
    assert referentie.aantal == (21 if ingelogd else 15)


def test_a_one_word_search_sees_a_change_at_once():
    for n in range(25):
        maak(Materiaal, f"Jobcoaching deel {n}")
    item = Materiaal.objects.get(slug="jobcoaching-deel-3")
    assert (
        zoeken(gebruiker=AnonymousUser(), zoekterm="jobcoaching", met_facetten=False).aantal == 25
    )
    kennisitems_archiveren(items=Materiaal.objects.filter(pk=item.pk))
    resultaat = zoeken(gebruiker=AnonymousUser(), zoekterm="jobcoaching", met_facetten=False)
    assert resultaat.aantal == 24
    assert item.slug not in [t.item.slug for t in resultaat.treffers]


def test_an_unknown_facet_value_still_counts_the_facets_over_the_matches():
    for n in range(25):
        maak(Materiaal, f"Jobcoaching deel {n}")
    maak(Instrument, "Iets anders")
    resultaat = zoeken(
        gebruiker=AnonymousUser(), zoekterm="jobcoaching", filters={"regio": ["nergens"]}
    )
    assert resultaat.ongeldige_filters
    assert resultaat.aantal == 25
    assert _facetten(resultaat)["type"] == {"materiaal": 25}


def test_a_stop_word_alone_finds_nothing_in_one_statement(django_assert_num_queries):
    maak(Materiaal, "De jobcoach")
    with django_assert_num_queries(1):
        resultaat = zoeken(gebruiker=AnonymousUser(), zoekterm="de", met_facetten=False)
    assert resultaat.aantal == 0 and not resultaat.treffers


@pytest.mark.django_db(transaction=True)
def test_two_transactions_writing_several_items_wait_for_each_other_instead_of_deadlocking():
    """Each writes two items whose words overlap in the opposite order: without waiting,
    each would hold a count row the other needs."""
    a = maak(Materiaal, "Eerste")
    b = maak(Materiaal, "Tweede")
    c = maak(Materiaal, "Derde")
    fouten, verder = [], threading.Event()

    def schrijf(stappen):
        try:
            with transaction.atomic():
                for pk, titel, wachten in stappen:
                    Kennisitem.objects.filter(pk=pk).update(titel=titel)
                    if wachten:
                        assert verder.wait(10)
        except Exception as fout:  # the deadlock PostgreSQL would report
            fouten.append(fout)
        finally:
            close_old_connections()
            connection.close()

    een = threading.Thread(
        target=schrijf, args=([(a.pk, "Appel zebra", True), (c.pk, "Banaan", False)],)
    )
    twee = threading.Thread(target=schrijf, args=([(b.pk, "Banaan zebra", False)],))
    een.start()
    with connection.cursor() as cursor:  # the first holds its locks: start the second
        for _ in range(100):
            cursor.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")
            if cursor.fetchone()[0]:
                break
            time.sleep(0.05)
        twee.start()
        for _ in range(100):  # until the second waits for the first
            cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
            if cursor.fetchone()[0]:
                break
            time.sleep(0.05)
    verder.set()
    een.join(20)
    twee.join(20)
    assert fouten == []
    assert set(Kennisitem.objects.values_list("titel", flat=True)) == {
        "Appel zebra",
        "Banaan zebra",
        "Banaan",
    }
    _index_klopt()
