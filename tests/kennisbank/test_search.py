from functools import partial

import pytest

from kennisbank.models import Instrument, Materiaal, Praktijkvoorbeeld
from kennisbank.selectors import zoeken
from tests.kennisbank.helpers import maak

pytestmark = pytest.mark.django_db


def _slugs(client, q, **params):
    response = client.get("/api/v1/zoeken", {"q": q, **params})
    assert response.status_code == 200, response.content
    return [r["slug"] for r in response.json()["results"]], response.json()


def test_stemming_finds_the_singular_from_the_plural(client):
    maak(Instrument, "Route naar een praktijkverklaring")
    slugs, _ = _slugs(client, "praktijkverklaringen")
    assert slugs == ["route-naar-een-praktijkverklaring"]


def test_accents_are_ignored(client):
    maak(Praktijkvoorbeeld, "Werkgever raakte geïnspireerd")
    assert _slugs(client, "geinspireerd")[0] == ["werkgever-raakte-geinspireerd"]
    assert _slugs(client, "geïnspireerd")[0] == ["werkgever-raakte-geinspireerd"]


def test_a_word_finds_compounds_that_start_with_it(client):
    maak(Praktijkvoorbeeld, "Naaister bij een confectiebedrijf")
    assert _slugs(client, "confectie")[0] == ["naaister-bij-een-confectiebedrijf"]


def test_a_title_hit_ranks_above_a_body_hit(client):
    maak(Materiaal, "Over loopbanen", inhoud="Iets over jobcoaching halverwege de tekst.")
    maak(Materiaal, "Jobcoaching op de werkvloer")
    maak(Materiaal, "Iets anders", samenvatting="Met jobcoaching in de samenvatting")
    slugs, antwoord = _slugs(client, "jobcoaching")
    assert slugs == ["jobcoaching-op-de-werkvloer", "iets-anders", "over-loopbanen"]
    scores = [r["score"] for r in antwoord["results"]]
    assert scores == sorted(scores, reverse=True)


def test_results_of_all_types_in_one_list_with_type(client):
    maak(Instrument, "Jobcoaching")
    maak(Praktijkvoorbeeld, "Jobcoaching in de zorg")
    maak(Materiaal, "Brochure jobcoaching")
    _, antwoord = _slugs(client, "jobcoaching")
    assert {r["type"] for r in antwoord["results"]} == {
        "instrument",
        "praktijkvoorbeeld",
        "materiaal",
    }
    assert antwoord["facetten"]["type"] == {"instrument": 1, "praktijkvoorbeeld": 1, "materiaal": 1}


def test_fragment_marks_hits_and_escapes_the_rest(client):
    maak(
        Instrument,
        "Proefplaatsing",
        inhoud="Een <script>alert(1)</script> proefplaatsing kost < 100 & duurt kort.",
    )
    _, antwoord = _slugs(client, "proefplaatsing")
    fragment = antwoord["results"][0]["fragment"]
    assert "<mark>proefplaatsing</mark>" in fragment
    assert "<script" not in fragment
    assert "&lt; 100 &amp; duurt" in fragment


def test_websearch_syntax_phrase_exclusion_and_or(client):
    maak(Instrument, "Leerwerkloket in de regio", samenvatting="Advies over leren en werken")
    maak(Instrument, "Werken en leren", samenvatting="Iets over leren en werken apart")
    assert _slugs(client, '"leerwerkloket in de regio"')[0] == ["leerwerkloket-in-de-regio"]
    assert _slugs(client, "leren -leerwerkloket")[0] == ["werken-en-leren"]
    assert len(_slugs(client, "leerwerkloket or apart")[0]) == 2


def test_misspelling_gets_a_suggestion(client):
    maak(Instrument, "Jobcoaching", samenvatting="Begeleiding op de werkplek door een jobcoach.")
    _, antwoord = _slugs(client, "jobcoahcing")
    assert antwoord["count"] == 0
    assert antwoord["suggestie"] == "jobcoaching"
    page = client.get("/zoeken/", {"q": "jobcoahcing"})
    assert "Bedoelde u" in page.content.decode()


def test_suggestion_never_reveals_non_public_words(client):
    maak(Instrument, "Geheimzinnigheidsregeling", intern=True)
    _, antwoord = _slugs(client, "geheimzinigheidsregeling")
    assert antwoord["suggestie"] is None


def test_empty_state_is_helpful(client):
    response = client.get("/zoeken/", {"q": "xyzzy"})
    tekst = response.content.decode()
    assert response.status_code == 200
    assert "Geen resultaten" in tekst and "Controleer de spelling" in tekst


def test_only_stop_words_finds_nothing_without_error(client, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    maak(Instrument, "De en het")
    assert zoeken(gebruiker=AnonymousUser(), zoekterm="de het een").aantal == 0


def test_ended_instruments_are_marked_in_results(client):
    maak(Instrument, "STAP-budget", geldig_tot="2023-12-31")
    response = client.get("/zoeken/", {"q": "stap-budget"})
    assert "Beëindigd per 31 december 2023" in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"q": "a" * 5000},
        {"q": "praktijk\x00verklaring"},
        {"q": "\x01\x02\x1b[31m"},
        {"q": '"onafgesloten'},
        {"q": "((( -- or or ''' !"},
        {"q": "zorg", "page": "-1"},
        {"q": "zorg", "page": "abc"},
        {"q": "zorg", "page": "99999999999999999999"},
    ],
)
def test_bad_search_input_never_fails(client, params):
    maak(Instrument, "Praktijkverklaring in de zorg")
    response = client.get("/zoeken/", params)
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"q": "a" * 5000}, 200),
        ({"q": "praktijk\x00verklaring"}, 200),
        ({"q": '"onafgesloten'}, 200),
        ({"q": "zorg", "page": "-1"}, 400),
        ({"q": "zorg", "page": "abc"}, 400),
        ({"q": "zorg", "sector": "bestaat-niet"}, 400),
        ({"q": "zorg", "type": "\x00"}, 400),
    ],
)
def test_bad_api_search_input_is_a_4xx_at_worst(client, params, status):
    response = client.get("/api/v1/zoeken", params)
    assert response.status_code == status
    assert "fout" in response.json() or status == 200


def test_unknown_filter_on_search_page_is_a_400_with_a_message(client):
    response = client.get("/zoeken/", {"q": "zorg", "regio": "atlantis"})
    assert response.status_code == 400
    assert "Regio: onbekende of ongeldige waarde" in response.content.decode()


def test_region_filter_accepts_names(client):
    maak(Praktijkvoorbeeld, "Zorg in Twente", regio="twente")
    maak(Praktijkvoorbeeld, "Zorg in Venlo", regio="noord-limburg")
    slugs, _ = _slugs(client, "zorg", regio=" TWENTE ")
    assert slugs == ["zorg-in-twente"]


def _anoniem_zoeken(zoekterm, **kwargs):
    from django.contrib.auth.models import AnonymousUser

    return zoeken(gebruiker=AnonymousUser(), zoekterm=zoekterm, met_facetten=False, **kwargs)


def _drie_treden():
    """Three items per tier for "jobcoaching": in the title, in the summary, in the text."""
    for n in range(3):
        maak(Materiaal, f"Jobcoaching deel {n}")
        maak(Materiaal, f"Samenvatting {n}", samenvatting=f"Over jobcoaching, deel {n}")
        maak(Materiaal, f"Tekst {n}", inhoud=f"Verderop gaat het over jobcoaching ({n}).")


@pytest.mark.parametrize("verbreden", [True, False])
def test_tiers_order_every_page_the_same_as_one_long_page(monkeypatch, verbreden):
    if not verbreden:  # then the first page ranks the title tier alone
        monkeypatch.setattr("kennisbank.selectors.VERBREDEN_ONDER", 3)
    _drie_treden()
    lang = _anoniem_zoeken("jobcoaching", per_pagina=20).treffers
    alles = [t.item.slug for t in lang]
    assert [s.split("-")[0] for s in alles] == ["jobcoaching"] * 3 + ["samenvatting"] * 3 + [
        "tekst"
    ] * 3
    # Pages of 2: the first lies within the title tier, the later ones do not.
    per_pagina = []
    for nummer in range(1, 6):
        resultaat = _anoniem_zoeken("jobcoaching", per_pagina=2, pagina=nummer)
        assert resultaat.aantal == 9
        per_pagina += [(t.item.slug, t.score) for t in resultaat.treffers]
    assert per_pagina == [(t.item.slug, t.score) for t in lang]


def test_a_title_with_all_words_ranks_above_words_spread_over_title_and_summary():
    maak(Materiaal, "Magazijn", samenvatting="Met een jobcoach aan het werk")
    maak(Materiaal, "Iets anders", inhoud="Een jobcoach in het magazijn.")
    maak(Materiaal, "Jobcoach in het magazijn")
    slugs = [t.item.slug for t in _anoniem_zoeken("jobcoach magazijn").treffers]
    assert slugs == ["jobcoach-in-het-magazijn", "magazijn", "iets-anders"]


def test_an_excluded_word_is_never_found_on_any_page():
    for n in range(3):
        maak(Materiaal, f"Jobcoaching deel {n}")
    maak(Materiaal, "Jobcoaching in de zorg")
    for nummer in (1, 2):
        resultaat = _anoniem_zoeken("jobcoaching -zorg", per_pagina=2, pagina=nummer)
        assert resultaat.aantal == 3
        assert all("zorg" not in t.item.slug for t in resultaat.treffers)


def test_a_hyphen_inside_a_word_excludes_nothing(monkeypatch):
    # "mbo-certificaat" is one word to search for, so its title tier may be ranked alone.
    monkeypatch.setattr("kennisbank.selectors.VERBREDEN_ONDER", 3)
    for n in range(3):
        maak(Materiaal, f"Mbo-certificaat deel {n}")
    maak(Materiaal, "Iets anders", inhoud="Het mbo-certificaat als tussenstap.")
    lang = [t.item.slug for t in _anoniem_zoeken("mbo-certificaat", per_pagina=20).treffers]
    assert len(lang) == 4
    assert lang[-1] == "iets-anders"
    gepagineerd = []
    for nummer in (1, 2):
        resultaat = _anoniem_zoeken("mbo-certificaat", per_pagina=2, pagina=nummer)
        assert resultaat.aantal == 4
        gepagineerd += [t.item.slug for t in resultaat.treffers]
    assert gepagineerd == lang


@pytest.fixture
def niet_verbreden(monkeypatch):
    """Nine matches are enough: no widening with prefixes (normally below 20)."""
    monkeypatch.setattr("kennisbank.selectors.VERBREDEN_ONDER", 3)


@pytest.mark.parametrize("pagina", [1, 2, 3, 5])
def test_any_page_is_a_count_then_one_statement_with_its_fragments(
    django_assert_max_num_queries, niet_verbreden, pagina
):
    _drie_treden()
    with django_assert_max_num_queries(2):
        resultaat = _anoniem_zoeken("jobcoaching", per_pagina=2, pagina=pagina)
    assert resultaat.aantal == 9 and resultaat.treffers
    assert all("<mark>" in t.fragment for t in resultaat.treffers)


def test_a_rare_word_is_widened_with_prefixes_within_five_queries(django_assert_max_num_queries):
    maak(Praktijkvoorbeeld, "Naaister bij een confectiebedrijf")
    # counted, parsed, counted widened with prefixes, the page, the suggestion
    with django_assert_max_num_queries(5):
        resultaat = _anoniem_zoeken("confectie")
    assert [t.item.slug for t in resultaat.treffers] == ["naaister-bij-een-confectiebedrijf"]


def test_a_widened_query_ranks_exact_matches_first():
    maak(Materiaal, "Confectiebedrijf zoekt naaister")
    maak(Materiaal, "Werk in de confectie")
    slugs = [t.item.slug for t in _anoniem_zoeken("confectie").treffers]
    assert slugs == ["werk-in-de-confectie", "confectiebedrijf-zoekt-naaister"]


def test_search_with_facets_counts_them_and_the_matches_in_one_statement(
    django_assert_max_num_queries, niet_verbreden
):
    _drie_treden()
    from django.contrib.auth.models import AnonymousUser

    # the five facets with the count, the page, regions and sectors for the facet labels
    with django_assert_max_num_queries(4):
        resultaat = zoeken(gebruiker=AnonymousUser(), zoekterm="jobcoaching deel")
    assert resultaat.aantal == 6
    assert {f.naam: {o.waarde: o.aantal for o in f.opties} for f in resultaat.facetten}["type"] == {
        "materiaal": 6
    }


def test_a_chosen_facet_narrows_the_count_but_not_its_own_options(niet_verbreden):
    from django.contrib.auth.models import AnonymousUser

    _drie_treden()
    maak(Instrument, "Jobcoaching als instrument", regio="twente")
    resultaat = zoeken(
        gebruiker=AnonymousUser(), zoekterm="jobcoaching", filters={"type": ["instrument"]}
    )
    assert (resultaat.aantal, len(resultaat.treffers)) == (1, 1)
    opties = {f.naam: {o.waarde: o.aantal for o in f.opties} for f in resultaat.facetten}
    assert opties["type"] == {"instrument": 1, "materiaal": 9}
    assert opties["regio"] == {"twente": 1}


def test_a_word_only_in_the_title_is_marked_in_the_fragment(client):
    maak(
        Praktijkvoorbeeld,
        "Geïnspireerd door de praktijk",
        samenvatting="Een werkgever begon na een bezoek zelf met leerbanen.",
        inhoud="Hij zag hoe een collega het aanpakte.",
    )
    _, antwoord = _slugs(client, "geinspireerd")
    assert "<mark>Geïnspireerd</mark>" in antwoord["results"][0]["fragment"]


def test_a_stop_word_alone_finds_nothing_and_suggests_nothing(django_assert_max_num_queries):
    maak(Instrument, "Het leerwerkloket")
    with django_assert_max_num_queries(2):  # counted, parsed: nothing to search for
        resultaat = _anoniem_zoeken("het")
    assert (resultaat.aantal, resultaat.treffers, resultaat.suggestie) == (0, [], None)


def test_a_word_is_no_longer_suggested_once_no_public_item_holds_it():
    from kennisbank.services import kennisitem_opslaan

    item = maak(Instrument, "Leerwerkakkoord")
    assert _anoniem_zoeken("leerwerkakord").suggestie == "leerwerkakkoord"
    item.publiek = False
    kennisitem_opslaan(item=item)
    assert _anoniem_zoeken("leerwerkakord").suggestie is None


def test_publishing_items_adds_their_words_to_the_suggestions(django_capture_on_commit_callbacks):
    from kennisbank.services import kennisitems_publiceren

    maak(Instrument, "Scholingsvoucher", concept=True)
    assert _anoniem_zoeken("scholingsvouher").suggestie is None
    with django_capture_on_commit_callbacks(execute=True):
        kennisitems_publiceren(items=Instrument.objects.all())
    assert _anoniem_zoeken("scholingsvouher").suggestie == "scholingsvoucher"


def test_a_page_beyond_the_last_shows_the_last(client):
    _drie_treden()
    resultaat = _anoniem_zoeken("jobcoaching", per_pagina=4, pagina="7")
    assert resultaat.pagina.number == 3
    assert len(resultaat.treffers) == 1
    assert _anoniem_zoeken("jobcoaching", per_pagina=4, pagina="-1").pagina.number == 3


def test_a_fragment_is_plain_text_without_markdown_or_html(client):
    maak(
        Instrument,
        "Regeling <BBL> & proefplaatsing",
        inhoud=(
            "## Over de proefplaatsing\n\n"
            "Een **proefplaatsing** met [een link](https://example.org) en *nadruk*:\n\n"
            "- eerste proefplaatsing\n- tweede `proefplaatsing`\n"
        ),
    )
    _, antwoord = _slugs(client, "proefplaatsing")
    fragment = antwoord["results"][0]["fragment"]
    # The title's own text survives, escaped once.
    assert "Regeling &lt;BBL&gt; &amp; <mark>proefplaatsing</mark>" in fragment
    assert "een link en nadruk" in fragment
    for spoor in ("**", "##", "[", "](", "`", "example.org", "<a", "<li", "<strong", "&amp;lt;"):
        assert spoor not in fragment
    assert "\n" not in fragment and "  " not in fragment


def test_search_page_links_keep_the_query_and_filters(client, monkeypatch):
    from kennisbank import public

    # Pages of one result, so three results make three pages.
    monkeypatch.setattr(public, "zoeken", partial(public.zoeken, per_pagina=1))
    for nummer in range(3):
        maak(Instrument, f"Jobcoaching {nummer}")
    response = client.get("/zoeken/", {"q": "jobcoaching", "type": "instrument", "page": 2})
    html = response.content.decode()
    assert response.context["pagina"].number == 2
    assert 'href="?q=jobcoaching&amp;type=instrument&amp;page=1"' in html
    assert 'href="?q=jobcoaching&amp;type=instrument&amp;page=3"' in html
    assert 'aria-current="page"><span class="visually-hidden">Pagina </span>2<' in html
