"""The search index of one-word searches (Lexeemtelling, Lexeemrang): kept exact by the
triggers of migration 0006 through every kind of write, and read by the search so that it
gives exactly what counting and ranking the matches gives."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import connection

from kennisbank.models import Instrument, Kennisitem, Materiaal, Praktijkvoorbeeld
from kennisbank.selectors import zoeken
from kennisbank.services import (
    kennisitem_opslaan,
    kennisitems_archiveren,
    kennisitems_publiceren,
)
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


def _rijen(sql: str) -> set[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return set(cursor.fetchall())


def _index_klopt() -> None:
    tellingen = _rijen(
        "SELECT lexeem, openbaar, gepubliceerd, openbaar_rang, gepubliceerd_rang"
        " FROM kennisbank_lexeemtelling WHERE gepubliceerd <> 0"
    )
    assert tellingen == _rijen(_TELLINGEN_UIT_ITEMS)
    rangen = _rijen("SELECT item_id, lexeem, score, publiek FROM kennisbank_lexeemrang")
    assert rangen == _rijen(_RANGEN_UIT_ITEMS)


def test_the_index_follows_every_kind_of_write():
    _index_klopt()  # empty
    eerste = maak(Instrument, "Jobcoaching voor werkgevers", inhoud="Over de praktijkverklaring.")
    maak(Materiaal, "Folder jobcoaching", samenvatting="Voor kandidaten", publiek=False)
    maak(Praktijkvoorbeeld, "Concept over jobcoaching", status="concept")
    _index_klopt()

    eerste.titel = "Begeleiding op de werkvloer"  # a lexeme leaves the title
    kennisitem_opslaan(item=eerste)
    _index_klopt()

    kennisitems_publiceren(items=Praktijkvoorbeeld.objects.all())
    kennisitems_archiveren(items=Materiaal.objects.all())
    _index_klopt()

    Kennisitem.objects.filter(pk=eerste.pk).update(publiek=False)  # a bulk write
    _index_klopt()

    Instrument.objects.get(pk=eerste.pk).delete()
    _index_klopt()
    assert _rijen("SELECT gepubliceerd FROM kennisbank_lexeemtelling WHERE lexeem = ''") == {(1,)}


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
    """Seven items per tier for "jobcoaching", some not public, one archived."""
    for n in range(7):
        openbaar = n % 3 != 0
        maak(Materiaal, f"Jobcoaching deel {n}", publiek=openbaar)
        maak(
            Instrument, f"Samenvatting {n}", samenvatting=f"Over jobcoaching, {n}", publiek=openbaar
        )
        maak(Praktijkvoorbeeld, f"Tekst {n}", inhoud=f"Verderop jobcoaching ({n}).")
    maak(Materiaal, "Jobcoaching oud", status="gearchiveerd")


@pytest.mark.parametrize("ingelogd", [False, True])
@pytest.mark.parametrize("met_facetten", [False, True])
def test_a_one_word_search_reads_the_index_and_gives_what_ranking_all_matches_gives(
    ingelogd, met_facetten, django_assert_max_num_queries, django_user_model, monkeypatch
):
    monkeypatch.setattr("kennisbank.selectors.VERBREDEN_ONDER", 3)  # 15 matches: not widened
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
            # the index: two statements (facets: labels and the counts pass before them)
            with django_assert_max_num_queries(5 if met_facetten else 2):
                uit_index = zoeken(
                    gebruiker=gebruiker,
                    zoekterm="jobcoaching",
                    pagina=pagina,
                    per_pagina=per_pagina,
                    met_facetten=met_facetten,
                )
            assert uit_index.aantal == referentie.aantal
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
