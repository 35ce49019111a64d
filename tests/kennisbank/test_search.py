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
    maak(Instrument, "Geheimzinnigheidsregeling", publiek=False)
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
