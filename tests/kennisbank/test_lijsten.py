import datetime
import re

import pytest

from kennisbank.models import Instrument, Materiaal, Praktijkvoorbeeld
from tests.kennisbank.helpers import maak

pytestmark = pytest.mark.django_db


def test_filters_and_facet_counts(client):
    maak(
        Praktijkvoorbeeld,
        "Handel Twente",
        sectoren=["handel"],
        regio="twente",
        doelgroepen=["bijstand"],
    )
    maak(Praktijkvoorbeeld, "Handel landelijk", sectoren=["handel"], doelgroepen=["ww"])
    maak(Praktijkvoorbeeld, "Zorg Twente", sectoren=["zorg-welzijn-en-sport"], regio="twente")
    response = client.get("/kennisbank/praktijkvoorbeelden/", {"sector": "handel"})
    assert response.status_code == 200
    titels = [i.titel for i in response.context["pagina"].object_list]
    assert sorted(titels) == ["Handel Twente", "Handel landelijk"]
    facetten = {
        f.naam: {o.waarde: o.aantal for o in f.opties} for f in response.context["facetten"]
    }
    # A facet counts with the other filters applied, not its own: options can be combined.
    assert facetten["sector"] == {"handel": 2, "zorg-welzijn-en-sport": 1}
    assert facetten["regio"] == {"landelijk": 1, "twente": 1}
    assert facetten["doelgroep"] == {"bijstand": 1, "ww": 1}

    landelijk = client.get("/kennisbank/praktijkvoorbeelden/", {"regio": "landelijk"})
    assert [i.titel for i in landelijk.context["pagina"].object_list] == ["Handel landelijk"]
    twee = client.get(
        "/kennisbank/praktijkvoorbeelden/?sector=handel&sector=Zorg, welzijn en sport"
    )
    assert twee.context["pagina"].paginator.count == 3


def test_material_filters_on_audience_and_kind(client):
    maak(Materiaal, "Voor werkgevers", publiek_voor=["werkgever"], soort="brochure")
    maak(Materiaal, "Voor kandidaten", publiek_voor=["kandidaat"], soort="video")
    response = client.get("/api/v1/materialen", {"publiek_voor": "werkgever"})
    assert [r["slug"] for r in response.json()["results"]] == ["voor-werkgevers"]
    response = client.get("/kennisbank/materialen/", {"soort": "VIDEO"})
    assert [i.titel for i in response.context["pagina"].object_list] == ["Voor kandidaten"]


def test_ended_instruments_come_after_current_ones_and_are_marked(client):
    maak(Instrument, "A beëindigde regeling", beeindigd=True)
    maak(Instrument, "B lopende regeling")
    maak(
        Instrument,
        "C regeling tot volgend jaar",
        geldig_tot=datetime.date.today() + datetime.timedelta(days=300),
    )
    response = client.get("/kennisbank/instrumenten/")
    titels = [i.titel for i in response.context["pagina"].object_list]
    assert titels == ["B lopende regeling", "C regeling tot volgend jaar", "A beëindigde regeling"]
    assert "Beëindigd per" in response.content.decode()
    beeindigd = client.get("/kennisbank/instrumenten/", {"geldigheid": "beeindigd"})
    assert [i.titel for i in beeindigd.context["pagina"].object_list] == ["A beëindigde regeling"]
    detail = client.get("/kennisbank/instrumenten/a-beeindigde-regeling/").content.decode()
    assert "Beëindigd per" in detail


def test_instrument_detail_shows_numbered_steps_and_examples(client, demo):
    response = client.get("/kennisbank/instrumenten/praktijkverklaring/")
    tekst = response.content.decode()
    assert '<ol class="stappen">' in tekst
    assert tekst.index("Verkennen") < tekst.index("Leerbedrijf zoeken")
    assert "Praktijkvoorbeelden met dit instrument" in tekst
    assert "/kennisbank/praktijkvoorbeelden/confectie-enschede-praktijkverklaring/" in tekst


def test_praktijkvoorbeeld_links_to_its_instruments_and_related_items(client, demo):
    tekst = client.get(
        "/kennisbank/praktijkvoorbeelden/confectie-enschede-praktijkverklaring/"
    ).content.decode()
    assert "/kennisbank/instrumenten/praktijkverklaring/" in tekst
    assert "Verwant in de kennisbank" in tekst


def test_sorting_and_pagination_make_shareable_urls(client, demo):
    response = client.get("/kennisbank/materialen/", {"sortering": "titel", "page": 2})
    assert response.status_code == 200
    assert response.context["pagina"].number == 2
    assert "sortering=titel&amp;page=1" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "page=-1",
        "page=abc",
        "page=0",
        "sector=onbekend",
        "regio=atlantis",
        "doelgroep=%00",
        "sortering=willekeurig",
        "geldigheid=misschien",
        "instrument=%00%01",
        "instrument=" + "x" * 5000,
    ],
)
@pytest.mark.parametrize("lijst", ["instrumenten", "praktijkvoorbeelden", "materialen"])
def test_bad_list_input_never_fails(client, lijst, query):
    response = client.get(f"/kennisbank/{lijst}/?{query}")
    assert response.status_code in (200, 400)
    api = client.get(f"/api/v1/{lijst}?{query}")
    assert api.status_code in (200, 400)


def test_unknown_filter_value_is_explained(client):
    response = client.get("/kennisbank/instrumenten/", {"sector": "ruimtevaart"})
    assert response.status_code == 400
    assert "Sector: onbekende of ongeldige waarde" in response.content.decode()
    api = client.get("/api/v1/instrumenten", {"sector": "ruimtevaart"})
    assert api.status_code == 400
    assert "Sector" in api.json()["fout"]


def test_api_lists_use_the_exchange_fields(client, demo):
    antwoord = client.get("/api/v1/instrumenten", {"regio": "landelijk"}).json()
    assert antwoord["count"] > 20 and antwoord["pages"] >= 2
    eerste = antwoord["results"][0]
    assert {"type", "slug", "titel", "sectoren", "stappen", "geldig_tot", "url"} <= set(eerste)
    assert client.get("/api/v1/instrumenten", {"page": 999}).status_code == 404


@pytest.mark.parametrize("lijst", ["instrumenten", "praktijkvoorbeelden", "materialen"])
def test_list_query_count_does_not_grow_with_length(client, django_assert_max_num_queries, lijst):
    model = {
        "instrumenten": Instrument,
        "praktijkvoorbeelden": Praktijkvoorbeeld,
        "materialen": Materiaal,
    }[lijst]

    maak(model, "Eerste", sectoren=["handel"], regio="twente")
    with django_assert_max_num_queries(10) as een:
        assert client.get(f"/kennisbank/{lijst}/").status_code == 200
    for n in range(15):
        maak(model, f"Item {n}", sectoren=["handel", "zorg-welzijn-en-sport"], regio="twente")
    with django_assert_max_num_queries(len(een.captured_queries)):
        response = client.get(f"/kennisbank/{lijst}/")
    assert response.context["pagina"].paginator.count == 16


def test_markdown_is_rendered_and_sanitised(client):
    item = maak(
        Instrument,
        "Veilig",
        inhoud="# Kop\n\n**vet** <script>alert(1)</script> <img src=x onerror=alert(1)> "
        "[klik](javascript:alert(1)) [goed](https://example.org)",
    )
    assert "<h2>Kop</h2>" in item.inhoud_html
    assert "<strong>vet</strong>" in item.inhoud_html
    for gevaarlijk in ("<script", "onerror", "javascript:", "<img", "<h1"):
        assert gevaarlijk not in item.inhoud_html
    assert 'href="https://example.org"' in item.inhoud_html
    assert "<strong>vet</strong>" in client.get(item.get_absolute_url()).content.decode()


def test_geldigheid_can_be_cleared_and_shows_all_its_choices(client):
    maak(Instrument, "Lopende regeling")
    response = client.get("/kennisbank/instrumenten/")
    tekst = response.content.decode()
    # No ended scheme yet, but the choice stays in view (with 0), next to "Alle".
    assert 'id="f-geldigheid-alle" checked' in tekst
    assert 'id="f-geldigheid-beeindigd"' in tekst
    geldigheid = next(f for f in response.context["facetten"] if f.naam == "geldigheid")
    assert {o.waarde: o.aantal for o in geldigheid.opties} == {"actueel": 1, "beeindigd": 0}
    gekozen = client.get("/kennisbank/instrumenten/", {"geldigheid": "beeindigd"})
    tekst = gekozen.content.decode()
    assert 'id="f-geldigheid-alle" checked' not in tekst
    assert 'id="f-geldigheid-beeindigd" checked' in tekst
    # Choosing "Alle" submits an empty value: the list is whole again, without an error.
    alle = client.get("/kennisbank/instrumenten/", {"geldigheid": ""})
    assert alle.status_code == 200
    assert alle.context["pagina"].paginator.count == 1


def test_array_facets_count_each_item_once_per_value(client):
    maak(Praktijkvoorbeeld, "Een", doelgroepen=["bijstand", "ww"])
    maak(Praktijkvoorbeeld, "Twee", doelgroepen=["bijstand", "ww"])
    maak(Praktijkvoorbeeld, "Drie", doelgroepen=["bijstand", "bijstand"])
    maak(Praktijkvoorbeeld, "Vier")
    response = client.get("/kennisbank/praktijkvoorbeelden/")
    facetten = {
        f.naam: {o.waarde: o.aantal for o in f.opties} for f in response.context["facetten"]
    }
    assert facetten["doelgroep"] == {"bijstand": 3, "ww": 2}
    assert facetten["regio"] == {"landelijk": 4}


def test_many_pages_are_elided_and_links_keep_the_filters(client, monkeypatch):
    from kennisbank import selectors

    # Pages of one item, so twenty items make twenty pages.
    monkeypatch.setattr(selectors, "PER_PAGINA", 1)
    for nummer in range(20):
        maak(Materiaal, f"Brochure {nummer:02}", doelgroepen=["ww"])
    response = client.get(
        "/kennisbank/materialen/", {"doelgroep": "ww", "sortering": "titel", "page": 10}
    )
    assert response.status_code == 200
    html = response.content.decode()
    # Django's elided range: two pages at each end, three on each side of the current.
    gelinkt = {int(n) for n in re.findall(r"page=(\d+)\"", html)}
    assert gelinkt == {1, 2, 7, 8, 9, 11, 12, 13, 19, 20}
    # Each gap once, as text for screen readers and not as a link.
    assert html.count("pagina's overgeslagen") == 2
    assert 'href="?doelgroep=ww&amp;sortering=titel&amp;page=9"' in html
    assert 'href="?doelgroep=ww&amp;sortering=titel&amp;page=20"' in html
    assert "page=5" not in html
    assert 'aria-current="page"><span class="visually-hidden">Pagina </span>10<' in html
